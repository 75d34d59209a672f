from __future__ import annotations

from dataclasses import replace

import pytest
from rdflib import Literal, URIRef

from kg.extract.model import Certainty, Mention
from kg.rdf.evidence import claim_iri_of
from kg.rdf.graphs import MESH_ACTIONS_GRAPH, MESH_SOURCE
from kg.rdf.mapping import BuildContext, graph_iri_for, map_record, standings_of
from kg.rdf.namespaces import DCTERMS, EKG, EKGR, PROV, RDF, SDO, XSD
from kg.validate import validate_triples
from tests.factories import KETAMINE, MESH, RCT, make_extraction, make_record

R = str(EKGR)
NMDA_ANTAGONISTS = MESH + "D018691"

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


# --- the evidence model: kinds, roles, certainty, durations, vocabulary facts ------------------

def _evidence_of(m):
    return next(o for (_s, p, o) in m.triples if p == EKG.hasEvidence)


def _with_evidence(**changes):
    ex = make_extraction()
    claim = ex.claims[0]
    ev = replace(claim.evidence[0], **changes)
    return replace(ex, claims=(replace(claim, evidence=(ev,)),))


def test_finding_carries_role_kind_design_level_and_certainty():
    ex = _with_evidence(role="results", certainty=Certainty("very-low", ("small-sample",)),
                        treatment_duration="P5D")
    m = map_record(make_record(), ex, CTX)
    ev = _evidence_of(m)
    assert _objects(m.triples, ev, EKG.evidenceKind) == {URIRef(f"{R}evidence-kind/finding")}
    assert _objects(m.triples, ev, EKG.sentenceRole) == {URIRef(f"{R}sentence-role/results")}
    assert _objects(m.triples, ev, EKG.studyDesign) == {URIRef(f"{R}design/case-report")}
    assert _objects(m.triples, ev, EKG.ocebmLevel) == {Literal(4, datatype=XSD.integer)}
    assert _objects(m.triples, ev, EKG.startingCertainty) == {URIRef(f"{R}grade/very-low")}
    assert _objects(m.triples, ev, EKG.certaintyDowngrade) == {URIRef(f"{R}downgrade/small-sample")}
    assert _objects(m.triples, ev, EKG.findingCertainty) == {URIRef(f"{R}grade/very-low")}
    assert _objects(m.triples, ev, EKG.treatmentDuration) == {Literal("P5D", datatype=XSD.duration)}
    assert _objects(m.triples, ev, EKG.followUp) == {Literal("P12M", datatype=XSD.duration)}


def test_downgrades_lower_the_finding_certainty_from_its_start():
    ex = _with_evidence(design=RCT, certainty=Certainty("high", ("no-blinding", "small-sample")))
    m = map_record(make_record(), ex, CTX)
    ev = _evidence_of(m)
    assert _objects(m.triples, ev, EKG.startingCertainty) == {URIRef(f"{R}grade/high")}
    assert _objects(m.triples, ev, EKG.findingCertainty) == {URIRef(f"{R}grade/low")}


@pytest.mark.parametrize("kind", ["cited", "studied-for"])
def test_cited_and_studied_for_evidence_carry_no_design_level_or_certainty(kind):
    ex = _with_evidence(kind=kind, role="background", certainty=Certainty("very-low"))
    m = map_record(make_record(), ex, CTX)
    ev = _evidence_of(m)
    assert _objects(m.triples, ev, EKG.evidenceKind) == {URIRef(f"{R}evidence-kind/{kind}")}
    for p in (EKG.studyDesign, EKG.ocebmLevel, EKG.levelReason, EKG.startingCertainty,
              EKG.certaintyDowngrade, EKG.findingCertainty):
        assert not _objects(m.triples, ev, p), p
    assert m.article in _objects(m.triples, ev, EKG.sourceArticle)


def test_no_evidence_carries_the_retired_per_sentence_grade():
    m = map_record(make_record(), make_extraction(RCT), CTX)
    assert not any(p == EKG.gradeCertainty for (_s, p, _o) in m.triples)


def test_curator_finding_without_certainty_is_graded_from_its_design():
    ex = _with_evidence(agent="curator", curator="A. Curator", design=RCT, certainty=None)
    m = map_record(make_record(), ex, CTX)
    ev = _evidence_of(m)
    assert _objects(m.triples, ev, EKG.startingCertainty) == {URIRef(f"{R}grade/high")}
    assert _objects(m.triples, ev, EKG.findingCertainty) == {URIRef(f"{R}grade/high")}
    assert not _objects(m.triples, ev, EKG.sentenceRole)


def test_review_counts_included_studies_apart_from_people():
    ex = _with_evidence(design=RCT, n=1200, included_studies=14)
    m = map_record(make_record(), ex, CTX)
    ev = _evidence_of(m)
    assert _objects(m.triples, ev, EKG.includedStudies) == {
        Literal(14, datatype=XSD.nonNegativeInteger)}
    assert _objects(m.triples, ev, EKG.sampleSize) == {
        Literal(1200, datatype=XSD.nonNegativeInteger)}


def test_studied_for_claim_has_relation_studied_for_and_direction_unstated():
    ex = make_extraction()
    claim = replace(ex.claims[0], relation="studied_for", direction="unstated",
                    evidence=(replace(ex.claims[0].evidence[0], kind="studied-for"),))
    m = map_record(make_record(), replace(ex, claims=(claim,)), CTX)
    node = claim_iri_of(claim)
    assert (node, EKG.relation, URIRef(f"{R}relation/studied-for")) in m.shared
    assert (node, EKG.direction, URIRef(f"{R}direction/unstated")) in m.shared


def test_pharmacological_action_is_a_vocabulary_fact_not_an_article_mention():
    ex = make_extraction()
    derived = Mention(NMDA_ANTAGONISTS, "Excitatory Amino Acid Antagonists", "mechanism",
                      "Background", 0, 8, "Ketamine", recogniser="mesh-pharmacological-action",
                      derived_from=KETAMINE)
    m = map_record(make_record(), replace(ex, mentions=(*ex.mentions, derived)), CTX)
    mechanism = URIRef(NMDA_ANTAGONISTS)
    assert (URIRef(KETAMINE), EKG.hasPharmacologicalAction, mechanism) in m.actions
    assert (m.article, EKG.mentions, mechanism) not in m.triples
    assert not any(o == mechanism for (_s, p, o) in m.triples if p == EKG.denotes)
    assert (mechanism, RDF.type, EKG.Mechanism) in m.shared
    assert (MESH_ACTIONS_GRAPH, PROV.wasDerivedFrom, MESH_SOURCE) in m.actions
    assert not any(o == m.article for (_s, _p, o) in m.actions)


def test_record_without_derived_mentions_adds_nothing_to_the_actions_graph():
    assert map_record(make_record(), make_extraction(), CTX).actions == ()


def test_mapped_record_with_new_evidence_model_validates():
    ex = make_extraction()
    derived = Mention(NMDA_ANTAGONISTS, "Excitatory Amino Acid Antagonists", "mechanism",
                      derived_from=KETAMINE)
    asked = replace(ex.claims[0], relation="studied_for", direction="unstated",
                    evidence=(replace(ex.claims[0].evidence[0], kind="studied-for",
                                      role="objective"),))
    ex = replace(ex, mentions=(*ex.mentions, derived), claims=(*ex.claims, asked))
    m = map_record(make_record(), ex, CTX)
    report = validate_triples(m.all_triples)
    assert report.conforms, report.violations
