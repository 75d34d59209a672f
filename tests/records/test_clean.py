"""Records cleaned once for every reader, and held to size bounds."""

from __future__ import annotations

from kg.records.clean import check_bounds, clean_record, record_chars
from kg.records.model import AbstractSection, Author, Identifiers, Record, SourceInfo

SOURCE = SourceInfo(path="x.ris", index=2, line=9, format="ris", sha256="0" * 64)


def test_clean_record_is_returned_as_the_same_object():
    record = Record(SOURCE, title="Plain title")
    assert clean_record(record) == (record, None)


def test_nested_strings_are_cleaned_with_a_count():
    record = Record(SOURCE, title="Bad\ud800 title", authors=(Author(family="Nu\x00ll"),),
                    abstract=(AbstractSection("Fine"), AbstractSection("Bell\x07")))
    cleaned, note = clean_record(record)
    assert cleaned.title == "Bad title" and cleaned.authors[0].family == "Null"
    assert cleaned.abstract[1].text == "Bell" and cleaned.abstract[0] is record.abstract[0]
    assert note is not None and "removed 3 character(s)" in note


def test_record_chars_counts_every_string():
    record = Record(SOURCE, title="abc", authors=(Author(given="de"),), keywords=("f",))
    own = len("abc") + len("de") + len("f")
    source = len("x.ris") + 64 + len("ris") + len("1")  # path, sha256, format, reader version
    assert record_chars(record) == own + source


def test_bounds_name_the_record(monkeypatch):
    monkeypatch.setenv("EKG_MAX_AUTHORS", "2")
    record = Record(SOURCE, ids=Identifiers(doi="10.9999/x"), title="t",
                    authors=tuple(Author(family=f"P{i}") for i in range(3)))
    error = check_bounds(record)
    assert error is not None and error.index == 2 and error.record_id == "10.9999/x"
    assert "3 authors, more than 2" in error.reason and "EKG_MAX_AUTHORS" in error.reason
    assert check_bounds(Record(SOURCE, title="t")) is None
