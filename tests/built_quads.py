"""The quads of a built store, comparable across builds made at different times.

A build stamps each record graph with ``prov:generatedAtTime`` (the clock, once per build) and
the VoID description takes its ``dcterms:modified`` from the newest of them; everything else a
build writes is a function of the records. Those two objects are replaced by a placeholder, so
two builds of the same records compare equal and any other difference shows.
"""

from __future__ import annotations

from pathlib import Path

from kg.store.open import open_store

__all__ = ["TIMESTAMP", "comparable_quads"]

TIMESTAMP = "(build time)"
_STAMPS = frozenset({"http://www.w3.org/ns/prov#generatedAtTime",
                     "http://purl.org/dc/terms/modified"})


def comparable_quads(store: Path) -> set[tuple[str, str, str, str]]:
    """Every quad of the on-disk store at ``store`` as N-Triples-like strings, build times
    replaced."""
    st = open_store(store, read_only=True)
    try:
        return {(s.n3(), p.n3(), TIMESTAMP if str(p) in _STAMPS else o.n3(), g.n3())
                for s, p, o, g in st.quads()}
    finally:
        st.close()
