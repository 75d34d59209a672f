"""Analysis results → RDF in the ``analysis`` named graph, with PROV, so SPARQL sees them.

Each run is an ``ekg:AnalysisRun`` (a ``prov:Activity``) with its method, canonical JSON
parameters, start and end time and software agent; each result node is
``prov:wasGeneratedBy`` its run. Result IRIs start with the run's IRI, which is a hash of method
and parameters, so writing a run again replaces exactly its own previous results and leaves
every other run alone (the graph is rewritten whole, which a store does atomically).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime

from rdflib import Literal, URIRef

from kg import __version__
from kg.analysis.conflicts import CentralConcept, Community, Conflict
from kg.analysis.discover import HiddenLink
from kg.analysis.iris import (
    ANALYSIS_GRAPH,
    canonical_parameters,
    mint_result_iri,
    mint_run_iri,
    owned_by_run,
)
from kg.analysis.paths import MechanismPath
from kg.analysis.related import RelatedArticle
from kg.rdf.namespaces import EKG, EKGR, PROV, RDF, XSD
from kg.rdf.triples import Triples
from kg.store.base import GraphWrite, Store, Triple

__all__ = [
    "AnalysisRun",
    "central_triples",
    "community_triples",
    "conflict_triples",
    "hidden_link_triples",
    "path_triples",
    "related_triples",
    "write_run",
]


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


@dataclass(frozen=True, slots=True)
class AnalysisRun:
    """One analysis: method name and parameters (its identity) and when it ran."""

    method: str
    parameters: Mapping[str, object]
    started: str = field(default_factory=_now)

    @property
    def iri(self) -> URIRef:
        return mint_run_iri(self.method, self.parameters)

    def triples(self, ended: str | None = None) -> list[Triple]:
        run = self.iri
        software = URIRef(f"{EKGR}software/evidence-kg/{__version__}")
        return [(run, RDF.type, EKG.AnalysisRun), (run, RDF.type, PROV.Activity),
                (run, EKG.analysisMethod, Literal(self.method)),
                (run, EKG.analysisParameters, Literal(canonical_parameters(self.parameters))),
                (run, PROV.startedAtTime, Literal(self.started, datatype=XSD.dateTime)),
                (run, PROV.endedAtTime, Literal(ended or _now(), datatype=XSD.dateTime)),
                (run, PROV.wasAssociatedWith, software)]


def write_run(store: Store, run: AnalysisRun, results: Iterable[Triple]) -> int:
    """Replace ``run``'s previous results in the analysis graph with these; triples written."""
    new = run.triples() + list(results)
    kept = [t for t in store.graph_triples(ANALYSIS_GRAPH) if not owned_by_run(t[0], run.iri)]
    store.put_graphs([GraphWrite(ANALYSIS_GRAPH, tuple(dict.fromkeys(kept + new)))])
    return len(new)


def _score(value: float) -> Literal:
    return Literal(float(value), datatype=XSD.double)


def _rank(value: int) -> Literal:
    return Literal(int(value), datatype=XSD.positiveInteger)


def _result(t: Triples, run: URIRef, node: URIRef, cls: URIRef, rank: int) -> None:
    t.add(node, RDF.type, cls)
    t.add(node, PROV.wasGeneratedBy, run)
    t.add(node, EKG.rank, _rank(rank))


def related_triples(run: URIRef, source: str, rows: Iterable[RelatedArticle]) -> list[Triple]:
    """``ekg:RelatedArticleLink`` per related article: source, target, score, rank, reasons."""
    t = Triples()
    for r in rows:
        node = mint_result_iri(run, "related", source, r.article)
        _result(t, run, node, EKG.RelatedArticleLink, r.rank)
        t.add(node, EKG.linkSource, URIRef(source))
        t.add(node, EKG.linkTarget, URIRef(r.article))
        t.add(node, EKG.score, _score(r.score))
        for reason in r.reasons:
            t.literal(node, EKG.reason, f"{reason.kind}: {reason.label}")
            if reason.kind == "claim":
                t.add(node, EKG.sharedClaim, URIRef(reason.node))
            elif reason.kind in ("intervention", "condition", "mechanism", "outcome", "other"):
                t.add(node, EKG.sharedConcept, URIRef(reason.node))
    return list(t.freeze())


