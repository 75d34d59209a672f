"""MEDLINE tagged-text reader (PubMed's ``.nbib`` / "MEDLINE" export, ``PMID- …`` lines).

Each line is a tag of up to four characters, a hyphen and a value; values wrap onto lines
indented by six spaces; records are separated by blank lines (a second ``PMID-`` line also
starts a new record, for files where the blank line was lost).

MeSH headings in this format carry names only (``Ketamine/*therapeutic use``), never UIs, so
``MeshHeading.descriptor_ui`` and the qualifier UIs are left empty (``""``) and grounding resolves
them later by name against the MeSH vocabulary. Lines inside a record that are neither a tag nor
a continuation are ignored; a block without any tag line, or a record with no PMID, DOI or title,
is reported as a ``RecordParseError`` and the rest of the file goes on.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from kg.errors import RecordParseError
from kg.records.base import ReadResult, record_sha256
from kg.records.dates import parse_partial_date
from kg.records.identifiers import (
    normalise_doi,
    normalise_issn,
    normalise_pmcid,
    normalise_pmid,
    record_doi,
)
from kg.records.model import (
    AbstractSection,
    Author,
    Chemical,
    CommentCorrection,
    Grant,
    Identifiers,
    Journal,
    MeshHeading,
    Record,
    SourceInfo,
)
from kg.records.names import normalise_orcid
from kg.records.pubmed_fields import doi_in_text, normalise_language, split_pages, unique
from kg.records.registry import register
from kg.records.text import decode_text

__all__ = [
    "COMMENT_TAGS",
    "MedlineReader",
    "parse_fields",
    "parse_grant_line",
    "parse_mesh_line",
    "split_records",
    "split_structured_abstract",
]

FORMAT = "medline"
_TAG = re.compile(r"^([A-Z][A-Z0-9]{0,3}) *-(?: |$)?(.*)$")
_PMID_LINE = re.compile(r"^PMID *- *\d")
_PMID_ANYWHERE = re.compile(r"(?m)^PMID *- *\d")
_MEDLINE_ONLY = re.compile(
    r"(?m)^(?:PMID|PMCR?|FAU|OWN|STAT|DP|JT|TA|MH|LID|AID|PT|SO|BTI|CTI|FED) *-")
_RIS_START = re.compile(r"(?m)^TY  - ")
_ID_SUFFIX = re.compile(r"^(.*?)\s*\[([a-z-]+)\]\s*$")
_LABEL = re.compile(r"(?:^|(?<=[.?!:;)]))\s*([A-Z][A-Z0-9 ,&/()'-]{2,60}):\s+")
_WRAP_WIDTH = 80

# MEDLINE's comment/correction tags and PubMed XML's RefType for each, so both formats agree.
COMMENT_TAGS = {
    "CIN": "CommentIn", "CON": "CommentOn", "EIN": "ErratumIn", "EFR": "ErratumFor",
    "RIN": "RetractionIn", "ROF": "RetractionOf", "ECI": "ExpressionOfConcernIn",
    "ECF": "ExpressionOfConcernFor", "CRI": "CorrectedandRepublishedIn",
    "CRF": "CorrectedandRepublishedFrom", "RPI": "RepublishedIn", "RPF": "RepublishedFrom",
    "UIN": "UpdateIn", "UOF": "UpdateOf", "SPIN": "SummaryForPatientsIn",
    "ORI": "OriginalReportIn", "RRI": "RetractedandRepublishedIn",
    "RRF": "RetractedandRepublishedFrom",
}

Field = tuple[str, str]


def split_records(text: str) -> Iterator[tuple[int, list[str]]]:
    """(1-based first line, raw lines) of each record-like block, in file order."""
    block: list[str] = []
    first, has_pmid = 0, False
    for number, line in enumerate(text.splitlines(), start=1):
        is_pmid = _PMID_LINE.match(line) is not None
        if not line.strip() or (is_pmid and has_pmid):
            if block:
                yield first, block
            block, has_pmid = [], False
            if not line.strip():
                continue
        if not block:
            first = number
        block.append(line)
        has_pmid = has_pmid or is_pmid
    if block:
        yield first, block


def _join(value: str, previous: str, continuation: str) -> str:
    """Append a wrapped line; a token longer than the line width was split without a space."""
    body = previous[6:]
    hard_split = len(previous) >= _WRAP_WIDTH and " " not in body.strip() and body == body.rstrip()
    piece = continuation.strip()
    if not value:
        return piece
    return value + piece if hard_split else f"{value} {piece}"


def parse_fields(lines: list[str]) -> list[Field]:
    """Tag/value pairs with continuation lines joined; stray untagged lines are dropped."""
    fields: list[list[str]] = []
    previous = ""
    for line in lines:
        match = _TAG.match(line)
        if match:
            fields.append([match.group(1), match.group(2).strip()])
        elif line[:1].isspace() and fields:
            fields[-1][1] = _join(fields[-1][1], previous, line)
        else:
            previous = ""
            continue
        previous = line
    return [(tag, value) for tag, value in fields]


def parse_mesh_line(value: str) -> MeshHeading | None:
    """``Descriptor/qualifier/*qualifier`` with ``*`` marking a major topic; UIs left empty."""
    parts = [p.strip() for p in value.split("/")]
    if not parts[0].lstrip("*"):
        return None
    qualifiers = tuple(("", q.lstrip("*").strip(), q.startswith("*")) for q in parts[1:]
                       if q.lstrip("*").strip())
    return MeshHeading(descriptor_ui="", descriptor_name=parts[0].lstrip("*").strip(),
                       major_topic=parts[0].startswith("*"), qualifiers=qualifiers)


def parse_grant_line(value: str) -> Grant:
    """``GrantID/Acronym/Agency/Country`` (acronym and country optional; IDs may hold ``/``)."""
    parts = [p.strip() for p in value.split("/")]
    country = parts.pop() if len(parts) >= 3 else None
    agency = parts.pop() if len(parts) >= 2 else None
    if (len(parts) >= 2 and re.fullmatch(r"[A-Z]{2,4}", parts[-1]) and agency
            and re.search(r"\b(?:NIH|HHS)\b", agency)):
        parts.pop()
    grant_id = "/".join(parts).strip("/ ") or None
    return Grant(grant_id=grant_id, agency=agency or None, country=country or None)


def split_structured_abstract(text: str) -> tuple[AbstractSection, ...]:
    """Sections of an abstract printed as ``BACKGROUND: … RESULTS: …`` (one section if not)."""
    matches = list(_LABEL.finditer(text))
    if not matches or matches[0].start() != 0:
        return (AbstractSection(text=text),)
    sections = []
    for match, following in zip(matches, [*matches[1:], None], strict=True):
        body = text[match.end(): following.start() if following else len(text)].strip()
        if body:
            sections.append(AbstractSection(text=body, label=match.group(1).strip()))
    return tuple(sections)


def _strip_markup(text: str) -> str:
    """Remove JATS/HTML tags PubMed leaves in some abstracts (``<ext-link …>``, ``<i>``)."""
    return " ".join(re.sub(r"</?[A-Za-z][\w:.-]*(?:\s+[\w:.-]+=\"[^\"]*\")*\s*/?>", "",
                           text).split())


