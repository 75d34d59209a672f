"""Turn what a user types into graph nodes: articles by DOI, PMID or IRI; concepts by CURIE,
IRI, MeSH UI or label. Every value reaches SPARQL as a bound term, never as query text.
"""

from __future__ import annotations

import re

from rdflib import Literal, URIRef

from kg.analysis.rows import stream_rows
from kg.errors import KGError, QueryError, UnsafeIRIError
from kg.query import expand_curie
from kg.rdf.iris import check_iri, mesh_iri
from kg.rdf.namespaces import EKG, EKGR, MESH
from kg.records.identifiers import normalise_doi, normalise_pmid
from kg.store.base import Store

__all__ = ["AnalysisError", "curie", "resolve_article", "resolve_concept"]

_CONCEPT_NS = f"{EKGR}concept/"
_MESH_UI = re.compile(r"[DCQM]\d{6,9}")


class AnalysisError(KGError, LookupError):
    """An article or concept cannot be found, or a name matches several concepts."""


def curie(iri: str) -> str:
    """Short form for people: ``mesh:D007649``, ``concept:opioid-abstinence``, else the IRI."""
    if iri.startswith(str(MESH)):
        return "mesh:" + iri[len(str(MESH)):]
    if iri.startswith(_CONCEPT_NS):
        return "concept:" + iri[len(_CONCEPT_NS):]
    return iri


def resolve_article(store: Store, text: str) -> str:
    """The article IRI for a DOI (any usual form), a PMID (``pmid:123`` or digits) or an IRI."""
    text = text.strip()
    doi = normalise_doi(text)
    if doi:
        return _one_article(store, EKG.doi, doi, f"DOI {doi}")
    if text.isdigit() or text.lower().startswith("pmid:"):
        pmid = normalise_pmid(text)
        if pmid:
            return _one_article(store, EKG.pmid, pmid, f"PMID {pmid}")
    try:
        return str(check_iri(text)) if "://" in text else str(expand_curie(text))
    except (UnsafeIRIError, QueryError) as exc:
        raise AnalysisError(f"not a DOI, PMID or article IRI: {text!r}") from exc


def _one_article(store: Store, prop: URIRef, value: str, what: str) -> str:
    rows = sorted({str(r[0]) for r in stream_rows(
        store, "analysis-find-article", {"property": prop, "id": Literal(value)})})
    if not rows:
        raise AnalysisError(f"no article with {what} in the store")
    return rows[0]


def resolve_concept(store: Store, text: str) -> str:
    """A concept IRI from a CURIE, an IRI, a bare MeSH UI or a label (case-insensitive)."""
    text = text.strip()
    if _MESH_UI.fullmatch(text):
        return str(mesh_iri(text))
    if text.startswith("concept:") and re.fullmatch(r"concept:[a-z0-9][a-z0-9-]*", text):
        return _CONCEPT_NS + text.split(":", 1)[1]
    if "://" in text and " " not in text:
        try:
            return str(check_iri(text))
        except UnsafeIRIError as exc:
            raise AnalysisError(f"not a valid IRI: {text!r}") from exc
    if re.fullmatch(r"[a-z]+:[\w.\-/]+", text):
        try:
            return str(expand_curie(text))
        except QueryError:
            pass  # not a known prefix: may still be a label such as "type:1"
    return _concept_by_label(store, text)


def _concept_by_label(store: Store, text: str) -> str:
    needle = Literal(" ".join(text.split()).lower())
    found: dict[str, str] = {}
    for concept, label, _ in stream_rows(store, "analysis-find-concept", {"needle": needle}):
        found.setdefault(str(concept), str(label))
    if not found:
        raise AnalysisError(f"no concept labelled {text!r}; give a CURIE such as mesh:D007649")
    if len(found) > 1:
        listed = "; ".join(f"{curie(c)} ({label})" for c, label in sorted(found.items()))
        raise AnalysisError(f"{text!r} names {len(found)} concepts: {listed}; give one CURIE")
    return next(iter(found))