def path_triples(run: URIRef, paths: Iterable[MechanismPath]) -> list[Triple]:
    """``ekg:MechanismPath`` per path, with ordered ``ekg:PathHop`` nodes."""
    t = Triples()
    for path in paths:
        node = mint_result_iri(run, "path", *path.nodes)
        _result(t, run, node, EKG.MechanismPath, path.rank)
        t.add(node, EKG.linkSource, URIRef(path.nodes[0]))
        t.add(node, EKG.linkTarget, URIRef(path.nodes[-1]))
        t.add(node, EKG.score, _score(path.score))
        for position, hop in enumerate(path.hops, start=1):
            h = mint_result_iri(run, "hop", *path.nodes, position)
            t.add(node, EKG.hop, h)
            t.add(h, RDF.type, EKG.PathHop)
            t.add(h, EKG.hopPosition, _rank(position))
            t.add(h, EKG.linkSource, URIRef(hop.subject))
            t.add(h, EKG.linkTarget, URIRef(hop.object))
            t.add(h, EKG.score, _score(hop.strength))
            t.literal(h, EKG.hopKind, hop.kind)
            for relation in hop.relations:
                t.literal(h, EKG.hopRelation, relation)
            if hop.level is not None:
                t.add(h, EKG.bestLevel, Literal(hop.level, datatype=XSD.integer))
            for claim in hop.claims:
                t.add(h, EKG.viaClaim, URIRef(claim))
            for article in hop.articles:
                t.add(h, EKG.supportingArticle, URIRef(article))
    return list(t.freeze())


def hidden_link_triples(run: URIRef, links: Iterable[HiddenLink]) -> list[Triple]:
    """``ekg:HiddenLink`` per A–C pair, with ``ekg:LinkingTerm`` nodes for the B's."""
    t = Triples()
    for link in links:
        node = mint_result_iri(run, "hidden-link", link.source, link.target)
        _result(t, run, node, EKG.HiddenLink, link.rank)
        t.add(node, EKG.linkSource, URIRef(link.source))
        t.add(node, EKG.linkTarget, URIRef(link.target))
        t.add(node, EKG.score, _score(link.score))
        t.add(node, EKG.linkingTermCount, Literal(link.n_terms, datatype=XSD.integer))
        for position, term in enumerate(link.terms, start=1):
            b = mint_result_iri(run, "linking-term", link.source, link.target, term.concept)
            t.add(node, EKG.linkingTerm, b)
            t.add(b, RDF.type, EKG.LinkingTerm)
            t.add(b, EKG.rank, _rank(position))
            t.add(b, EKG.aboutConcept, URIRef(term.concept))
            t.add(b, EKG.score, _score(term.score))
            for article in dict.fromkeys(term.source_articles + term.target_articles):
                t.add(b, EKG.supportingArticle, URIRef(article))
    return list(t.freeze())


def conflict_triples(run: URIRef, conflicts: Iterable[Conflict]) -> list[Triple]:
    """``ekg:Conflict`` per disagreeing subject–object pair, linked to its claims."""
    t = Triples()
    for c in conflicts:
        node = mint_result_iri(run, "conflict", c.subject, c.object, c.family)
        _result(t, run, node, EKG.Conflict, c.rank)
        t.add(node, EKG.linkSource, URIRef(c.subject))
        t.add(node, EKG.linkTarget, URIRef(c.object))
        t.add(node, EKG.score, _score(c.weight))
        for stance in c.stances:
            t.add(node, EKG.conflictingClaim, URIRef(stance.claim))
            for article in stance.articles:
                t.add(node, EKG.supportingArticle, URIRef(article))
    return list(t.freeze())


def community_triples(run: URIRef, communities: Iterable[Community]) -> list[Triple]:
    """``ekg:Community`` per Louvain community: members and top concepts."""
    t = Triples()
    for c in communities:
        node = mint_result_iri(run, "community", *c.members)
        _result(t, run, node, EKG.Community, c.rank)
        for member in c.members:
            t.add(node, EKG.member, URIRef(member))
        for concept, _ in c.top:
            t.add(node, EKG.topConcept, URIRef(concept))
    return list(t.freeze())


def central_triples(run: URIRef, ranked: Iterable[CentralConcept]) -> list[Triple]:
    """``ekg:CentralConcept`` per ranked mechanism: PageRank and betweenness."""
    t = Triples()
    for c in ranked:
        node = mint_result_iri(run, "central", c.concept)
        _result(t, run, node, EKG.CentralConcept, c.rank)
        t.add(node, EKG.aboutConcept, URIRef(c.concept))
        t.add(node, EKG.pagerank, _score(c.pagerank))
        t.add(node, EKG.betweenness, _score(c.betweenness))
    return list(t.freeze())
