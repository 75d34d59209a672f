"""BibTeX / biblatex reader built on bibtexparser v2.

bibtexparser splits the file into blocks (keeping each entry's raw text and line), resolves
``@string`` macros, strips enclosing braces, splits co-authors and name parts, and decodes LaTeX
(``{\\"u}`` → ``ü``, ``{CRISPR}`` → ``CRISPR``). Two gaps are filled here: it resolves a bare macro
but not a ``#`` concatenation (``jean # " " # cesar``), and it leaves split names undecoded —
which is what lets a double-braced group author (``{{World Health Organization}}``) still be
told apart from a person before its braces go.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import bibtexparser
from bibtexparser import middlewares as mw
from bibtexparser.library import Library
from bibtexparser.model import (
    DuplicateBlockKeyBlock,
    Entry,
    MiddlewareErrorBlock,
    ParsingFailedBlock,
)
from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec, get_default_latex_context_db

from kg.errors import RecordParseError
from kg.records.base import ReadResult, ReadWarning, record_sha256
from kg.records.bibtex_repair import StrayBrace, repair_stray_braces
from kg.records.csl_json import (
    MAPPING_ERRORS,
    decode_text,
    genre_label,
    is_unidentified,
    normalise_language,
    page_fields,
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
from kg.records.names import looks_collective, make_person
from kg.records.registry import register

__all__ = ["BibtexReader", "map_entry"]

FORMAT = "bibtex"
_ENTRY_START = re.compile(r"^[ \t]*@[ \t]*[A-Za-z]+[ \t]*[{(]", re.MULTILINE)
_KEY_IN_RAW = re.compile(r"@\s*\w+\s*[{(]\s*([^,\s{}()]+)")
_INHERITED = ("year", "month", "date", "journal", "journaltitle", "volume", "issn", "publisher")
_LATEX_SYNTAX = re.compile(r"[\\{}$~]|--|``|''")
_BARE_SPECIAL = re.compile(r"(?<!\\)([%&])")


class _FieldDecoder(LatexNodes2Text):
    """pylatexenc's LaTeX → Unicode, made safe and fast for bibliographic field values.

    A bare ``%`` or ``&`` in a field is text (``50% of patients``), not a LaTeX comment that
    would swallow the rest of the value, so it is escaped first; a value with no LaTeX syntax
    at all is returned untouched, which skips the parser for most fields.
    """

    def latex_to_text(self, latex: str, **kwargs: Any) -> str:
        if not _LATEX_SYNTAX.search(latex):
            return latex
        return str(super().latex_to_text(_BARE_SPECIAL.sub(r"\\\1", latex), **kwargs))


def _make_decoder() -> _FieldDecoder:
    context = get_default_latex_context_db()
    context.add_context_category("ekg-bibtex", prepend=True,
                                 macros=[MacroTextSpec("url", simplify_repl="%s")])
    return _FieldDecoder(latex_context=context, math_mode="verbatim")


_LATEX = _make_decoder()


def _split_concatenation(value: str) -> list[str]:
    """Split ``a # " b" # {c}`` at the ``#`` signs that are outside braces and quotes."""
    pieces, depth, quoted, start = [], 0, False, 0
    for i, char in enumerate(value):
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        elif char == '"' and depth == 0:
            quoted = not quoted
        elif char == "#" and depth == 0 and not quoted:
            pieces.append(value[start:i].strip())
            start = i + 1
    pieces.append(value[start:].strip())
    return pieces


def _unenclose(piece: str) -> str:
    if len(piece) >= 2 and (piece[0], piece[-1]) in (("{", "}"), ('"', '"')):
        return piece[1:-1]
    return piece


class _ConcatenateStrings(mw.LibraryMiddleware):
    """Resolve ``#`` concatenations of quoted parts and ``@string`` macros into one value."""

    def __init__(self) -> None:
        super().__init__(allow_inplace_modification=True)

    @classmethod
    def metadata_key(cls) -> str:
        return "ekg_concatenate_strings"

    def transform(self, library: Library) -> Library:
        macros = {key.lower(): _unenclose(s.value) for key, s in library.strings_dict.items()}
        for entry in library.entries:
            for field in entry.fields:
                if not isinstance(field.value, str) or "#" not in field.value:
                    continue
                pieces = _split_concatenation(field.value)
                if len(pieces) > 1:
                    field.value = "{" + "".join(
                        macros.get(p.lower(), _unenclose(p)) for p in pieces) + "}"
        return library


