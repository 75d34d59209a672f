"""rdflib ↔ Oxigraph terms: every kind of term survives the trip, subclasses of rdflib's term
types included, and a term Oxigraph refuses is a StoreError."""

from __future__ import annotations

import pytest
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import RDF, XSD

from kg.errors import StoreError
from kg.store.convert import from_ox, to_ox


class _Named(URIRef):
    """A URIRef subclass, as rdflib's namespaces and some libraries make."""


@pytest.mark.parametrize("term", [
    URIRef("https://example.org/a"), _Named("https://example.org/b"), BNode("b0"),
    Literal("plain"), Literal('quote " and\nnewline'), Literal("chat", lang="fr"),
    Literal("3", datatype=XSD.integer), Literal("01", datatype=XSD.integer, normalize=False),
])
def test_terms_survive_the_round_trip(term: URIRef | BNode | Literal) -> None:
    back = from_ox(to_ox(term))
    assert str(back) == str(term)
    assert back == (URIRef(term) if isinstance(term, _Named) else term)


def test_a_literal_keeps_its_datatype_and_language() -> None:
    assert to_ox(Literal("3", datatype=XSD.integer)).datatype.value == str(XSD.integer)
    assert to_ox(Literal("chat", lang="fr")).language == "fr"
    assert to_ox(Literal("plain")).datatype.value == str(XSD.string)
    assert from_ox(to_ox(Literal("x", datatype=XSD.string))) == Literal("x")  # RDF 1.1: the same
    assert to_ox(RDF.type).value == str(RDF.type)


@pytest.mark.parametrize("term", [URIRef("not an iri"), URIRef("no-scheme"),
                                  Literal("lone \ud800 surrogate")])
def test_a_term_oxigraph_refuses_is_a_store_error(term: URIRef | Literal) -> None:
    with pytest.raises(StoreError):
        to_ox(term)


def test_the_iri_cache_stays_bounded_over_many_records() -> None:
    from kg.store import convert

    for i in range(convert._NAMED_LIMIT + 10):
        to_ox(URIRef(f"https://example.org/record/{i}"))
    assert 0 < len(convert._NAMED) <= convert._NAMED_LIMIT
    assert to_ox(RDF.type).value == str(RDF.type)
