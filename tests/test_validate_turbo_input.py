"""The fast engine's input: the very N-Triples text rdflib writes for the same triples, blank
nodes named for the results, and an IRI N-Triples cannot hold refused as rdflib refuses it."""

from __future__ import annotations

import pytest
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import RDF, XSD
from rdflib.plugins.serializers.nt import _nt_row

from kg.validation.turbo_engine import _as_input

A, B = URIRef("https://example.org/a"), URIRef("https://example.org/b")
TRIPLES = [
    (A, RDF.type, B), (A, B, Literal('a "quoted"\nline\r\\')), (A, B, Literal("chat", lang="fr")),
    (A, B, Literal("3", datatype=XSD.integer)), (BNode("n1"), B, A), (A, B, BNode("n2")),
    (A, RDF.type, B),
]


def test_the_text_is_rdflibs_and_blank_nodes_are_named() -> None:
    found = _as_input(TRIPLES)
    assert found.source == "".join(map(_nt_row, TRIPLES))
    assert found.blank_nodes == {"n1": BNode("n1"), "n2": BNode("n2")}


def test_an_iri_ntriples_cannot_hold_is_refused_every_time() -> None:
    bad = [(URIRef("https://example.org/a b"), RDF.type, B)]
    for _ in range(2):
        with pytest.raises(Exception, match="does not look like a valid URI"):
            _as_input(bad)


def test_the_iri_text_cache_stays_bounded_over_many_records() -> None:
    from kg.validation import turbo_engine

    for start in range(0, turbo_engine._IRI_TEXT_LIMIT + 10, 1000):
        _as_input([(URIRef(f"https://example.org/r/{i}"), RDF.type, B)
                   for i in range(start, start + 1000)])
    assert 0 < len(turbo_engine._IRI_TEXT) <= turbo_engine._IRI_TEXT_LIMIT