def _parse_stack() -> list[mw.Middleware]:
    return [mw.NormalizeFieldKeys(), _ConcatenateStrings(),
            mw.ResolveStringReferencesMiddleware(), mw.RemoveEnclosingMiddleware(),
            mw.SeparateCoAuthors(), mw.SplitNameParts(), mw.LatexDecodingMiddleware(decoder=_LATEX)]


def _decode(tokens: list[str]) -> str | None:
    text = " ".join(tokens).strip()
    return " ".join(_LATEX.latex_to_text(text).split()) or None if text else None


def _author(name: Any) -> Author | None:
    """One split name; a single fully braced token is a group author."""
    if not isinstance(name, mw.NameParts):
        return None
    only = name.last[0] if len(name.last) == 1 and not (name.first or name.von or name.jr) else ""
    if only.startswith("{") and only.endswith("}"):
        return Author(collective=_decode([only]))
    family, given = _decode(name.von + name.last), _decode(name.first)
    whole = " ".join(p for p in (given, family) if p)
    if not name.jr and len(whole.split()) >= 3 and looks_collective(whole):
        return Author(collective=whole)
    return make_person(family, given)


def _text(fields: dict[str, Any], *keys: str) -> str | None:
    for key in keys:
        value = fields.get(key)
        if isinstance(value, str) and value.strip():
            return " ".join(value.split())
    return None


def _date(fields: dict[str, Any]) -> PartialDate | None:
    """biblatex ``date`` first (it supersedes ``year``), else ``year`` with ``month``."""
    year, date = _text(fields, "year"), _text(fields, "date")
    if date or not (year and year.isdigit()):
        return parse_partial_date(date or year)
    return build_partial_date(year, _text(fields, "month"))


def _identifiers(fields: dict[str, Any]) -> Identifiers:
    doi = record_doi(_text(fields, "doi"))
    url = _text(fields, "url") or ""
    pmid = _text(fields, "pmid")
    if not pmid and (_text(fields, "eprinttype") or "").lower() == "pubmed":
        pmid = _text(fields, "eprint")
    return Identifiers(doi=doi or (normalise_doi(url) if "doi.org/" in url else None),
                       pmid=normalise_pmid(pmid), pmcid=normalise_pmcid(_text(fields, "pmcid")))


def _split_list(value: str | None) -> tuple[str, ...]:
    """Items of a ``;``-separated list, or ``,``-separated when no ``;`` is present."""
    parts = (p.strip() for p in re.split(";" if ";" in (value or "") else ",", value or ""))
    return tuple(dict.fromkeys(p for p in parts if p))


def map_entry(entry: Entry, source: SourceInfo) -> Record:
    """The ``Record`` of one decoded BibTeX entry."""
    fields = {f.key: f.value for f in entry.fields}
    names = fields.get("author")
    pages, start, end = page_fields(_text(fields, "pages"))
    issns = (normalise_issn(p) for p in _split_list(_text(fields, "issn")))
    journal = Journal(title=_text(fields, "journal", "journaltitle", "booktitle"),
                      iso_abbreviation=_text(fields, "shortjournal", "journal-abbreviation",
                                             "journalabbreviation"),
                      volume=_text(fields, "volume"), issue=_text(fields, "number", "issue"),
                      pages=pages, page_start=start, page_end=end,
                      issns=tuple(dict.fromkeys(i for i in issns if i)),
                      issn_linking=normalise_issn(_text(fields, "issn-linking")))
    abstract, language = _text(fields, "abstract"), _text(fields, "langid", "language")
    genre = genre_label(entry.entry_type)
    return Record(source=source, ids=_identifiers(fields), title=_text(fields, "title"),
                  abstract=(AbstractSection(text=abstract),) if abstract else (),
                  authors=tuple(a for a in map(_author, names if isinstance(names, list) else [])
                                if a),
                  journal=journal, published=_date(fields),
                  languages=(normalise_language(language),) if language else (),
                  publication_types=(genre,) if genre else (),
                  keywords=_split_list(_text(fields, "keywords", "keyword")))


