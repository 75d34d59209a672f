"""Crossref REST JSON: envelopes, item lists, JSON-lines dumps and update notices."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.errors import RecordParseError
from kg.records.base import record_sha256
from kg.records.crossref_json import CrossrefJsonReader, unwrap_extended_json
from kg.records.model import Author, CommentCorrection, Identifiers, PartialDate, Record
from kg.records.registry import detect_format, read_file
from tests.conftest import shared_path

DATA = Path(__file__).resolve().parents[1] / "data" / "records" / "crossref"
CROSSREF = CrossrefJsonReader()


def _read(name: str) -> list[Record | RecordParseError]:
    path = DATA / name
    return list(CROSSREF.read(path.read_bytes(), str(path)))


def test_json_lines_dump_goes_on_past_a_broken_line():
    notice, broken, article = _read("works.jsonl")
    assert (notice.source.line, broken.line, article.source.line) == (1, 2, 3)
    assert isinstance(broken, RecordParseError) and "invalid JSON" in broken.reason
    assert article.source.index == 2


def test_retraction_notice_and_retracted_article_are_linked():
    notice, _, article = _read("works.jsonl")
    assert notice.comments_corrections == (CommentCorrection(
        ref_type="RetractionOf", ref_source="Retraction", doi="10.5555/jin.2019.0042"),)
    assert notice.authors == (Author(collective="Journal of Imaginary Neurology Editors"),)
    assert article.is_retracted
    assert CommentCorrection(ref_type="CommentIn", ref_source="has-comment",
                             doi="10.5555/jin.2020.0001") in article.comments_corrections


def test_work_fields():
    (record,) = _read("work.json")
    assert record.source.line == 1
    assert record.title == "Low-dose aspirin and first stroke in older adults"
    assert record.vernacular_title == "Aspirine à faible dose et premier AVC"
    assert record.authors[0] == Author(family="Lindqvist", given="Maja", initials="M",
                                       affiliations=("Institute of Nowhere",),
                                       orcid="0000-0002-1825-0097")
    assert record.authors[1].orcid is None  # its check digit is wrong
    assert record.journal.issns == ("0028-0836", "1476-4687")  # ISSN + issn-type
    assert record.published == PartialDate(2019, 11)  # print issue
    assert record.article_date == PartialDate(2019, 9, 30)  # online first
    assert record.abstract_text == "A trial of aspirin in older adults."
    assert record.references == (Identifiers(doi="10.1000/xyz.1"),)  # deduplicated, DOIs only
    assert record.subjects == ("Neurology (clinical)",) and record.languages == ("eng",)


def test_item_list_and_single_work_agree():
    listed = _read("list.json")
    (single,) = _read("work.json")
    assert [r.ids.doi for r in listed] == ["10.5555/jin.2019.0042", "10.5555/jin.2020.0007"]
    assert listed[0].source.line is None
    assert listed[0].title == single.title and listed[0].authors == single.authors
    assert listed[0].source.sha256 == single.source.sha256  # hash of the work, not the file


def test_extended_json_wrappers_are_unwrapped():
    work = json.loads('{"_id": {"$oid": "abc"}, "n": {"$numberLong": "12"}}',
                      object_hook=unwrap_extended_json)
    assert work == {"_id": "abc", "n": 12}
    notice = _read("works.jsonl")[0]
    line = (DATA / "works.jsonl").read_text(encoding="utf-8").splitlines()[0]
    unwrapped = json.loads(line, object_hook=unwrap_extended_json)
    assert notice.source.sha256 == record_sha256(json.dumps(unwrapped, sort_keys=True))


def test_sniffer_claims_crossref_shapes_only():
    assert CROSSREF.sniff('{"status":"ok","message-type":"work-list","message":{"items":[]}}')
    assert CROSSREF.sniff('{ "_id" : { "$oid" : "5a55" }, "DOI" : "10.1/x" }')
    assert CROSSREF.sniff('{"DOI": "10.1/x", "title": ["T"], "type": "journal-article"}')
    assert not CROSSREF.sniff('[{"DOI": "10.1/x", "title": "T", "type": "article-journal"}]')
    assert not CROSSREF.sniff('{"DOI": "10.1/x", "title": "T", "type": "article-journal"}')


def test_invalid_single_document_is_one_error():
    (error,) = list(CROSSREF.read(b'{"message-type": "work",\n "message": {', "bad.json"))
    assert isinstance(error, RecordParseError) and error.line == 2


def test_pathological_json_is_reported_not_raised():
    deep = b"[" * 100_000
    huge = b'{"DOI": "10.1/x", "title": ["T"], "volume": 1' + b"0" * 5000 + b"}"
    for data in (deep, huge):
        (error,) = list(CROSSREF.read(data, "bad.json"))
        assert isinstance(error, RecordParseError) and error.reason.startswith("invalid JSON")
    lines = b'{"DOI": "10.1/a", "title": ["A"]}\n' + deep + b'\n{"DOI": "10.1/b", "title": ["B"]}\n'
    assert [type(r).__name__ for r in CROSSREF.read(lines, "d.jsonl")] == [
        "Record", "RecordParseError", "Record"]


work_values = st.recursive(
    st.none() | st.integers() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
        st.sampled_from(["title", "author", "issued", "DOI", "reference", "update-to",
                         "updated-by", "relation", "subject", "ISSN", "issn-type", "type",
                         "original-title", "name", "family", "date-parts", "id-type", "id"]),
        inner, max_size=5),
    max_leaves=12)


@settings(max_examples=80, deadline=None)
@given(st.lists(work_values, max_size=4))
def test_any_json_lines_give_records_or_errors(works):
    data = "\n".join(json.dumps(w) for w in works).encode()
    for result in CROSSREF.read(data, "fuzz.jsonl"):
        assert isinstance(result, Record | RecordParseError)


# --- real works (../shared/fixtures/crossref_json) -----------------------------------------

REAL = {
    "habanero__works_10.1371_journal.pone.0033693.json": dict(
        title="Methylphenidate Exposure Induces Dopamine Neuron Loss and Activation of "
              "Microglia in the Basal Ganglia of Mice", n_authors=6, first="Shankar Sadasivan",
        journal="PLoS ONE", volume="7", issue="3", pages="e33693",
        published=PartialDate(2012, 3, 21), doi="10.1371/journal.pone.0033693"),
    "habanero__works_many_ids_first.json": dict(
        title="Human umbilical cord blood-derived mesenchymal stem cells improve "
              "neuropathology and cognitive impairment in an Alzheimer's disease mouse model "
              "through modulation of neuroinflammation", n_authors=11, first="Hyun Ju Lee",
        journal="Neurobiology of Aging", volume="33", issue="3", pages="588-602",
        published=PartialDate(2012, 3), doi="10.1016/j.neurobiolaging.2010.03.024"),
    "fatcat__crossref-works.single.json": dict(
        title="Renormalized perturbation theory by the moment method for degenerate states: "
              "Anharmonic oscillators", n_authors=3, first="Marcelo D. Radicioni",
        journal="International Journal of Quantum Chemistry", volume="66", issue="4",
        pages="261-272", published=PartialDate(1998),
        doi="10.1002/(sici)1097-461x(1998)66:4<261::aid-qua1>3.0.co;2-t"),
    "fatcat__crossref_api_works.json": dict(
        title="Inside SSL: accelerating secure transactions", n_authors=1, first="W. Chou",
        journal="IT Professional", volume="4", issue="5", pages="37-41",
        published=PartialDate(2002, 9), doi="10.1109/mitp.2002.1041177"),
}


def summarise(record: Record) -> dict[str, object]:
    j = record.journal
    return dict(title=record.title, n_authors=len(record.authors),
                first=record.authors[0].display_name, journal=j.title, volume=j.volume,
                issue=j.issue, pages=j.pages, published=record.published, doi=record.ids.doi)


@pytest.mark.parametrize("name", sorted(REAL))
def test_real_first_work_matches_the_source(name):
    first = next(iter(read_file(shared_path("fixtures", "crossref_json", name))))
    assert isinstance(first, Record), first
    assert summarise(first) == REAL[name]


def test_real_correction_notice_is_recorded():
    path = shared_path("fixtures", "crossref_json",
                       "habanero__works_10.1371_journal.pone.0033693.json")
    (record,) = list(read_file(path))
    assert record.comments_corrections == (CommentCorrection(
        ref_type="ErratumIn", ref_source="Correction",
        doi="10.1371/annotation/c76da2c1-ccb8-4797-94c1-359d3ceceeda"),)
    assert record.journal.issns == ("1932-6203",) and len(record.references) == 65


def test_real_mongodb_dump_lines():
    path = shared_path("fixtures", "crossref_json",
                       "fatcat__crossref-works.2018-01-21.badsample.jsonl")
    records = list(read_file(path))
    assert len(records) == 14 and all(isinstance(r, Record) for r in records)
    assert [r.source.line for r in records] == list(range(1, 15))
    review = records[11]
    assert review.ids.doi == "10.1002/cfg.158"
    assert review.abstract_text.startswith("This brief meeting review summarizes the "
                                           "recommendations of NSF and NPGI")
    assert review.authors[0].affiliations == (
        "International Rice Research Institute (IRRI), Metro Manila DAPO 7777, Philippines",)
    assert records[11].authors[0].orcid is None  # ...597X fails the ORCID check
    assert records[12].authors[0].orcid == "0000-0002-4447-5978"
    assert records[13].article_date == PartialDate(2001, 9, 14)


def test_real_dump_single_work_keeps_original_title_and_language():
    path = shared_path("fixtures", "crossref_json", "fatcat__crossref-works.single.json")
    (record,) = list(read_file(path))
    assert record.languages == ("fre",)
    assert record.vernacular_title == "Renormalized perturbation theory auf deutsch"
    assert [a.family for a in record.authors] == ["Radicioni", "Diaz", "Fern\ufffdndez"]
    assert record.authors[1].affiliations == ("Some University", "Some Department")


def test_real_query_list_abstracts():
    path = shared_path("fixtures", "crossref_json", "habanero__works_query.json")
    first, second = list(read_file(path))
    assert first.title == "Communicating Ecology" and first.authors == ()
    assert first.abstract_text.startswith("Communication is perhaps the most important")
    assert second.authors == (Author(family="Kessler", given="André", initials="A"),)
    assert second.publication_types == ("Reference Entry",)


def test_every_shared_crossref_file_is_read_or_rejected():
    folder = shared_path("fixtures", "crossref_json")
    for path in sorted(folder.iterdir()):
        assert detect_format(path.read_bytes(), str(path)).name == "crossref-json", path.name
        results = list(read_file(path))
        assert results and all(isinstance(r, Record | RecordParseError) for r in results)