@dataclass
class _Person:
    family: str | None = None
    given: str | None = None
    initials: str | None = None
    collective: str | None = None
    affiliations: list[str] = field(default_factory=list)
    orcid: str | None = None
    from_full_name: bool = False

    def freeze(self, investigator: bool) -> Author:
        return Author(family=self.family, given=self.given, initials=self.initials,
                      collective=self.collective, affiliations=unique(self.affiliations),
                      orcid=self.orcid, is_investigator=investigator)


def _person_from_full(value: str) -> _Person:
    family, _, given = value.partition(",")
    return _Person(family=family.strip() or None, given=given.strip() or None,
                   from_full_name=True)


def _person_from_short(value: str) -> _Person:
    family, _, initials = value.rpartition(" ")
    if family and re.fullmatch(r"[A-Z]{1,4}", initials):
        return _Person(family=family, initials=initials)
    return _Person(family=value)


class _PeopleList:
    """Authors (FAU/AU/AD/AUID/CN) or investigators (FIR/IR/IRAD) in printed order."""

    def __init__(self) -> None:
        self.people: list[_Person] = []
        self.pending_affiliations: list[str] = []
        self.awaiting_short = False

    def add_full(self, value: str) -> None:
        self._append(_person_from_full(value))
        self.awaiting_short = True

    def add_short(self, value: str) -> None:
        last = self.people[-1] if self.people else None
        if self.awaiting_short and last is not None and last.from_full_name:
            if last.family and value.startswith(last.family):
                last.initials = value[len(last.family):].strip() or None
            self.awaiting_short = False
            return
        self._append(_person_from_short(value))

    def add_collective(self, value: str) -> None:
        self._append(_Person(collective=value))
        self.awaiting_short = False

    def add_affiliation(self, value: str) -> None:
        (self.people[-1].affiliations if self.people else self.pending_affiliations).append(value)

    def add_orcid(self, value: str) -> None:
        if self.people and self.people[-1].orcid is None:
            self.people[-1].orcid = normalise_orcid(value)

    def _append(self, person: _Person) -> None:
        if not self.people and self.pending_affiliations:  # old records: AD before the authors
            person.affiliations.extend(self.pending_affiliations)
            self.pending_affiliations = []
        self.people.append(person)

    def freeze(self, investigator: bool) -> tuple[Author, ...]:
        return tuple(p.freeze(investigator) for p in self.people)


