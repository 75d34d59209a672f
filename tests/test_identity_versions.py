"""Article identity across records and builds: versions under one DOI, duplicates that say what
matched and where, one article whether reached by PMID or DOI+PMID, untitled records kept.

Records are written here in our own words (invented PMIDs and DOIs under 10.5555, the DOI test
prefix); one test reads the real NLM 2019 sample, whose Cochrane update shares its DOI.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from kg.build_report import BuildSummary
from kg.pipeline import BuildOptions, build
from kg.rdf.namespaces import DCTERMS, EKG
from kg.store.oxigraph import OxigraphStore
from tests.conftest import shared_path

REVIEW_DOI = "10.5555/review.cd0001"
REVIEW = URIRef(f"https://doi.org/{REVIEW_DOI}")


def _pubmed_article(pmid: str, doi: str, title: str, year: int, links: str = "") -> str:
    return f"""<PubmedArticle>
  <MedlineCitation Status="MEDLINE" Owner="NLM">
    <PMID Version="1">{pmid}</PMID>
    <Article PubModel="Electronic">
      <Journal><Title>Example Review Library</Title>
        <JournalIssue><PubDate><Year>{year}</Year></PubDate></JournalIssue></Journal>
      <ArticleTitle>{title}</ArticleTitle>
      <Abstract><AbstractText>Trials of the training were pooled.</AbstractText></Abstract>
      <AuthorList><Author><LastName>Doe</LastName><ForeName>Jane</ForeName></Author></AuthorList>
      <PublicationTypeList><PublicationType>Review</PublicationType></PublicationTypeList>
    </Article>
    <CommentsCorrectionsList>{links}</CommentsCorrectionsList>
  </MedlineCitation>
  <PubmedData><ArticleIdList>
    <ArticleId IdType="pubmed">{pmid}</ArticleId><ArticleId IdType="doi">{doi}</ArticleId>
  </ArticleIdList></PubmedData>
