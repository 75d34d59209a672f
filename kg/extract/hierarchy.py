"""The MeSH tree hierarchy as claim rules need it: is one concept broader than another?

When an abstract names both "heart diseases" and "ventricular fibrillation", the adverse claim is
about the specific one; the tree numbers say which is which (``C14.280`` is an ancestor of
``C14.280.067.845``). The compiled matcher keeps only what recognition needs, so the tree
numbers are read here, once per process, from the same MeSH source the vocabulary uses
(``kg.vocab.locate``). Without MeSH the hierarchy is simply unknown and nothing is filtered.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from kg.extract.model import Claim
from kg.rdf.namespaces import MESH

__all__ = ["Broader", "broader_from_trees", "default_broader", "load_trees", "most_specific"]

Broader = Callable[[str, str], bool]

_LOCK = threading.Lock()
_DEFAULT: list[Broader | None] = []


def load_trees(source: Path | None = None) -> dict[str, tuple[str, ...]]:
    """Tree numbers by concept IRI from a MeSH file or folder (default: the located one)."""
    from kg.vocab.locate import find_mesh_source
    from kg.vocab.trees import load_tree_numbers

    path = source or find_mesh_source()
    if path is None:
        return {}
    return {f"{MESH}{ui}": trees for ui, trees in load_tree_numbers(path).items()}


def broader_from_trees(trees: Mapping[str, tuple[str, ...]]) -> Broader:
    """``broader(a, b)``: True when a tree number of ``a`` is an ancestor of one of ``b``."""
    def broader(a: str, b: str) -> bool:
        return any(tb.startswith(ta + ".") for ta in trees.get(a, ()) for tb in trees.get(b, ()))
    return broader


def default_broader() -> Broader | None:
    """The process-wide hierarchy, loaded on first use; None when no MeSH source is found."""
    if not _DEFAULT:
        with _LOCK:
            if not _DEFAULT:
                trees = load_trees()
                _DEFAULT.append(broader_from_trees(trees) if trees else None)
    return _DEFAULT[0]


def most_specific(claims: Iterable[Claim], broader: Broader | None) -> list[Claim]:
    """The claims without those a sentence also states about a narrower object: "Marfan
    syndrome, an inherited disorder, is due to mutations in FBN1" says the gene causes Marfan
    syndrome, not every inherited disease (the same subject, relation and sentence)."""
    claims = list(claims)
    if broader is None:
        return claims
    objects: dict[tuple[object, ...], set[str]] = {}
    for claim in claims:
        objects.setdefault(_said_where(claim), set()).add(claim.object)
    return [c for c in claims if not any(
        other != c.object and broader(c.object, other) for other in objects[_said_where(c)])]


def _said_where(claim: Claim) -> tuple[object, ...]:
    """Subject, relation and the sentence a claim (one evidence, before merging) quotes."""
    where = tuple((e.section, e.start) for e in claim.evidence)
    return claim.subject, claim.relation, where
