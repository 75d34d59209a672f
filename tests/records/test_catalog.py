"""The library-catalogue reader on the real seed, on messy variants and on the bundled examples."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import RecordParseError
from kg.records.base import record_sha256
from kg.records.catalog import CatalogReader
from kg.records.catalog_fields import (
    map_publication_types,
    parse_authors,
    parse_imprint,
    parse_journal,
    parse_languages,
    parse_summary,
)
from kg.records.model import PartialDate, Record
from kg.records.registry import detect_format, get_reader, read_file
from tests.conftest import EXAMPLES, shared_path

DATA = Path(__file__).resolve().parents[1] / "data" / "records" / "catalog"
READER = CatalogReader()
SEED_AUTHORS = [("Ocker", "Aaron C."), ("Shah", "Nirmal B."), ("Schwenk", "Eric S."),
                ("Witkowski", "Thomas A."), ("Cohen", "Mitchell J."), ("Viscusi", "Eugene R.")]


def read_all(path: Path) -> list[Record | RecordParseError]:
    return list(READER.read(path.read_bytes(), str(path)))


def read_one(path: Path) -> Record:
    results = read_all(path)
    assert len(results) == 1
    assert isinstance(results[0], Record), results[0]
    return results[0]


# --- the real seed -------------------------------------------------------------------------------

@pytest.fixture
def seed(seed_path: Path) -> Record:
    return read_one(seed_path)


def test_seed_is_detected_as_catalog(seed_path: Path) -> None:
    assert detect_format(seed_path.read_bytes(), str(seed_path)).name == "catalog"
    assert get_reader("catalog").extensions == (".txt", ".catalog")


def test_seed_title_is_exact_with_unicode_hyphens(seed: Record) -> None:
    assert seed.title == (
        "Ketamine and Cognitive Behavioral Therapy for Rapid Opioid Tapering With Sustained "
        "Opioid Abstinence: A Case Report and 1\u2010Year Follow\u2010up")


def test_seed_authors_in_printed_order(seed: Record) -> None:
    assert [(a.family, a.given) for a in seed.authors] == SEED_AUTHORS
    assert [a.initials for a in seed.authors] == ["AC", "NB", "ES", "TA", "MJ", "ER"]


def test_seed_journal_and_identifiers(seed: Record) -> None:
    j = seed.journal
    assert (j.title, j.volume, j.issue, j.pages) == ("Pain practice", "20", "1", "95-100")
    assert (j.page_start, j.page_end) == ("95", "100")
    assert j.issns == ("1530-7085", "1533-2500")
    assert seed.ids.doi == "10.1111/papr.12829"


def test_seed_date_language_country_types(seed: Record) -> None:
    assert seed.published == PartialDate(year=2020)  # 01.01.2020 is padding for "2020"
    assert seed.languages == ("eng",)
    assert seed.country == "United States"
    assert seed.subjects == ()
    assert seed.object_types == ("Case Study", "Feature", "Report", "Article")
    assert seed.publication_types == ("Journal Article", "Case Reports")


def test_seed_summary_sections(seed: Record) -> None:
    assert [s.label for s in seed.abstract] == ["Background", "Case", "Discussion"]
    assert [s.nlm_category for s in seed.abstract] == ["BACKGROUND", "METHODS", "CONCLUSIONS"]
    background, case, discussion = (s.text for s in seed.abstract)
    assert background.startswith("Ketamine, a potent analgesic and N\u2010methyl\u2010D")
    assert case.startswith("We present a case in which a 5\u2010day continuous ketamine")
    assert discussion.startswith("CRPS may involve catecholamine hypersensitivity")
    assert discussion.endswith("remarkable.")


def test_seed_teaser_and_source(seed: Record, seed_path: Path) -> None:
    assert seed.teaser is not None and seed.teaser.startswith("Background Ketamine")
    assert seed.teaser.endswith("...")
    assert seed.source.format == "catalog"
    assert (seed.source.index, seed.source.line) == (0, 1)
    assert len(seed.source.sha256) == 64
    assert read_one(seed_path).source.sha256 == seed.source.sha256  # reading is repeatable


# --- messy variants ------------------------------------------------------------------------------

def test_crlf_and_bom_read_like_plain_text() -> None:
    path = DATA / "crlf_bom.catalog.txt"
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    rec = read_one(path)
    assert rec.title.startswith("Graded motor imagery")  # no BOM, no stray \r
    assert [(a.family, a.given, a.initials) for a in rec.authors] == [
        ("Lindqvist", "Maria", "M"), ("Okafor", "Chinedu A.", "CA")]
    assert rec.ids.doi == "10.5555/jhr.2021.0042"  # lower-cased
    assert rec.journal.issns == ("2049-1239", "0965-4321")
    assert rec.published == PartialDate(year=2021, month=4) and rec.country == "England"
    assert [s.label for s in rec.abstract] == ["Background", "Methods", "Results", "Conclusions"]
    assert all("\r" not in s.text for s in rec.abstract)
    assert rec.publication_types == ("Journal Article", "Randomized Controlled Trial")
    plain = raw[3:].replace(b"\r\n", b"\n")
    again = next(iter(READER.read(plain, "plain.txt")))
    assert isinstance(again, Record)
    assert again.source.sha256 == rec.source.sha256  # a line-ending change is not an edit


def test_one_author_no_doi_extra_blank_lines() -> None:
    rec = read_one(DATA / "one_author_no_doi.catalog.txt")
    assert rec.title == "Sleep disruption as a predictor of persistent pain after knee replacement"
    assert rec.source.line == 3
    assert rec.teaser is None
    assert [(a.family, a.given) for a in rec.authors] == [("Brennan", "Siobhan")]
    assert rec.ids.doi is None
    assert rec.journal.title == "Orthopaedic Nursing Review"  # "Published in " with a space
    assert rec.journal.issns == ("1618-7776",)  # 1234-5678 fails its check digit
    assert rec.published == PartialDate(year=2016) and rec.country is None
    assert rec.languages == ("eng",)
    assert len(rec.abstract) == 1 and rec.abstract[0].label is None
    assert rec.abstract[0].text.startswith("Poor sleep before surgery")
    assert "\n" not in rec.abstract[0].text  # wrapped lines are joined


def test_non_ascii_names_and_unicode_hyphens() -> None:
    rec = read_one(DATA / "non_ascii_hyphens.catalog.txt")
    assert rec.title == (
        "Low\u2011dose naltrexone in fibromyalgia: a double\u2011blind crossover study")
    assert [(a.family, a.given) for a in rec.authors] == [
        ("Müller", "Jürgen"), ("Ørsted", "Åse"), ("Łukasiewicz", "Zofia"),
        ("Núñez\u2011García", "José María")]
    assert rec.authors[3].initials == "JM"
    assert rec.ids.doi == "10.5555/schmerz-2018-001"  # identifiers are folded to ASCII
    assert rec.journal.issns == ("1871-2347",)
    assert (rec.journal.issue, rec.journal.pages) == ("1-2", "12-20")
    assert rec.languages == ("ger",)
    assert rec.published == PartialDate(year=2018, month=6, day=15)
    assert rec.abstract[1].text.startswith("Twenty\u2011four women")  # text keeps U+2011


def test_missing_summary_keeps_teaser_and_subjects() -> None:
    rec = read_one(DATA / "no_summary.catalog.txt")
    assert rec.abstract == ()
    assert rec.teaser == "Walking is cheap, safe and widely available..."
    # "Language Disorders" under Subjects is a heading, not a Language field
    assert rec.subjects == ("Low Back Pain - therapy", "Walking", "Language Disorders")
    assert rec.languages == ("eng",)
    assert rec.journal.issue is None and rec.journal.pages == "40-52"
    assert rec.publication_types == ("Journal Article", "Review")


def test_multi_record_file() -> None:
    first, second, third = read_all(DATA / "multi_record.catalog.txt")
    assert all(isinstance(r, Record) for r in (first, second, third))
    assert [r.source.index for r in (first, second, third)] == [0, 1, 2]
    assert len({r.source.sha256 for r in (first, second, third)}) == 3
    assert [s.label for s in first.abstract] == ["Case presentation", "Discussion"]
    assert "Case Reports" in first.publication_types
    assert first.published == PartialDate(year=2022, month=2, day=20)
    assert [a.display_name for a in second.authors] == [
        "Giulia Rossi", "John Smith", "Aoife O'Neill", "Camille Dubois",
        "Primary Care Pain Research Network"]
    assert second.authors[-1].collective == "Primary Care Pain Research Network"
    assert second.languages == ("eng", "fre")
    assert [s.label for s in second.abstract] == ["BACKGROUND", "METHODS", "RESULTS"]
    assert second.ids.doi == "10.5555/tip.2020.11"
    assert third.title.startswith("Heat therapy")  # after a form feed
    assert third.published == PartialDate(year=2015) and third.country == "Czech Republic"
    assert (third.journal.pages, third.journal.page_end) == ("77", None)
    assert len(third.abstract) == 1 and third.abstract[0].label is None
    assert third.abstract[0].text.startswith("Patients valued warmth")  # "Abstract" dropped


def test_broken_record_is_an_error_value_and_the_next_is_read() -> None:
    path = DATA / "broken_then_good.catalog.txt"
    error, good = read_all(path)
    assert isinstance(error, RecordParseError)
    assert (error.path, error.line, error.index) == (str(path), 2, 0)
    assert error.record_id == "10.5555/broken.1"
    assert "no title" in str(error) and f"{path}:2" in str(error)
    assert isinstance(good, Record)
    assert good.title.startswith("Acupressure bands") and good.source.index == 1
    assert good.source.line == 9


def test_registry_read_file_goes_on_after_a_bad_record() -> None:
    results = list(read_file(DATA / "broken_then_good.catalog.txt"))
    assert [type(r).__name__ for r in results] == ["RecordParseError", "Record"]


def test_legacy_encoding_and_empty_input() -> None:
    text = "Douleur chronique et sommeil\n\nMain Authors Lefèvre, Hélène\nLanguageFrench\n"
    rec = next(iter(READER.read(text.encode("cp1252"), "legacy.txt")))
    assert isinstance(rec, Record)
    assert rec.authors[0].given == "Hélène" and rec.languages == ("fre",)
    assert list(READER.read(b"", "empty.txt")) == []
    assert list(READER.read(b"\n\nFull description\nCover\n", "furniture.txt")) == []


# --- sniffing ------------------------------------------------------------------------------------

def test_sniff_recognises_the_layout_not_medline() -> None:
    head = (DATA / "crlf_bom.catalog.txt").read_bytes().decode("utf-8-sig")
    assert READER.sniff(head)
    medline = "PMID- 123\nTI  - Summary: a title\nAB  - Main Authors Someone\n"
    assert not READER.sniff(medline)
    assert not READER.sniff("\n\nPMID- 1\nPublished inX Vol. 1\nSummary:x\n")
    assert not READER.sniff("Just a plain note about pain.\n")


def test_sniff_claims_no_other_shared_fixture(fixtures_dir: Path) -> None:
    claimed = [p.name for p in sorted(fixtures_dir.rglob("*")) if p.is_file()
               and READER.sniff(p.read_bytes()[:8192].decode("utf-8", errors="replace"))]
    assert claimed == []
    assert any(shared_path("fixtures", "medline_nbib").iterdir())


# --- field parsers -------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "country", "date"), [
    ("United States 01.01.2020", "United States", PartialDate(year=2020)),
    ("United States Elsevier Inc 01.03.2017", "United States", PartialDate(year=2017, month=3)),
    ("Germany 15.06.2018", "Germany", PartialDate(year=2018, month=6, day=15)),
    ("Hoboken 01.2020", "Hoboken", PartialDate(year=2020)),
    ("2016", None, PartialDate(year=2016)),
    ("Netherlands 45.13.2001", "Netherlands", PartialDate(year=2001)),
    ("Somewhere", "Somewhere", None),
])
def test_parse_imprint(text: str, country: str | None, date: PartialDate | None) -> None:
    assert parse_imprint(text) == (country, date)


def test_parse_journal_variants() -> None:
    j = parse_journal("Pain Vol. 152; no. 3 Suppl; pp. S2 - S15")
    assert (j.title, j.volume, j.issue, j.page_start, j.page_end) == (
        "Pain", "152", "3 Suppl", "S2", "S15")
    assert parse_journal("Some Journal").title == "Some Journal"
    assert parse_journal("Some Journal Vol. 3").pages is None


def test_parse_authors_variants() -> None:
    assert [a.family for a in parse_authors("Doe, Jane; van Dijk, Piet")] == ["Doe", "van Dijk"]
    odd = parse_authors("Doe, Jane, Roe")
    assert [(a.family, a.given) for a in odd] == [("Doe", "Jane"), ("Roe", None)]
    assert parse_authors("Chronic Pain Study Group")[0].collective == "Chronic Pain Study Group"
    assert parse_authors("") == ()


def test_parse_languages() -> None:
    assert parse_languages("English") == ("eng",)
    assert parse_languages("Spanish; English") == ("spa", "eng")
    assert parse_languages("eng") == ("eng",)
    assert parse_languages("Klingon") == ("Klingon",)


def test_parse_summary_keeps_prose_whole() -> None:
    prose = "Results were mixed. Background noise was high. Case numbers were small."
    assert [(s.label, s.text) for s in parse_summary(prose)] == [(None, prose)]
    # a label that does not open the summary does not start a structure
    assert len(parse_summary("We studied pain. Methods Forty adults took part.")) == 1
    parts = parse_summary("Objective: to test. Conclusions: it works.")
    assert [(s.label, s.text) for s in parts] == [("Objective", "to test."),
                                                  ("Conclusions", "it works.")]
    assert parse_summary("   ") == ()


def test_map_publication_types() -> None:
    assert map_publication_types(["Journal Article"], ("Case Study", "Feature", "Article")) == (
        "Journal Article", "Case Reports")
    assert map_publication_types([], ("Systematic Review",)) == ("Systematic Review",)
    assert map_publication_types(["eBook"], ()) == ("eBook",)


# --- the bundled examples ------------------------------------------------------------------------

def test_examples_all_read_cleanly() -> None:
    files = sorted(EXAMPLES.glob("*.catalog.txt"))
    assert 5 <= len(files) <= 7
    for path in files:
        rec = read_one(path)
        assert rec.title and rec.authors and rec.ids.doi and rec.journal.issns, path.name
        assert rec.published is not None and rec.languages == ("eng",), path.name
        assert len(rec.abstract) >= 3 and all(s.label for s in rec.abstract), path.name


def test_example_seed_matches_the_real_seed_facts(seed: Record) -> None:
    example = read_one(EXAMPLES / "ocker-2020-papr12829.catalog.txt")
    for name in ("title", "authors", "journal", "published", "languages", "country",
                 "publication_types", "object_types", "ids"):
        assert getattr(example, name) == getattr(seed, name), name
    assert [s.label for s in example.abstract] == ["Background", "Case", "Discussion"]
    assert example.abstract_text != seed.abstract_text  # paraphrased, never copied


def test_no_example_copies_the_seed_abstract(seed_path: Path) -> None:
    seed_text = seed_path.read_text(encoding="utf-8")
    summary = seed_text[seed_text.index("Summary:"):seed_text.index("Bibliography:")]
    sentences = [s.strip() for s in summary.split(". ") if len(s.strip()) > 40]
    for path in EXAMPLES.iterdir():
        text = path.read_text(encoding="utf-8")
        assert not [s for s in sentences if s in text], path.name


def test_record_sha256_is_of_the_record_text_only() -> None:
    path = DATA / "multi_record.catalog.txt"
    first = read_all(path)[0]
    assert isinstance(first, Record)
    text = path.read_text(encoding="utf-8")
    own = text[:text.index("=====")].rstrip("\n")
    assert first.source.sha256 == record_sha256(own)
