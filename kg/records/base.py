"""The reader contract: every input format is one ``Reader`` registered by name.

A reader turns the bytes of one file into records, yielding a ``RecordParseError`` *value* for a
record it cannot read, so one bad record never stops the rest of its file or batch.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from kg.errors import RecordParseError
from kg.records.model import Record

__all__ = ["ReadResult", "ReadWarning", "Reader", "record_sha256"]


@dataclass(frozen=True, slots=True)
class ReadWarning:
    """Something a reader repaired or assumed and wants said (a record closed without its end
    tag, lines read as Windows-1252, characters removed): the records are still read."""

    reason: str
    path: str
    index: int | None = None
    line: int | None = None

    @property
    def where(self) -> str:
        """``path:line record #n``, as errors print it."""
        where = self.path + (f":{self.line}" if self.line is not None else "")
        return where + (f" record #{self.index + 1}" if self.index is not None else "")


ReadResult = Record | RecordParseError | ReadWarning


@runtime_checkable
class Reader(Protocol):
    """One input format.

    ``name`` is what ``--format`` takes; ``extensions`` (lower case, with dot) break ties;
    ``sniff`` looks at the first few KiB of (decompressed) content and says whether this reader
    recognises it — content decides before the file name does.
    """

    name: str
    extensions: tuple[str, ...]

    def sniff(self, head: str) -> bool: ...

    def read(self, data: bytes, path: str) -> Iterator[ReadResult]: ...


def record_sha256(text: str | bytes) -> str:
    """Hash of one record's own source text; an edited record gets a new hash and a new graph."""
    raw = text.encode("utf-8") if isinstance(text, str) else text
    return hashlib.sha256(raw).hexdigest()
