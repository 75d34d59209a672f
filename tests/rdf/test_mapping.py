from __future__ import annotations

from rdflib import Literal, URIRef

from kg.rdf.evidence import claim_iri_of
from kg.rdf.mapping import BuildContext, graph_iri_for, map_record, standings_of
from kg.rdf.namespaces import DCTERMS, EKG, RDF, SDO, XSD
from tests.factories import make_extraction, make_record

CTX = BuildContext("0.1.0", "fp", "2026-01-01T00:00:00+00:00")


def _objects(triples, s, p):
    return {o for (ts, tp, o) in triples if ts == s and tp == p}


def test_article_core_fields():
    m = map_record(make_record(), make_extraction(), CTX)
    a = URIRef("https://doi.org/10.1000/example.1")
    assert m.article == a
    t = m.triples
    assert _objects(t, a, RDF.type) >= {EKG.Article}
    assert _objects(t, a, DCTERMS.title) == {Literal("Ketamine for a test case")}
    assert _objects(t, a, DCTERMS.issued) == {Literal("2020", datatype=XSD.gYear)}
    assert _objects(t, a, SDO.pageStart) == {Literal("95")}


def test_authors_in_order_with_collective():
    m = map_record(make_record(), make_extraction(), CTX)
    slots = _objects(m.triples, m.article, EKG.hasAuthorship)
    positions = sorted(int(next(iter(_objects(m.triples, s, EKG.position)))) for s in slots)
    assert positions == [1, 2, 3]
    agents = {o for (s, p, o) in m.triples if p == EKG.agent}
    types = {o for ag in agents for o in _objects(m.triples, ag, RDF.type)}
    assert EKG.CollectiveAuthor in types and EKG.Person in types


def test_mapping_is_deterministic():
    a = map_record(make_record(), make_extraction(), CTX)
    b = map_record(make_record(), make_extraction(), CTX)
    assert a.triples == b.triples and a.graph == b.graph


def test_same_claim_from_two_records_shares_iri_but_not_evidence():
    ex = make_extraction()
    m1 = map_record(make_record("10.1000/a", path="a.txt"), ex, CTX)
    m2 = map_record(make_record("10.1000/b", path="b.txt"), ex, CTX)
    claim = claim_iri_of(ex.claims[0])
    ev1 = _objects(m1.triples, claim, EKG.hasEvidence)
    ev2 = _objects(m2.triples, claim, EKG.hasEvidence)
    assert ev1 and ev2 and ev1.isdisjoint(ev2)


def test_graph_key_stable_across_edits_and_distinct_per_file():
    r1 = make_record(sha="1" * 64)
    r2 = make_record(sha="2" * 64, title="Edited title")
    assert graph_iri_for(r1) == graph_iri_for(r2)
    assert graph_iri_for(make_record(path="other.txt")) != graph_iri_for(r1)


def test_retraction_recorded_on_article_and_evidence():
    r = make_record(retracted=True)
    assert standings_of(r) == ("retracted",)
    m = map_record(r, make_extraction(), CTX)
    retracted = URIRef("https://w3id.org/evidence-kg/id/standing/retracted")
    assert (m.article, EKG.standing, retracted) in m.triples
    assert any(p == EKG.sourceStanding and o == retracted for (_, p, o) in m.triples)


def test_no_identifier_article_gets_hash_iri():
    m = map_record(make_record(None), make_extraction(), CTX)
    assert str(m.article).startswith("https://w3id.org/evidence-kg/id/article/")
