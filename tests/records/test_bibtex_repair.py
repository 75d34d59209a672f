"""A stray ``}`` no longer drops the rest of a BibTeX entry without a word."""

from __future__ import annotations

from kg.errors import RecordParseError
from kg.records.base import ReadWarning
from kg.records.bibtex import BibtexReader
from kg.records.model import Record

READER = BibtexReader()


def _read(text: str) -> list[object]:
    return list(READER.read(text.encode(), "x.bib"))


def test_fields_after_a_stray_brace_are_recovered_with_a_warning():
    results = _read("@article{one,\n  title = {Exercise for neck pain},\n"
                    "  journal = {Some Journal}},\n  doi = {10.9999/one},\n"
                    "  author = {Roe, Ann and Poe, Bo},\n  year = {2019}\n}\n\n"
                    "@article{two,\n  title = {Second},\n  doi = {10.9999/two}\n}\n")
    warning, first, second = results
    assert isinstance(warning, ReadWarning) and "doi, author, year" in warning.reason
    assert isinstance(first, Record) and first.ids.doi == "10.9999/one"
    assert [a.family for a in first.authors] == ["Roe", "Poe"] and first.published.year == 2019
    assert isinstance(second, Record) and second.ids.doi == "10.9999/two"


def test_fields_are_not_overwritten_by_recovered_duplicates():
    results = _read("@article{one,\n  title = {Kept}},\n  title = {Other},\n  year = {2001}\n}\n")
    record = results[-1]
    assert isinstance(record, Record) and record.title == "Kept"


def test_unreadable_rest_rejects_the_entry():
    results = _read("@article{one,\n  title = {Cut}},\n  doi = {10.9999/{unbalanced},\n")
    assert any(isinstance(r, RecordParseError) and "stray '}'" in r.reason for r in results)
    assert not any(isinstance(r, Record) and r.title == "Cut" and not r.ids.doi for r in results)


def test_ordinary_comments_between_entries_are_left_alone():
    results = _read("@article{one,\n  title = {Plain}\n}\nSome free text here.\n")
    assert len(results) == 1 and isinstance(results[0], Record)
