"""Reader for the library-catalogue layout: a discovery catalogue's "Full description" page as text.

A record, as copied from such a page (a label is glued to its value, or followed by a space or a
colon)::

    <title line>
    <teaser: the start of the summary, cut off with "...">
    Full description / Saved in: / Bibliographic Details / Cover / Loading…   (page furniture)
    Published inPain practice Vol. 20; no. 1; pp. 95 - 100
    Main Authors Ocker, Aaron C., Shah, Nirmal B., ...
    Format Journal Article
    LanguageEnglish
    Published United States 01.01.2020
    Subjects                      (one heading per following line; may be empty)
    Summary:Background ... Case ... Discussion ...
    Bibliography:ObjectType-Case Study-2   (then more ObjectType-/SourceType- lines)
    ISSN:1530-7085                (then bare ISSN lines)
    DOI:10.1111/papr.12829

Conventions fixed here, and why:

* One record per file is the usual case. Several records in one file are separated by a line of
  three or more ``=`` or by a form feed: a new title cannot be told from a stray line, a
  separator can.
* Catalogues pad unknown date parts with ``01``: ``01.01.2020`` (and ``01.2020``) mean "2020",
  ``01.03.2017`` means "March 2017". Reading them at year or month precision never claims a
  precision the source did not have; a genuine first-of-the-month date only loses its day.
* ``Published <place> [publisher] <date>``: a known country at the start of the place becomes
  ``country`` (the publisher after it is dropped); any other place is kept as printed.
* Text (title, teaser, summary, names) is kept as printed, Unicode hyphens included; only
  identifiers (DOI, ISSN) and page ranges are normalised.
* A label followed by a space is trusted only where a label is expected, so a title such as
  "Author Correction: ..." or a subject such as "Language Disorders" stays text. Labels glued to
  their value or followed by a colon are recognised everywhere.
* A record without a title line is a ``RecordParseError`` naming file, line and record; the
  rest of the file goes on.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from kg.errors import RecordParseError
from kg.records.base import ReadResult, record_sha256
from kg.records.catalog_fields import (
    map_publication_types,
    parse_authors,
    parse_imprint,
    parse_journal,
    parse_languages,
    parse_object_types,
    parse_summary,
)
from kg.records.identifiers import normalise_doi, normalise_issn, normalise_text
from kg.records.model import (
    Author,
    Identifiers,
    Journal,
    Record,
    SourceInfo,
)
from kg.records.registry import register
from kg.records.text import decode_text

__all__ = ["CatalogReader"]

# (field, label pattern, opens a multi-line block, trusted even when followed by a space)
_LABEL_SPECS: tuple[tuple[str, str, bool, bool], ...] = (
    ("journal", r"Published ?in", False, True),
    ("imprint", r"Published", False, False),
    ("authors", r"Main Authors?", False, True),
    ("authors", r"Other Authors?|Authors?", False, False),
    ("corporate", r"Corporate Authors?", False, False),
    ("format", r"Format", False, False),
    ("language", r"Languages?", False, False),
    ("subjects", r"Subjects?", True, False),
    ("summary", r"Summary", True, False),
    ("bibliography", r"Bibliography", True, False),
    ("issn", r"E?ISSN", False, False),
    ("isbn", r"ISBN", False, False),
    ("doi", r"DOI", False, False),
    ("ignored", r"Online Access|Edition|Series|Physical Description|Notes|Genre|Other Titles|"
                r"Related Items|Tags", False, False),
)
_LABELS = tuple((name, re.compile(rf"(?:{pat})(?P<sep>\s*:\s*|\s+|)(?P<value>.*)", re.S), multi,
                 strong) for name, pat, multi, strong in _LABEL_SPECS)
_MULTILINE = frozenset(name for name, _, multi, _ in _LABEL_SPECS if multi)
_BOILERPLATE = frozenset({
    "Full description", "Saved in:", "Bibliographic Details", "Cover", "Loading…", "Loading...",
    "More Information", "Get full text", "Show more", "Show less", "Staff View", "Similar Items"})
_SEPARATOR = re.compile(r"={3,}")
_ISSN_TOKEN = re.compile(r"\d{4}[-\u2010\u2011\u2012\u2013 ]?\d{3}[\dXx]")
_ISBN_TOKEN = re.compile(r"[\dXx][\dXx\-\u2010\u2011 ]{8,16}[\dXx]")
_SNIFF_MARKERS = tuple(re.compile(p, re.M) for p in (
    r"^Published ?in(?:\s|[A-Z])", r"^Main Authors? \S", r"^Summary:", r"^Bibliography:",
    r"^Bibliographic Details\s*$", r"^Full description\s*$", r"^Saved in:\s*$",
    r"^Languages? ?[A-Z][a-z]+", r"^ISSN:", r"^DOI: ?10\.", r"^Format [A-Z]",
    r"^Published [A-Z].*\d{4}\s*$"))
_FOREIGN_STARTS = ("PMID-", "<", "{", "[", "@", "TY  -", "%")


@dataclass(frozen=True, slots=True)
class _Line:
    number: int  # 1-based, counted after CRLF/CR are folded to LF
    text: str


@dataclass(slots=True)
class _Block:
    name: str
    value: str
    line: int
    more: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        """The label's own value and its continuation lines, blanks dropped."""
        return [t for t in (self.value.strip(), *self.more) if t]

    def text(self) -> str:
        return " ".join(self.lines())


