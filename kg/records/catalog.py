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
* Catalogues pad unknown date parts with ``01``: ``01.01.2020`` means "2020" and ``01.03.2017``
  means "March 2017". Reading them at year or month precision never claims a precision the
  source did not have; a genuine first-of-the-month date only loses its day.
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
from kg.records.identifiers import normalise_doi, normalise_issn, normalise_text
from kg.records.model import (AbstractSection, Author, Identifiers, Journal, PartialDate, Record,
                              SourceInfo)
from kg.records.names import looks_collective, make_person
from kg.records.registry import register

__all__ = ["CatalogReader", "parse_authors", "parse_imprint", "parse_journal", "parse_languages",
           "parse_summary"]

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
_DATE = re.compile(r"(?:^|\s)(?:(?:(?P<day>\d{1,2})\.)?(?P<month>\d{1,2})\.)?(?P<year>\d{4})\s*$")
_ISSN_TOKEN = re.compile(r"\d{4}[-\u2010\u2011\u2012\u2013 ]?\d{3}[\dXx]")
_ISBN_TOKEN = re.compile(r"[\dXx][\dXx\-\u2010\u2011 ]{8,16}[\dXx]")
_SNIFF_MARKERS = tuple(re.compile(p, re.M) for p in (
    r"^Published ?in(?:\s|[A-Z])", r"^Main Authors? \S", r"^Summary:", r"^Bibliography:",
    r"^Bibliographic Details\s*$", r"^Full description\s*$", r"^Saved in:\s*$",
    r"^Languages? ?[A-Z][a-z]+", r"^ISSN:", r"^DOI: ?10\.", r"^Format [A-Z]",
    r"^Published [A-Z].*\d{4}\s*$"))
_FOREIGN_STARTS = ("PMID-", "<", "{", "[", "@", "TY  -", "%")

_LANGUAGES = dict(pair.split(":") for pair in (
    "english:eng french:fre german:ger spanish:spa italian:ita portuguese:por dutch:dut "
    "japanese:jpn chinese:chi russian:rus polish:pol swedish:swe danish:dan norwegian:nor "
    "finnish:fin korean:kor turkish:tur czech:cze hungarian:hun greek:gre hebrew:heb arabic:ara "
    "persian:per croatian:hrv serbian:srp slovak:slo slovenian:slv romanian:rum bulgarian:bul "
    "ukrainian:ukr lithuanian:lit icelandic:ice afrikaans:afr catalan:cat latin:lat "
    "estonian:est latvian:lav thai:tha vietnamese:vie indonesian:ind malay:may hindi:hin "
    "multiple:mul").split())
_COUNTRIES = sorted((
    "United States|United Kingdom|England|Scotland|Wales|Ireland|Netherlands|Germany|France|"
    "Switzerland|Italy|Spain|Portugal|Belgium|Austria|Denmark|Sweden|Norway|Finland|Poland|"
    "Czech Republic|Hungary|Greece|Turkey|Israel|Canada|Australia|New Zealand|Japan|China|India|"
    "Korea (South)|South Korea|Brazil|Mexico|Argentina|South Africa|Egypt|Iran|Singapore|Taiwan|"
    "Russia|Croatia|Romania|Nigeria|Pakistan|Thailand|Malaysia|Indonesia").split("|"),
    key=len, reverse=True)


def _invert(table: dict[str, str]) -> dict[str, str]:
    """``{target: "a|b"}`` → ``{"a": target, "b": target}``: long synonym lists stay readable."""
    return {alias: target for target, aliases in table.items() for alias in aliases.split("|")}


# Catalogue ObjectType / Format names → PubMed publication types, so that study-design
# classification sees one vocabulary whatever the source.
_PUBLICATION_TYPES = _invert({
    "Case Reports": "case study|case report", "Review": "review|literature review",
    "Systematic Review": "systematic review", "Meta-Analysis": "meta-analysis|meta analysis",
    "Randomized Controlled Trial": "randomized controlled trial|randomised controlled trial",
    "Clinical Trial": "clinical trial", "Controlled Clinical Trial": "controlled clinical trial",
    "Observational Study": "observational study", "Comparative Study": "comparative study",
    "Multicenter Study": "multicenter study", "Editorial": "editorial",
    "Letter": "letter|letter to the editor|correspondence", "Comment": "comment|commentary",
    "News": "news", "Published Erratum": "erratum|correction",
    "Retraction of Publication": "retraction", "Retracted Publication": "retracted publication",
    "Guideline": "guideline", "Practice Guideline": "practice guideline",
    "Journal Article": "journal article|article", "Congress": "conference proceeding"})
