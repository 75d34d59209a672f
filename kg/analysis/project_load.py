"""Reading the store into the indexed structures a projection holds: the claim graph, the
co-authorship and citation matrices. Split from :mod:`kg.analysis.project`, which assembles them
with the article–concept matrices, so each module stays about one thing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx
import numpy as np
import scipy.sparse as sp

from kg.analysis.people import person_key
from kg.analysis.rows import stream_rows
from kg.store.base import Store

__all__ = ["ClaimEdge", "Interner", "load_authors", "load_cites", "load_claims", "slug"]


def slug(iri: str) -> str:
    """Last segment of an IRI: ``…/relation/acts-through`` → ``acts-through``."""
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


@dataclass(frozen=True, slots=True)
class ClaimEdge:
    """One claim as an edge of the claim graph, with the evidence that survived filtering."""

    claim: str
    subject: str
    relation: str  # slug: treats, acts-through, implicated-in …
    object: str
    direction: str  # slug: supports, refutes, no-difference
    label: str
    level: int | None  # best (lowest) OCEBM level among the kept evidence
    articles: frozenset[str]
    retracted_articles: frozenset[str] = frozenset()


class Interner:
    """IRI ↔ dense index, so sparse matrices can be keyed by IRI."""

    def __init__(self) -> None:
        self.items: list[str] = []
        self.index: dict[str, int] = {}

    def add(self, iri: str) -> int:
        i = self.index.get(iri)
        if i is None:
            i = self.index[iri] = len(self.items)
            self.items.append(iri)
        return i


def load_claims(store: Store, articles: Interner, retracted: np.ndarray, concepts: Interner
                 ) -> tuple[nx.MultiDiGraph, list[str], sp.csr_array, int]:
    cores: dict[str, tuple[str, str, str, str, str]] = {}
    for claim, s, rel, o, direction, label in stream_rows(store, "analysis-claims"):
        cores.setdefault(str(claim), (str(s), slug(str(rel)), str(o), slug(str(direction)),
                                      str(label or "")))
    evidence: dict[str, dict[str, tuple[int | None, bool]]] = {}
    for claim, art, level in stream_rows(store, "analysis-evidence"):
        i = articles.index.get(str(art))
        if i is None or str(claim) not in cores:  # published on or after the slicing year
            continue
        per_claim = evidence.setdefault(str(claim), {})
        best, gone = per_claim.get(str(art), (None, False))
        if isinstance(level, int):
            best = level if best is None else min(best, level)
        per_claim[str(art)] = (best, gone or bool(retracted[i]))
    return _claim_graph(cores, evidence, articles, concepts)


def _claim_graph(cores: dict[str, tuple[str, str, str, str, str]],
                 evidence: dict[str, dict[str, tuple[int | None, bool]]],
                 articles: Interner, concepts: Interner
                 ) -> tuple[nx.MultiDiGraph, list[str], sp.csr_array, int]:
    """Claims with at least one non-retracted source, as edges (retracted-only ones dropped)."""
    g, claim_ids, rows, cols, dropped = nx.MultiDiGraph(), [], [], [], 0
    for claim in sorted(evidence):
        s, rel, o, direction, label = cores[claim]
        kept = [(a, lv) for a, (lv, gone) in evidence[claim].items() if not gone]
        if not kept:
            dropped += 1
            continue
        levels = [lv for _, lv in kept if lv is not None]
        edge = ClaimEdge(claim, s, rel, o, direction, label, min(levels) if levels else None,
                         frozenset(a for a, _ in kept),
                         frozenset(a for a, (_, gone) in evidence[claim].items() if gone))
        concepts.add(s)
        concepts.add(o)
        g.add_edge(s, o, key=claim, edge=edge, relation=rel, direction=direction)
        for a in edge.articles:
            rows.append(articles.index[a])
            cols.append(len(claim_ids))
        claim_ids.append(claim)
    support = sp.csr_array((np.ones(len(rows)), (rows, cols)),
                           shape=(len(articles.items), len(claim_ids)))
    return g, claim_ids, support, dropped


def load_authors(store: Store, article_index: dict[str, int]
                  ) -> tuple[list[str], list[str], sp.csr_array]:
    people, names, pairs = Interner(), [], set()
    for article, family, initials, name in stream_rows(store, "analysis-authors"):
        i = article_index.get(str(article))
        found = person_key(_str(family), None, _str(initials), _str(name))
        if i is None or found is None:
            continue
        key, display = found
        j = people.add(key)
        if j == len(names):
            names.append(display)
        pairs.add((i, j))
    return people.items, names, _binary(pairs, (len(article_index), len(people.items)))


def load_cites(store: Store, article_index: dict[str, int]) -> sp.csr_array:
    pairs = set()
    for citing, cited in stream_rows(store, "analysis-cites"):
        i, j = article_index.get(str(citing)), article_index.get(str(cited))
        if i is not None and j is not None and i != j:
            pairs.add((i, j))
    n = len(article_index)
    return _binary(pairs, (n, n))


def _binary(pairs: Iterable[tuple[int, int]], shape: tuple[int, int]) -> sp.csr_array:
    pairs = list(pairs)
    rows = [i for i, _ in pairs]
    cols = [j for _, j in pairs]
    return sp.csr_array((np.ones(len(pairs)), (rows, cols)), shape=shape)


def _str(value: object) -> str | None:
    return value if isinstance(value, str) and value else None
