"""A small intent log that makes a bulk-loaded graph appear whole or not at all.

New record graphs go through Oxigraph's bulk loader (about three times faster than a
transaction), which gives no atomicity: a process killed mid-load leaves part of a graph. The
writer therefore notes the graphs it is about to load, with the marker predicate each one gets
last, in a file beside the store (written atomically before the load, removed once the markers
are in). Whoever opens the store next while nobody writes it finds the note and drops every
listed graph whose marker is missing, so no reader, snapshot or export ever sees half a record
and the next build writes it again from scratch — the same recovery a journal gives.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from kg.errors import StoreError

__all__ = ["PENDING", "clear_pending", "note_pending", "recover_pending"]

PENDING = ".ekg-pending-graphs"
"""File inside the store folder (RocksDB ignores files it does not know)."""


def note_pending(store: Path, graphs: Iterable[tuple[str, str]]) -> None:
    """Record ``(graph IRI, marker predicate IRI)`` pairs before they are bulk-loaded; the
    note is on disk (fsync, atomic rename) before the first quad is."""
    text = "".join(f"{g}\t{p}\n" for g, p in graphs)
    tmp = store / f"{PENDING}.tmp"
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, store / PENDING)


def clear_pending(store: Path) -> None:
    """The markers are in: the load is complete."""
    (store / PENDING).unlink(missing_ok=True)


def _pending(store: Path) -> list[tuple[str, str]]:
    lines = (store / PENDING).read_text(encoding="utf-8").splitlines()
    return [(g, p) for g, _, p in (line.partition("\t") for line in lines) if g and p]


def recover_pending(store: Path) -> int:
    """Drop the graphs an interrupted bulk load left without their marker; returns how many.

    Call only while no process writes the store. Raises :class:`StoreError` when the store
    needs recovery but cannot be opened for writing (a read-only place)."""
    if not (store / PENDING).is_file():
        return 0
    try:
        db = ox.Store(str(store))
    except OSError as exc:
        raise StoreError(f"store at {store} holds an interrupted write and cannot be opened "
                         f"to undo it ({exc}); open it once where it is writable") from exc
    dropped = 0
    for graph, predicate in _pending(store):
        g = ox.NamedNode(graph)
        if next(db.quads_for_pattern(g, ox.NamedNode(predicate), None, g), None) is None:
            db.remove_graph(g)
            dropped += 1
    db.flush()
    del db
    clear_pending(store)
    return dropped
