"""Reading one input file's bytes within bounds: size, gzip ratio, and non-regular files.

``Path.read_bytes`` on ``/dev/zero`` never returns, ``gzip.decompress`` of a bomb allocates
gigabytes before failing, and opening a FIFO without a writer blocks forever. Everything here
reads in chunks and stops as soon as a bound is passed, so the memory one file can take is
``limit("MAX_INPUT_BYTES")`` at most and refusal comes early.
"""

from __future__ import annotations

import codecs
import os
import stat
import zlib
from collections.abc import Iterator
from pathlib import Path

from kg.errors import RecordParseError
from kg.records.limits import GZIP_RATIO_FLOOR, limit

__all__ = ["read_input", "to_utf8"]

_CHUNK = 1024 * 1024
_GZIP_MAGIC = b"\x1f\x8b"


def _open_fd(path: Path) -> int:
    """Open without blocking on a FIFO that has no writer (it then reads as empty)."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    os.set_blocking(fd, True)
    return fd


def _chunks(fd: int) -> Iterator[bytes]:
    while chunk := os.read(fd, _CHUNK):
        yield chunk


def _too_big(path: Path, what: str, cap: int) -> RecordParseError:
    return RecordParseError(
        f"{what} is larger than {cap:,} bytes; refused (raise EKG_MAX_INPUT_BYTES to allow)",
        path=str(path))


def _read_raw(path: Path, fd: int, cap: int) -> bytes:
    info = os.fstat(fd)
    if stat.S_ISDIR(info.st_mode):
        raise RecordParseError("is a folder, not a file", path=str(path))
    if stat.S_ISREG(info.st_mode) and info.st_size > cap:
        raise _too_big(path, "file", cap)
    parts: list[bytes] = []
    size = 0
    for chunk in _chunks(fd):
        size += len(chunk)
        if size > cap:
            raise _too_big(path, "input", cap)
        parts.append(chunk)
    return b"".join(parts)


def _gunzip(path: Path, raw: bytes, cap: int) -> bytes:
    """Decompress every gzip member, never producing more than the bounds allow."""
    ratio = limit("MAX_GZIP_RATIO")
    allowed = min(cap, max(GZIP_RATIO_FLOOR, ratio * len(raw)))
    parts: list[bytes] = []
    size, data = 0, raw
    while data:
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        while data and not inflater.eof:
            part = inflater.decompress(data, allowed - size + 1)
            size += len(part)
            if size > allowed:
                raise _bomb(path, len(raw), allowed, ratio, cap)
            parts.append(part)
            data = inflater.unconsumed_tail
        data = inflater.unused_data if inflater.eof else b""
        if not inflater.eof:
            raise RecordParseError("gzip stream is cut short", path=str(path))
        data = data.lstrip(b"\0")
        if data and not data.startswith(_GZIP_MAGIC):
            break  # trailing garbage after the last member, as gzip(1) tolerates
    return b"".join(parts)


def _bomb(path: Path, packed: int, allowed: int, ratio: int, cap: int) -> RecordParseError:
    if allowed >= cap:
        return _too_big(path, "decompressed content", cap)
    return RecordParseError(
        f"gzip content expands more than {ratio}× its {packed:,} bytes (a decompression "
        f"bomb?); refused after {allowed:,} bytes (raise EKG_MAX_GZIP_RATIO to allow)",
        path=str(path))


def read_input(path: str | Path) -> bytes:
    """The content of one input file, decompressed when it is gzip; RecordParseError (file
    level) when it breaks a bound or is unreadable, OSError when it cannot be opened."""
    path = Path(path)
    cap = limit("MAX_INPUT_BYTES")
    fd = _open_fd(path)
    try:
        raw = _read_raw(path, fd, cap)
    finally:
        os.close(fd)
    if raw[:2] != _GZIP_MAGIC:
        return raw
    try:
        return _gunzip(path, raw, cap)
    except zlib.error as exc:
        raise RecordParseError(f"not valid gzip: {exc}", path=str(path)) from exc


_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def _utf16_without_bom(head: bytes) -> str | None:
    """``utf-16-le``/``-be`` when every other byte of an ASCII-ish start is NUL."""
    sample = head[:512]
    if len(sample) < 4:
        return None
    if sample[1::2].count(0) > 0.9 * len(sample[1::2]) and 0 not in sample[0::2]:
        return "utf-16-le"
    if sample[0::2].count(0) > 0.9 * len(sample[0::2]) and 0 not in sample[1::2]:
        return "utf-16-be"
    return None


def to_utf8(path: str | Path, data: bytes) -> bytes:
    """UTF-16 content (Windows tools write it) re-encoded as UTF-8, so readers see one
    encoding; anything else is returned as it is."""
    if data[:2] in _UTF16_BOMS:
        codec: str | None = "utf-16"
    else:
        codec = _utf16_without_bom(data)
    if codec is None:
        return data
    try:
        return data.decode(codec).encode("utf-8")
    except UnicodeDecodeError as exc:
        raise RecordParseError(f"looks like UTF-16 but is not valid UTF-16: {exc.reason}",
                               path=str(path)) from exc
