from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef

from kg.errors import UnsafeIRIError
from kg.rdf.iris import (
    check_iri,
    mesh_iri,
    mint_article_iri,
    mint_claim_iri,
    mint_combination_iri,
    mint_concept_iri,
    mint_graph_iri,
    mint_journal_iri,
    mint_person_iri,
)


def test_article_iri_policy():
    assert mint_article_iri("10.1111/papr.12829", "123", "x") == URIRef(
        "https://doi.org/10.1111/papr.12829")
    assert mint_article_iri(None, "31393839", "x") == URIRef(
        "https://pubmed.ncbi.nlm.nih.gov/31393839")
    a = mint_article_iri(None, None, "Some Title|2020|Ann Author")
    b = mint_article_iri(None, None, "some  title|2020|ann author")
    assert a == b and str(a).startswith("https://w3id.org/evidence-kg/id/article/")


def test_sici_doi_is_percent_encoded_and_round_trips_in_ntriples():
    iri = mint_article_iri("10.1002/(sici)1097-4636(199711)37:2<216::aid-jbm10>3.0.co;2-l",
                           None, "")
    assert "<" not in iri and "%3C" in iri
    g = Graph()
    g.add((iri, URIRef("http://example.org/p"), Literal("x")))
    again = Graph().parse(data=g.serialize(format="nt"), format="nt")
    assert set(again) == set(g)


@pytest.mark.parametrize("bad", ["http://x/a b", "http://x/a\nb", "nota iri", "http://x/<a>",
                                 'http://x/"q"', "relative/path"])
def test_unsafe_iris_rejected(bad):
    with pytest.raises(UnsafeIRIError):
        check_iri(bad)


def test_pmid_must_be_numeric():
    with pytest.raises(UnsafeIRIError):
        mint_article_iri(None, "12 34", "")


def test_claim_identity_is_content_only():
    a = mint_claim_iri("s", "treats", "o", "supports")
    assert a == mint_claim_iri("s", "treats", "o", "supports")
    assert a != mint_claim_iri("s", "treats", "o", "refutes")


def test_combination_order_free():
    assert mint_combination_iri(["b", "a"]) == mint_combination_iri(("a", "b", "a"))


def test_person_iri_stable_per_article():
    p1 = mint_person_iri("Ocker|Aaron C.", "https://doi.org/10.1/x")
    assert p1 == mint_person_iri("ocker|aaron  c.", "https://doi.org/10.1/x")
    assert p1 != mint_person_iri("Ocker|Aaron C.", "https://doi.org/10.1/y")


def test_other_minting_guards():
    assert mesh_iri("D007649") == URIRef("http://id.nlm.nih.gov/mesh/D007649")
    with pytest.raises(UnsafeIRIError):
        mesh_iri("D00 7649")
    with pytest.raises(UnsafeIRIError):
        mint_concept_iri("Bad Slug")
    with pytest.raises(UnsafeIRIError):
        mint_journal_iri("12345678", None)
    assert mint_journal_iri("1530-7085", "x").endswith("/journal/issn/1530-7085")
    assert mint_graph_iri("catalog", "a.txt", "k") != mint_graph_iri("catalog", "b.txt", "k")
