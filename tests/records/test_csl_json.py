"""CSL-JSON items, the helpers the citation readers share, and one article across formats."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.errors import RecordParseError
from kg.records.bibtex import BibtexReader
from kg.records.csl_json import (
    CslJsonReader,
    abstract_sections,
    genre_label,
    normalise_language,
    page_fields,
    read_date_object,
    strip_markup,
)
from kg.records.model import AbstractSection, Author, PartialDate, Record
from kg.records.registry import detect_format, read_file
from kg.records.ris import RisReader
from tests.conftest import shared_path

DATA = Path(__file__).resolve().parents[1] / "data" / "records" / "csl"
CSL = CslJsonReader()


def _read_items(items: object) -> list[Record | RecordParseError]:
    return list(CSL.read(json.dumps(items).encode(), "items.json"))


@pytest.fixture(scope="module")
def sample() -> list[Record | RecordParseError]:
    path = DATA / "sample.json"
    return list(CSL.read(path.read_bytes(), str(path)))


def test_sample_items_in_order_with_lines(sample):
    assert [type(r).__name__ for r in sample] == [
        "Record", "Record", "Record", "RecordParseError", "RecordParseError"]
    assert [r.source.line for r in sample[:3]] == [2, 47, 55]
    assert (sample[3].line, sample[3].index) == (69, 3) and "not an object" in sample[3].reason
    assert sample[4].record_id == "item-5" and "no title" in sample[4].reason


def test_sample_full_item(sample):
    record = sample[0]
    assert record.title == "Low-dose aspirin and first stroke"  # <i> dropped
    assert record.authors == (
        Author(family="Lindqvist", given="Maja", initials="M"),
        Author(family="van der Berg", given="Jan", initials="J"),
        Author(collective="Stroke Prevention Study Group"))
    assert record.journal.title == "Journal of Imaginary Neurology"  # a list in the item
    assert record.journal.iso_abbreviation == "J Imag Neurol"
    assert (record.journal.pages, record.journal.page_start, record.journal.page_end) == (
        "201-209", "201", "209")
    assert record.journal.issns == ("0028-0836",)  # 1234-5678 fails its check digit
    assert record.published == PartialDate(2019, 11, 5)  # date-parts given as strings
    assert (record.ids.doi, record.ids.pmid, record.ids.pmcid) == (
        "10.5555/jin.2019.0042", "31234567", "PMC7654321")
    assert record.abstract == (AbstractSection("We followed older adults & counted strokes."),)
    assert record.languages == ("eng",) and record.keywords == ("aspirin", "stroke, prevention")


def test_sample_raw_date_season_and_structured_abstract(sample):
    book, seasonal = sample[1], sample[2]
    assert book.published == PartialDate(2015, 10) and book.publication_types == ("Book",)
    assert seasonal.published == PartialDate(1999, season="Spring")
    assert [(s.label, s.text) for s in seasonal.abstract] == [
        ("Background", "Why it was done."), ("Results", "What was found.")]


def test_record_hash_is_of_canonical_json(sample):
    items = json.loads((DATA / "sample.json").read_text(encoding="utf-8"))
    from kg.records.base import record_sha256

    assert sample[0].source.sha256 == record_sha256(json.dumps(items[0], sort_keys=True))


def test_single_object_and_broken_json():
    (record,) = _read_items({"type": "webpage", "title": "One"})
    assert record.title == "One" and record.source.line == 1
    records = list(CSL.read(b'[{"type": "book", "title": "Fine"},\n {"type": ', "cut.json"))
    assert records[0].title == "Fine"
    assert isinstance(records[1], RecordParseError) and records[1].line == 2


def test_pathological_json_is_reported_not_raised():
    for data in (b"[" * 100_000, b'[{"title": "T", "volume": 1' + b"0" * 5000 + b"}]"):
        (error,) = list(CSL.read(data, "bad.json"))
        assert isinstance(error, RecordParseError) and error.reason.startswith("invalid JSON")


def test_crossref_envelope_is_not_taken_for_csl():
    envelope = '{"status":"ok","message-type":"work","message":{"type":"journal-article"}}'
    assert not CSL.sniff(envelope)
    assert not CSL.sniff('{"DOI": "10.1/x", "type": "journal-article", "title": ["T"]}')
    assert CSL.sniff('[{"id": "a", "type": "book", "title": "T"}]')
    (error,) = _read_items(json.loads(envelope))
    assert "crossref-json" in error.reason


@pytest.mark.parametrize(("obj", "date"), [
    ({"date-parts": [[]]}, None),
    ({"date-parts": [[None]]}, None),
    ({"date-parts": [[2018, 10, 21, 13]]}, PartialDate(2018, 10, 21)),
    ({"date-parts": [["2017", "07", "07"]]}, PartialDate(2017, 7, 7)),
    ({"date-parts": [[2018, 2, 30]]}, PartialDate(2018, 2)),
    ({"raw": "2018-03-01"}, PartialDate(2018, 3, 1)),
    ({"literal": "Spring 1999"}, PartialDate(1999, season="Spring")),
    ({"date-parts": [[2001]], "season": "Winter"}, PartialDate(2001, season="Winter")),
    (None, None),
    ("2018", None),
])
def test_read_date_object(obj, date):
    assert read_date_object(obj) == date


def test_shared_text_helpers():
    assert strip_markup("<jats:italic>In vivo</jats:italic> x &lt; y<sup>2</sup>") == (
        "In vivo x < y2")
    assert abstract_sections("<jats:title>Abstract</jats:title><jats:p>One.</jats:p>"
                             "<jats:p>Two.</jats:p>") == (AbstractSection("One.\nTwo."),)
    assert abstract_sections("  ") == ()
    assert genre_label("JOUR") == genre_label("article") == genre_label("journal-article") == (
        "Journal Article")
    assert genre_label("Journal Article") == "Journal Article"
    assert genre_label("letter") == "letter"
    assert [normalise_language(c) for c in ("en", "en-GB", "English", "fr", "xx")] == [
        "eng", "eng", "eng", "fre", "xx"]
    assert page_fields("12--23") == ("12-23", "12", "23")
    assert page_fields("e32822") == ("e32822", "e32822", None)
    assert page_fields("") == (None, None, None)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
        st.sampled_from(["title", "author", "issued", "DOI", "page", "ISSN", "family",
                         "given", "literal", "date-parts", "container-title", "abstract",
                         "keyword", "type", "PMID"]), inner, max_size=5),
    max_leaves=12)


@settings(max_examples=80, deadline=None)
@given(st.lists(json_values, max_size=4))
def test_any_json_items_give_records_or_errors(items):
    for result in _read_items(items):
        assert isinstance(result, Record | RecordParseError)


# --- real items (../shared/fixtures/csl_json) ----------------------------------------------

REAL = {
    "manubot__bibliography.json": dict(
        title="Sci-Hub provides access to nearly all scholarly literature", n_authors=7,
        first="Daniel S Himmelstein", last="Casey S Greene", journal="eLife", volume="7",
        issue=None, pages=None, published=PartialDate(2018, 3, 1), doi="10.7554/elife.32822",
        pmid="29424689", abstract="The website Sci-Hub enables users to download PDF versions"),
    "manubot__crossref-deep-review-csl__raw.json": dict(
        title="Opportunities and obstacles for deep learning in biology and medicine",
        n_authors=36, first="Travers Ching", last="Casey S. Greene",
        journal="Journal of The Royal Society Interface", volume="15", issue="141",
        pages="20170387", published=PartialDate(2018, 4), doi="10.1098/rsif.2017.0387",
        pmid="29618526", abstract=None),
    "manubot__crossref-winter-scabs-csl__raw.json": dict(
        title="Formation of the Scab and the Rate of Epithelization of Superficial Wounds in "
              "the Skin of the Young Domestic Pig", n_authors=1, first="GEORGE D. WINTER",
        last="GEORGE D. WINTER", journal="Nature", volume="193", issue="4812",
        pages="293-294", published=PartialDate(1962, 1), doi="10.1038/193293a0", pmid=None,
        abstract=None),
    "manubot__pmc-scihub-study-csl__raw.json": dict(
        title="Sci-Hub provides access to nearly all scholarly literature", n_authors=7,
        first="Daniel S Himmelstein", last="Casey S Greene", journal="eLife", volume="7",
        issue=None, pages="e32822", published=PartialDate(2018), doi="10.7554/elife.32822",
        pmid="29424689", abstract=None),
    "manubot__arxiv-joss-csl__raw.json": dict(
        title="Journal of Open Source Software (JOSS): design and first-year review",
        n_authors=16, first="Arfon M Smith", last="Jacob T Vanderplas", journal="arXiv",
        volume=None, issue=None, pages=None, published=PartialDate(2017, 7, 7),
        doi="10.7717/peerj-cs.147", pmid=None,
        abstract="This article describes the motivation, design, and progress of the Journal"),
    "habanero__content_negotiation_10.1126_science.169.3946.635.json": dict(
        title="The Structure of Ordinary Water", n_authors=1, first="Henry S. Frank",
        last="Henry S. Frank", journal="Science", volume="169", issue="3946",
        pages="635-641", published=PartialDate(1970, 8, 14),
        doi="10.1126/science.169.3946.635", pmid=None,
        abstract="The train of thought pursued in this article has led to the conclusion"),
}


def summarise(record: Record) -> dict[str, object]:
    j = record.journal
    return dict(title=record.title, n_authors=len(record.authors),
                first=record.authors[0].display_name, last=record.authors[-1].display_name,
                journal=j.title, volume=j.volume, issue=j.issue, pages=j.pages,
                published=record.published, doi=record.ids.doi, pmid=record.ids.pmid,
                abstract=record.abstract_text or None)


@pytest.mark.parametrize("name", sorted(REAL))
def test_real_first_item_matches_the_source(name):
    first = next(iter(read_file(shared_path("fixtures", "csl_json", name))))
    assert isinstance(first, Record), first
    got, want = summarise(first), dict(REAL[name])
    got_abstract, abstract = got.pop("abstract"), want.pop("abstract")
    assert got == want
    assert (got_abstract is None) if abstract is None else got_abstract.startswith(abstract)


def test_real_literal_names_and_date_part_oddities():
    joss = next(iter(read_file(shared_path("fixtures", "csl_json",
                                           "manubot__arxiv-joss-csl__raw.json"))))
    assert joss.authors[0] == Author(collective="Arfon M Smith")  # CSL "literal"
    empty = next(iter(read_file(shared_path("fixtures", "csl_json",
                                            "manubot__empty-date-parts-csl__raw.json"))))
    assert empty.published is None and empty.title.startswith("The arXiv of the future")
    null = next(iter(read_file(shared_path("fixtures", "csl_json",
                                           "manubot__null-date-parts-csl__raw.json"))))
    assert null.published is None and null.ids.doi == "10.22541/au.149693987.70506124"


def test_every_shared_csl_file_is_read_or_rejected():
    folder = shared_path("fixtures", "csl_json")
    for path in sorted(folder.glob("*.json")):
        assert detect_format(path.read_bytes(), str(path)).name == "csl-json", path.name
        results = list(read_file(path))
        assert results, path.name
        for result in results:
            assert isinstance(result, Record | RecordParseError)
            if isinstance(result, RecordParseError):
                assert result.path == str(path) and result.reason


def test_elife_article_agrees_across_ris_bibtex_and_csl():
    """One article from three reference-manager formats gives the same identity fields."""
    readers = {"ris": RisReader(), "bibtex": BibtexReader(), "csl_json": CSL}
    names = {"ris": "manubot__bibliography.ris", "bibtex": "manubot__bibliography.bib",
             "csl_json": "manubot__bibliography.json"}
    views = set()
    for folder, reader in readers.items():
        path = shared_path("fixtures", folder, names[folder])
        record = next(iter(reader.read(path.read_bytes(), str(path))))
        views.add((record.ids.doi, record.title, record.published.year,
                   record.authors[0], record.authors[-1], record.publication_types,
                   record.journal.title, record.journal.volume))
    assert views == {("10.7554/elife.32822",
                      "Sci-Hub provides access to nearly all scholarly literature", 2018,
                      Author(family="Himmelstein", given="Daniel S", initials="DS"),
                      Author(family="Greene", given="Casey S", initials="CS"),
                      ("Journal Article",), "eLife", "7")}