_IGNORED_OBJECT_TYPES = frozenset({"feature", "report"})
# Summary section labels → NLM category (matched longest first: "Case presentation" before "Case").
_SECTIONS = _invert({
    "BACKGROUND": "background|introduction|context|importance|rationale|trial registration",
    "OBJECTIVE": "objective|objectives|aim|aims|purpose|study objective|background and purpose|"
                 "background and aims",
    "METHODS": "methods|method|materials and methods|patients and methods|design|setting|"
               "participants|patients|interventions|intervention|measurements|"
               "main outcome measures|study design|design, setting, and participants|"
               "main outcomes and measures|data sources|study selection|data extraction|"
               "evidence acquisition|case|case presentation|case report|case description|"
               "case summary",
    "RESULTS": "results|findings|main results|evidence synthesis",
    "CONCLUSIONS": "discussion|conclusion|conclusions|interpretation|limitations|implications|"
                   "perspective|significance"})
_SECTION_RX = re.compile(
    r"(?:^|(?<=[.!?)\]]\s))(?P<label>" + "|".join(
        re.escape(s) for s in sorted(_SECTIONS, key=len, reverse=True)) +
    r")(?P<sep>\s*:\s*|\s+)(?=\S)", re.I | re.M)
_LEADING_HEADING = re.compile(r"^(?:Abstract|ABSTRACT|Summary|SUMMARY)\s*:?\s+(?=[A-Z])")


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
                  or (name == "imprint" and bool(_DATE.search(value))))
        if strong_only and not strong:
            return None
        return name, value
    return None


