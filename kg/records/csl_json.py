"""CSL-JSON reader (Zotero, citeproc, manubot, Crossref content negotiation), plus the work mapping
and the small text helpers that the other citation-format readers share.

CSL-JSON and Crossref's REST JSON describe a work with the same vocabulary (``DOI``, ``author``
with ``family``/``given``, ``issued`` date-parts, ``container-title``, ``page``), so one mapping
serves both; Crossref adds only its list-valued titles, references and update notices on top.
CSL is also the common denominator of RIS and BibTeX (Zotero converts between all three), so the
helpers that make those formats agree — genre labels, language codes, markup-free text, pages —
live here too, and one article read from several formats yields equal field values.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from typing import Any

from kg.errors import RecordParseError
from kg.records.base import ReadResult, record_sha256
from kg.records.dates import build_partial_date, parse_partial_date
from kg.records.identifiers import (
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
from kg.records.names import make_person
from kg.records.pubmed_fields import split_pages
from kg.records.registry import register
from kg.records.text import decode_text

__all__ = [
    "MAPPING_ERRORS",
    "CslJsonReader",
    "abstract_sections",
    "build_work_record",
    "decode_text",
    "first_text",
    "genre_label",
    "is_unidentified",
    "normalise_language",
    "page_fields",
    "read_date_object",
    "read_work_author",
    "strip_markup",
]

FORMAT = "csl-json"
_CROSSREF_MARKS = re.compile(
    r'"message-type"\s*:|"\$oid"\s*:|"\$numberLong"\s*:|"message"\s*:\s*\{')
_LIST_TITLE = re.compile(r'"(?:title|container-title)"\s*:\s*\[')
_CSL_KEYS = re.compile(r'"(?:title|author|issued|container-title|DOI)"\s*:')
# What a record of unexpected shape can raise while being mapped: reported for that record only.
MAPPING_ERRORS = (TypeError, ValueError, AttributeError, KeyError, IndexError, RecursionError)
_SEASON_NUMBERS = {"1": "Spring", "2": "Summer", "3": "Autumn", "4": "Winter"}
_TAG = re.compile(r"<[A-Za-z/!?][^<>]*>")
_BLOCK_TAG = re.compile(r"</?(?:[a-z]+:)?(?:p|sec|title|list|list-item|br|div|label)\b[^<>]*>",
                        re.IGNORECASE)
_SECTION = re.compile(r"<(?:[a-z]+:)?sec\b[^>]*>(.*?)</(?:[a-z]+:)?sec>", re.IGNORECASE | re.DOTALL)
_TITLE = re.compile(r"<(?:[a-z]+:)?title\b[^>]*>(.*?)</(?:[a-z]+:)?title>",
                    re.IGNORECASE | re.DOTALL)
_GENERIC_TITLES = {"abstract", "summary", "graphical abstract"}

# Work types of RIS (TY), BibTeX (@type), CSL and Crossref folded onto one label each, so the
# same article read from several formats does not report a conflicting publication type.
_GENRES = {
    "Journal Article": "jour ejour jfull article article-journal journal-article",
    "Book": "book ebook edbook monograph mvbook collection mvcollection",
    "Book Chapter": "chap echap inbook incollection chapter book-chapter book-section book-part",
    "Conference Paper": "conf cpaper inproceedings conference paper-conference "
                        "proceedings-article",
    "Proceedings": "proceedings",
    "Thesis": "thes thesis phdthesis mastersthesis dissertation",
    "Report": "rprt report techreport",
    "Preprint": "preprint posted-content",
    "Dataset": "data dataset",
    "Web Page": "elec webpage online post-weblog",
    "Reference Entry": "reference-entry entry entry-encyclopedia entry-dictionary",
    "Magazine Article": "mgzn article-magazine",
    "Newspaper Article": "news article-newspaper",
    "Patent": "pat patent",
    "Unpublished Work": "unpb unpublished manuscript",
}
_GENRE_OF = {token: label for label, tokens in _GENRES.items()
             for token in re.split(r"\s+", tokens)}
_GENRE_OF.update({"journal article": "Journal Article", "book chapter": "Book Chapter"})
# ISO 639-1 codes and English names to the ISO 639-2/B codes PubMed prints (``eng``, ``fre``).
_LANGUAGES = {
    "en": "eng", "english": "eng", "fr": "fre", "fra": "fre", "french": "fre", "de": "ger",
    "deu": "ger", "german": "ger", "es": "spa", "spanish": "spa", "it": "ita", "italian": "ita",
    "pt": "por", "portuguese": "por", "ru": "rus", "russian": "rus", "ja": "jpn",
    "japanese": "jpn", "zh": "chi", "zho": "chi", "chinese": "chi", "nl": "dut", "nld": "dut",
    "dutch": "dut", "pl": "pol", "polish": "pol", "ko": "kor", "korean": "kor", "sv": "swe",
    "da": "dan", "no": "nor", "fi": "fin", "cs": "cze", "ces": "cze", "hu": "hun", "tr": "tur",
    "ar": "ara", "he": "heb", "el": "gre", "ell": "gre", "uk": "ukr", "fa": "per", "hr": "hrv",
}


def strip_markup(text: str | None) -> str | None:
    """Plain text of a title or abstract fragment: tags dropped, entities decoded, spaces folded."""
    if not text:
        return None
    plain = html.unescape(_TAG.sub("", _BLOCK_TAG.sub(" ", text)))
    return " ".join(plain.split()) or None


def _paragraphs(markup: str) -> str | None:
    lines = (" ".join(part.split()) for part in
             html.unescape(_TAG.sub("", _BLOCK_TAG.sub("\n", markup))).split("\n"))
    return "\n".join(line for line in lines if line) or None


def abstract_sections(markup: str | None) -> tuple[AbstractSection, ...]:
    """Abstract sections from JATS/HTML markup: ``<jats:sec>`` with titles become labels.

    A lone generic heading ("Abstract") is dropped rather than kept as text.
    """
    if not markup or not markup.strip():
        return ()
    sections = []
    for body in _SECTION.findall(markup):
        title = _TITLE.search(body)
        text = _paragraphs(_TITLE.sub("\n", body, count=1) if title else body)
        if text:
            sections.append(AbstractSection(text=text, label=strip_markup(title.group(1))
                                            if title else None))
    if sections:
        return tuple(sections)
    bare = _TITLE.sub(lambda m: "\n" if (strip_markup(m.group(1)) or "").lower()
                      in _GENERIC_TITLES else f"\n{m.group(1)}\n", markup)
    text = _paragraphs(bare)
    return (AbstractSection(text=text),) if text else ()


def genre_label(token: str | None) -> str | None:
    """One label per kind of work across formats (``JOUR``, ``article``, ``journal-article``)."""
    if not token or not token.strip():
        return None
    key = " ".join(token.strip().lower().split())
    return _GENRE_OF.get(key, token.strip())


def normalise_language(code: str | None) -> str | None:
    """ISO 639-2/B where the code or name is known (``en`` → ``eng``), else as printed."""
    if not code or not code.strip():
        return None
    key = code.strip().lower()
    return _LANGUAGES.get(key) or _LANGUAGES.get(re.split(r"[-_]", key)[0]) or code.strip()


def page_fields(text: str | None) -> tuple[str | None, str | None, str | None]:
    """(pages, first, last) with BibTeX's ``--`` and en dashes folded to ``-``."""
    if not text or not text.strip():
        return None, None, None
    pages = re.sub(r"\s*(?:--|[\u2010-\u2014])\s*", "-", text.strip()).strip("-") or None
    start, end = split_pages(pages)
    return pages, start, end