</PubmedArticle>"""


def _update_of(pmid: str) -> str:
    return (f'<CommentsCorrections RefType="UpdateOf"><RefSource>Example Rev. 2000</RefSource>'
            f'<PMID Version="1">{pmid}</PMID></CommentsCorrections>')


def _pubmed_file(path: Path, *articles: str) -> Path:
    path.write_text('<?xml version="1.0"?>\n<PubmedArticleSet>\n' + "\n".join(articles)
                    + "\n</PubmedArticleSet>\n", encoding="utf-8")
    return path


TITLE = "Group training for parents of young children"
EARLIER = _pubmed_article("90000101", REVIEW_DOI, TITLE, 2000)
UPDATE = _pubmed_article("90000202", REVIEW_DOI, TITLE, 2002, _update_of("90000101"))


def _nbib(*records: str) -> str:
    return "\n\n".join(records) + "\n"


def _medline(pmid: str, title: str | None = None, doi: str | None = None,
             extra: str = "") -> str:
    lines = [f"PMID- {pmid}", "DP  - 2021"]
    lines += [f"TI  - {title}"] if title else []
    lines += ["AB  - Patients took the tablet for a month.", "FAU - Roe, Rick", "AU  - Roe R",
              "JT  - Example Journal"]
    lines += [f"AID - {doi} [doi]"] if doi else []
    return "\n".join(lines + ([extra] if extra else []))


def _build(store: OxigraphStore, *paths: Path, force: bool = False) -> BuildSummary:
    return build(list(paths), store, BuildOptions(force=force))


def _articles_with(store: OxigraphStore, pmid: str) -> set[str]:
    rows = store.query("""PREFIX ekg: <https://w3id.org/evidence-kg/ontology#>
        SELECT DISTINCT ?a ?p WHERE { GRAPH ?g { ?a ekg:pmid ?p } }""",
                       {"p": Literal(pmid)}, union=False).rows
    return {str(r[0]) for r in rows}


def _has(store: OxigraphStore, s: URIRef, p: URIRef, o: URIRef) -> bool:
    rows = store.query("SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }",
                       {"s": s, "p": p, "o": o}, union=False).rows
    return bool(rows)


def _duplicates(summary: BuildSummary) -> list[str]:
    return [f"{r.where}: {r.reason}" for r in summary.rejected if "duplicate of" in r.reason]


# --- versions ---------------------------------------------------------------------------------

def test_update_sharing_its_doi_is_kept_and_linked(tmp_path: Path) -> None:
    store = OxigraphStore(None)
    summary = _build(store, _pubmed_file(tmp_path / "reviews.xml", EARLIER, UPDATE))
    assert summary.rejected == [] and summary.stored == 2
    update = URIRef("https://pubmed.ncbi.nlm.nih.gov/90000202")
    assert _articles_with(store, "90000101") == {str(REVIEW)}
    assert _articles_with(store, "90000202") == {str(update)}
    assert _has(store, update, DCTERMS.isVersionOf, REVIEW)
    assert not _has(store, REVIEW, DCTERMS.isVersionOf, update)


def test_update_read_first_still_points_to_the_earlier_version(tmp_path: Path) -> None:
    store = OxigraphStore(None)
    summary = _build(store, _pubmed_file(tmp_path / "reviews.xml", UPDATE, EARLIER))
    assert summary.rejected == [] and summary.stored == 2
    earlier = URIRef("https://pubmed.ncbi.nlm.nih.gov/90000101")
    assert _articles_with(store, "90000202") == {str(REVIEW)}  # the first record keeps the DOI
    assert _has(store, REVIEW, DCTERMS.isVersionOf, earlier)
    assert not _has(store, earlier, DCTERMS.isVersionOf, REVIEW)


def test_medline_update_in_a_later_build_is_linked_to_the_stored_version(tmp_path: Path) -> None:
    store = OxigraphStore(None)
    first = tmp_path / "first.nbib"
    first.write_text(_nbib(_medline("90000301", TITLE, REVIEW_DOI)), encoding="utf-8")
    later = tmp_path / "later.nbib"
    later.write_text(_nbib(_medline("90000302", TITLE, REVIEW_DOI,
                                    "UOF - Example Rev. 2000 PMID: 90000301")), encoding="utf-8")
    assert _build(store, first).stored == 1
    summary = _build(store, later)
    assert summary.rejected == [] and summary.stored == 1
    update = URIRef("https://pubmed.ncbi.nlm.nih.gov/90000302")
    assert _has(store, update, DCTERMS.isVersionOf, REVIEW)
    assert _build(store, first, later).unchanged == 2  # a rebuild places both the same way


def test_crossref_update_to_links_a_new_version_to_the_stored_one(tmp_path: Path) -> None:
    def work(doi: str, extra: dict) -> str:
        return json.dumps({"DOI": doi, "type": "journal-article", "title": [TITLE],
                           "issued": {"date-parts": [[2004]]}, **extra})
    store = OxigraphStore(None)
    first = tmp_path / "pub1.json"
    first.write_text(work("10.5555/review.cd0002.pub1", {}), encoding="utf-8")
    second = tmp_path / "pub2.json"
    second.write_text(work("10.5555/review.cd0002.pub2", {"update-to": [
        {"DOI": "10.5555/review.cd0002.pub1", "type": "new_version", "label": "New version"}]}),
                      encoding="utf-8")
    assert _build(store, first).stored == 1
    assert _build(store, second).stored == 1
    assert _has(store, URIRef("https://doi.org/10.5555/review.cd0002.pub2"), DCTERMS.isVersionOf,
                URIRef("https://doi.org/10.5555/review.cd0002.pub1"))


def test_two_works_under_one_doi_with_different_titles_are_not_versions(tmp_path: Path) -> None:
    other = _pubmed_article("90000303", REVIEW_DOI, "Blood pressure in marathon runners", 2003)
    store = OxigraphStore(None)
    summary = _build(store, _pubmed_file(tmp_path / "clash.xml", EARLIER, other))
    assert summary.stored == 2
    clash = URIRef("https://pubmed.ncbi.nlm.nih.gov/90000303")
    assert _articles_with(store, "90000303") == {str(clash)}
    assert not _has(store, clash, DCTERMS.isVersionOf, REVIEW)


# --- duplicates -------------------------------------------------------------------------------

def test_duplicate_names_the_identifier_and_the_earlier_record(tmp_path: Path) -> None:
    path = tmp_path / "twice.nbib"
    path.write_text(_nbib(_medline("90000401", "A first trial", "10.5555/t.1"),
                          _medline("90000402", "A second trial"),
                          _medline("90000401", "A first trial, again")), encoding="utf-8")
    summary = _build(OxigraphStore(None), path)
    assert summary.duplicates == 1 and summary.stored == 2
    [message] = _duplicates(summary)
    assert "record #3" in message.split(": ")[0]
    assert f"duplicate of {path}:1 record #1" in message and "(same pmid:90000401)" in message


def test_duplicate_by_doi_is_named_by_doi(tmp_path: Path) -> None:
    entry = "TY  - JOUR\nTI  - One trial\nPY  - 2020\nDO  - 10.5555/t.2\nER  - \n"
    path = tmp_path / "t.ris"
    path.write_text(entry + "\n" + entry, encoding="utf-8")
    summary = _build(OxigraphStore(None), path)
    [message] = _duplicates(summary)
    assert f"duplicate of {path}:1 record #1" in message and "(same doi:10.5555/t.2)" in message


def test_duplicate_of_a_stored_record_says_so_and_force_replaces_it(tmp_path: Path) -> None:
    store = OxigraphStore(None)
    path = tmp_path / "trial.nbib"
    path.write_text(_nbib(_medline("90000501", "A stored trial")), encoding="utf-8")
    assert _build(store, path).stored == 1
    article = "https://pubmed.ncbi.nlm.nih.gov/90000501"
    path.write_text(_nbib(_medline("90000501", "A stored trial", "10.5555/t.5")),
                    encoding="utf-8")  # the same record, now with its DOI: another graph key
    again = _build(store, path)
    [message] = _duplicates(again)
    assert "(same pmid:90000501)" in message and "trial.nbib:1 record #1" in message
    assert "in the store from an earlier build" in message and "--force" in message
    forced = _build(store, path, force=True)
    assert forced.rejected == [] and forced.stored == 1
    assert _articles_with(store, "90000501") == {article}  # the first IRI is kept
    graphs = store.query("""PREFIX ekg: <https://w3id.org/evidence-kg/ontology#>
        SELECT ?g ?doi ?a WHERE { GRAPH ?g { ?g ekg:describes ?a . ?a ekg:doi ?doi } }""",
                         {"a": URIRef(article)}, union=False).rows
    assert [str(r[1]) for r in graphs] == ["10.5555/t.5"]  # the richer record replaced it


# --- one article by PMID or DOI+PMID ----------------------------------------------------------

@pytest.mark.parametrize("pmid_first", [True, False])
def test_pmid_only_and_doi_pmid_records_are_one_article(tmp_path: Path, pmid_first: bool) -> None:
    by_pmid = tmp_path / "a.nbib"
    by_pmid.write_text(_nbib(_medline("90000601", "Tablets for a month")), encoding="utf-8")
    both = _pubmed_file(tmp_path / "b.xml",
                        _pubmed_article("90000601", "10.5555/t.6", "Tablets for a month", 2021))
    order = [by_pmid, both] if pmid_first else [both, by_pmid]
    store = OxigraphStore(None)
    summary = _build(store, *order)
    assert summary.rejected == [] and summary.stored == 2
    expected = ("https://pubmed.ncbi.nlm.nih.gov/90000601" if pmid_first
                else "https://doi.org/10.5555/t.6")
    assert _articles_with(store, "90000601") == {expected}


@pytest.mark.parametrize("pmid_first", [True, False])
def test_one_article_across_builds(tmp_path: Path, pmid_first: bool) -> None:
    by_pmid = tmp_path / "a.nbib"
    by_pmid.write_text(_nbib(_medline("90000701", "Tablets for a week")), encoding="utf-8")
    both = _pubmed_file(tmp_path / "b.xml",
                        _pubmed_article("90000701", "10.5555/t.7", "Tablets for a week", 2021))
    first, second = (by_pmid, both) if pmid_first else (both, by_pmid)
    store = OxigraphStore(None)
    assert _build(store, first).stored == 1
    assert _build(store, second).stored == 1
    assert len(_articles_with(store, "90000701")) == 1
    assert _build(store, first, second).unchanged == 2


# --- untitled records -------------------------------------------------------------------------

def test_untitled_record_with_an_identifier_is_kept_with_a_notice(tmp_path: Path) -> None:
    path = tmp_path / "untitled.nbib"
    path.write_text(_nbib(_medline("90000801", doi="10.5555/t.8"), _medline("90000802")),
                    encoding="utf-8")
    store = OxigraphStore(None)
    summary = _build(store, path)
    assert summary.rejected == [] and summary.stored == 2
    notices = [f"{n.where}: {n.reason}" for n in summary.notices if "no title" in n.reason]
    assert len(notices) == 2
    assert f"{path}:1 record #1" in notices[0] and "doi:10.5555/t.8" in notices[0]
    assert "record #2" in notices[1] and "pmid:90000802" in notices[1]
    assert _has(store, URIRef("https://doi.org/10.5555/t.8"), EKG.pmid, Literal("90000801"))


# --- the real NLM sample ----------------------------------------------------------------------

def test_cochrane_update_in_the_nlm_sample_is_kept_and_linked() -> None:
    sample = shared_path("fixtures", "pubmed_xml", "fatcat__pubmedsample_2019.xml")
    store = OxigraphStore(None)
    summary = build([sample], store, BuildOptions(validate=False))
    assert not [r for r in summary.rejected if "11406024" in r.where]
    review = URIRef("https://doi.org/10.1002/14651858.cd002020")
    update = URIRef("https://pubmed.ncbi.nlm.nih.gov/11406024")
    assert _articles_with(store, "11034741") == {str(review)}
    assert _articles_with(store, "11406024") == {str(update)}
    assert _has(store, update, DCTERMS.isVersionOf, review)
