"""Registry of readers by format name, with content sniffing and file-level error handling."""

from __future__ import annotations

import gzip
import importlib
from collections.abc import Iterator
from pathlib import Path

from kg.errors import RecordParseError, UnknownFormatError
from kg.records.base import Reader, ReadResult

__all__ = ["READERS", "detect_format", "get_reader", "iter_input_files", "read_file", "register"]

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
    head = _decode_head(data)
    for reader in READERS.values():
        if reader.sniff(head):
            return reader
    suffixes = [s.lower() for s in Path(path.removesuffix(".gz")).suffixes]
    for reader in READERS.values():
        if suffixes and suffixes[-1] in reader.extensions:
            return reader
    raise UnknownFormatError(f"{path}: no reader recognises this content")


def _read_bytes(path: Path) -> bytes:
    raw = path.read_bytes()
    if raw[:2] == b"\x1f\x8b":
        return gzip.decompress(raw)
    return raw


def read_file(path: str | Path, fmt: str | None = None) -> Iterator[ReadResult]:
    """Records of one file; an unreadable or unrecognised file yields one error, never raises."""
    path = Path(path)
    try:
        data = _read_bytes(path)
        reader = get_reader(fmt) if fmt else detect_format(data, str(path))
    except (OSError, EOFError, UnknownFormatError, gzip.BadGzipFile) as exc:
        yield RecordParseError(str(exc), path=str(path))
        return
    try:
        yield from reader.read(data, str(path))
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