def is_unidentified(record: Record) -> bool:
    """True for a record with neither a title nor an identifier: nothing could name it."""
    return not record.title and not (record.ids.doi or record.ids.pmid or record.ids.pmcid)


def first_text(value: Any) -> str | None:
    """The first non-empty string of a string-or-list field (Crossref titles are lists)."""
    items = value if isinstance(value, list) else [value]
    for item in items:
        if isinstance(item, str | int) and str(item).strip():
            return str(item).strip()
    return None


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def read_date_object(obj: Any) -> PartialDate | None:
    """A CSL/Crossref date: ``date-parts`` (empty, null or excess parts tolerated), else ``raw``.

    Only the first date of a range is taken; a fourth part (an hour) is ignored.
    """
    if not isinstance(obj, dict):
        return None
    parts = obj.get("date-parts")
    if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
        first = [*parts[0][:3], None, None][:3]
        season = obj.get("season")
        season_name = _SEASON_NUMBERS.get(str(season), str(season)) if season else None
        date = build_partial_date(first[0], first[1], first[2], season=season_name)
        if date is not None:
            return date
    for key in ("raw", "literal"):
        if isinstance(obj.get(key), str):
            return parse_partial_date(obj[key])
    return None


def read_work_author(entry: Any) -> Author | None:
    """One ``author`` entry: ``literal``/``name`` is a group, else family/given with particles."""
    if not isinstance(entry, dict):
        return None
    affiliations = tuple(a["name"].strip() for a in _as_list(entry.get("affiliation"))
                         if isinstance(a, dict) and isinstance(a.get("name"), str)
                         and a["name"].strip())
    group = first_text(entry.get("literal")) or first_text(entry.get("name"))
    family = first_text(entry.get("family"))
    if group and not family:
        return Author(collective=group, affiliations=affiliations)
    particle = first_text(entry.get("non-dropping-particle"))
    if particle and family:
        family = f"{particle} {family}"
    given = first_text(entry.get("given"))
    dropping = first_text(entry.get("dropping-particle"))
    if dropping and given:
        given = f"{given} {dropping}"
    orcid = first_text(entry.get("ORCID"))
    return make_person(family, given, affiliations=affiliations, orcid=orcid)


