"""RIS reader (reference managers, PubMed/PMC/Scopus/ScienceDirect exports) and the Web of
Science tagged format that shares its shape.

rispy does the tag parsing (repeated tags, continuation lines, ``;``-separated URLs); this module
first cuts the file into records itself, because rispy silently drops what it cannot use — a
record without ``TY``, a last record without ``ER`` — and knows no line numbers. Cutting first
lets every record keep its own line, hash and error, and lets junk between records (export
banners, numbering) pass without harm.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import rispy

from kg.errors import RecordParseError
from kg.records.base import ReadResult, ReadWarning, record_sha256
from kg.records.csl_json import (
    MAPPING_ERRORS,
    decode_text,
    genre_label,
    is_unidentified,
    normalise_language,
)
from kg.records.dates import build_partial_date, parse_partial_date
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
    Identifiers,
    Journal,
    PartialDate,
    Record,
    SourceInfo,
)
from kg.records.names import parse_person_name
from kg.records.registry import register

__all__ = ["RisReader", "Segment", "WosReader", "map_ris_fields", "map_wos_fields",
           "split_records"]

FORMAT = "ris"
WOS_FORMAT = "wos"
# Tags read as lists: rispy's own list tags plus those that repeat in real exports.
_LIST_TAGS = [*rispy.LIST_TYPE_TAGS, "SN", "PY", "Y1", "DA", "DO", "AN", "M1", "M3",
              "U1", "U2", "U3", "U4", "U5", "C1", "C2", "ID"]
_TY_LINE = re.compile(r"^[\ufeff ]*TY  -", re.MULTILINE)
_ISSN_LIKE = re.compile(r"\b\d{4}-?\d{3}[\dXx]\b")
_PMID_MARKED = re.compile(r"^(?:pmid:?\s*(\d+)|(\d+)\s*\[pmid\])$", re.IGNORECASE)
_PUBMED_URL = re.compile(r"(?:ncbi\.nlm\.nih\.gov/pubmed/|pubmed\.ncbi\.nlm\.nih\.gov/)(\d+)")
_PMC_URL = re.compile(r"/pmc/articles/(PMC\d+)", re.IGNORECASE)
_QUALIFIED_DATE = re.compile(r"[A-Za-z]{3,}")  # "2013/02/15/received": a history date
_CITED_DOI = re.compile(r"\bDOI\s+(?:\[)?(10\.\d{4,9}/[^\s,\]]+)")


class _TagIsName(dict[str, str]):
    """rispy mapping that keeps the raw two-letter tag as the key (no rename, no unknown bin)."""

    def __missing__(self, key: str) -> str:
        return key


@dataclass(frozen=True, slots=True)
class Segment:
    """The lines of one record (or of one stray block) and the line it starts on."""

    line: int
    lines: tuple[str, ...]
    complete: bool  # reached its end tag (or the next record's start tag)
    started: bool  # began with the start tag
    unterminated: bool = False  # closed by the next record's start tag, its end tag missing


def split_records(text: str, parse_line: Callable[[str], tuple[str | None, str]],
                  start: str, end: str, ignore: frozenset[str] = frozenset()
                  ) -> Iterator[Segment]:
    """Cut tagged text into records at ``start``/``end`` tags, keeping line numbers.

    Tag lines met outside a record form a stray segment (``started`` False) up to the next end
    tag, so a record whose start tag is missing is reported rather than lost. A start tag inside
    a record that has other tags closes it (``unterminated``): a missing end tag must not let
    one record swallow the next. Untagged junk and file-level tags (``ignore``: Web of
    Science's ``FN``/``VR``/``EF``) outside records are skipped.
    """
    current: list[str] = []
    first, started, has_body = 0, False, False
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.lstrip("\ufeff")
        tag = parse_line(line)[0] if line.strip() else None
        if not current:
            if tag is None or tag in ignore:
                continue
            first, started, has_body = number, tag == start, False
        elif tag == start and (not started or has_body):  # opens a new record
            yield Segment(first, tuple(current), started, started, unterminated=started)
            current, first, started, has_body = [], number, True, False
        has_body = has_body or (tag is not None and tag != start)
        current.append(line)
        if tag == end:
            yield Segment(first, tuple(current), True, started)
            current = []
    if current:
        yield Segment(first, tuple(current), False, started)


def _values(fields: dict[str, object], *tags: str) -> list[str]:
    out: list[str] = []
    for tag in tags:
        value = fields.get(tag)
        items = value if isinstance(value, list) else [value]
        out.extend(str(v).strip() for v in items if v is not None and str(v).strip())
    return out


def _first(fields: dict[str, object], *tags: str) -> str | None:
    values = _values(fields, *tags)
    return values[0] if values else None


def _ris_date(text: str) -> PartialDate | None:
    """``2013/04/18``, ``2016/12//``, ``2015/october``; other shapes via the general parser."""
    if "/" not in text:
        return parse_partial_date(text)
    year, month, day, *_ = [*text.split("/"), "", "", ""]
    return build_partial_date(year.strip(), month.strip() or None, day.strip() or None)


def _published(fields: dict[str, object]) -> PartialDate | None:
    """The most precise of PY/Y1/DA that agrees with the first year; history dates skipped."""
    texts = [t for t in _values(fields, "PY", "Y1", "DA")
             if not _QUALIFIED_DATE.search("/".join(t.split("/")[3:]))]
    dates = [d for d in map(_ris_date, texts) if d is not None]
    if not dates:
        return None
    same_year = [d for d in dates if d.year == dates[0].year]
    return max(same_year, key=lambda d: (d.month is not None, d.day is not None))


def _authors(fields: dict[str, object], order: list[str]) -> tuple[Author, ...]:
    """AU and A1 names interleaved in file order (rispy keeps one list per tag)."""
    queues = {tag: iter(value if isinstance(value := fields.get(tag), list) else [value])
              for tag in ("AU", "A1")}
    names = (next(queues[tag], None) for tag in order if tag in queues)
    return tuple(a for a in (parse_person_name(str(n)) for n in names if n) if a)


def _pages(fields: dict[str, object]) -> tuple[str | None, str | None, str | None]:
    start, end = _first(fields, "SP"), _first(fields, "EP")
    if start and not end and re.fullmatch(r"\S+\s*-+\s*\S+", start):
        start, end = (p.strip() for p in re.split(r"-+", start, maxsplit=1))
    pages = f"{start}-{end}" if start and end and end != start else start
    return pages, start, end


def _journal(fields: dict[str, object]) -> Journal:
    title = _first(fields, "JF", "T2", "JO", "JA", "J1", "J2")
    abbreviation = next((v for v in _values(fields, "JA", "J2", "J1", "JO") if v != title), None)
    pages, start, end = _pages(fields)
    issns = (normalise_issn(m) for v in _values(fields, "SN") for m in _ISSN_LIKE.findall(v))
    return Journal(title=title, iso_abbreviation=abbreviation,
                   volume=_first(fields, "VL", "VO"), issue=_first(fields, "IS"),
                   pages=pages, page_start=start, page_end=end,
                   issns=tuple(dict.fromkeys(i for i in issns if i)))


def _identifiers(fields: dict[str, object]) -> Identifiers:
    urls = _values(fields, "UR", "L1", "L2")
    doi = next((d for d in map(record_doi, _values(fields, "DO")) if d), None)
    doi = doi or next((d for v in _values(fields, "N1", "M3") + urls
                       if (d := normalise_doi(v))), None)
    marked = [m.group(1) or m.group(2)
              for v in _values(fields, "AN", "U1", "U2", "U3", "U4", "U5", "M1", "C1", "C2")
              if (m := _PMID_MARKED.match(v))]
    from_pubmed = " ".join(_values(fields, "DB", "DP")).lower()
    if "pubmed" in from_pubmed or "medline" in from_pubmed:
        marked += [v for v in _values(fields, "AN") if v.isdigit()]
    marked += [m.group(1) for u in urls if (m := _PUBMED_URL.search(u))]
    pmcs = [v for v in _values(fields, "AN", "C2") if v.upper().startswith("PMC")]
    pmcs += [m.group(1) for u in urls if (m := _PMC_URL.search(u))]
    return Identifiers(doi=doi, pmid=next((p for p in map(normalise_pmid, marked) if p), None),
                       pmcid=next((p for p in map(normalise_pmcid, pmcs) if p), None))


def map_ris_fields(fields: dict[str, object], source: SourceInfo,
                   order: list[str]) -> Record:
    """The ``Record`` of one RIS record, given rispy's tag → value(s) dictionary."""
    abstract = _first(fields, "AB", "N2")
    language = _first(fields, "LA")
    genre = genre_label(_first(fields, "TY"))
    keywords = (k.lstrip("*").strip() for k in _values(fields, "KW"))
    return Record(source=source, ids=_identifiers(fields),
                  title=_first(fields, "TI", "T1", "CT", "BT", "ST"),
                  abstract=(AbstractSection(text=abstract),) if abstract else (),
                  authors=_authors(fields, order), journal=_journal(fields),
                  published=_published(fields),
                  languages=(normalise_language(language),) if language else (),
                  publication_types=(genre,) if genre else (),
                  keywords=tuple(dict.fromkeys(k for k in keywords if k)))


def _split(values: list[str]) -> tuple[str, ...]:
    parts = (p.strip() for v in values for p in v.split(";"))
    return tuple(dict.fromkeys(p for p in parts if p))


def _wos_date(fields: dict[str, object]) -> PartialDate | None:
    year, when = _first(fields, "PY"), _first(fields, "PD")
    if when and year and not re.search(r"\d{4}", when):
        return parse_partial_date(f"{year} {when}")
    return parse_partial_date(when or year)


def map_wos_fields(fields: dict[str, object], source: SourceInfo, order: list[str]) -> Record:
    """The ``Record`` of one Web of Science record (full names from AF, cited DOIs from CR)."""
    people = (parse_person_name(n) for n in _values(fields, "AF") or _values(fields, "AU"))
    groups = (Author(collective=g) for g in _values(fields, "CA", "GP"))
    start, end = _first(fields, "BP"), _first(fields, "EP")
    journal = Journal(title=_first(fields, "SO"), iso_abbreviation=_first(fields, "JI", "J9"),
                      volume=_first(fields, "VL"), issue=_first(fields, "IS"),
                      pages=f"{start}-{end}" if start and end else start or _first(fields, "AR"),
                      page_start=start or _first(fields, "AR"), page_end=end,
                      issns=tuple(dict.fromkeys(i for v in _values(fields, "SN", "EI")
                                                if (i := normalise_issn(v)))))
    cited = (normalise_doi(m.group(1)) for ref in _values(fields, "CR")
             if (m := _CITED_DOI.search(ref)))
    abstract, language, genre = (_first(fields, t) for t in ("AB", "LA", "DT"))
    return Record(
        source=source, title=_first(fields, "TI"),
        ids=Identifiers(doi=normalise_doi(_first(fields, "DI")),
                        pmid=normalise_pmid(_first(fields, "PM"))),
        abstract=(AbstractSection(text=abstract),) if abstract else (),
        authors=tuple(a for a in (*people, *groups) if a), journal=journal,
        published=_wos_date(fields),
        languages=(normalise_language(language),) if language else (),
        publication_types=tuple(filter(None, map(genre_label, _split([genre or ""])))),
        keywords=_split(_values(fields, "DE", "ID")), subjects=_split(_values(fields, "WC")),
        references=tuple(Identifiers(doi=d) for d in dict.fromkeys(cited) if d))


@dataclass(frozen=True, slots=True)
class _Dialect:
    """What differs between RIS and Web of Science tagged text."""

    name: str
    parser: rispy.RisParser
    start: str
    end: str
    mapper: Callable[[dict[str, object], SourceInfo, list[str]], Record]


def _parse_segment(segment: Segment, dialect: _Dialect) -> tuple[dict[str, object], list[str]]:
    """rispy's fields of one record, and the tag each line adds to (continuations included).

    Untagged lines before the first field are dropped: rispy would attach them to a tag that
    does not exist yet and fail.
    """
    lines, order, last = [], [], None
    for line in segment.lines:
        tag = dialect.parser.parse_line(line)[0]
        if tag is None and last in (None, dialect.start):
            continue
        last = tag or last
        lines.append(line)
        order.append(last)
    if segment.unterminated:  # closed by the next start tag: give rispy the end it needs
        lines.append(f"{dialect.end}  - " if dialect is _RIS else dialect.end)
    parsed = dialect.parser.parse_lines(iter(lines))
    if not parsed:
        raise ValueError("rispy found no record in these lines")
    return parsed[0], order


def _read_segment(segment: Segment, dialect: _Dialect, path: str, index: int) -> ReadResult:
    where: dict[str, Any] = {"path": path, "index": index, "line": segment.line}
    if not segment.started:
        return RecordParseError(f"tags without a '{dialect.start}' start tag", **where)
    if not segment.complete:
        return RecordParseError(f"record has no '{dialect.end}' end tag (file cut short?)",
                                **where)
    source = SourceInfo(path=path, index=index, line=segment.line, format=dialect.name,
                        sha256=record_sha256("\n".join(segment.lines)))
    try:
        fields, order = _parse_segment(segment, dialect)
        record = dialect.mapper(fields, source, order)
    except MAPPING_ERRORS as exc:
        return RecordParseError(f"malformed record: {type(exc).__name__}: {exc}", **where)
    if is_unidentified(record):
        return RecordParseError("record has no title and no DOI/PMID", **where)
    return record


def _read_all(data: bytes, path: str, dialect: _Dialect) -> Iterator[ReadResult]:
    segments = split_records(decode_text(data), dialect.parser.parse_line, dialect.start,
                             dialect.end, frozenset(dialect.parser.ignore))
    count = 0
    for index, segment in enumerate(segments):
        count += 1
        if segment.unterminated:
            yield ReadWarning(f"record has no '{dialect.end}' end tag; closed at the next "
                              f"'{dialect.start}' tag", path, index, segment.line)
        yield _read_segment(segment, dialect, path, index)
    if count == 0:
        yield RecordParseError(f"no {dialect.name} records found", path=path)


_RIS = _Dialect(FORMAT, rispy.RisParser(mapping=_TagIsName(), list_tags=_LIST_TAGS), "TY", "ER",
                map_ris_fields)
_WOS = _Dialect(WOS_FORMAT, rispy.WokParser(mapping=_TagIsName()), "PT", "ER", map_wos_fields)


class RisReader:
    """RIS tagged text: ``TY  - `` opens a record and ``ER  - `` closes it."""

    name = FORMAT
    extensions = (".ris",)

    def sniff(self, head: str) -> bool:
        """Any line that starts a RIS record (a BOM or a stray space before it is tolerated)."""
        return _TY_LINE.search(head) is not None

    def read(self, data: bytes, path: str) -> Iterator[ReadResult]:
        """Records in file order, each with its first line; bad ones become errors."""
        yield from _read_all(data, path, _RIS)


class WosReader:
    """Web of Science "plain text" export: ``FN``/``VR`` header, ``PT`` … ``ER`` records."""

    name = WOS_FORMAT
    extensions = (".ciw",)

    def sniff(self, head: str) -> bool:
        """The ``FN`` file header followed by a ``VR`` version line."""
        return re.match(r"(?:FN [^\n]*\n)(?:VR [^\n]*\n)", head.replace("\r\n", "\n")) is not None

    def read(self, data: bytes, path: str) -> Iterator[ReadResult]:
        """Records in file order, each with its first line; bad ones become errors."""
        yield from _read_all(data, path, _WOS)


register(RisReader())
register(WosReader())
