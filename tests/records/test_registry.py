"""File-level behaviour of ``read_file``: sniffing, encodings, empty files, warnings."""

from __future__ import annotations

import pytest

from kg.errors import RecordParseError, UnknownFormatError
from kg.records.base import ReadWarning
from kg.records.model import Record
from kg.records.registry import detect_format, read_file

MEDLINE = ("PMID- 11111111\nTI  - Caf\u00e9 workers and shoulder pain: a survey.\n"
           "AU  - Roe A\n\nPMID- 22222222\nTI  - Second survey of neck pain.\n")


def _kinds(results: list[object]) -> list[str]:
    return [type(r).__name__ for r in results]


def test_utf16_medline_is_read_as_medline(tmp_path):
    path = tmp_path / "export.txt"
    path.write_bytes(MEDLINE.encode("utf-16"))
    results = list(read_file(path))
    assert _kinds(results) == ["Record", "Record"]
    assert results[0].source.format == "medline" and results[0].title.startswith("Caf\u00e9")


def test_text_without_catalogue_markers_is_not_a_catalogue_record(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("Meeting notes\nWe discussed pain research.\nNext week: more.\n")
    [error] = read_file(path)
    assert isinstance(error, RecordParseError) and "no reader recognises" in error.reason


def test_image_named_txt_is_binary(tmp_path):
    path = tmp_path / "scan.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR")
    [error] = read_file(path)
    assert "binary content" in error.reason
    with pytest.raises(UnknownFormatError):
        detect_format(path.read_bytes(), str(path))


def test_one_bad_byte_falls_back_for_its_line_only(tmp_path):
    path = tmp_path / "mixed.ris"
    path.write_bytes("TY  - JOUR\nTI  - Caf\u00e9 staff and back pain\nER  - \n".encode()
                     + b"TY  - JOUR\nTI  - Caf\xe9 owners and knee pain\nER  - \n")
    warning, first, second = read_file(path)
    assert isinstance(warning, ReadWarning) and "line 5" in warning.reason
    assert first.title == "Caf\u00e9 staff and back pain"
    assert second.title == "Caf\u00e9 owners and knee pain"


def test_ris_record_without_end_tag_is_closed_at_the_next_start(tmp_path):
    path = tmp_path / "cut.ris"
    path.write_text("TY  - JOUR\nTI  - First, its ER lost\nDO  - 10.9999/first\n"
                    "TY  - JOUR\nTI  - Second\nDO  - 10.9999/second\nER  - \n")
    warning, first, second = read_file(path)
    assert isinstance(warning, ReadWarning) and "closed at the next 'TY'" in warning.reason
    assert (warning.line, warning.index) == (1, 0)
    assert (first.ids.doi, second.ids.doi) == ("10.9999/first", "10.9999/second")


@pytest.mark.parametrize("content", [b"", b"  \n\n\t"])
def test_empty_file_is_said(tmp_path, content):
    path = tmp_path / "empty.bib"
    path.write_bytes(content)
    [warning] = read_file(path)
    assert isinstance(warning, ReadWarning) and "empty" in warning.reason


def test_missing_file_is_an_error_not_an_exception(tmp_path):
    [error] = read_file(tmp_path / "absent.ris")
    assert isinstance(error, RecordParseError) and "absent.ris" in str(error)


def test_control_characters_are_removed_with_a_warning(tmp_path):
    path = tmp_path / "ctl.ris"
    path.write_bytes(b"TY  - JOUR\nTI  - Bell\x07 and escape\x1b in a title\nER  - \n")
    warning, record = read_file(path)
    assert isinstance(warning, ReadWarning) and "removed 2 character(s)" in warning.reason
    assert isinstance(record, Record) and record.title == "Bell and escape in a title"