def _decode(data: bytes) -> str:
    """UTF-8 (BOM or not), UTF-16 with a BOM, else Windows-1252 as legacy exports use."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


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


def parse_authors(text: str) -> tuple[Author, ...]:
    """``Family, Given, Family, Given, …`` (or ``;``-separated names) as persons in order."""
    text = text.strip().strip(",;")
    if ";" in text:
        pairs = [tuple(p.split(",", 1)) for p in text.split(";") if p.strip()]
    else:
        tokens = [t.strip() for t in text.split(",") if t.strip()]
        merged: list[str] = []
        for token in tokens:  # "Smith, John, Jr." keeps the suffix with the given name
            if merged and len(merged) % 2 == 0 and token.rstrip(".").lower() in {"jr", "sr", "ii",
                                                                                  "iii", "iv"}:
                merged[-1] = f"{merged[-1]} {token}"
            else:
                merged.append(token)
        pairs = [tuple(merged[i:i + 2]) for i in range(0, len(merged), 2)]
    people = (Author(collective=p[0].strip()) if len(p) == 1 and looks_collective(p[0])
              else make_person(p[0].strip(), p[1].strip() if len(p) > 1 else None) for p in pairs)
    return tuple(a for a in people if a is not None)


def _collective_authors(text: str) -> tuple[Author, ...]:
    return tuple(Author(collective=n.strip()) for n in text.split(";") if n.strip())


def parse_journal(text: str) -> Journal:
    """``Pain practice Vol. 20; no. 1; pp. 95 - 100`` → title, volume, issue and pages."""
    m = re.search(r"\s*\b(?:Vol\.|no\.|pp?\.)", text)
    title = (text[:m.start()] if m else text).strip().rstrip(",;:") or None
    rest = text[m.start():] if m else ""

    def part(rx: str) -> str | None:
        found = re.search(rx + r"\s*([^;]+?)\s*(?:;|$)", rest)
        return normalise_text(found.group(1)) if found else None

    volume, issue, pages = part(r"Vol\."), part(r"\bno\."), part(r"\bpp?\.")
    start = end = None
    if pages:
        bits = [b for b in re.split(r"\s*-\s*", pages) if b]
        start, end = bits[0], (bits[1] if len(bits) > 1 else None)
        pages = "-".join(bits[:2])
    return Journal(title=title, volume=volume, issue=issue, pages=pages, page_start=start,
                   page_end=end)


def parse_imprint(text: str) -> tuple[str | None, PartialDate | None]:
    """``United States 01.01.2020`` → (country, date at the precision the padding allows)."""
    m = _DATE.search(text)
    place = (text[:m.start()] if m else text).strip().strip(",:;") or None
    country = next((c for c in _COUNTRIES if place and (place == c or place.startswith(c + " "))),
                   place)
    if not m:
        return country, None
    day, month = (int(g) if g else None for g in m.group("day", "month"))
    if month is not None and not 1 <= month <= 12:
        day = month = None
    if day is not None and not 1 <= day <= 31:
        day = None
    if day == 1:  # padding: "01.03.2017" is March 2017, "01.01.2020" is 2020
        day = None
        month = None if month == 1 else month
    return country, PartialDate(year=int(m.group("year")), month=month, day=day)


def parse_languages(text: str) -> tuple[str, ...]:
    """Language names as ISO 639-2/B codes (MEDLINE's); unknown names are kept as printed."""
    out: list[str] = []
    for name in re.split(r"\s*(?:[,;/]|\band\b)\s*", text.strip()):
        if not name:
            continue
        code = _LANGUAGES.get(name.lower())
        if code is None and re.fullmatch(r"[a-z]{3}", name):
            code = name
        if (code or name) not in out:
            out.append(code or name)
    return tuple(out)


def parse_summary(text: str) -> tuple[AbstractSection, ...]:
    """Split a summary at its labels (Background, Case, Discussion …); else one unlabelled part.

    Labels count only when the summary opens with one, each label once, and when followed by a
    capital, a digit or a colon, so a sentence such as "Results were mixed" stays prose.
    """
    text = _LEADING_HEADING.sub("", text.strip())
    if not text:
        return ()
    seen: set[str] = set()
    cuts: list[re.Match[str]] = []
    for m in _SECTION_RX.finditer(text):
        label = m.group("label")
        after = text[m.end()]
        if (not label[0].isupper() or label.lower() in seen
                or (":" not in m.group("sep") and not (after.isupper() or after.isdigit()))):
            continue
        if not cuts and m.start() != 0:
            break
        seen.add(label.lower())
        cuts.append(m)
    if not cuts:
        return (AbstractSection(text=text),)
    ends = [c.start() for c in cuts[1:]] + [len(text)]
    return tuple(
        AbstractSection(text=text[c.end():end].strip(), label=c.group("label"),
                        nlm_category=_SECTIONS[c.group("label").lower()])
        for c, end in zip(cuts, ends, strict=True) if text[c.end():end].strip())


def _summary_text(block: _Block) -> str:
    """Continuation lines join with a space; a blank line starts a new paragraph."""
    paragraphs = " ".join([block.value.strip(), *(t or "\n\n" for t in block.more)])
    return re.sub(r"\s*\n\n\s*", "\n\n", paragraphs).strip()


def _object_types(blocks: list[_Block]) -> tuple[str, ...]:
    found: list[str] = []
    for line in (ln for b in blocks for ln in b.lines()):
        m = re.fullmatch(r"ObjectType-(.+?)(?:-\d+)?", line.strip())
        if m and m.group(1) not in found:
            found.append(m.group(1))
    return tuple(found)


def _publication_types(formats: list[str], object_types: tuple[str, ...]) -> tuple[str, ...]:
    out: list[str] = []
    for fmt in formats:
        out.append(_PUBLICATION_TYPES.get(fmt.lower(), fmt))
    for obj in object_types:
        if obj.lower() not in _IGNORED_OBJECT_TYPES:
            out.append(_PUBLICATION_TYPES.get(obj.lower(), obj))
    return tuple(dict.fromkeys(out))


def _tokens(blocks: list[_Block], rx: re.Pattern[str]) -> list[str]:
    return [t for b in blocks for line in b.lines() for t in rx.findall(line)]


def _build_record(title: str, teaser: str | None, blocks: list[_Block],
                  source: SourceInfo) -> Record:
    by: dict[str, list[_Block]] = {}
    for b in blocks:
        by.setdefault(b.name, []).append(b)
    journal = parse_journal(by["journal"][0].text()) if "journal" in by else Journal()
    issns = (normalise_issn(normalise_text(t)) for t in _tokens(by.get("issn", []), _ISSN_TOKEN))
    journal = replace(journal, issns=tuple(dict.fromkeys(i for i in issns if i)))
    country, published = (parse_imprint(by["imprint"][0].text()) if "imprint" in by
                           else (None, None))
    dois = (normalise_doi(line) for b in by.get("doi", []) for line in b.lines())
    isbns = (re.sub(r"[^\dX]", "", t.upper()) for t in _tokens(by.get("isbn", []), _ISBN_TOKEN))
    authors: list[Author] = []
    for b in blocks:
        if b.name == "authors":
            authors.extend(parse_authors(b.text()))
        elif b.name == "corporate":
            authors.extend(_collective_authors(b.text()))
    object_types = _object_types(by.get("bibliography", []))
    summaries = [_summary_text(b) for b in by.get("summary", [])]
    return Record(
        source=source, title=title, teaser=teaser,
        ids=Identifiers(doi=next((d for d in dois if d), None),
                        other=tuple(("isbn", i) for i in isbns if len(i) in (10, 13))),
        abstract=tuple(s for text in summaries for s in parse_summary(text)),
        authors=tuple(authors), journal=journal, published=published, country=country,
        languages=tuple(dict.fromkeys(c for b in by.get("language", [])
                                      for c in parse_languages(b.text()))),
        publication_types=_publication_types([b.text() for b in by.get("format", [])],
                                             object_types),
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
            f"record has no title line (it starts with the {label[0]!r} field)", path=path,
            index=index, line=first.number, record_id=next((d for d in dois if d), None))
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
