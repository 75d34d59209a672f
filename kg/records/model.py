"""The record model: what every reader produces, whatever the input format.

Plain frozen dataclasses and no RDF, so that readers, recognisers and the RDF mapping can be
written and tested independently, and records can cross process boundaries (they pickle).
Tuples rather than lists keep the instances hashable and immutable.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = [
    "AbstractSection",
    "Author",
    "Chemical",
    "CommentCorrection",
    "Grant",
    "Identifiers",
    "Journal",
    "MeshHeading",
    "PartialDate",
    "Record",
    "SourceInfo",
]


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A publication date known to year, month or day precision (``MedlineDate`` keeps ``text``)."""

    year: int
    month: int | None = None
    day: int | None = None
    season: str | None = None
    text: str | None = None

    def iso(self) -> str:
        """ISO 8601 at the precision known: ``2020``, ``2020-01`` or ``2020-01-01``."""
        out = f"{self.year:04d}"
        if self.month:
            out += f"-{self.month:02d}"
            if self.day:
                out += f"-{self.day:02d}"
        return out


@dataclass(frozen=True, slots=True)
class Identifiers:
    """Identifiers in normalised form (DOI lower-cased without prefix, PMID digits only)."""

    doi: str | None = None
    pmid: str | None = None
    pmcid: str | None = None
    other: tuple[tuple[str, str], ...] = ()  # (scheme, value), e.g. ("pii", "S0140-...")


@dataclass(frozen=True, slots=True)
class Author:
    """One author in printed order; a collective (group) author has only ``collective``."""

    family: str | None = None
    given: str | None = None
    initials: str | None = None
    collective: str | None = None
    affiliations: tuple[str, ...] = ()
    orcid: str | None = None
    is_investigator: bool = False

    @property
    def display_name(self) -> str:
        """The name as a person would read it (``Given Family`` or the collective name)."""
        if self.collective:
            return self.collective
        return " ".join(p for p in (self.given, self.family) if p) or (self.initials or "")


@dataclass(frozen=True, slots=True)
class Journal:
    """The container the article appeared in."""

    title: str | None = None
    iso_abbreviation: str | None = None
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    page_start: str | None = None
    page_end: str | None = None
    issns: tuple[str, ...] = ()  # verified, ``NNNN-NNNC``
    issn_linking: str | None = None
    nlm_id: str | None = None


@dataclass(frozen=True, slots=True)
class AbstractSection:
    """One labelled part of an abstract (``label`` is None for an unstructured abstract)."""

    text: str
    label: str | None = None
    nlm_category: str | None = None


@dataclass(frozen=True, slots=True)
class MeshHeading:
    """A curated MeSH heading (indexer-assigned, not text-mined)."""

    descriptor_ui: str
    descriptor_name: str
    major_topic: bool = False
    qualifiers: tuple[tuple[str, str, bool], ...] = ()  # (ui, name, major)


@dataclass(frozen=True, slots=True)
class Chemical:
    """An entry of PubMed's chemical list."""

    name: str
    ui: str | None = None
    registry_number: str | None = None


@dataclass(frozen=True, slots=True)
class Grant:
    grant_id: str | None = None
    agency: str | None = None
    country: str | None = None


@dataclass(frozen=True, slots=True)
class CommentCorrection:
    """A link such as ErratumIn, RetractionIn, RetractionOf, CommentOn, ExpressionOfConcernIn."""

    ref_type: str
    ref_source: str | None = None
    pmid: str | None = None
    doi: str | None = None


@dataclass(frozen=True, slots=True)
class SourceInfo:
    """Where a record came from: enough to name it in an error and to key its named graph."""

    path: str  # file name as given (only its basename reaches the graph)
    index: int  # 0-based position of the record in its file
    line: int | None  # 1-based line where the record starts, when the format has lines
    format: str  # reader name, e.g. "catalog", "pubmed-xml"
    sha256: str  # of the record's own text (or canonical JSON), not of the whole file
    reader_version: str = "1"


@dataclass(frozen=True, slots=True)
class Record:
    """One bibliographic record, format-independent."""

    source: SourceInfo
    ids: Identifiers = field(default_factory=Identifiers)
    title: str | None = None
    vernacular_title: str | None = None
    abstract: tuple[AbstractSection, ...] = ()
    authors: tuple[Author, ...] = ()
    journal: Journal = field(default_factory=Journal)
    published: PartialDate | None = None
    article_date: PartialDate | None = None  # electronic publication date, when distinct
    languages: tuple[str, ...] = ()  # ISO 639-2 (``eng``) where known, else as printed
    country: str | None = None
    publication_types: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    subjects: tuple[str, ...] = ()  # free subject headings (catalogue "Subjects")
    mesh_headings: tuple[MeshHeading, ...] = ()
    chemicals: tuple[Chemical, ...] = ()
    grants: tuple[Grant, ...] = ()
    comments_corrections: tuple[CommentCorrection, ...] = ()
    references: tuple[Identifiers, ...] = ()
    teaser: str | None = None
    object_types: tuple[str, ...] = ()  # catalogue "Bibliography: ObjectType-…" lines

    @property
    def abstract_text(self) -> str:
        """The abstract as one string, sections joined by a blank line (labels omitted)."""
        return "\n\n".join(s.text for s in self.abstract)

    @property
    def is_retracted(self) -> bool:
        """True when PubMed says this article was retracted (``RetractionIn``)."""
        return any(c.ref_type == "RetractionIn" for c in self.comments_corrections) or (
            "Retracted Publication" in self.publication_types
        )
