"""Controlled values of the graph as IRIs: roles, relations, directions, agents, designs, GRADE,
sentence roles, evidence kinds and certainty downgrades.

Controlled values are SKOS concepts in the project namespace (declared in ``ontology/ekg.ttl``)
rather than free strings, so SHACL can check them with ``sh:in`` and SPARQL can bind them.
"""

from __future__ import annotations

import re

from rdflib import URIRef

from kg.errors import UnsafeIRIError
from kg.rdf.namespaces import EKGR

__all__ = [
    "agent_kind_iri",
    "design_iri",
    "direction_iri",
    "downgrade_iri",
    "evidence_kind_iri",
    "grade_iri",
    "relation_iri",
    "role_iri",
    "sentence_role_iri",
    "standing_iri",
]


_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def _controlled(scheme: str, slug: str) -> URIRef:
    return URIRef(f"{EKGR}{scheme}/{slug.replace('_', '-')}")


def role_iri(role: str) -> URIRef:
    """``ekgr:role/intervention`` …"""
    return _controlled("role", role)


def relation_iri(relation: str) -> URIRef:
    """``ekgr:relation/treats``, ``ekgr:relation/acts-through`` …"""
    return _controlled("relation", relation)


def direction_iri(direction: str) -> URIRef:
    """``ekgr:direction/supports``, ``/refutes``, ``/no-difference``, ``/unstated``."""
    return _controlled("direction", direction)


def agent_kind_iri(kind: str) -> URIRef:
    """``ekgr:agent-kind/text-mined``, ``/indexer``, ``/curator``."""
    return _controlled("agent-kind", kind)


def design_iri(design: str) -> URIRef:
    """``ekgr:design/case-report`` …"""
    return _controlled("design", design)


def grade_iri(grade: str) -> URIRef:
    """``ekgr:grade/very-low`` …"""
    return _controlled("grade", grade)


def standing_iri(standing: str) -> URIRef:
    """``ekgr:standing/retracted``, ``/erratum``, ``/expression-of-concern`` …"""
    return _controlled("standing", standing)


def sentence_role_iri(role: str) -> URIRef:
    """``ekgr:sentence-role/results`` …: where in the abstract the evidence sentence stands."""
    return _controlled("sentence-role", role)


def evidence_kind_iri(kind: str) -> URIRef:
    """``ekgr:evidence-kind/finding``, ``/studied-for``, ``/cited``."""
    return _controlled("evidence-kind", kind)


def downgrade_iri(downgrade: str) -> URIRef:
    """``ekgr:downgrade/small-sample`` …: one reason a finding's certainty is lowered.

    The slug is checked because downgrades come from extraction rules that may grow: a slug that
    is not lower-case words and hyphens would make an IRI no query can bind.
    """
    if not _SLUG.fullmatch(downgrade):
        raise UnsafeIRIError(f"downgrade must be lower-case words and hyphens: {downgrade!r}")
    return _controlled("downgrade", downgrade)