def _match_label(text: str, *, strong_only: bool) -> tuple[str, str] | None:
    """``(field, value)`` when ``text`` starts with a known label, else None (see module doc)."""
    for name, rx, _, trusted in _LABELS:
        m = rx.match(text)
        if not m:
            continue
        sep, value = m.group("sep"), m.group("value").strip()
        if value and not sep and not value[0].isupper() and not value[0].isdigit():
            continue  # "Formatting", "Languages of ..." : a word, not a label
        if value and sep.strip() != ":" and value[0].islower():
            continue
        strong = (trusted or ":" in sep or (bool(value) and not sep)
                  or (name == "imprint" and parse_imprint(value)[1] is not None))
        if strong_only and not strong:
            return None
        return name, value
    return None


def _decode(data: bytes) -> str:
    """UTF-16 with a BOM (Windows tools), else UTF-8 with Windows-1252 for the lines that
    are not (legacy exports)."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return data.decode("utf-16", errors="replace")
    return decode_text(data)


def _split_records(text: str) -> Iterator[list[_Line]]:
    """Chunks of lines, one per record, cut at ``===`` lines and form feeds."""
    chunk: list[_Line] = []
    for number, raw in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), 1):
        first, *after_feeds = raw.split("\f")
        if _SEPARATOR.fullmatch(first.strip()):
            first, after_feeds = "", [*after_feeds, ""]
        chunk.append(_Line(number, first.lstrip("\ufeff")))
        for part in after_feeds:
            if _has_content(chunk):
                yield chunk
            chunk = [_Line(number, part.lstrip("\ufeff"))]
    if _has_content(chunk):
        yield chunk


def _has_content(lines: list[_Line]) -> bool:
    return any(ln.text.strip() and ln.text.strip() not in _BOILERPLATE for ln in lines)


def _collect_blocks(lines: list[_Line]) -> list[_Block]:
    """Group lines under the label that opens them; furniture lines close a block."""
    blocks: list[_Block] = []
    current: _Block | None = None
    for ln in lines:
        text = ln.text.strip()
        if text in _BOILERPLATE:
            current = None
            continue
        found = _match_label(text, strong_only=current is not None and current.name in _MULTILINE)
        if found:
            current = _Block(found[0], found[1], ln.number)
            blocks.append(current)
        elif current is not None:
            current.more.append(text)
    return blocks


def _summary_text(block: _Block) -> str:
    """Continuation lines join with a space; a blank line starts a new paragraph."""
    paragraphs = " ".join([block.value.strip(), *(t or "\n\n" for t in block.more)])
    return re.sub(r"\s*\n\n\s*", "\n\n", paragraphs).strip()


def _tokens(blocks: list[_Block], rx: re.Pattern[str]) -> list[str]:
    return [t for b in blocks for line in b.lines() for t in rx.findall(line)]


def _journal_of(by: dict[str, list[_Block]]) -> Journal:
    """The ``Published in`` line plus every ISSN printed (checked; a bad check digit is dropped)."""
    journal = parse_journal(by["journal"][0].text()) if "journal" in by else Journal()
    issns = (normalise_issn(normalise_text(t)) for t in _tokens(by.get("issn", []), _ISSN_TOKEN))
    return replace(journal, issns=tuple(dict.fromkeys(i for i in issns if i)))


def _identifiers_of(by: dict[str, list[_Block]]) -> Identifiers:
    dois = (normalise_doi(line) for b in by.get("doi", []) for line in b.lines())
    isbns = (re.sub(r"[^\dX]", "", t.upper()) for t in _tokens(by.get("isbn", []), _ISBN_TOKEN))
    return Identifiers(doi=next((d for d in dois if d), None),
                       other=tuple(("isbn", i) for i in isbns if len(i) in (10, 13)))


def _authors_of(blocks: list[_Block]) -> tuple[Author, ...]:
    """Main, other and corporate authors in the order their lines are printed."""
    authors: list[Author] = []
    for b in blocks:
        if b.name == "authors":
            authors.extend(parse_authors(b.text()))
        elif b.name == "corporate":
            authors.extend(Author(collective=n.strip()) for n in b.text().split(";") if n.strip())
    return tuple(authors)


def _build_record(title: str, teaser: str | None, blocks: list[_Block],
                  source: SourceInfo) -> Record:
    by: dict[str, list[_Block]] = {}
    for b in blocks:
        by.setdefault(b.name, []).append(b)
    country, published = (parse_imprint(by["imprint"][0].text()) if "imprint" in by
                          else (None, None))
    object_types = parse_object_types([ln for b in by.get("bibliography", []) for ln in b.lines()])
    formats = [b.text() for b in by.get("format", [])]
    return Record(
        source=source, title=title, teaser=teaser, ids=_identifiers_of(by),
        abstract=tuple(s for b in by.get("summary", []) for s in parse_summary(_summary_text(b))),
        authors=_authors_of(blocks), journal=_journal_of(by), published=published,
        country=country,
        languages=tuple(dict.fromkeys(c for b in by.get("language", [])
                                      for c in parse_languages(b.text()))),
        publication_types=map_publication_types(formats, object_types),
        subjects=tuple(dict.fromkeys(ln for b in by.get("subjects", []) for ln in b.lines())),
        object_types=object_types)


def _parse_record(lines: list[_Line], path: str, index: int) -> ReadResult:
    body = list(lines)
    while body and not body[-1].text.strip():
        body.pop()
    start = next(i for i, ln in enumerate(body)
                 if ln.text.strip() and ln.text.strip() not in _BOILERPLATE)
    first = body[start]
    source_text = "\n".join(ln.text for ln in body[start:])
    label = _match_label(first.text.strip(), strong_only=True)
    if label:
        dois = [normalise_doi(b.value) for b in _collect_blocks(body[start:]) if b.name == "doi"]
        return RecordParseError(
            f"record has no title line: it starts with the {label[0]} field "
            f"{first.text.strip()[:60]!r}", path=path, index=index, line=first.number,
            record_id=next((d for d in dois if d), None))
    rest = body[start + 1:]
    cut = next((i for i, ln in enumerate(rest) if ln.text.strip() in _BOILERPLATE
                or _match_label(ln.text.strip(), strong_only=False)), len(rest))
    teaser = " ".join(ln.text.strip() for ln in rest[:cut] if ln.text.strip()) or None
    source = SourceInfo(path=path, index=index, line=first.number, format="catalog",
                        sha256=record_sha256(source_text))
    return _build_record(first.text.strip(), teaser, _collect_blocks(rest[cut:]), source)


class CatalogReader:
    """The ``catalog`` format: library-catalogue "Full description" pages saved as text."""

    name = "catalog"
    extensions = (".txt", ".catalog")
    content_required = True  # plain text: a ``.txt`` name alone says nothing about the layout

    def sniff(self, head: str) -> bool:
        """At least two of the layout's own labels, and not the start of another format."""
        text = head.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff \t\n")
        if text.startswith(_FOREIGN_STARTS):
            return False
        return sum(1 for rx in _SNIFF_MARKERS if rx.search(text)) >= 2

    def read(self, data: bytes, path: str) -> Iterator[ReadResult]:
        """One ``Record`` per record in the file, or a ``RecordParseError`` in its place."""
        for index, chunk in enumerate(_split_records(_decode(data))):
            yield _parse_record(chunk, path, index)


register(CatalogReader())