def _issns(item: dict[str, Any]) -> tuple[str, ...]:
    raw = [*_as_list(item.get("ISSN")),
           *(t.get("value") for t in _as_list(item.get("issn-type")) if isinstance(t, dict))]
    found = (normalise_issn(part) for value in raw if isinstance(value, str)
             for part in re.split(r"[,;\s]+", value))
    return tuple(dict.fromkeys(i for i in found if i))


def _journal(item: dict[str, Any]) -> Journal:
    pages, start, end = page_fields(first_text(item.get("page")))
    abbreviation = (first_text(item.get("container-title-short"))
                    or first_text(item.get("short-container-title"))
                    or first_text(item.get("journalAbbreviation")))
    return Journal(title=strip_markup(first_text(item.get("container-title"))),
                   iso_abbreviation=abbreviation, volume=first_text(item.get("volume")),
                   issue=first_text(item.get("issue")), pages=pages,
                   page_start=start or first_text(item.get("page-first")), page_end=end,
                   issns=_issns(item))


def _dates(item: dict[str, Any]) -> tuple[PartialDate | None, PartialDate | None]:
    """(issue date, electronic date): print beats ``issued``; online kept when it differs."""
    printed = read_date_object(item.get("published-print"))
    online = read_date_object(item.get("published-online"))
    issued = read_date_object(item.get("issued")) or read_date_object(item.get("published"))
    published = printed or issued or online
    return published, (online if online and online != published else None)


def _keywords(item: dict[str, Any]) -> tuple[str, ...]:
    words = (w.strip() for value in _as_list(item.get("keyword")) if isinstance(value, str)
             for w in value.split(";" if ";" in value else ","))
    return tuple(dict.fromkeys(w for w in words if w))


