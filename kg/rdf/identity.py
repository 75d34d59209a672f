"""Which article a record describes and which named graph holds it: its placement.

By default a placement is a function of the record alone (DOI, else PMID, else a hash; see
``ontology/README.md``). A build decides placements with the records before it and the store in
view (``kg.article_identity``), because identity across records is not a property of one record:
a PMID-only record names the article a DOI+PMID record minted earlier, and two review versions
that share one DOI (Cochrane did so until 2010) are two articles, the later one minted by its PMID.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePath

from rdflib import URIRef

from kg.rdf.iris import mint_article_iri, mint_graph_iri
from kg.records.model import Record

__all__ = ["VERSION_OF_LINKS", "Placement", "article_iri_for", "default_placement",
           "graph_iri_for", "place", "version_links"]

VERSION_OF_LINKS = frozenset({"UpdateOf"})
"""Comment/correction link types that make the record a later version of the linked article:
PubMed ``UpdateOf``, MEDLINE ``UOF`` and Crossref ``update-to`` all read as ``UpdateOf``."""

Resolver = Callable[[str | None, str | None], URIRef]
"""(DOI, PMID) of a linked article → its IRI."""


@dataclass(frozen=True, slots=True)
class Placement:
    """The record's named graph, the article it describes and the version links it states.

    ``versions`` holds (later version, earlier version) pairs, written as
    ``dcterms:isVersionOf`` in the record's graph.
    """

    graph: URIRef
    article: URIRef
    versions: tuple[tuple[URIRef, URIRef], ...] = ()


def _fallback_key(record: Record) -> str:
    first = record.authors[0].display_name if record.authors else ""
    year = record.published.year if record.published else ""
    return f"{record.title or ''}|{year}|{first}"


def article_iri_for(record: Record) -> URIRef:
    """The article IRI under the policy in ontology/README.md (DOI, else PMID, else hash)."""
    return mint_article_iri(record.ids.doi, record.ids.pmid, _fallback_key(record))


def graph_iri_for(record: Record, *, by_pmid: bool = False) -> URIRef:
    """The named graph of one source record, keyed by file name and the record's identity.

    ``by_pmid`` adds the PMID to a DOI key: a record whose article is not the DOI's own (a later
    version sharing the DOI, or an article first reached by its PMID) must not take the graph of
    another record of the same file with that DOI.
    """
    src, ids = record.source, record.ids
    key = ids.doi or (f"pmid:{ids.pmid}" if ids.pmid else f"#{src.index}")
    if by_pmid and ids.doi and ids.pmid:
        key = f"{ids.doi}|pmid:{ids.pmid}"
    return mint_graph_iri(src.format, PurePath(src.path).name, key)


def _mint_link(doi: str | None, pmid: str | None) -> URIRef:
    return mint_article_iri(doi, pmid, "")


def version_links(record: Record, article: URIRef, resolve: Resolver = _mint_link
                  ) -> tuple[tuple[URIRef, URIRef], ...]:
    """(this article, earlier version) for each update link the record states, targets resolved
    by ``resolve`` (a build resolves them to the IRIs earlier records were given)."""
    links = (resolve(c.doi, c.pmid) for c in record.comments_corrections
             if c.ref_type in VERSION_OF_LINKS and (c.doi or c.pmid))
    return tuple(dict.fromkeys((article, t) for t in links if t != article))


def place(record: Record, article: URIRef, resolve: Resolver = _mint_link,
          versions: tuple[tuple[URIRef, URIRef], ...] = ()) -> Placement:
    """The placement of a record whose article is decided: its graph is keyed by DOI and PMID
    when the article is not the DOI's own, and its update links are added to ``versions``."""
    doi = record.ids.doi
    by_pmid = bool(doi) and article != mint_article_iri(doi, None, "")
    links = versions + version_links(record, article, resolve)
    return Placement(graph_iri_for(record, by_pmid=by_pmid), article,
                     tuple(dict.fromkeys(links)))


def default_placement(record: Record) -> Placement:
    """The placement of a record read on its own, with no other record or store in view."""
    return place(record, article_iri_for(record))
