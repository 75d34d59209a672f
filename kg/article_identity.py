"""One article, one IRI, across the records of a build and what earlier builds stored.

A record's own identifiers are not enough to name its article: a PMID-only record describes the
article a DOI+PMID record already minted under its DOI, and a review update that shares its
earlier version's DOI (two PMIDs, one DOI) is an article of its own. The register decides, in
reading order and with the store's records in view:

- a PMID already known names its article (a PMID is one article);
- else a DOI already known names its article, unless both carry PMIDs and they differ: then the
  record is another version, minted by its PMID and linked to the other (``dcterms:isVersionOf``,
  the higher PMID being the later version), besides any update link it states itself;
- else the record mints its own (DOI, else PMID, else a hash).

The first record (in the store, then in reading order) keeps the article's IRI. A second record of
one article from the same file is a duplicate and is rejected, naming the identifier that matched
and where the first is; when the first was stored by an earlier build, ``--force`` lets the later
record replace it. Records of one article from different files are all kept, as sources.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import PurePath

from rdflib import URIRef

from kg.rdf.identity import Placement, article_iri_for, place
from kg.rdf.iris import mint_article_iri
from kg.records.identifiers import normalise_text
from kg.records.model import Record
from kg.store.base import Store

__all__ = ["IdentityRegister", "Known", "record_keys", "stored_identities", "title_key"]


@dataclass(frozen=True, slots=True)
class Known:
    """An article as an earlier record (of this build, or stored) placed it."""

    article: URIRef
    graph: URIRef
    file: str  # base name of the record's file
    where: str  # ``path:line record #n``, as rejections print it
    pmid: str | None = None
    doi: str | None = None
    stored: bool = False
    title: str | None = None  # folded (``title_key``), to tell versions from a DOI clash


def title_key(title: str | None) -> str | None:
    """Case-, hyphen- and space-insensitive title without its final full stop."""
    return normalise_text(title).casefold().rstrip(".") or None if title else None


def record_keys(doi: str | None, pmid: str | None) -> tuple[str, ...]:
    """``pmid:…`` then ``doi:…``: the identifiers one article is known by, PMID first."""
    return tuple(k for k in (pmid and f"pmid:{pmid}", doi and f"doi:{doi}") if k)


def _preferred(old: Known | None, new: Known) -> bool:
    """Of two stored articles under one key, the DOI's own IRI, else the lowest PMID: the one
    a build reading in order would have met first."""
    if old is None:
        return True
    own = [k.doi is not None and k.article == mint_article_iri(k.doi, None, "")
           for k in (old, new)]
    if own[0] != own[1]:
        return own[1]
    return int(new.pmid or 0) < int(old.pmid or 0)


class IdentityRegister:
    """Placements of the records of one build, with the store's records in view."""

    def __init__(self, stored: Iterable[Known] = ()) -> None:
        self._by_key: dict[str, Known] = {}
        self._sources: dict[tuple[str, URIRef], Known] = {}
        self._graphs: dict[URIRef, Known] = {}
        self._stored_sources: dict[tuple[str, URIRef], Known] = {}
        self._pmids: dict[URIRef, str] = {}
        self.replaced: dict[URIRef, URIRef] = {}
        """new graph → the stored graph (same file, same article) it replaces, with ``--force``."""
        stored = list(stored)
        for known in stored:
            if known.pmid:
                self._pmids.setdefault(known.article, known.pmid)
        for known in stored:
            known = replace(known, pmid=known.pmid or self._pmids.get(known.article))
            for key in record_keys(known.doi, known.pmid):
                if _preferred(self._by_key.get(key), known):
                    self._by_key[key] = known
            self._stored_sources.setdefault((known.file, known.article), known)

    def place(self, record: Record) -> Placement:
        """Where the record goes: its article (as decided above), graph and version links."""
        ids = record.ids
        by_doi = self._by_key.get(f"doi:{ids.doi}") if ids.doi else None
        by_pmid = self._by_key.get(f"pmid:{ids.pmid}") if ids.pmid else None
        if by_pmid is not None:
            article = by_pmid.article
        elif by_doi is None:
            article = article_iri_for(record)
        elif _other_version(by_doi, ids.pmid):
            article = mint_article_iri(None, ids.pmid, "")
        else:
            article = by_doi.article
        return place(record, article, self._resolve, _version_pair(by_doi, record, article))

    def _resolve(self, doi: str | None, pmid: str | None) -> URIRef:
        """The IRI of a linked article: the one a record already gave it, else minted."""
        for key in record_keys(doi, pmid):
            if key in self._by_key:
                return self._by_key[key].article
        return mint_article_iri(doi, pmid, "")

    def duplicate_of(self, record: Record, placement: Placement) -> Known | None:
        """The earlier record of the same file and article (this build first), if any."""
        file = PurePath(record.source.path).name
        if placement.graph in self._graphs:
            return self._graphs[placement.graph]
        if not (record.ids.doi or record.ids.pmid):
            return None  # identified by title alone: too weak to call a duplicate
        earlier = self._sources.get((file, placement.article))
        if earlier is not None:
            return earlier
        stored = self._stored_sources.get((file, placement.article))
        return stored if stored is not None and stored.graph != placement.graph else None

    def replaceable(self, earlier: Known) -> bool:
        """An earlier record only the store holds (no record of this build): ``--force`` lets a
        later record of the same file and article replace it."""
        return earlier.stored and earlier.graph not in self._graphs

    def matched_key(self, record: Record, earlier: Known) -> str:
        """The identifier the record shares with the earlier one (``pmid:…`` or ``doi:…``)."""
        ids = record.ids
        keys = record_keys(ids.doi, ids.pmid)
        shared = [k for k in keys if k in record_keys(earlier.doi, earlier.pmid)]
        return (shared or list(keys) or ["the same title, year and first author"])[0]

    def note(self, record: Record, placement: Placement, where: str, stored: bool = False
             ) -> None:
        """Remember a record that goes on: to be stored, or ``stored`` unchanged already."""
        ids, article = record.ids, placement.article
        if ids.pmid:
            self._pmids.setdefault(article, ids.pmid)
        file = PurePath(record.source.path).name
        known = Known(article, placement.graph, file, where, self._pmids.get(article), ids.doi,
                      stored, title_key(record.title))
        self._graphs[placement.graph] = known
        self._sources.setdefault((file, article), known)
        for key in record_keys(ids.doi, ids.pmid):
            self._by_key.setdefault(key, known)


