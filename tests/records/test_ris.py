"""RIS and Web of Science tagged text: own fixtures for edge cases, real exports for accuracy."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
import rispy
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.errors import RecordParseError
from kg.records.base import ReadWarning
from kg.records.model import Author, PartialDate, Record
from kg.records.registry import detect_format, read_file
from kg.records.ris import RisReader, WosReader, split_records
from tests.conftest import shared_path

DATA = Path(__file__).resolve().parents[1] / "data" / "records" / "ris"
RIS, WOS = RisReader(), WosReader()


def _read(reader: RisReader | WosReader, path: Path) -> list[Record | RecordParseError]:
    return list(reader.read(path.read_bytes(), str(path)))


@pytest.fixture(scope="module")
def sample() -> list[Record | RecordParseError]:
    return _read(RIS, DATA / "sample.ris")


def test_sample_yields_records_and_errors_in_file_order(sample):
    kinds = [type(r).__name__ for r in sample]
    assert kinds == ["Record", "Record", "RecordParseError", "RecordParseError"]
    assert [r.source.index for r in sample[:2]] == [0, 1]
    assert [r.source.line for r in sample[:2]] == [2, 28]  # BOM, CRLF and a banner line before


def test_sample_record_fields(sample):
    record = sample[0]
    assert record.title == "Low-dose aspirin and first stroke in older adults: a pragmatic trial"
    assert [a.display_name for a in record.authors] == [
        "Maja Lindqvist", "Seán P. O'Brien", "H Tanaka", "Stroke Prevention Study Group"]
    assert record.authors[3] == Author(collective="Stroke Prevention Study Group")
    assert record.ids.doi == "10.5555/jin.2019.0042"  # resolver prefix and trailing dot gone
    assert record.ids.pmid == "31234567"  # from the PubMed link
    assert record.journal.title == "Journal of Imaginary Neurology"
    assert record.journal.iso_abbreviation == "J Imag Neurol"
    assert (record.journal.volume, record.journal.issue, record.journal.pages) == (
        "12", "4", "201-209")
    assert record.journal.issns == ("0028-0836",)  # the ISBN in SN is not an ISSN
    assert record.published == PartialDate(2019, 11, 5)  # the "received" date is ignored
    assert record.abstract_text.startswith("We followed older adults given a daily low dose")
    assert record.keywords == ("aspirin", "stroke")
    assert record.languages == ("eng",)
    assert record.publication_types == ("Journal Article",)


def test_sample_book_with_month_name_and_particle(sample):
    book = sample[1]
    assert book.publication_types == ("Book",)
    assert book.published == PartialDate(2015, 10)
    assert book.authors == (Author(family="de la Cruz", given="Ana", initials="A"),)


def test_sample_errors_name_the_line(sample):
    stray, cut = sample[2], sample[3]
    assert (stray.line, stray.index) == (34, 2) and "start tag" in stray.reason
    assert (cut.line, cut.index) == (38, 3) and "end tag" in cut.reason
    assert str(cut).startswith(f"{DATA / 'sample.ris'}:38 record #4")


def test_record_hash_covers_only_its_own_lines(sample):
    text = (DATA / "sample.ris").read_bytes().decode("utf-8-sig").splitlines()
    own = "\n".join(text[1:26])  # TY … ER of the first record
    assert sample[0].source.sha256 == hashlib.sha256(own.encode()).hexdigest()


def test_split_records_keeps_line_numbers():
    text = "junk\nTY  - JOUR\nTI  - x\nER  - \n\nTY  - BOOK\n"
    segments = list(split_records(text, rispy.RisParser().parse_line, "TY", "ER"))
    assert [(s.line, s.complete, s.started) for s in segments] == [(2, True, True),
                                                                    (6, False, True)]


def test_untagged_line_right_after_the_type_line_does_not_break_the_record():
    results = list(RIS.read(b"TY  - JOUR\nstray text\nTI  - Kept\nER  - \n", "x.ris"))
    assert [r.title for r in results] == ["Kept"]


def test_sniffers_tell_ris_from_web_of_science():
    assert RIS.sniff(" \ufeff\nTY  - JOUR\n")
    assert RIS.sniff("Record #1\nTY  - JOUR\nER  - \n")
    assert not RIS.sniff("FN Clarivate Analytics Web of Science\nVR 1.0\nPT J\n")
    assert WOS.sniff("FN Clarivate Analytics Web of Science\nVR 1.0\nPT J\n")
    assert not WOS.sniff("TY  - JOUR\n")


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["TY  - JOUR", "ER  - ", "TI  - t", "AU  - A, B", "junk",
                                 "", "PY  - 2019/13/40/", "SN  - x", "  cont", "DO  - 10.1/x"]),
                max_size=30))
def test_any_tag_soup_gives_records_or_errors(lines):
    for result in RIS.read("\n".join(lines).encode(), "soup.ris"):
        assert isinstance(result, Record | RecordParseError | ReadWarning)


# --- real exports (../shared/fixtures/ris) -------------------------------------------------

REAL = {
    "jabref__RisImporterTest6.ris": dict(
        title="Chelation: Harnessing and Enhancing Heavy Metal Detoxification\u2014A Review",
        authors=["Margaret E Sears"], journal="The Scientific World Journal", volume="2013",
        issue=None, pages="219840", year=2013, doi="10.1155/2013/219840", pmid="23690738",
        pmcid="PMC3654245", abstract=None),
    "jabref__RisImporterTest8_date.ris": dict(
        title="Hydration forces between silica surfaces: Experimental data and predictions from "
              "different theories",
        authors=["J. J. Valle-Delgado", "J. A. Molina-Bolívar", "F. Galisteo-González",
                 "M. J. Gálvez-Ruiz", "A. Feiler", "M. W. Rutland"],
        journal="The Journal of Chemical Physics", volume="123", issue="3", pages="034708",
        year=2005, doi="10.1063/1.1954747", pmid=None, pmcid=None, abstract=None),
    "jabref__RisImporterTest9.ris": dict(
        title="Grid Cells for Conceptual Spaces?",
        authors=["Nikolaus Kriegeskorte", "Katherine R. Storrs"], journal="Neuron",
        volume="92", issue="2", pages="280-284", year=2016,
        doi="10.1016/j.neuron.2016.10.006", pmid=None, pmcid=None,
        abstract="location and direction of movement in 2D physical environments"),
    "jabref__RisImporterTestScience.ris": dict(
        title="Phase separation and \u03c9 transformation in binary V-Ti and ternary V-Ti-Cr "
              "alloys",
        authors=["Chanchal Ghosh", "Joysurya Basu", "Divakar Ramachandran", "E. Mohandas"],
        journal="Acta Materialia", volume="121", issue=None, pages="310-324", year=2016,
        doi="10.1016/j.actamat.2016.09.028", pmid=None, pmcid=None, abstract="Abstract"),
    "jabref__RisImporterTestScopus.ris": dict(
        title="A transversely isotropic composite with a statistical distribution of spheroidal "
              "inclusions: A geometrical approach to overall properties",
        authors=["S. Federico", "A. Grillo", "W. Herzog"],
        journal="Journal of the Mechanics and Physics of Solids", volume="52", issue="10",
        pages="2309-2327", year=2004, doi="10.1016/j.jmps.2004.03.010", pmid=None, pmcid=None,
        abstract=None),
    "manubot__bibliography.ris": dict(
        title="Sci-Hub provides access to nearly all scholarly literature",
        authors=["Daniel S Himmelstein", "Ariel Rodriguez Romero", "Jacob G Levernier",
                 "Thomas Anthony Munro", "Stephen Reid McLaughlin", "Bastian Greshake Tzovaras",
                 "Casey S Greene"],
        journal="eLife", volume="7", issue=None, pages=None, year=2018,
        doi="10.7554/elife.32822", pmid=None, pmcid=None, abstract=None),
    "rispy__example_utf_chars.ris": dict(
        title="Состояние рецепторного аппарата эндометрия и метаболизм эстрогенов при "
              "гиперплазиях эндометрия в позднем репродуктивном периоде",
        authors=["Yu E. Dobrokhotova", "R. O. Yusupova", "R. I. Ozerova", "L. Z. Fayzullin",
                 "V. N. Karnaukhov"],
        journal="Gynecology, Obstetrics and Perinatology", volume="8", issue="3",
        pages="52-57", year=2009, doi=None, pmid=None, pmcid=None,
        abstract="Состояние рецепторного аппарата"),
    "rispy__example_wos.ris": dict(
        title="Interactions stabilizing the structure of the core light-harvesting complex (LHl) "
              "of photosynthetic bacteria and its subunit (B820)",
        authors=["PS Parkes-Loach", "AP Majeed", "CJ Law", "PA Loach"], journal="BIOCHEMISTRY",
        volume="43", issue="22", pages="7003-7016", year=2004, doi="10.1021/bi049798f",
        pmid="15170338", pmcid=None,
        abstract="Reconstitution experiments with a chemically synthesized core"),
}


def summarise(record: Record) -> dict[str, object]:
    """The fields a real record is checked on, in the shape of the REAL tables."""
    j = record.journal
    return dict(title=record.title, authors=[a.display_name for a in record.authors],
                journal=j.title, volume=j.volume, issue=j.issue, pages=j.pages,
                year=record.published.year if record.published else None, doi=record.ids.doi,
                pmid=record.ids.pmid, pmcid=record.ids.pmcid)


@pytest.mark.parametrize("name", sorted(REAL))
def test_real_first_record_matches_the_source(name):
    first = next(iter(read_file(shared_path("fixtures", "ris", name))))
    assert isinstance(first, Record), first
    want = dict(REAL[name])
    abstract = want.pop("abstract")
    assert summarise(first) == want
    if abstract is None:
        assert first.abstract == ()
    else:
        assert first.abstract_text.startswith(abstract)


def test_real_wos_second_record_and_cited_dois():
    results = list(read_file(shared_path("fixtures", "ris", "rispy__example_wos.ris")))
    assert [r.ids.pmid for r in results] == ["15170338", "15170339"]
    assert results[0].published == PartialDate(2004, 6, 8)
    assert results[0].journal.iso_abbreviation == "Biochemistry"
    assert Author(family="Parkes-Loach", given="PS", initials="PS") == results[0].authors[0]
    assert len(results[1].authors) == 9
    assert any(ref.doi == "10.1073/pnas.83.22.8589" for ref in results[0].references)


def test_real_pmc_export_skips_history_dates():
    record = next(iter(read_file(shared_path("fixtures", "ris", "jabref__RisImporterTest6.ris"))))
    assert record.published == PartialDate(2013, 4, 18)
    assert record.journal.issns == ("1537-744X",)


def test_corrupted_file_without_type_line_is_rejected_clearly():
    results = list(read_file(shared_path("fixtures", "ris", "jabref__RisImporterCorrupted.ris")))
    assert len(results) == 1 and isinstance(results[0], RecordParseError)
    assert results[0].line == 2 and "'TY' start tag" in results[0].reason


def test_every_shared_ris_file_is_read_or_rejected():
    folder = shared_path("fixtures", "ris")
    for path in sorted(folder.glob("*.ris")):
        data = path.read_bytes()
        assert detect_format(data, str(path)).name in {"ris", "wos"}, path.name
        results = list(read_file(path))
        assert results, path.name
        for result in results:
            assert isinstance(result, Record | RecordParseError | ReadWarning)
            if isinstance(result, RecordParseError | ReadWarning):
                assert result.path == str(path) and result.reason
            else:
                assert result.title or result.ids.doi or result.ids.pmid
