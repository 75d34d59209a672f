"""MEDLINE tagged-text reader: own fixture for each tag family, real exports for accuracy."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from kg.errors import RecordParseError
from kg.records.medline import (
    MedlineReader,
    parse_fields,
    parse_grant_line,
    parse_mesh_line,
    split_records,
    split_structured_abstract,
)
from kg.records.model import AbstractSection, Grant, MeshHeading, PartialDate, Record
from kg.records.registry import detect_format, read_file
from tests.conftest import shared_path

DATA = Path(__file__).resolve().parents[1] / "data" / "records"
READER = MedlineReader()


def read_all(path: Path) -> list[Record | RecordParseError]:
    return list(READER.read(path.read_bytes(), str(path)))


@pytest.fixture(scope="module")
def small() -> list[Record | RecordParseError]:
    return read_all(DATA / "small.nbib")


# --- own fixture ------------------------------------------------------------------------------

def test_blocks_records_and_errors_in_file_order(small: list) -> None:
    kinds = [type(r).__name__ for r in small]
    assert kinds == ["Record", "RecordParseError", "Record", "Record", "RecordParseError"]
    assert [r.index for r in small if isinstance(r, RecordParseError)] == [1, 4]
    stray, no_identity = (r for r in small if isinstance(r, RecordParseError))
    assert stray.line == 59 and "no MEDLINE tag lines" in stray.reason
    assert no_identity.line == 70 and "no PMID, DOI or title" in no_identity.reason
    assert "small.nbib:59 record #2" in str(stray)
    records = [r for r in small if isinstance(r, Record)]
    assert [(r.ids.pmid, r.source.index, r.source.line) for r in records] == [
        ("90000011", 0, 2), ("90000012", 2, 61), ("90000013", 3, 66)]
    assert all(r.source.format == "medline" for r in records)


def test_identifiers_title_and_wrapped_lines(small: list) -> None:
    record = small[0]
    assert (record.ids.doi, record.ids.pmid, record.ids.pmcid) == (
        "10.5555/invent.2019.011", "90000011", "PMC9000011")
    assert record.ids.other == (("pii", "S0000-0000(19)00011-1"),)
    assert record.title == ("Low-dose ketamine for resistant depression: an invented trial with "
                            "a title that wraps onto a second line.")


def test_structured_abstract_and_markup_stripped(small: list) -> None:
    abstract = small[0].abstract
    assert [s.label for s in abstract] == ["BACKGROUND", "METHODS", "RESULTS", "CONCLUSIONS"]
    assert abstract[1].text == "We gave forty people one infusion."
    # the tag is gone and the address split across a full-width line is joined without a space
    assert abstract[3].text == ("A larger trial is warranted; see https://example.org/a-very for "
                                "details.")


def test_authors_collective_orcid_affiliations_investigators(small: list) -> None:
    authors = small[0].authors
    assert [(a.family, a.given, a.initials, a.collective, a.is_investigator) for a in authors] == [
        ("Quill", "Ada M", "AM", None, False),
        ("van der Berg", "Jan", "J", None, False),
        (None, None, None, "Invented Depression Study Group", False),
        ("Brook", "Tom", "T", None, False),
        ("Stone", "Eve", "E", None, True),
    ]
    assert authors[0].orcid == "0000-0002-1825-0097"
    assert authors[0].affiliations == ("Department of Examples, Test University.",
                                       "Second Example Institute.")


def test_journal_dates_and_issns(small: list) -> None:
    record = small[0]
    j = record.journal
    assert (j.title, j.iso_abbreviation, j.volume, j.issue, j.nlm_id) == (
        "Journal of invented trials", "J Invent Trials", "12", "3", "999999999")
    assert (j.pages, j.page_start, j.page_end) == ("1234-9", "1234", "1239")
    assert (j.issns, j.issn_linking) == (("1471-2105",), "1471-2105")  # bad print ISSN dropped
    assert record.published == PartialDate(2019, 11, text="2019 Nov-Dec")
    assert record.article_date == PartialDate(2019, 10, 2)
    assert (record.country, record.languages) == ("England", ("eng",))
    assert small[2].published == PartialDate(1998, season="Spring")


def test_indexing_and_links(small: list) -> None:
    record = small[0]
    assert record.mesh_headings == (
        MeshHeading("", "Ketamine", False,
                    (("", "adverse effects", False), ("", "therapeutic use", True))),
        MeshHeading("", "Depressive Disorder, Treatment-Resistant", True,
                    (("", "drug therapy", False),)),
        MeshHeading("", "Humans"),
    )
    assert [(c.name, c.registry_number) for c in record.chemicals] == [
        ("Ketamine", "690G0D6V8H"), ("Antidepressive Agents", None)]
    assert record.publication_types == ("Journal Article", "Randomized Controlled Trial")
    assert record.keywords == ("infusion", "mood")
    assert record.grants == (Grant("R01 XX000001", "NIMH NIH HHS", "United States"),
                             Grant("0123/Z/45/Z", "Invented Trust", "United Kingdom"))
    assert [(c.ref_type, c.pmid, c.doi) for c in record.comments_corrections] == [
        ("RetractionIn", "90000099", None), ("ErratumIn", None, "10.5555/invent.2020.e1")]
    assert record.is_retracted


def test_lost_blank_line_still_splits_on_pmid() -> None:
    blocks = list(split_records("PMID- 1\nTI  - a\nPMID- 2\nTI  - b\n\n\nPMID- 3\n"))
    assert [(first, lines[0]) for first, lines in blocks] == [
        (1, "PMID- 1"), (3, "PMID- 2"), (7, "PMID- 3")]


def test_tag_variants_and_continuations() -> None:
    lines = ["PMID-22664220", "TI  -Tight title", "AB  - first", "      second", "SO  junk",
             "BTI -    ", "MH  -"]
    assert parse_fields(lines) == [("PMID", "22664220"), ("TI", "Tight title"),
                                   ("AB", "first second"), ("BTI", ""), ("MH", "")]


@pytest.mark.parametrize(("line", "heading"), [
    ("*Software", MeshHeading("", "Software", True)),
    ("Women, Working/*history/psychology", MeshHeading(
        "", "Women, Working", False, (("", "history", True), ("", "psychology", False)))),
    ("*Kidney Diseases/*diagnosis", MeshHeading("", "Kidney Diseases", True,
                                                (("", "diagnosis", True),))),
])
def test_parse_mesh_line(line: str, heading: MeshHeading) -> None:
    assert parse_mesh_line(line) == heading


@pytest.mark.parametrize(("line", "grant"), [
    ("R01 LM010098/LM/NLM NIH HHS/United States",
     Grant("R01 LM010098", "NLM NIH HHS", "United States")),
    ("076053/Wellcome Trust/United Kingdom", Grant("076053", "Wellcome Trust", "United Kingdom")),
    ("/076053/Z/04/Z/Wellcome Trust/United Kingdom",
     Grant("076053/Z/04/Z", "Wellcome Trust", "United Kingdom")),
    ("GBMF 4552/Gordon and Betty Moore Foundation",
     Grant("GBMF 4552", "Gordon and Betty Moore Foundation")),
])
def test_parse_grant_line(line: str, grant: Grant) -> None:
    assert parse_grant_line(line) == grant


def test_unstructured_abstract_with_inner_colon_stays_one_section() -> None:
    text = "We measured DNA: the yield doubled. RESULTS are in the table."
    assert split_structured_abstract(text) == (AbstractSection(text=text),)


@pytest.mark.parametrize(("head", "expected"), [
    ("\nPMID- 12230038\nOWN - NLM", True),
    ("PMID-22664220\nPT  - Technical Report", True),
    ("PMCR- 20481061\nTI  - This is a title", True),
    ("TY  - JOUR\nTI  - x\nER  - ", False),
    ("PT J\nAU Smith, J\nTI A title", False),
    ("@article{x, title={y}}", False),
    ("<PubmedArticleSet>", False),
])
def test_sniff(head: str, expected: bool) -> None:
    assert READER.sniff(head) is expected


def test_registry_detects_medline_by_content(tmp_path: Path) -> None:
    path = tmp_path / "export.txt"
    path.write_bytes((DATA / "small.nbib").read_bytes())
    assert detect_format(path.read_bytes(), str(path)).name == "medline"
    assert len([r for r in read_file(path) if isinstance(r, Record)]) == 3


def test_latin1_bytes_do_not_abort() -> None:
    [record] = list(READER.read("PMID- 5\nTI  - Caf\xe9 study\n".encode("latin-1"), "l1.txt"))
    assert record.title == "Café study"


# --- real exports -----------------------------------------------------------------------------

def real(name: str) -> list[Record | RecordParseError]:
    return read_all(shared_path("fixtures", "medline_nbib", name))


def test_every_real_medline_file_is_read_or_cleanly_rejected() -> None:
    folder = shared_path("fixtures", "medline_nbib")
    total = 0
    for path in sorted(folder.iterdir()):
        start = time.perf_counter()
        results = list(read_file(path))
        assert time.perf_counter() - start < 5, path
        assert results, path
        for result in results:
            assert isinstance(result, Record | RecordParseError), path
            if isinstance(result, RecordParseError):
                assert result.reason and result.path == str(path) and result.line
            else:
                assert result.source.format == "medline"
                total += 1
    assert total >= 20


def test_real_elife_article() -> None:
    elife, second = real("manubot__bibliography.nbib")
    assert (elife.ids.doi, elife.ids.pmid, elife.ids.pmcid) == (
        "10.7554/elife.32822", "29424689", "PMC5832410")
    assert elife.title == "Sci-Hub provides access to nearly all scholarly literature."
    assert [a.family for a in elife.authors] == [
        "Himmelstein", "Romero", "Levernier", "Munro", "McLaughlin", "Greshake Tzovaras",
        "Greene"]
    first = elife.authors[0]
    assert (first.given, first.initials, first.orcid) == ("Daniel S", "DS", "0000-0002-3012-7446")
    assert elife.authors[5].initials == "B"
    j = elife.journal
    assert (j.title, j.iso_abbreviation, j.volume, j.issns, j.issn_linking) == (
        "eLife", "Elife", "7", ("2050-084X",), "2050-084X")
    assert elife.published == PartialDate(2018, 3, 1)
    assert elife.abstract_text.startswith(
        "The website Sci-Hub enables users to download PDF versions of scholarly articles")
    assert ("Our interactive browser at https://greenelab.github.io/scihub allows users"
            in elife.abstract_text)
    assert "Sci-Hub" in elife.keywords
    assert elife.grants == (Grant("GBMF 4552", "Gordon and Betty Moore Foundation"),)
    assert (second.ids.pmid, second.ids.doi) == ("28288103", "10.1038/nbt.3780")


def test_real_biopython_exports() -> None:
    records = real("biopython__pubmed_result2.txt")
    assert [r.ids.pmid for r in records] == ["16403221", "16377612", "14871861", "14630660"]
    scop, diagram, cluster, _ = records
    assert [s.label for s in scop.abstract] == ["BACKGROUND", "RESULTS", "CONCLUSION"]
    assert [(a.family, a.initials) for a in scop.authors] == [
        ("Casbon", "JA"), ("Crooks", "GE"), ("Saqi", "MA")]
    assert (scop.ids.doi, scop.journal.pages, scop.published, scop.article_date) == (
        "10.1186/1471-2105-7-10", "10", PartialDate(2006), PartialDate(2006, 1, 10))
    mesh = {m.descriptor_name: m for m in scop.mesh_headings}
    assert mesh["Database Management Systems"].major_topic
    assert mesh["Information Storage and Retrieval"].qualifiers == (("", "methods", True),)
    assert diagram.title == ("GenomeDiagram: a python package for the visualization of "
                             "large-scale genomic data.")
    assert (diagram.journal.page_start, diagram.journal.page_end) == ("616", "617")
    assert diagram.published == PartialDate(2006, 3, 1)
    assert (cluster.authors[0].family, cluster.authors[0].given) == ("de Hoon", "M J L")


def test_real_print_and_linking_issn_and_wrapped_mesh() -> None:
    [record] = real("biopython__pubmed_result3.txt")
    j = record.journal
    assert (j.issns, j.issn_linking, j.page_start, j.page_end) == (
        ("0094-2405",), "0094-2405", "5795", "5813")
    assert record.ids.doi == "10.1118/1.4748329"
    assert [s.label for s in record.abstract] == ["PURPOSE", "METHODS", "RESULTS", "CONCLUSIONS"]
    hifu = record.mesh_headings[1]
    assert hifu.descriptor_name == "High-Intensity Focused Ultrasound Ablation"
    assert hifu.qualifiers == (("", "adverse effects", False), ("", "instrumentation", False),
                               ("", "methods", True))


def test_real_single_record_with_leading_blank_line() -> None:
    [record] = real("biopython__pubmed_result1.txt")
    assert (record.ids.pmid, record.ids.doi, record.source.line) == ("12230038", None, 2)
    assert record.published == PartialDate(2002, 9)
    assert record.authors[0].affiliations[0].startswith("tacg Informatics, Irvine")
    assert record.mesh_headings[0] == MeshHeading("", "Computational Biology", True)


def test_real_jabref_edge_files() -> None:
    results = real("jabref__MedlinePlainImporterTestMultipleEntries.txt")
    assert [type(r).__name__ for r in results] == [
        "Record", "RecordParseError", "RecordParseError"] + ["Record"] * 5
    assert results[4].ids.doi == "10.1016/j.cpr.2005.02.002"  # "doi:"-prefixed AID
    [entry] = real("jabref__MedlinePlainImporterTestCompleteEntry.txt")
    assert entry.grants[0] == Grant("076053/Z/04/Z", "Wellcome Trust", "United Kingdom")
    assert (entry.ids.pmcid, entry.ids.other) == ("PMC4513071", (("mid", "EMS54115"),))
