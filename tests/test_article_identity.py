"""The identity register on its own: which article each record names, versions, duplicates and
what the store already holds (the build-level behaviour is in test_identity_versions.py)."""

from __future__ import annotations

from dataclasses import replace

from rdflib import URIRef

from kg.article_identity import IdentityRegister, Known, record_keys, title_key
from kg.rdf.identity import graph_iri_for
from tests.factories import make_record

PUBMED = "https://pubmed.ncbi.nlm.nih.gov/"
DOI = "10.1000/example.1"
DOI_IRI = URIRef(f"https://doi.org/{DOI}")


def _noted(register: IdentityRegister, record, where: str = "a.txt:1 record #1"):
    placement = register.place(record)
    register.note(record, placement, where)
    return placement


def _stored(article: URIRef, doi: str | None, pmid: str | None, file: str = "old.txt",
            title: str | None = "ketamine for a test case") -> Known:
    return Known(article, URIRef(f"urn:graph:{pmid}:{doi}"), file, f"{file}:1 record #1", pmid,
                 doi, stored=True, title=title)


def test_keys_and_titles_fold():
    assert record_keys("10.1/x", "5") == ("pmid:5", "doi:10.1/x")
    assert record_keys(None, None) == ()
    assert title_key("Ketamine  for\u2010pain.") == title_key("ketamine for-pain") == (
        "ketamine for-pain")


def test_a_known_pmid_names_the_article_whatever_the_order():
    register = IdentityRegister()
    first = _noted(register, make_record(None, pmid="7", path="a.txt"))
    later = register.place(make_record(DOI, pmid="7", path="b.txt"))
    assert first.article == later.article == URIRef(f"{PUBMED}7")


def test_a_known_doi_names_the_article_of_a_doi_only_record():
    register = IdentityRegister()
    _noted(register, make_record(DOI, pmid="7", path="a.txt"))
    assert register.place(make_record(DOI, path="b.txt")).article == DOI_IRI


def test_same_doi_other_pmid_same_title_is_a_later_version():
    register = IdentityRegister()
    _noted(register, make_record(DOI, pmid="7"))
    update = register.place(make_record(DOI, pmid="9", index=1))
    assert update.article == URIRef(f"{PUBMED}9")
    assert update.versions == ((update.article, DOI_IRI),)


def test_the_lower_pmid_is_the_earlier_version_when_read_second():
    register = IdentityRegister()
    _noted(register, make_record(DOI, pmid="9"))
    earlier = register.place(make_record(DOI, pmid="7", index=1))
    assert earlier.versions == ((DOI_IRI, earlier.article),)


def test_same_doi_other_title_is_a_clash_not_a_version():
    register = IdentityRegister()
    _noted(register, make_record(DOI, pmid="7"))
    clash = register.place(make_record(DOI, pmid="9", index=1, title="Something else"))
    assert clash.article == URIRef(f"{PUBMED}9") and clash.versions == ()


def test_duplicates_are_same_file_same_article_with_the_key_that_matched():
    register = IdentityRegister()
    _noted(register, make_record(DOI, pmid="7"))
    again = make_record(None, pmid="7", index=1)
    earlier = register.duplicate_of(again, register.place(again))
    assert earlier is not None and earlier.where == "a.txt:1 record #1"
    assert register.matched_key(again, earlier) == "pmid:7"
    elsewhere = make_record(None, pmid="7", path="other.txt")
    assert register.duplicate_of(elsewhere, register.place(elsewhere)) is None


def test_untitled_identifier_less_records_are_never_duplicates():
    register = IdentityRegister()
    _noted(register, make_record(None))
    twin = make_record(None, index=1)
    assert register.duplicate_of(twin, register.place(twin)) is None


def test_the_store_names_articles_and_prefers_the_dois_own_iri():
    version = _stored(URIRef(f"{PUBMED}9"), DOI, "9", file="a.txt")
    original = _stored(DOI_IRI, DOI, "7")
    register = IdentityRegister([version, original])
    assert register.place(make_record(DOI, path="new.txt")).article == DOI_IRI
    assert register.place(make_record(None, pmid="9", path="new.txt")).article == version.article


def test_a_stored_record_of_the_same_file_is_replaceable_until_this_build_reads_it():
    old = make_record(None, pmid="7", path="a.txt")
    stored = replace(_stored(URIRef(f"{PUBMED}7"), None, "7", file="a.txt"),
                     graph=graph_iri_for(old))
    register = IdentityRegister([stored])
    richer = make_record(DOI, pmid="7", path="a.txt", index=1)
    placement = register.place(richer)
    assert placement.article == stored.article and placement.graph != stored.graph
    assert register.duplicate_of(richer, placement) == stored
    assert register.replaceable(stored)
    _noted(register, old)  # the stored record is read again in this build
    assert not register.replaceable(stored)
