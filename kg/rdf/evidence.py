"""Mentions, claims and evidence → triples, inside the named graph of their source record.

A claim node's IRI comes from its content only, so two records stating the same claim write the
same claim triples into their own graphs and a query over the union sees one claim with two
evidence nodes (INDRA-style identity; nanopub-style provenance per graph).
"""

from __future__ import annotations

from functools import lru_cache

from rdflib import Literal, URIRef
from rdflib.term import Node

from kg.extract.model import Claim, Evidence, Mention
from kg.rdf.grading import add_evidence_kind
from kg.rdf.iris import (
    check_iri,
    mint_claim_iri,
    mint_combination_iri,
    mint_evidence_iri,
    mint_mention_iri,
)
from kg.rdf.namespaces import EKG, EKGR, MESH, PROV, RDF, RDFS, SKOS, XSD
from kg.rdf.terms import (
    agent_kind_iri,
    direction_iri,
    relation_iri,
    role_iri,
    standing_iri,
)
from kg.rdf.triples import Triples

Triple = tuple[Node, Node, Node]

__all__ = [
    "ROLE_CLASSES",
    "add_claims",
    "add_mentions",
    "add_pharmacological_actions",
    "claim_iri_of",
    "subject_iri_of",
]

ROLE_CLASSES = {
    "intervention": EKG.Intervention,
    "condition": EKG.Condition,
    "mechanism": EKG.Mechanism,
    "outcome": EKG.Outcome,
}


def _software(t: Triples, name: str, version: str) -> URIRef:
    agent, triples = _software_triples(name, version)
    for triple in triples:
        t.shared.add(*triple)
    return agent


@lru_cache(maxsize=64)
def _software_triples(name: str, version: str) -> tuple[URIRef, tuple[Triple, ...]]:
    agent = check_iri(f"{EKGR}software/{name}/{version}")
    return agent, ((agent, RDF.type, PROV.SoftwareAgent), (agent, RDFS.label, Literal(name)),
                   (agent, EKG.softwareVersion, Literal(version)))


@lru_cache(maxsize=4096)
def _typed(value: object, datatype: URIRef | None = None) -> Literal:
    """Literals of small closed sets (booleans, offsets, levels) are built once."""
    return Literal(value, datatype=datatype)


def _concept(t: Triples, iri: str, label: str, role: str | None) -> URIRef:
    node = check_iri(iri)
    t = t.shared
    t.add(node, RDF.type, SKOS.Concept)
    if role in ROLE_CLASSES:
        t.add(node, RDF.type, ROLE_CLASSES[role])
    t.literal(node, SKOS.prefLabel, label)
    if iri.startswith(str(MESH)):
        t.literal(node, SKOS.notation, iri.rsplit("/", 1)[-1])
    return node


def add_mentions(t: Triples, graph: URIRef, article: URIRef,
                 mentions: tuple[Mention, ...]) -> None:
    """One ``ekg:Mention`` per mention, plus ``article ekg:mentions concept`` for projections.

    Mentions the vocabulary derived (``derived_from``) are skipped: the article never said them
    (see ``add_pharmacological_actions``).
    """
    for m in mentions:
        if m.derived_from:
            continue
        node = mint_mention_iri(str(graph), m.concept, m.section, m.start, m.agent)
        concept = _concept(t, m.concept, m.label, m.role)
        t.add(node, RDF.type, EKG.Mention)
        t.add(node, EKG.inArticle, article)
        t.add(node, EKG.denotes, concept)
        t.add(node, EKG.role, role_iri(m.role))
        t.literal(node, EKG.section, m.section)
        if m.start is not None and m.end is not None:
            t.add(node, EKG.start, _typed(m.start, XSD.nonNegativeInteger))
            t.add(node, EKG.end, _typed(m.end, XSD.nonNegativeInteger))
        t.literal(node, EKG.exactText, m.text)
        if m.negated:
            t.add(node, EKG.negated, _typed(True))
        if m.hedged:
            t.add(node, EKG.hedged, _typed(True))
        t.add(node, EKG.confidence, _decimal(m.confidence))
        t.add(node, EKG.assertedBy, agent_kind_iri(m.agent))
        if m.major_topic:
            t.add(node, EKG.majorTopic, _typed(True))
        t.add(node, PROV.wasAttributedTo, _software(t, m.recogniser, m.recogniser_version))
        if not m.negated:
            t.add(article, EKG.mentions, concept)


