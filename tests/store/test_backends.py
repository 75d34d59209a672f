"""One behavioural suite run against every store backend (the same contract for each)."""

from __future__ import annotations

from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from kg.store.base import GraphWrite
from kg.store.oxigraph import OxigraphStore

EX = "http://example.org/"
G1, G2 = URIRef(EX + "g1"), URIRef(EX + "g2")
P = URIRef(EX + "p")


def _t(s: str, o: object) -> tuple:
    return (URIRef(EX + s), P, o if isinstance(o, URIRef | Literal) else Literal(o))




def test_put_and_read_back(store):
    store.put_graphs([GraphWrite(G1, (_t("a", "1"), _t("b", "two")))])
    assert store.named_graphs() == [G1]
    assert set(store.graph_triples(G1)) == {_t("a", "1"), _t("b", "two")}
    assert store.count(G1) == 2


def test_put_replaces_whole_graph(store):
    store.put_graphs([GraphWrite(G1, (_t("a", "1"), _t("b", "2"))),
                      GraphWrite(G2, (_t("c", "3"),))])
    store.put_graphs([GraphWrite(G1, (_t("a", "new"),))])
    assert set(store.graph_triples(G1)) == {_t("a", "new")}
    assert set(store.graph_triples(G2)) == {_t("c", "3")}


def test_hostile_literal_survives_replace(store):
    hostile = 'quote " brace } newline \n tab \t backslash \\ NUL-free \u202e emoji 🧪'
    store.put_graphs([GraphWrite(G1, (_t("a", "x"),))])
    store.put_graphs([GraphWrite(G1, (_t("a", hostile),))])
    assert set(store.graph_triples(G1)) == {_t("a", hostile)}


def test_query_binds_values_as_terms(store):
    store.put_graphs([GraphWrite(G1, (_t("a", "1"), _t("b", "2")))])
    q = "SELECT ?s ?v WHERE { ?s <http://example.org/p> ?v }"  # bound variables are projected
    res = store.query(q, {"v": Literal("2")})
    assert [r[0] for r in res.rows] == [URIRef(EX + "b")]
    injected = store.query(q, {"v": Literal('2" } UNION { ?s ?p ?o')})
    assert injected.rows == []


def test_typed_literals_round_trip(store):
    year = Literal("2020", datatype=XSD.gYear)
    store.put_graphs([GraphWrite(G1, (_t("a", year),))])
    res = store.query("SELECT ?o WHERE { ?s ?p ?o }")
    assert res.rows[0][0] == year


def test_drop_graph(store):
    store.put_graphs([GraphWrite(G1, (_t("a", "1"),)), GraphWrite(G2, (_t("b", "1"),))])
    store.drop_graph(G1)
    assert store.named_graphs() == [G2]


def test_ask_and_construct(store):
    store.put_graphs([GraphWrite(G1, (_t("a", "1"),))])
    assert store.query("ASK { ?s ?p ?o }").boolean is True
    res = store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
    assert res.triples == [_t("a", "1")]


def test_disk_store_persists(tmp_path):
    s = OxigraphStore(tmp_path / "st")
    s.put_graphs([GraphWrite(G1, (_t("a", "1"),))])
    s.close()
    again = OxigraphStore(tmp_path / "st", read_only=True)
    assert again.count() == 1


def test_add_mode_extends_without_duplicates(store):
    store.put_graphs([GraphWrite(G1, (_t("a", "1"),), add=True)])
    store.put_graphs([GraphWrite(G1, (_t("a", "1"), _t("b", "2")), add=True)])
    assert set(store.graph_triples(G1)) == {_t("a", "1"), _t("b", "2")}
    assert store.count(G1) == 2


def test_read_only_store_closes_cleanly(tmp_path):
    s = OxigraphStore(tmp_path / "ro")
    s.put_graphs([GraphWrite(G1, (_t("a", "1"),))])
    s.close()
    ro = OxigraphStore(tmp_path / "ro", read_only=True)
    assert ro.count(G1) == 1
    ro.close()