def _inherit_crossref(library: Library) -> None:
    """Fill a child's missing year, journal … from its ``crossref`` parent (title → booktitle)."""
    by_key = {e.key.lower(): e for e in library.entries}
    for entry in library.entries:
        link = entry.fields_dict.get("crossref")
        parent = by_key.get(str(link.value).strip().lower()) if link is not None else None
        if parent is None or parent is entry:
            continue
        for key in _INHERITED:
            if key not in entry and key in parent:
                entry[key] = parent[key]
        if "booktitle" not in entry and "title" in parent:
            entry["booktitle"] = parent["title"]


def _failure(block: ParsingFailedBlock, path: str, index: int) -> RecordParseError:
    key = getattr(block, "key", None)
    if key is None and isinstance(block.ignore_error_block, Entry):
        key = block.ignore_error_block.key
    if key is None:
        match = _KEY_IN_RAW.search(block.raw or "")
        key = match.group(1) if match else None
    error = block.error
    reason = (getattr(error, "abort_reason", None) or getattr(error, "message", None)
              or str(error).strip() or type(error).__name__)
    reason = " ".join(str(reason).split())
    if isinstance(block, DuplicateBlockKeyBlock):
        reason = f"duplicate entry key (first at line {block.previous_block.start_line + 1})"
    elif isinstance(block, MiddlewareErrorBlock):
        reason = f"entry could not be decoded: {reason}"
    line = block.start_line + 1 if block.start_line is not None else None
    return RecordParseError(reason, path=path, index=index, line=line, record_id=key)


def _read_entry(entry: Entry, path: str, index: int) -> ReadResult:
    line = entry.start_line + 1 if entry.start_line is not None else None
    source = SourceInfo(path=path, index=index, line=line, format=FORMAT,
                        sha256=record_sha256(entry.raw or ""))
    try:
        record = map_entry(entry, source)
    except MAPPING_ERRORS as exc:
        return RecordParseError(f"malformed entry: {type(exc).__name__}: {exc}", path=path,
                                index=index, line=line, record_id=entry.key)
    if is_unidentified(record):
        return RecordParseError("entry has no title and no DOI/PMID", path=path, index=index,
                                line=line, record_id=entry.key)
    return record


def _parse(text: str) -> Library:
    return bibtexparser.parse_string(text, parse_stack=_parse_stack())


def _with_repair(result: ReadResult, repair: StrayBrace | None) -> Iterator[ReadResult]:
    """An entry a stray brace cut: with a warning when its fields came back, else rejected."""
    if repair is None or isinstance(result, RecordParseError | ReadWarning):
        yield result
        return
    src = result.source
    if repair.error:
        yield RecordParseError(repair.message, path=src.path, index=src.index, line=src.line)
        return
    yield ReadWarning(repair.message, src.path, src.index, src.line)
    yield result


class BibtexReader:
    """BibTeX and biblatex ``.bib`` files."""

    name = FORMAT
    extensions = (".bib", ".bibtex")

    def sniff(self, head: str) -> bool:
        """A line that opens a BibTeX block (``@article{``, ``@string(`` …)."""
        return _ENTRY_START.search(head) is not None

    def read(self, data: bytes, path: str) -> Iterator[ReadResult]:
        """Entries in file order; blocks bibtexparser could not parse become errors."""
        library = _parse(decode_text(data))
        repairs = repair_stray_braces(library, _parse)
        _inherit_crossref(library)
        index = 0
        for block in library.blocks:
            if isinstance(block, ParsingFailedBlock):
                yield _failure(block, path, index)
            elif isinstance(block, Entry):
                yield from _with_repair(_read_entry(block, path, index), repairs.get(id(block)))
            else:
                continue
            index += 1
        if index == 0:
            yield RecordParseError("no BibTeX entries found", path=path)


register(BibtexReader())
