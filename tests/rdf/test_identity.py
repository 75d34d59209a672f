"""A record's own placement: graph keyed by DOI (and PMID when the article is not the DOI's),
article by DOI, else PMID, else hash, and the update links it states."""

from __future__ import annotations

from dataclasses import replace

from rdflib import URIRef

from kg.rdf.identity import default_placement, graph_iri_for, place, version_links
from kg.records.model import CommentCorrection
from tests.factories import make_record

DOI_IRI = URIRef("https://doi.org/10.1000/example.1")
PUBMED = "https://pubmed.ncbi.nlm.nih.gov/"


def _update(pmid: str | None = "11", doi: str | None = None, kind: str = "UpdateOf"):
    return replace(make_record(pmid="22"),
                   comments_corrections=(CommentCorrection(kind, "Rev. 2000", pmid, doi),))


def test_default_placement_is_the_record_alone():
    record = make_record(pmid="22")
    placement = default_placement(record)
    assert placement.article == DOI_IRI and placement.graph == graph_iri_for(record)
    assert placement.versions == ()


def test_update_link_points_to_the_earlier_version():
    assert default_placement(_update()).versions == ((DOI_IRI, URIRef(f"{PUBMED}11")),)
    assert default_placement(_update(None, "10.1000/old")).versions == (
        (DOI_IRI, URIRef("https://doi.org/10.1000/old")),)


def test_other_links_and_links_to_itself_are_not_versions():
    assert version_links(_update(kind="UpdateIn"), DOI_IRI) == ()
    assert version_links(_update(None, "10.1000/example.1"), DOI_IRI) == ()


def test_a_resolver_names_the_earlier_version():
    earlier = URIRef("https://doi.org/10.1000/earlier")
    assert version_links(_update(), DOI_IRI, lambda doi, pmid: earlier) == ((DOI_IRI, earlier),)


def test_graph_takes_the_pmid_only_when_the_article_is_not_the_dois():
    record = make_record(pmid="22")
    assert place(record, DOI_IRI).graph == graph_iri_for(record)
    by_pmid = place(record, URIRef(f"{PUBMED}22")).graph
    assert by_pmid == graph_iri_for(record, by_pmid=True) != graph_iri_for(record)
    without_pmid = make_record()
    assert graph_iri_for(without_pmid, by_pmid=True) == graph_iri_for(without_pmid)