class _Builder:
    """Accumulates one record's fields; ``build`` freezes them into a Record."""

    def __init__(self) -> None:
        self.values: dict[str, list[str]] = {}
        self.authors, self.investigators = _PeopleList(), _PeopleList()
        self.links: list[CommentCorrection] = []
        self.handlers = {
            "FAU": self.authors.add_full, "AU": self.authors.add_short,
            "CN": self.authors.add_collective, "AD": self.authors.add_affiliation,
            "AUID": self.authors.add_orcid, "FIR": self.investigators.add_full,
            "IR": self.investigators.add_short, "IRAD": self.investigators.add_affiliation,
        }

    def add(self, tag: str, value: str) -> None:
        if tag in self.handlers:
            self.handlers[tag](value)
        elif tag in COMMENT_TAGS:
            pmid = re.search(r"PMID:\s*(\d+)", value)
            self.links.append(CommentCorrection(
                ref_type=COMMENT_TAGS[tag], ref_source=re.sub(r"\s*PMID:\s*\d+\s*$", "", value),
                pmid=normalise_pmid(pmid.group(1)) if pmid else None, doi=doi_in_text(value)))
        else:
            self.values.setdefault(tag, []).append(value)

    def first(self, tag: str) -> str | None:
        return self.values.get(tag, [None])[0]

    def all(self, tag: str) -> list[str]:
        return self.values.get(tag, [])

    def ids(self) -> Identifiers:
        doi, other = None, []
        for value in self.all("LID") + self.all("AID"):
            match = _ID_SUFFIX.match(value)
            raw, scheme = match.groups() if match else (value, "doi")
            if scheme == "doi" and record_doi(raw):
                doi = doi or normalise_doi(raw)
            elif match:
                other.append((scheme, raw))
        other += [("mid", v) for v in self.all("MID")] + [("isbn", v) for v in self.all("ISBN")]
        return Identifiers(doi=doi, pmid=normalise_pmid(self.first("PMID")),
                           pmcid=normalise_pmcid(self.first("PMC")),
                           other=tuple(dict.fromkeys(other)))

    def journal(self) -> Journal:
        issns, linking = [], None
        for value in self.all("IS"):
            issn = normalise_issn(value.split("(")[0])
            if "(Linking)" in value:
                linking = linking or issn
            else:
                issns.append(issn)
        start, end = split_pages(self.first("PG"))
        return Journal(title=self.first("JT"), iso_abbreviation=self.first("TA"),
                       volume=self.first("VI"), issue=self.first("IP"), pages=self.first("PG"),
                       page_start=start, page_end=end, issns=unique(issns),
                       issn_linking=linking, nlm_id=self.first("JID"))

    def chemicals(self) -> tuple[Chemical, ...]:
        chemicals = []
        for value in self.all("RN"):
            match = re.fullmatch(r"(.*?)\s*\((.+)\)", value)
            if match:
                number = match.group(1).strip()
                chemicals.append(Chemical(name=match.group(2).strip(),
                                          registry_number=None if number in ("", "0") else number))
        return tuple(chemicals)

    def build(self, source: SourceInfo) -> Record:
        titles = self.all("TI") or self.all("BTI")
        abstract = tuple(s for v in self.all("AB")
                         for s in split_structured_abstract(_strip_markup(v)))
        substances = [re.sub(r"\s*\[[^\]]*\]$", "", v) for v in self.all("NM")]
        return Record(
            source=source, ids=self.ids(), title=" ".join(titles) or None,
            vernacular_title=self.first("TT"), abstract=abstract,
            authors=self.authors.freeze(False) + self.investigators.freeze(True),
            journal=self.journal(), published=parse_partial_date(self.first("DP")),
            article_date=parse_partial_date(self.first("DEP")),
            languages=unique(map(normalise_language, self.all("LA"))), country=self.first("PL"),
            publication_types=unique(self.all("PT")), keywords=unique(self.all("OT")),
            mesh_headings=tuple(h for h in map(parse_mesh_line, self.all("MH")) if h)
            + tuple(MeshHeading(descriptor_ui="", descriptor_name=s) for s in substances if s),
            chemicals=self.chemicals(), grants=tuple(map(parse_grant_line, self.all("GR"))),
            comments_corrections=tuple(self.links))


