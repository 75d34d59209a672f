"""Bounded reading of one input: size caps, gzip ratio and members, FIFOs, UTF-16."""

from __future__ import annotations

import gzip
import os

import pytest

from kg.errors import RecordParseError
from kg.records.rawinput import read_input, to_utf8


def test_plain_file_is_read_as_it_is(tmp_path):
    path = tmp_path / "a.ris"
    path.write_bytes(b"TY  - JOUR\nER  - \n")
    assert read_input(path) == b"TY  - JOUR\nER  - \n"


def test_every_gzip_member_is_decompressed(tmp_path):
    path = tmp_path / "a.ris.gz"
    path.write_bytes(gzip.compress(b"first\n") + gzip.compress(b"second\n"))
    assert read_input(path) == b"first\nsecond\n"


def test_cut_gzip_is_an_error(tmp_path):
    path = tmp_path / "a.gz"
    path.write_bytes(gzip.compress(b"x" * 10_000)[:-20])
    with pytest.raises(RecordParseError, match=r"cut short|not valid gzip"):
        read_input(path)


def test_gzip_ratio_is_enforced_past_the_floor(tmp_path, monkeypatch):
    monkeypatch.setenv("EKG_MAX_GZIP_RATIO", "2")
    monkeypatch.setattr("kg.records.rawinput.GZIP_RATIO_FLOOR", 1000)
    path = tmp_path / "z.gz"
    path.write_bytes(gzip.compress(b"\0" * 100_000))
    with pytest.raises(RecordParseError, match="expands more than 2×"):
        read_input(path)


def test_size_cap_applies_to_plain_files(tmp_path, monkeypatch):
    monkeypatch.setenv("EKG_MAX_INPUT_BYTES", "10")
    path = tmp_path / "a.ris"
    path.write_bytes(b"x" * 11)
    with pytest.raises(RecordParseError, match="larger than 10 bytes"):
        read_input(path)


def test_fifo_with_a_writer_is_read(tmp_path):
    fifo = tmp_path / "pipe.ris"
    os.mkfifo(fifo)
    keep = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # holds the pipe so the data waits
    try:
        writer = os.open(fifo, os.O_WRONLY)
        os.write(writer, b"TY  - JOUR\n")
        os.close(writer)  # no writer left: the reader gets the data, then end of file
        assert read_input(fifo) == b"TY  - JOUR\n"
    finally:
        os.close(keep)


def test_folder_is_an_error(tmp_path):
    with pytest.raises((RecordParseError, IsADirectoryError)):
        read_input(tmp_path)


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_becomes_utf8(codec):
    text = "PMID- 1\nTI  - Caf\u00e9 au lait spots\n"
    assert to_utf8("x", text.encode(codec)) == text.encode("utf-8")


def test_utf8_and_latin_text_pass_unchanged():
    for data in (b"plain", "Caf\u00e9".encode(), b"Caf\xe9"):
        assert to_utf8("x", data) is data


def test_broken_utf16_is_an_error():
    with pytest.raises(RecordParseError, match="UTF-16"):
        to_utf8("x", b"\xff\xfe" + "ab".encode("utf-16-le") + b"\x00\xd8")