def add_pharmacological_actions(t: Triples, actions: Triples,
                                mentions: tuple[Mention, ...]) -> None:
    """``drug ekg:hasPharmacologicalAction mechanism`` for each vocabulary-derived mention.

    A drug's MeSH pharmacological action is knowledge of the vocabulary, true whatever an article
    says: it goes into ``actions`` (the MeSH actions graph), never into the article's mentions or
    evidence, so counting what articles say about a mechanism does not count MeSH.
    """
    for m in mentions:
        if m.derived_from:
            mechanism = _concept(t, m.concept, m.label, m.role)
            actions.add(check_iri(m.derived_from), EKG.hasPharmacologicalAction, mechanism)


def _decimal(value: float) -> Literal:
    return _typed(f"{max(0.0, min(1.0, value)):.3f}", XSD.decimal)


def subject_iri_of(claim: Claim) -> str:
    """The subject IRI: the concept, or a combination minted from its parts."""
    if claim.subject_parts:
        return str(mint_combination_iri(claim.subject_parts))
    return claim.subject


def claim_iri_of(claim: Claim) -> URIRef:
    return mint_claim_iri(subject_iri_of(claim), claim.relation, claim.object, claim.direction)


def add_claims(t: Triples, graph: URIRef, article: URIRef, claims: tuple[Claim, ...],
               standings: tuple[str, ...]) -> None:
    """Claim nodes (content-identified) with one evidence node per supporting sentence."""
    for claim in claims:
        node = claim_iri_of(claim)
        subject = _claim_subject(t, claim)
        obj = _concept(t, claim.object, claim.object_label, None)
        core = t.shared
        core.add(node, RDF.type, EKG.EvidenceClaim)
        core.add(node, EKG.subject, subject)
        core.add(node, EKG.relation, relation_iri(claim.relation))
        core.add(node, EKG.object, obj)
        core.add(node, EKG.direction, direction_iri(claim.direction))
        label = f"{claim.subject_label} {claim.relation.replace('_', ' ')} {claim.object_label}"
        core.literal(node, RDFS.label, label.strip())
        for ev in claim.evidence:
            _add_evidence(t, graph, article, node, ev, standings)


def _claim_subject(t: Triples, claim: Claim) -> URIRef:
    if not claim.subject_parts:
        return _concept(t, claim.subject, claim.subject_label, None)
    node = _concept(t, subject_iri_of(claim), claim.subject_label, "intervention")
    t.shared.add(node, RDF.type, EKG.CombinedIntervention)
    for part in claim.subject_parts:
        t.shared.add(node, EKG.hasComponent, check_iri(part))
    return node


def _add_evidence(t: Triples, graph: URIRef, article: URIRef, claim: URIRef, ev: Evidence,
                  standings: tuple[str, ...]) -> None:
    node = mint_evidence_iri(str(claim), str(graph), ev.section, ev.start, ev.agent)
    t.add(claim, EKG.hasEvidence, node)
    t.add(node, RDF.type, EKG.Evidence)
    t.add(node, EKG.sourceArticle, article)
    t.literal(node, EKG.sentence, ev.sentence)
    t.literal(node, EKG.section, ev.section)
    if ev.start is not None and ev.end is not None:
        t.add(node, EKG.start, _typed(ev.start, XSD.nonNegativeInteger))
        t.add(node, EKG.end, _typed(ev.end, XSD.nonNegativeInteger))
    add_evidence_kind(t, node, ev)
    t.add(node, EKG.assertedBy, agent_kind_iri(ev.agent))
    t.add(node, EKG.confidence, _decimal(ev.confidence))
    if ev.negated:
        t.add(node, EKG.negated, _typed(True))
    if ev.hedged:
        t.add(node, EKG.hedged, _typed(True))
    t.literal(node, EKG.population, ev.population)
    if ev.n is not None:
        t.add(node, EKG.sampleSize, _typed(ev.n, XSD.nonNegativeInteger))
    if ev.follow_up:
        t.add(node, EKG.followUp, Literal(ev.follow_up, datatype=XSD.duration))
    t.literal(node, EKG.dose, ev.dose)
    t.literal(node, EKG.curator, ev.curator)
    if ev.agent != "curator":
        t.add(node, PROV.wasAttributedTo, _software(t, ev.extractor, ev.extractor_version))
    for standing in standings:
        t.add(node, EKG.sourceStanding, standing_iri(standing))
