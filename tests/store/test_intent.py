"""The store's intent log: an interrupted bulk load is undone whole by the next opening."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from rdflib import Literal, URIRef

from kg.store.base import GraphWrite
from kg.store.intent import PENDING, clear_pending, note_pending, recover_pending
from kg.store.open import open_store
from kg.store.oxigraph import OxigraphStore

MARK = "https://w3id.org/evidence-kg/ontology#recordSha256"


def _quads(store: Path, graph: str) -> int:
    db = ox.Store.read_only(str(store))
    return len(list(db.quads_for_pattern(None, None, None, ox.NamedNode(graph))))


def _load_body(store: Path, graph: str, marked: bool) -> None:
    """What a writer killed after the bulk load (``marked=False``) or after the markers left."""
    db = ox.Store(str(store))
    g = ox.NamedNode(graph)
    db.bulk_extend([ox.Quad(ox.NamedNode("urn:example:s"), ox.NamedNode("urn:example:p"),
                            ox.Literal(str(i)), g) for i in range(5)])
    if marked:
        db.extend([ox.Quad(g, ox.NamedNode(MARK), ox.Literal("0" * 64), g)])
    db.flush()


def test_unmarked_graphs_in_the_note_are_dropped_and_marked_ones_kept(tmp_path):
    store = tmp_path / "s"
    store.mkdir()
    note_pending(store, [("urn:example:half", MARK), ("urn:example:whole", MARK)])
    _load_body(store, "urn:example:half", marked=False)
    _load_body(store, "urn:example:whole", marked=True)
    assert recover_pending(store) == 1
    assert _quads(store, "urn:example:half") == 0
    assert _quads(store, "urn:example:whole") == 6
    assert not (store / PENDING).exists()


def test_graphs_not_in_the_note_are_left_alone(tmp_path):
    store = tmp_path / "s"
    store.mkdir()
    _load_body(store, "urn:example:other", marked=False)
    note_pending(store, [("urn:example:listed", MARK)])
    recover_pending(store)
    assert _quads(store, "urn:example:other") == 5


def test_no_note_means_nothing_to_do(tmp_path):
    store = tmp_path / "s"
    store.mkdir()
    assert recover_pending(store) == 0
    clear_pending(store)  # absent: no error


def test_a_completed_write_leaves_no_note(tmp_path):
    store = OxigraphStore(tmp_path / "s")
    g = URIRef("urn:example:g")
    store.put_graphs([GraphWrite(g, ((URIRef("urn:example:s"), URIRef("urn:example:p"),
                                      Literal(1)),),
                                 marker=((g, URIRef(MARK), Literal("0" * 64)),))])
    assert not (tmp_path / "s" / PENDING).exists()
    assert store.count(g) == 2


def test_opening_the_store_recovers_it(tmp_path):
    store = tmp_path / "s"
    store.mkdir()
    note_pending(store, [("urn:example:half", MARK)])
    _load_body(store, "urn:example:half", marked=False)
    opened = open_store(store, read_only=True)
    assert opened.count(URIRef("urn:example:half")) == 0
