"""Concept matches (SKOS exact and close matches) that analysis may cross as bridges.

A curated concept and the MeSH descriptors it corresponds to are different nodes, so a claim
about "NMDA-receptor antagonism" and one about "Receptors, N-Methyl-D-Aspartate" never meet in
the claim graph. The matches are read from the store (when the vocabulary was loaded into it)
and from the project's own vocabulary overlay (``ontology/vocab/*.ttl``, trusted files of the
repository), and paths may cross them as bridges that carry no evidence of their own.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from rdflib import Graph

from kg.analysis.rows import stream_rows
from kg.rdf.namespaces import SKOS
from kg.store.base import Store

__all__ = ["MATCH_KINDS", "load_matches", "overlay_matches"]

MATCH_KINDS = {str(SKOS.exactMatch): "exact-match", str(SKOS.closeMatch): "close-match"}


def load_matches(store: Store, overlay: Path | None = None) -> set[tuple[str, str, str]]:
    """``(concept, match, kind)`` from the store and the overlay, one direction each."""
    found = {(str(c), str(m), MATCH_KINDS[str(p)])
             for c, p, m in stream_rows(store, "analysis-matches") if str(p) in MATCH_KINDS}
    folder = overlay if overlay is not None else _default_overlay()
    if folder is not None and folder.is_dir():
        files = tuple(sorted((str(f), f.stat().st_mtime) for f in folder.glob("*.ttl")))
        found |= overlay_matches(files)
    return found


def _default_overlay() -> Path | None:
    try:
        from kg.resources import vocab_dir

        return vocab_dir()
    except Exception:  # an installed package without its ontology folder: store matches only
        return None


@lru_cache(maxsize=4)
def overlay_matches(files: tuple[tuple[str, float], ...]) -> frozenset[tuple[str, str, str]]:
    """Matches stated in the overlay files (keyed by path and mtime, so edits are seen)."""
    graph = Graph()
    for path, _mtime in files:
        graph.parse(path, format="turtle")
    return frozenset((str(s), str(o), MATCH_KINDS[str(p)])
                     for p in (SKOS.exactMatch, SKOS.closeMatch)
                     for s, o in graph.subject_objects(p))