def build_work_record(item: dict[str, Any], source: SourceInfo) -> Record:
    """The ``Record`` of one CSL-JSON item or Crossref work (fields both formats share)."""
    ids = Identifiers(doi=record_doi(first_text(item.get("DOI"))),
                      pmid=normalise_pmid(first_text(item.get("PMID"))),
                      pmcid=normalise_pmcid(first_text(item.get("PMCID"))))
    authors = tuple(a for a in map(read_work_author, _as_list(item.get("author"))) if a)
    published, article_date = _dates(item)
    language = first_text(item.get("language"))
    genre = first_text(item.get("type"))
    return Record(source=source, ids=ids, title=strip_markup(first_text(item.get("title"))),
                  abstract=abstract_sections(first_text(item.get("abstract"))),
                  authors=authors, journal=_journal(item), published=published,
                  article_date=article_date,
                  languages=(normalise_language(language),) if language else (),
                  publication_types=(genre_label(genre),) if genre else (),
                  keywords=_keywords(item))


def _array_items(text: str) -> Iterator[tuple[int, Any]]:
    """(line, item) for each element of a top-level JSON array, so errors can name a line.

    Raises ``json.JSONDecodeError`` at the first element that is not valid JSON: past that
    point the array cannot be re-synchronised safely.
    """
    decoder = json.JSONDecoder()
    pos, line, counted = text.index("[") + 1, 1, 0
    while True:
        while pos < len(text) and text[pos] in " \t\r\n,":
            pos += 1
        if pos >= len(text) or text[pos] == "]":
            return
        line += text.count("\n", counted, pos)
        counted = pos
        item, pos = decoder.raw_decode(text, pos)
        yield line, item


def _items(text: str) -> Iterator[tuple[int | None, Any]]:
    if text.lstrip().startswith("["):
        yield from _array_items(text)
    else:
        yield 1, json.loads(text)


def _read_item(item: Any, path: str, index: int, line: int | None) -> ReadResult:
    if not isinstance(item, dict):
        return RecordParseError(f"CSL item is a JSON {type(item).__name__}, not an object",
                                path=path, index=index, line=line)
    record_id = first_text(item.get("id")) or first_text(item.get("DOI"))
    if "message" in item or "items" in item:
        return RecordParseError("a Crossref API envelope, not a CSL item (read it as "
                                "crossref-json)", path=path, index=index, line=line)
    canonical = json.dumps(item, sort_keys=True)
    source = SourceInfo(path=path, index=index, line=line, format=FORMAT,
                        sha256=record_sha256(canonical))
    try:
        record = build_work_record(item, source)
    except MAPPING_ERRORS as exc:
        return RecordParseError(f"malformed CSL item: {type(exc).__name__}: {exc}", path=path,
                                index=index, line=line, record_id=record_id)
    if is_unidentified(record):
        return RecordParseError("CSL item has no title and no DOI/PMID/PMCID", path=path,
                                index=index, line=line, record_id=record_id)
    return record


class CslJsonReader:
    """CSL-JSON: an array of items or one item object."""

    name = FORMAT
    extensions = (".json", ".csl", ".csljson")

    def sniff(self, head: str) -> bool:
        """A JSON array or object with CSL keys and none of Crossref's envelope or dump marks."""
        text = head.lstrip()
        if not text.startswith(("[", "{")) or _CROSSREF_MARKS.search(text):
            return False
        if text.startswith("{") and _LIST_TITLE.search(text):
            return False  # Crossref works carry titles as lists; CSL titles are strings
        return _CSL_KEYS.search(text) is not None

    def read(self, data: bytes, path: str) -> Iterator[ReadResult]:
        """Items in file order; an item that cannot be read is reported and the rest go on."""
        text = decode_text(data)
        index = 0
        try:
            for line, item in _items(text):
                yield _read_item(item, path, index, line)
                index += 1
        except (ValueError, RecursionError) as exc:  # JSONDecodeError, huge ints, deep nesting
            message = getattr(exc, "msg", None) or f"{type(exc).__name__}: {exc}"
            yield RecordParseError(f"invalid JSON: {message}; the rest of the file is skipped",
                                   path=path, index=index, line=getattr(exc, "lineno", None))


register(CslJsonReader())