def _other_version(known: Known, pmid: str | None) -> bool:
    """Same DOI, two different PMIDs: two versions of a review, not one article."""
    return bool(known.pmid and pmid and known.pmid != pmid)


def _version_pair(by_doi: Known | None, record: Record, article: URIRef
                  ) -> tuple[tuple[URIRef, URIRef], ...]:
    """(later, earlier) between this record's article and another version under its DOI, when
    both have one title: two works under one DOI with different titles are a DOI clash (a
    mistyped DOI), kept apart but not called versions."""
    pmid = record.ids.pmid
    if by_doi is None or by_doi.article == article or not _other_version(by_doi, pmid):
        return ()
    if by_doi.title is None or by_doi.title != title_key(record.title):
        return ()
    assert pmid is not None and by_doi.pmid is not None
    this, other = (article, int(pmid)), (by_doi.article, int(by_doi.pmid))
    later, earlier = (this, other) if this[1] > other[1] else (other, this)
    return ((later[0], earlier[0]),)


def stored_identities(store: Store) -> list[Known]:
    """Every source graph in the store as a known article (file, record, DOI, PMID)."""
    from kg.query import load_internal_query

    result = store.query(load_internal_query("graph-identities"), union=False)
    out = []
    for g, article, file, index, line, doi, pmid, title in result.rows:
        where = f"{file}:{line}" if line is not None else str(file)
        out.append(Known(URIRef(str(article)), URIRef(str(g)), str(file),
                         f"{where} record #{int(str(index)) + 1}", _text(pmid), _text(doi),
                         stored=True, title=title_key(_text(title))))
    return out


def _text(term: object) -> str | None:
    return None if term is None else str(term)
