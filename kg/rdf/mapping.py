"""Record (+ extraction) → the triples of one named graph.

The mapping is a pure function: the same record, extraction and build context always give the
same triples, which is what makes re-running a build a no-op. Provenance of the source record
lives inside its own graph (nanopub style), so replacing the graph replaces its provenance too.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import PurePath

from rdflib import Literal, URIRef
from rdflib.term import Node

from kg.extract.model import Extraction
from kg.rdf.evidence import add_claims, add_mentions, add_pharmacological_actions
from kg.rdf.graphs import SHARED_GRAPH, mesh_actions_description
from kg.rdf.identity import Placement, article_iri_for, default_placement, graph_iri_for
from kg.rdf.iris import (
    check_iri,
    content_hash,
    mint_article_iri,
    mint_authorship_iri,
    mint_journal_iri,
    mint_person_iri,
    mint_section_iri,
)
from kg.rdf.namespaces import DCTERMS, EKG, EKGR, FABIO, PROV, RDF, SDO, XSD
from kg.rdf.terms import design_iri, standing_iri
from kg.rdf.triples import Triples
from kg.records.model import Author, PartialDate, Record

__all__ = ["SHARED_GRAPH", "BuildContext", "MappedRecord", "Placement", "article_iri_for",
           "graph_iri_for", "map_record", "standings_of"]


@dataclass(frozen=True, slots=True)
class BuildContext:
    """What a build stamps on each graph besides the record: software version and time."""

    software_version: str
    pipeline_fingerprint: str
    generated_at: str  # xsd:dateTime, e.g. "2026-11-24T00:00:00+00:00"


@dataclass(frozen=True, slots=True)
class MappedRecord:
    """The record's own graph, plus what it adds to the shared graph.

    Content-identified nodes (concepts, claim cores, journals, software agents) are described
    once in ``SHARED_GRAPH`` rather than in every record graph: Oxigraph's union default graph
    keeps duplicates, and a claim repeated in 1,000 graphs would multiply every join by 1,000.
    """

    graph: URIRef
    article: URIRef
    triples: tuple[tuple[Node, Node, Node], ...]
    shared: tuple[tuple[Node, Node, Node], ...] = ()
    actions: tuple[tuple[Node, Node, Node], ...] = ()
    """What the record adds to ``MESH_ACTIONS_GRAPH`` (facts and the graph's own provenance)."""

    @property
    def all_triples(self) -> tuple[tuple[Node, Node, Node], ...]:
        """Record, shared and MeSH-action triples: what validation of this record looks at."""
        return self.triples + self.shared + self.actions


@lru_cache(maxsize=1024)
def _position(n: int) -> Literal:
    return Literal(n, datatype=XSD.positiveInteger)


def map_record(record: Record, extraction: Extraction, ctx: BuildContext,
               placement: Placement | None = None) -> MappedRecord:
    """All triples of the record's named graph; ``placement`` (graph, article and version links)
    is the record's own unless a build decided it with other records in view."""
    placement = placement or default_placement(record)
    graph, article = placement.graph, placement.article
    t = Triples(shared=Triples())
    _add_article(t, article, record, extraction)
    for later, earlier in placement.versions:
        t.add(later, DCTERMS.isVersionOf, earlier)
    _add_journal(t, article, record)
    _add_authors(t, article, record.authors)
    _add_abstract(t, article, record)
    _add_provenance(t, graph, article, record, ctx)
    standings = standings_of(record)
    add_mentions(t, graph, article, extraction.mentions)
    add_claims(t, graph, article, extraction.claims, standings)
    actions = Triples()
    add_pharmacological_actions(t, actions, extraction.mentions)
    facts = actions.freeze()
    return MappedRecord(graph, article, t.freeze(), t.shared.freeze(),
                        facts + mesh_actions_description() if facts else ())


def _date_literal(date: PartialDate) -> Literal:
    if date.month and date.day:
        return Literal(date.iso(), datatype=XSD.date)
    if date.month:
        return Literal(date.iso(), datatype=XSD.gYearMonth)
    return Literal(date.iso(), datatype=XSD.gYear)


def _add_article(t: Triples, article: URIRef, r: Record, extraction: Extraction) -> None:
    t.add(article, RDF.type, EKG.Article)
    t.literal(article, DCTERMS.title, r.title)
    t.literal(article, EKG.vernacularTitle, r.vernacular_title)
    t.literal(article, EKG.doi, r.ids.doi)
    t.literal(article, EKG.pmid, r.ids.pmid)
    t.literal(article, EKG.pmcid, r.ids.pmcid)
    if r.published:
        t.add(article, DCTERMS.issued, _date_literal(r.published))
        t.add(article, EKG.publicationYear, Literal(r.published.year, datatype=XSD.integer))
        t.literal(article, EKG.dateText, r.published.text or r.published.season)
    if r.article_date:
        t.add(article, EKG.electronicDate, _date_literal(r.article_date))
    for lang in r.languages:
        t.literal(article, DCTERMS.language, lang)
    t.literal(article, SDO.countryOfOrigin, r.country)
    for value in r.publication_types:
        t.literal(article, EKG.publicationType, value)
    for value in r.object_types:
        t.literal(article, EKG.objectType, value)
    for value in r.keywords:
        t.literal(article, SDO.keywords, value)
    for value in r.subjects:
        t.literal(article, DCTERMS.subject, value)
    for standing in standings_of(r):
        t.add(article, EKG.standing, standing_iri(standing))
    for cc in r.comments_corrections:
        _add_comment_correction(t, article, cc.ref_type, cc.pmid, cc.doi, cc.ref_source)
    for ref in r.references:
        if ref.doi or ref.pmid:
            t.add(article, EKG.cites, mint_article_iri(ref.doi, ref.pmid, ""))
    if extraction.design is not None:
        _add_design(t, article, extraction)


def _add_design(t: Triples, article: URIRef, extraction: Extraction) -> None:
    from kg.extract.design import fabio_class_for  # local: design owns the design→FaBiO table

    design = extraction.design
    assert design is not None
    t.add(article, EKG.studyDesign, design_iri(design.design))
    fabio = fabio_class_for(design.design)
    t.add(article, RDF.type, URIRef(fabio) if fabio else FABIO.JournalArticle)


def _add_comment_correction(t: Triples, article: URIRef, ref_type: str, pmid: str | None,
                            doi: str | None, source: str | None) -> None:
    node = check_iri(f"{EKGR}comment-correction/{content_hash(article, ref_type, pmid, doi)}")
    t.add(article, EKG.commentCorrection, node)
    t.literal(node, EKG.refType, ref_type)
    t.literal(node, EKG.refSource, source)
    if doi or pmid:
        t.add(node, EKG.refArticle, mint_article_iri(doi, pmid, ""))


_STANDING_BY_PT = {
    "Retracted Publication": "retracted",
    "Retraction of Publication": "retraction-notice",
    "Published Erratum": "erratum",
    "Expression of Concern": "expression-of-concern",
}
_STANDING_BY_CC = {
    "RetractionIn": "retracted",
    "RetractionOf": "retraction-notice",
    "ErratumIn": "has-erratum",
    "ErratumFor": "erratum",
    "ExpressionOfConcernIn": "expression-of-concern",
}


def standings_of(r: Record) -> tuple[str, ...]:
    """Standing of the source: retracted, retraction notice, erratum, expression of concern."""
    found = {_STANDING_BY_PT[p] for p in r.publication_types if p in _STANDING_BY_PT}
    found |= {_STANDING_BY_CC[c.ref_type] for c in r.comments_corrections
              if c.ref_type in _STANDING_BY_CC}
    return tuple(sorted(found))


def _add_journal(t: Triples, article: URIRef, r: Record) -> None:
    j = r.journal
    t.literal(article, SDO.volumeNumber, j.volume)
    t.literal(article, SDO.issueNumber, j.issue)
    t.literal(article, SDO.pagination, j.pages)
    t.literal(article, SDO.pageStart, j.page_start)
    t.literal(article, SDO.pageEnd, j.page_end)
    if not (j.title or j.issns):
        return
    journal = mint_journal_iri(j.issn_linking or (j.issns[0] if j.issns else None), j.title)
    t.add(article, DCTERMS.isPartOf, journal)
    t = t.shared  # journals are shared by many articles: described once, in the shared graph
    t.add(journal, RDF.type, EKG.Journal)
    t.literal(journal, SDO.name, j.title)
    t.literal(journal, EKG.isoAbbreviation, j.iso_abbreviation)
    t.literal(journal, EKG.nlmId, j.nlm_id)
    t.literal(journal, EKG.issnL, j.issn_linking)
    for issn in j.issns:
        t.literal(journal, SDO.issn, issn)


def _add_authors(t: Triples, article: URIRef, authors: tuple[Author, ...]) -> None:
    position = 0
    for author in authors:
        if author.is_investigator:
            continue
        position += 1
        agent = mint_person_iri(_name_key(author), str(article))
        slot = mint_authorship_iri(str(article), position)
        t.add(article, EKG.hasAuthorship, slot)
        t.add(slot, RDF.type, EKG.Authorship)
        t.add(slot, EKG.position, _position(position))
        t.add(slot, EKG.agent, agent)
        t.add(article, DCTERMS.creator, agent)
        _add_agent(t, agent, author)
    for author in authors:
        if author.is_investigator:
            agent = mint_person_iri(_name_key(author), str(article))
            t.add(article, EKG.investigator, agent)
            _add_agent(t, agent, author)


def _name_key(author: Author) -> str:
    return author.collective or f"{author.family or ''}|{author.given or author.initials or ''}"


def _add_agent(t: Triples, agent: URIRef, author: Author) -> None:
    t.add(agent, RDF.type, EKG.CollectiveAuthor if author.collective else EKG.Person)
    t.literal(agent, SDO.name, author.display_name)
    t.literal(agent, SDO.familyName, author.family)
    t.literal(agent, SDO.givenName, author.given)
    t.literal(agent, EKG.initials, author.initials)
    t.literal(agent, EKG.orcid, author.orcid)
    for aff in author.affiliations:
        t.literal(agent, EKG.affiliation, aff)


def _add_abstract(t: Triples, article: URIRef, r: Record) -> None:
    if not r.abstract:
        return
    t.literal(article, DCTERMS.abstract, r.abstract_text)
    for position, section in enumerate(r.abstract, start=1):
        node = mint_section_iri(str(article), position, section.label)
        t.add(article, EKG.hasSection, node)
        t.add(node, RDF.type, EKG.AbstractSection)
        t.add(node, EKG.position, _position(position))
        t.literal(node, EKG.sectionLabel, section.label)
        t.literal(node, EKG.nlmCategory, section.nlm_category)
        t.literal(node, EKG.text, section.text)


def _add_provenance(t: Triples, graph: URIRef, article: URIRef, r: Record,
                    ctx: BuildContext) -> None:
    src = r.source
    activity = URIRef(f"{EKGR}activity/{graph.rsplit('/', 1)[-1]}")
    software = URIRef(f"{EKGR}software/evidence-kg/{ctx.software_version}")
    t.add(graph, RDF.type, EKG.SourceRecord)
    t.add(graph, EKG.describes, article)
    t.literal(graph, EKG.sourceFile, PurePath(src.path).name)
    t.literal(graph, EKG.sourceFormat, src.format)
    t.add(graph, EKG.recordIndex, Literal(src.index, datatype=XSD.nonNegativeInteger))
    if src.line is not None:
        t.add(graph, EKG.sourceLine, Literal(src.line, datatype=XSD.positiveInteger))
    t.literal(graph, EKG.recordSha256, src.sha256)
    t.literal(graph, EKG.pipelineFingerprint, ctx.pipeline_fingerprint)
    t.add(graph, PROV.generatedAtTime, Literal(ctx.generated_at, datatype=XSD.dateTime))
    t.add(graph, PROV.wasGeneratedBy, activity)
    t.add(activity, RDF.type, PROV.Activity)
    t.literal(activity, EKG.reader, f"{src.format}/{src.reader_version}")
    t.add(activity, PROV.wasAssociatedWith, software)
    t.shared.add(software, RDF.type, PROV.SoftwareAgent)
    t.shared.literal(software, EKG.softwareVersion, ctx.software_version)
