"""BibTeX: macros, LaTeX, braces, group authors and broken blocks."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.errors import RecordParseError
from kg.records.bibtex import BibtexReader
from kg.records.model import Author, PartialDate, Record
from kg.records.registry import detect_format, read_file
from tests.conftest import shared_path

DATA = Path(__file__).resolve().parents[1] / "data" / "records" / "bibtex"
BIB = BibtexReader()


def _read(text: str, path: str = "x.bib") -> list[Record | RecordParseError]:
    return list(BIB.read(text.encode(), path))


@pytest.fixture(scope="module")
def sample() -> list[Record | RecordParseError]:
    path = DATA / "sample.bib"
    return list(BIB.read(path.read_bytes(), str(path)))


def test_sample_yields_entries_and_failed_blocks_in_order(sample):
    assert [type(r).__name__ for r in sample] == [
        "Record", "RecordParseError", "Record", "RecordParseError"]
    assert [r.source.line for r in sample if isinstance(r, Record)] == [5, 27]


def test_sample_entry_decoded(sample):
    record = sample[0]
    assert record.title == "CRISPR screens of über-stable cells"  # braces and LaTeX gone
    assert [a.display_name for a in record.authors] == [
        "Maja Lindqvist", "Seán P. O'Bríen", "World Health Organization", "Jan van der Berg"]
    assert record.authors[2] == Author(collective="World Health Organization")
    assert record.authors[3].family == "van der Berg"
    assert record.journal.title == "Journal of Imaginary Neurology"  # @string macro
    assert (record.journal.volume, record.journal.issue, record.journal.pages) == (
        "12", "4", "201-209")
    assert (record.journal.page_start, record.journal.page_end) == ("201", "209")
    assert record.published == PartialDate(2019, 11)
    assert (record.ids.doi, record.ids.pmid) == ("10.5555/jin.2019.0042", "31234567")
    assert record.journal.issns == ("0028-0836",)
    assert record.keywords == ("aspirin", "stroke, prevention")  # ";" wins over ","
    assert record.languages == ("eng",)
    assert record.abstract_text == ("We looked at whether a small daily dose changes the rate "
                                    "of first strokes.")


def test_sample_hash_is_of_the_entry_text(sample):
    text = (DATA / "sample.bib").read_text(encoding="utf-8")
    start = text.index("@article{lindqvist2019")
    raw = text[start:text.index("\n}\n", start) + 2]
    assert sample[0].source.sha256 == hashlib.sha256(raw.encode()).hexdigest()


def test_failed_blocks_name_line_key_and_reason(sample):
    broken, duplicate = sample[1], sample[3]
    assert (broken.line, broken.record_id) == (23, "broken2020")
    assert "closing" in broken.reason
    assert (duplicate.line, duplicate.record_id) == (34, "lindqvist2019")
    assert "duplicate entry key" in duplicate.reason


def test_concatenated_macros_and_capital_and():
    records = _read('@string{j = {Jean}}\n@book{k, author = j # " C{\\\'e}sar AND Doe, Jo",'
                    ' title = {T}, year = {1987}}\n')
    assert [a.display_name for a in records[0].authors] == ["Jean César", "Jo Doe"]


def test_bare_percent_and_ampersand_are_text_not_latex():
    (record,) = _read("@article{k, title = {50% of patients \\& carers & staff},"
                      " abstract = {Rates fell by 30% -- see \\url{http://example.org}.}}")
    assert record.title == "50% of patients & carers & staff"
    assert record.abstract_text == "Rates fell by 30% – see http://example.org."


def test_unbraced_group_name_is_still_recognised():
    records = _read("@misc{k, author = {World Health Organization}, title = {T}}")
    assert records[0].authors == (Author(collective="World Health Organization"),)


def test_biblatex_date_and_crossref_inheritance():
    records = _read("@book{parent, title = {The Book}, year = {1974}}\n"
                    "@inbook{child, crossref = {parent}, title = {A Chapter},"
                    " date = {2009-08-21}}\n")
    parent, child = records
    assert child.journal.title == "The Book"
    assert child.published == PartialDate(2009, 8, 21)  # its own date beats the parent's year
    assert parent.publication_types == ("Book",) and child.publication_types == ("Book Chapter",)


def test_entry_without_title_or_identifier_is_rejected():
    (error,) = _read("@article{bar,\n    author = {correct}\n}\n")
    assert isinstance(error, RecordParseError) and error.record_id == "bar"


def test_file_without_entries_is_rejected():
    (error,) = _read("% only a comment\n@comment{nothing}\n")
    assert isinstance(error, RecordParseError) and "no BibTeX entries" in error.reason


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet='@{}"#=,\\ abtiycle\n', max_size=120))
def test_any_brace_soup_gives_records_or_errors(text):
    for result in BIB.read(("@article{k, " + text).encode(), "soup.bib"):
        assert isinstance(result, Record | RecordParseError)


# --- real exports (../shared/fixtures/bibtex) ----------------------------------------------

def test_real_zotero_export():
    path = shared_path("fixtures", "bibtex", "manubot__bibliography.bib")
    article, page = list(read_file(path))
    assert article.title == "Sci-Hub provides access to nearly all scholarly literature"
    assert [a.display_name for a in article.authors] == [
        "Daniel S Himmelstein", "Ariel Rodriguez Romero", "Jacob G Levernier",
        "Thomas Anthony Munro", "Stephen Reid McLaughlin", "Bastian Greshake Tzovaras",
        "Casey S Greene"]
    assert article.authors[5] == Author(family="Greshake Tzovaras", given="Bastian",
                                        initials="B")
    assert (article.journal.title, article.journal.volume, article.journal.issue) == (
        "eLife", "7", None)
    assert article.journal.pages is None and article.abstract == ()
    assert article.published == PartialDate(2018, 3)
    assert article.ids.doi == "10.7554/elife.32822"
    assert article.journal.issns == ("2050-084X",)
    assert page.title.startswith("TechBlog: ‘Manubot’ powers a crowdsourced")
    assert page.authors == ()


@pytest.mark.parametrize(("name", "family", "given"), [
    ("bibtexparser__article_with_special_characters.bib", "Césarü", "Jean"),
    ("bibtexparser__encoding.bib", "César", "Jean"),
    ("bibtexparser__article_with_strings.bib", "César", "Jean"),
    ("bibtexparser__article_start_with_bom.bib", "César", "Jean"),
])
def test_parser_fixtures_decode_names(name, family, given):
    record = next(iter(read_file(shared_path("fixtures", "bibtex", name))))
    assert (record.authors[0].family, record.authors[0].given) == (family, given)
    assert record.title.startswith("An amazing title")


def test_every_shared_bibtex_file_is_read_or_rejected():
    folder = shared_path("fixtures", "bibtex")
    for path in sorted(folder.glob("*.bib")):
        assert detect_format(path.read_bytes(), str(path)).name == "bibtex", path.name
        results = list(read_file(path))
        assert results, path.name
        for result in results:
            assert isinstance(result, Record | RecordParseError)
            if isinstance(result, RecordParseError):
                assert result.path == str(path) and result.reason and result.line
