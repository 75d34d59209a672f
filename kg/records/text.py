"""Decoding record files and cleaning record text: per line, never per file.

Old exports mix encodings: one Windows-1252 byte used to make a whole file fall back, turning
every "Café" of the valid records into "CafÃ©". Here only the lines that are not UTF-8 fall
back, and the caller is told which. Text that RDF or XML cannot carry (lone surrogates, NUL,
other control characters) is removed from records with a warning rather than crashing a store.
"""

from __future__ import annotations

import re

__all__ = ["clean_text", "decode_lines", "decode_text", "looks_binary", "undecodable_lines"]

_BINARY_MAGIC = (b"\x89PNG", b"%PDF", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x7fELF",
                 b"BZh", b"\xfd7zXZ", b"(\xb5/\xfd")
# C0 controls but tab, LF, CR; DEL and C1 controls; lone surrogates; non-characters FFFE/FFFF.
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def decode_lines(data: bytes) -> tuple[str, list[int]]:
    """Text of ``data`` (UTF-8, BOM dropped) and the 1-based lines read as Windows-1252
    because they were not UTF-8."""
    try:
        return data.decode("utf-8-sig").lstrip("\ufeff"), []
    except UnicodeDecodeError:
        pass
    lines = data.split(b"\n")
    bad: list[int] = []
    out: list[str] = []
    for number, line in enumerate(lines, start=1):
        try:
            out.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            bad.append(number)
            out.append(line.decode("cp1252", errors="replace"))
    return "\n".join(out).lstrip("\ufeff"), bad


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM); a line that is not UTF-8 is read as Windows-1252."""
    return decode_lines(data)[0]


def undecodable_lines(data: bytes) -> list[int]:
    """Lines of ``data`` that are not UTF-8 (empty when the whole of it is)."""
    return decode_lines(data)[1]


def looks_binary(data: bytes) -> bool:
    """Images, archives, executables or NUL bytes in the first KiB: no reader's input."""
    head = data[:1024]
    return head.startswith(_BINARY_MAGIC) or b"\0" in head


def clean_text(text: str) -> tuple[str, int]:
    """``text`` without characters RDF/XML cannot carry, and how many were removed."""
    cleaned, count = _UNSAFE.subn("", text)
    return cleaned, count
