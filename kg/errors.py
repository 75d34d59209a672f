"""The project's exceptions: one root, and each also a builtin kind so callers can catch broadly."""

from __future__ import annotations

__all__ = [
    "ExportError",
    "KGError",
    "QueryError",
    "RecordParseError",
    "StoreError",
    "UnknownFormatError",
    "UnsafeIRIError",
]


class KGError(Exception):
    """Root of every error the project raises on purpose."""


class RecordParseError(KGError, ValueError):
    """A record could not be read; names the file, the record and, when known, the line."""

    def __init__(self, reason: str, *, path: str, index: int | None = None,
                 line: int | None = None, record_id: str | None = None) -> None:
        self.reason, self.path, self.index, self.line, self.record_id = (
            reason, path, index, line, record_id)
        where = path
        if line is not None:
            where += f":{line}"
        if index is not None:
            where += f" record #{index + 1}"
        if record_id:
            where += f" ({record_id})"
        super().__init__(f"{where}: {reason}")


class UnknownFormatError(KGError, LookupError):
    """No reader is registered for a format name, or none recognises a file's content."""


class StoreError(KGError, RuntimeError):
    """The store could not be opened, read or written."""


class UnsafeIRIError(KGError, ValueError):
    """A value would make an invalid or ambiguous IRI (spaces, controls, angle brackets …)."""


class QueryError(KGError, ValueError):
    """A catalogue query is unknown, malformed, or a parameter cannot be bound."""


class ExportError(KGError, ValueError):
    """A file cannot be written: the selection does not fit the chosen format (e.g. NUL in
    RDF/XML), or the place is full or read-only."""
