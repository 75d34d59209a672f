"""Crossref REST JSON reader: ``/works/{doi}`` and ``/works?query=`` responses, and JSON-lines
dumps of works (including MongoDB exports with ``{"$oid": …}`` / ``{"$numberLong": …}`` wrappers).

The work fields Crossref shares with CSL-JSON go through ``csl_json.build_work_record``; what is
Crossref's own is added here: list-valued titles, the original-language title, subjects, cited
works with a DOI, and update notices (``update-to`` on a retraction or correction notice,
``updated-by`` on the work it concerns), which become ``CommentCorrection`` links in PubMed's
vocabulary so that a retraction known to Crossref flags the article as a PubMed one would.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from kg.errors import RecordParseError
from kg.records.base import ReadResult, record_sha256
from kg.records.csl_json import (
    MAPPING_ERRORS,
    build_work_record,
    decode_text,
    first_text,
    is_unidentified,
    strip_markup,
)
from kg.records.identifiers import normalise_doi
from kg.records.model import CommentCorrection, Identifiers, Record, SourceInfo
from kg.records.registry import register

__all__ = ["CrossrefJsonReader", "unwrap_extended_json"]

FORMAT = "crossref-json"
_MARKS = re.compile(r'"message-type"\s*:|"\$oid"\s*:|"\$numberLong"\s*:')
_ENVELOPE = re.compile(r'"message"\s*:\s*\{')
_BARE_WORK = re.compile(r'"(?:title|container-title)"\s*:\s*\[')
# JSONDecodeError, an integer past Python's digit limit, nesting past the recursion limit.
_JSON_ERRORS = (ValueError, RecursionError)
_NUMBER_KEYS = {"$numberLong", "$numberInt"}
_FLOAT_KEYS = {"$numberDouble", "$numberDecimal"}

# Crossref update types → (ref type on the updated work, ref type on the notice).
_UPDATE_TYPES = {
    "retraction": ("RetractionIn", "RetractionOf"),
    "withdrawal": ("RetractionIn", "RetractionOf"),
    "removal": ("RetractionIn", "RetractionOf"),
    "correction": ("ErratumIn", "ErratumFor"),
    "erratum": ("ErratumIn", "ErratumFor"),
    "corrigendum": ("ErratumIn", "ErratumFor"),
    "expression_of_concern": ("ExpressionOfConcernIn", "ExpressionOfConcernFor"),
    "expression-of-concern": ("ExpressionOfConcernIn", "ExpressionOfConcernFor"),
}
# Crossref ``relation`` types that mirror PubMed's CommentsCorrections.
_RELATION_TYPES = {
    "is-comment-on": "CommentOn",
    "has-comment": "CommentIn",
    "is-reply-to": "CommentOn",
    "has-reply": "CommentIn",
    "is-retracted-by": "RetractionIn",
    "is-retraction-of": "RetractionOf",
    "is-corrected-by": "ErratumIn",
    "is-correction-of": "ErratumFor",
}


def unwrap_extended_json(obj: dict[str, Any]) -> Any:
    """``object_hook`` that turns MongoDB extended JSON (``{"$oid": x}``) into plain values."""
    if len(obj) == 1:
        key, value = next(iter(obj.items()))
        if key in _NUMBER_KEYS and isinstance(value, str | int):
            return int(value)
        if key in _FLOAT_KEYS and isinstance(value, str | int | float):
            return float(value)
        if key.startswith("$"):
            return value
    return obj


def _loads(text: str) -> Any:
    return json.loads(text, object_hook=unwrap_extended_json)


def _updates(work: dict[str, Any]) -> list[CommentCorrection]:
    links = []
    for field, position in (("updated-by", 0), ("update-to", 1)):
        for update in work.get(field) or []:
            if not isinstance(update, dict):
                continue
            kind = str(update.get("type", "")).strip().lower()
            ref_type = _UPDATE_TYPES.get(kind, ("UpdateIn", "UpdateOf"))[position]
            label = first_text(update.get("label")) or kind or None
            links.append(CommentCorrection(ref_type=ref_type, ref_source=label,
                                           doi=normalise_doi(first_text(update.get("DOI")))))
    return links


def _relations(work: dict[str, Any]) -> list[CommentCorrection]:
    relation = work.get("relation")
    if not isinstance(relation, dict):
        return []
    links = []
    for kind, ref_type in _RELATION_TYPES.items():
        for target in relation.get(kind) or []:
            if isinstance(target, dict) and str(target.get("id-type", "")).lower() == "doi":
                links.append(CommentCorrection(ref_type=ref_type, ref_source=kind,
                                               doi=normalise_doi(first_text(target.get("id")))))
    return links


def _references(work: dict[str, Any]) -> tuple[Identifiers, ...]:
    dois = (normalise_doi(first_text(ref.get("DOI"))) for ref in work.get("reference") or []
            if isinstance(ref, dict))
    return tuple(Identifiers(doi=doi) for doi in dict.fromkeys(d for d in dois if d))


def map_work(work: dict[str, Any], source: SourceInfo) -> Record:
    """The ``Record`` of one Crossref work."""
    record = build_work_record(work, source)
    original = strip_markup(first_text(work.get("original-title")))
    subject = work.get("subject")
    subjects = tuple(dict.fromkeys(s.strip() for s in (subject if isinstance(subject, list)
                                                          else [subject])
                                   if isinstance(s, str) and s.strip()))
    return replace(record, vernacular_title=original if original != record.title else None,
                   subjects=subjects, references=_references(work),
                   comments_corrections=tuple(dict.fromkeys(_updates(work) + _relations(work))))


def _works_of(obj: Any, line: int | None) -> list[tuple[int | None, Any]]:
    """(line, work) pairs of one parsed value: an envelope's items or message, a work, a list.

    Works inside an ``items`` list share one line in the API's compact JSON, so they get none.
    """
    if isinstance(obj, dict) and isinstance(obj.get("message"), dict):
        message = obj["message"]
        if isinstance(message.get("items"), list):
            return [(None, work) for work in message["items"]]
        return [(line, message)]
    if isinstance(obj, list):
        return [(None, work) for work in obj]
    return [(line, obj)]


def _read_work(work: Any, path: str, index: int, line: int | None) -> ReadResult:
    if not isinstance(work, dict):
        return RecordParseError(f"Crossref work is a JSON {type(work).__name__}, not an object",
                                path=path, index=index, line=line)
    source = SourceInfo(path=path, index=index, line=line, format=FORMAT,
                        sha256=record_sha256(json.dumps(work, sort_keys=True)))
    try:
        record = map_work(work, source)
    except MAPPING_ERRORS as exc:
        return RecordParseError(f"malformed Crossref work: {type(exc).__name__}: {exc}",
                                path=path, index=index, line=line)
    if is_unidentified(record):
        return RecordParseError("Crossref work has no title and no DOI", path=path, index=index,
                                line=line)
    return record


def _json_lines(text: str) -> Iterator[tuple[int | None, Any]]:
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            try:
                works = _works_of(_loads(line), number)
            except _JSON_ERRORS as exc:
                works = [(number, exc)]
            yield from works


def _first_line_is_json(text: str) -> bool:
    """True for JSON lines: the first non-blank line is a whole JSON object by itself."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    try:
        return first.lstrip().startswith("{") and isinstance(_loads(first), dict)
    except _JSON_ERRORS:
        return False


