"""What a piece of evidence is, in RDF: its sentence role, its kind, and (findings only) its level.

GRADE rates a body of evidence, so one sentence never gets a final "GRADE high": a *finding*
carries its design, OCEBM level, the GRADE certainty its design starts from, the downgrades its
own abstract shows and the resulting finding certainty; the rolled-up certainty of a claim is
computed over the whole store afterwards (``kg.analysis.certainty``). Cited (background) and
studied-for (the study's question) evidence are not this study's result, so they carry no design,
level or certainty at all: nothing downstream can mistake them for graded findings.
"""

from __future__ import annotations

from functools import lru_cache

from rdflib import Literal, URIRef

from kg.extract.certainty import lower_certainty
from kg.extract.model import Certainty, Evidence
from kg.rdf.namespaces import EKG, XSD
from kg.rdf.terms import (
    design_iri,
    downgrade_iri,
    evidence_kind_iri,
    grade_iri,
    sentence_role_iri,
)
from kg.rdf.triples import Triples

__all__ = ["add_evidence_kind", "certainty_of"]


def certainty_of(ev: Evidence) -> Certainty:
    """The finding's certainty, with its rating filled in.

    Evidence without one (curator evidence, older extractors) starts from its design's GRADE and
    has no downgrades: a curator's claim is graded from its article's design unless the curator
    names another design.
    """
    c = ev.certainty or Certainty(starting=ev.design.grade)
    if c.rating:
        return c
    return Certainty(c.starting, c.downgrades, lower_certainty(c.starting, len(c.downgrades)))


@lru_cache(maxsize=64)
def _level(level: int) -> Literal:
    return Literal(level, datatype=XSD.integer)


def add_evidence_kind(t: Triples, node: URIRef, ev: Evidence) -> None:
    """Kind, sentence role, treatment duration and review size of one evidence node; design,
    level and certainty only when it is a finding."""
    t.add(node, EKG.evidenceKind, evidence_kind_iri(ev.kind))
    if ev.role:
        t.add(node, EKG.sentenceRole, sentence_role_iri(ev.role))
    if ev.treatment_duration:
        t.add(node, EKG.treatmentDuration, Literal(ev.treatment_duration, datatype=XSD.duration))
    if ev.included_studies is not None:
        t.add(node, EKG.includedStudies,
              Literal(ev.included_studies, datatype=XSD.nonNegativeInteger))
    if ev.kind == "finding":
        _add_grading(t, node, ev)


def _add_grading(t: Triples, node: URIRef, ev: Evidence) -> None:
    d = ev.design
    t.add(node, EKG.studyDesign, design_iri(d.design))
    t.add(node, EKG.ocebmLevel, _level(d.ocebm_level))
    t.literal(node, EKG.levelReason, d.reason)
    t.literal(node, EKG.question, d.question)
    c = certainty_of(ev)
    t.add(node, EKG.startingCertainty, grade_iri(c.starting))
    for downgrade in c.downgrades:
        t.add(node, EKG.certaintyDowngrade, downgrade_iri(downgrade))
    t.add(node, EKG.findingCertainty, grade_iri(c.rating))
