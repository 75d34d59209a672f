"""The last step of every read: a record's text made storable, and its size held to bounds.

Readers differ in what they let through (a JSON ``\\ud800`` escape is a lone surrogate, a
BibTeX file may hold NUL); one such character used to crash the store and lose the whole
batch. Here every string of a record is cleaned once, whatever the reader, with a warning that
says what was removed, and a record too large to process in bounded time is refused.
"""

from __future__ import annotations

from dataclasses import fields, is_dataclass, replace
from typing import Any

from kg.errors import RecordParseError
from kg.records.limits import limit
from kg.records.model import Record
from kg.records.text import clean_text

__all__ = ["check_bounds", "clean_record", "record_chars"]


def _clean(value: Any, removed: list[int]) -> Any:
    """``value`` with every string inside it cleaned (dataclasses and tuples rebuilt only
    when something changed, so clean records come back as the same objects)."""
    if isinstance(value, str):
        text, count = clean_text(value)
        if count:
            removed.append(count)
        return text if count else value
    if isinstance(value, tuple):
        items = tuple(_clean(v, removed) for v in value)
        return value if all(a is b for a, b in zip(items, value, strict=True)) else items
    if is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: _clean(getattr(value, f.name), removed) for f in fields(value)}
        changed = {k: v for k, v in changes.items() if v is not getattr(value, k)}
        return replace(value, **changed) if changed else value
    return value


def clean_record(record: Record) -> tuple[Record, str | None]:
    """The record without unstorable characters, and a warning saying how many were removed."""
    removed: list[int] = []
    cleaned = _clean(record, removed)
    if not removed:
        return record, None
    return cleaned, (f"removed {sum(removed)} character(s) that RDF cannot carry (lone "
                     "surrogates, NUL or other control characters)")


def record_chars(record: Record) -> int:
    """Characters of all the strings of a record."""
    total = 0
    stack: list[Any] = [record]
    while stack:
        value = stack.pop()
        if isinstance(value, str):
            total += len(value)
        elif isinstance(value, tuple):
            stack.extend(value)
        elif is_dataclass(value) and not isinstance(value, type):
            stack.extend(getattr(value, f.name) for f in fields(value))
    return total


def _error(record: Record, reason: str) -> RecordParseError:
    src = record.source
    ident = record.ids.doi or record.ids.pmid
    return RecordParseError(reason, path=src.path, index=src.index, line=src.line,
                            record_id=ident)


def check_bounds(record: Record) -> RecordParseError | None:
    """An error naming the record when it breaks a size bound of ``kg.records.limits``."""
    checks = (
        ("authors", len(record.authors), "MAX_AUTHORS"),
        ("abstract characters", len(record.abstract_text), "MAX_ABSTRACT_CHARS"),
        ("characters of text", record_chars(record), "MAX_RECORD_CHARS"),
    )
    for what, size, name in checks:
        if size > (cap := limit(name)):
            return _error(record, f"record has {size:,} {what}, more than {cap:,}; refused "
                                  f"(raise EKG_{name} to allow)")
    return None