def _documents(text: str) -> Iterator[tuple[int | None, Any]]:
    """(line, work or the JSON error): the whole text as one JSON value, else JSON lines."""
    try:
        obj = _loads(text)
    except _JSON_ERRORS as exc:
        if _first_line_is_json(text):
            yield from _json_lines(text)
        else:
            yield getattr(exc, "lineno", None), exc
        return
    yield from _works_of(obj, 1)


class CrossrefJsonReader:
    """Crossref works: REST API responses (single or list) and JSON-lines dumps."""

    name = FORMAT
    extensions = (".jsonl", ".ndjson", ".json")

    def sniff(self, head: str) -> bool:
        """Crossref's envelope or dump marks, or a work object with list-valued titles."""
        text = head.lstrip()
        if not text.startswith("{"):
            return False
        if _MARKS.search(text) or _ENVELOPE.search(text):
            return True
        return '"DOI"' in text and _BARE_WORK.search(text) is not None

    def read(self, data: bytes, path: str) -> Iterator[ReadResult]:
        """Works in file order; a broken JSON line is reported and the other lines go on."""
        index = 0
        for line, item in _documents(decode_text(data)):
            if isinstance(item, _JSON_ERRORS):
                message = getattr(item, "msg", None) or f"{type(item).__name__}: {item}"
                yield RecordParseError(f"invalid JSON: {message}", path=path, index=index,
                                       line=line)
            else:
                yield _read_work(item, path, index, line)
            index += 1


register(CrossrefJsonReader())