def _read_block(lines: list[str], first_line: int, path: str, index: int) -> ReadResult:
    fields = parse_fields(lines)
    if not fields:
        return RecordParseError("no MEDLINE tag lines (TAG - value) in this block", path=path,
                                index=index, line=first_line)
    builder = _Builder()
    for tag, value in fields:
        if value:
            builder.add(tag, value)
    source = SourceInfo(path=path, index=index, line=first_line, format=FORMAT,
                        sha256=record_sha256("\n".join(lines)))
    record = builder.build(source)
    if not (record.ids.pmid or record.ids.doi or record.title):
        return RecordParseError("record has no PMID, DOI or title", path=path, index=index,
                                line=first_line)
    return record


class MedlineReader:
    """Reader for PubMed's MEDLINE tagged text."""

    name = FORMAT
    extensions = (".nbib", ".medline")

    def sniff(self, head: str) -> bool:
        """A ``PMID-`` line, or MEDLINE-only tags in a file that does not open like RIS."""
        if _PMID_ANYWHERE.search(head):
            return True
        return not _RIS_START.search(head) and _MEDLINE_ONLY.search(head) is not None

    def read(self, data: bytes, path: str) -> Iterator[ReadResult]:
        """Records in file order; a bad block yields an error value and the rest goes on."""
        for index, (first_line, lines) in enumerate(split_records(decode_text(data))):
            try:
                yield _read_block(lines, first_line, path, index)
            except (ValueError, TypeError, IndexError) as exc:
                yield RecordParseError(f"{type(exc).__name__}: {exc}", path=path, index=index,
                                       line=first_line)


register(MedlineReader())
