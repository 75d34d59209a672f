"""Registry of readers by format name, with content sniffing and file-level error handling."""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from pathlib import Path

from kg.errors import RecordParseError, UnknownFormatError
from kg.records.base import Reader, ReadResult, ReadWarning
from kg.records.clean import check_bounds, clean_record
from kg.records.model import Record
from kg.records.rawinput import read_input, to_utf8
from kg.records.text import looks_binary, undecodable_lines

__all__ = ["READERS", "detect_format", "get_reader", "iter_input_files", "read_file",
           "reader_names", "register"]

READERS: dict[str, Reader] = {}

# Each module registers its reader on import; the order is the sniffing order (most specific first).
_READER_MODULES = (
    "kg.records.pubmed_xml",
    "kg.records.medline",
    "kg.records.crossref_json",
    "kg.records.csl_json",
    "kg.records.ris",
    "kg.records.bibtex",
    "kg.records.catalog",
)

_SNIFF_BYTES = 8192


def register(reader: Reader) -> Reader:
    """Add a reader under its name (a later registration of the same name replaces it)."""
    READERS[reader.name] = reader
    return reader


def _load_readers() -> None:
    for module in _READER_MODULES:
        importlib.import_module(module)


def reader_names() -> list[str]:
    """The names ``--format`` accepts, sorted (so help text never drifts from the registry)."""
    _load_readers()
    return sorted(READERS)


def get_reader(name: str) -> Reader:
    """The reader registered as ``name``; UnknownFormatError lists the known names."""
    _load_readers()
    try:
        return READERS[name]
    except KeyError:
        raise UnknownFormatError(
            f"unknown format {name!r}; known: {', '.join(sorted(READERS))}") from None


def _decode_head(data: bytes) -> str:
    return data[:_SNIFF_BYTES].decode("utf-8", errors="replace").lstrip("\ufeff")


def detect_format(data: bytes, path: str) -> Reader:
    """Choose the reader from content first, then from the file extension."""
    _load_readers()
    if looks_binary(data):
        raise UnknownFormatError(f"{path}: binary content (an image, archive or NUL bytes), "
                                 "not a record file")
    head = _decode_head(data)
    for reader in READERS.values():
        if reader.sniff(head):
            return reader
    suffixes = [s.lower() for s in Path(path.removesuffix(".gz")).suffixes]
    for reader in READERS.values():
        # A reader whose layout has no syntax of its own (plain text) must recognise content.
        if getattr(reader, "content_required", False):
            continue
        if suffixes and suffixes[-1] in reader.extensions:
            return reader
    raise UnknownFormatError(f"{path}: no reader recognises this content")


def _load(path: Path, fmt: str | None) -> tuple[bytes, Reader | None]:
    """The file's content and its reader (None for an empty file: nothing to read)."""
    data = to_utf8(path, read_input(path))
    if not data.strip():
        return data, None
    return data, get_reader(fmt) if fmt else detect_format(data, str(path))


def _finish(result: ReadResult) -> Iterator[ReadResult]:
    """Records cleaned of unstorable characters (with a warning) and checked against the size
    bounds; errors and warnings pass through."""
    if not isinstance(result, Record):
        yield result
        return
    record, note = clean_record(result)
    if note:
        src = record.source
        yield ReadWarning(note, src.path, src.index, src.line)
    yield check_bounds(record) or record


def _decoding_warning(data: bytes, path: Path) -> Iterator[ReadWarning]:
    bad = undecodable_lines(data)
    if bad:
        shown = ", ".join(map(str, bad[:10])) + (" …" if len(bad) > 10 else "")
        yield ReadWarning(f"{len(bad)} line(s) not valid UTF-8, read as Windows-1252 (the "
                          f"rest as UTF-8): line {shown}", str(path), line=bad[0])


def read_file(path: str | Path, fmt: str | None = None) -> Iterator[ReadResult]:
    """Records of one file; an unreadable or unrecognised file yields one error, never raises."""
    path = Path(path)
    try:
        data, reader = _load(path, fmt)
    except RecordParseError as exc:
        yield exc
        return
    except (OSError, UnknownFormatError) as exc:
        yield RecordParseError(str(exc), path=str(path))
        return
    if reader is None:
        yield ReadWarning("file is empty: no records in it", str(path))
        return
    yield from _decoding_warning(data, path)
    try:
        for result in reader.read(data, str(path)):
            yield from _finish(result)
    except RecordParseError as exc:  # a reader that gives up on the whole file
        yield exc
    except Exception as exc:
        yield RecordParseError(f"{reader.name} reader failed: {type(exc).__name__}: {exc}",
                               path=str(path))


_SKIP_NAMES = {"README.md", "SOURCES.md", "MANIFEST.json", "SOURCE.md"}


def iter_input_files(paths: list[str | Path]) -> Iterator[Path]:
    """Files named, and files under directories named, in a stable (sorted) order."""
    for p in map(Path, paths):
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and not f.name.startswith(".") and f.name not in _SKIP_NAMES:
                    yield f
        else:
            yield p
