"""Turn what a user types into graph nodes: articles by DOI, PMID or IRI; concepts by CURIE,
IRI, MeSH UI or name (looked up by :mod:`kg.names`, which the query parameters share). Every
value reaches SPARQL as a bound term, never as query text.
"""

from __future__ import annotations

from rdflib import Literal, URIRef

from kg.analysis.rows import stream_rows
from kg.errors import KGError, QueryError, UnsafeIRIError
from kg.names import ConceptLookupError, curie
from kg.names import resolve_concept as find_concept
from kg.query import expand_curie
from kg.rdf.iris import check_iri
from kg.rdf.namespaces import EKG
from kg.records.identifiers import normalise_doi, normalise_pmid
from kg.store.base import Store

__all__ = ["AnalysisError", "curie", "resolve_article", "resolve_concept"]


class AnalysisError(KGError, LookupError):
    """An article or concept cannot be found, or a name matches several concepts."""


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
    """A concept IRI from a CURIE, an IRI, a bare MeSH UI or a name (see :mod:`kg.names`)."""
    try:
        return str(find_concept(store, text))
    except ConceptLookupError as exc:
        raise AnalysisError(str(exc)) from exc
