"""Per-line decoding fallback, binary detection, cleaning of unstorable characters."""

from __future__ import annotations

from kg.records.text import clean_text, decode_lines, decode_text, looks_binary


def test_one_bad_line_falls_back_alone():
    data = "Caf\u00e9 one\n".encode() + b"Caf\xe9 two\n" + "na\u00efve three".encode()
    text, bad = decode_lines(data)
    assert text == "Caf\u00e9 one\nCaf\u00e9 two\nna\u00efve three" and bad == [2]


def test_valid_utf8_has_no_bad_lines_and_loses_its_bom():
    assert decode_lines(b"\xef\xbb\xbfTY  - JOUR") == ("TY  - JOUR", [])
    assert decode_text(b"\xef\xbb\xbfx") == "x"


def test_binary_signatures_and_nul_are_binary():
    assert looks_binary(b"\x89PNG\r\n\x1a\n....")
    assert looks_binary(b"%PDF-1.7")
    assert looks_binary(b"TY  - JOUR\x00")
    assert not looks_binary("TI  - Caf\u00e9".encode())


def test_clean_text_removes_what_rdf_cannot_carry():
    assert clean_text("a\ud800b\x00c\x1bd\ufffee") == ("abcde", 4)
    assert clean_text("tab\tnew\nline\r\u00e9") == ("tab\tnew\nline\r\u00e9", 0)
