"""Result formats: each is read back by an independent parser and gives the same terms."""

from __future__ import annotations

import io
import json

import pyoxigraph as ox
import pytest
from rdflib import BNode, Graph, Literal, URIRef, Variable
from rdflib.compare import isomorphic
from rdflib.namespace import XSD
from rdflib.plugins.sparql.results.csvresults import CSVResultParser
from rdflib.plugins.sparql.results.jsonresults import JSONResultParser
from rdflib.plugins.sparql.results.tsvresults import TSVResultParser
from rdflib.plugins.sparql.results.xmlresults import XMLResultParser

from kg.negotiation import format_for, mark_truncated, negotiate
from kg.results import MEDIA_TYPES, format_result
from kg.store.base import QueryResult

S = URIRef("http://example.org/s?x=1&y=%3C2%3E#é")
AWKWARD = [
    Literal('quote " backslash \\ tab \t newline \n cr \r end'),
    Literal("Müller 🙂 \u200fمرحبا", lang="ar"),
    Literal("1.50", datatype=XSD.decimal),
    Literal("42", datatype=XSD.integer),
    Literal("<b>not markup</b> & more"),
]
ROWS = [(S, o, None if i % 2 else BNode(f"b{i}")) for i, o in enumerate(AWKWARD)]
SELECT = QueryResult(kind="select", variables=["s", "o", "b"], rows=ROWS)
ASK = QueryResult(kind="ask", boolean=True)
CONSTRUCT = QueryResult(kind="construct", triples=[(S, URIRef("http://example.org/p"), o)
                                                   for o in AWKWARD])
_OX_FORMATS = {"json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML,
               "tsv": ox.QueryResultsFormat.TSV}
_RDFLIB_PARSERS = {"json": JSONResultParser, "xml": XMLResultParser, "tsv": TSVResultParser}


def _as_ox(term):
    from kg.store.convert import to_ox

    return None if term is None else to_ox(term)


@pytest.mark.parametrize("fmt", ["json", "xml", "tsv"])
def test_select_round_trips_through_oxigraph(fmt):
    parsed = list(ox.parse_query_results(format_result(SELECT, fmt), _OX_FORMATS[fmt]))
    assert len(parsed) == len(ROWS)
    for solution, (s, o, b) in zip(parsed, ROWS, strict=True):
        assert solution["s"] == _as_ox(s) and solution["o"] == _as_ox(o)
        assert (solution["b"] is None) == (b is None)


@pytest.mark.parametrize("fmt", ["json", "xml", "tsv"])
def test_select_round_trips_through_rdflib(fmt):
    text = format_result(SELECT, fmt)
    source = io.BytesIO(text.encode()) if fmt == "xml" else io.StringIO(text)
    parsed = _RDFLIB_PARSERS[fmt]().parse(source)
    got = [tuple(row.get(Variable(v)) for v in ("s", "o")) for row in parsed.bindings]
    assert [(str(s), str(o)) for s, o in got] == [(str(s), str(o)) for s, o, _b in ROWS]


def test_csv_is_plain_values_with_crlf():
    text = format_result(SELECT, "csv")
    assert text.startswith("s,o,b\r\n") and "http://example.org/s?x=1&y=%3C2%3E#é" in text
    rows = list(CSVResultParser().parse(io.StringIO(text)).bindings)
    assert str(rows[1][Variable("o")]) == str(AWKWARD[1])


def test_tsv_escapes_tabs_and_newlines_inside_literals():
    lines = format_result(SELECT, "tsv").rstrip("\n").split("\n")
    assert lines[0] == "?s\t?o\t?b" and len(lines) == len(ROWS) + 1
    assert all(line.count("\t") == 2 for line in lines)


@pytest.mark.parametrize("fmt", ["json", "xml", "csv", "tsv", "table"])
def test_ask_in_every_result_format(fmt):
    text = format_result(ASK, fmt)
    assert "true" in text.lower()
    if fmt in _OX_FORMATS and fmt != "tsv":
        assert bool(ox.parse_query_results(text, _OX_FORMATS[fmt])) is True


def test_json_is_standard_sparql_json():
    data = json.loads(format_result(SELECT, "json"))
    assert data["head"]["vars"] == ["s", "o", "b"]
    first = data["results"]["bindings"][2]
    assert first["o"] == {"type": "literal", "value": "1.50",
                          "datatype": str(XSD.decimal)}
    assert "b" not in data["results"]["bindings"][1]  # unbound is left out


def test_xml_replaces_characters_xml_cannot_carry():
    odd = QueryResult(kind="select", variables=["x"], rows=[(Literal("bell\x07"),)])
    (solution,) = ox.parse_query_results(format_result(odd, "xml"), ox.QueryResultsFormat.XML)
    assert solution["x"].value == "bell\ufffd"


@pytest.mark.parametrize(("fmt", "rdflib_name"), [("turtle", "turtle"), ("nt", "nt"),
                                                  ("nquads", "nquads"), ("rdfxml", "xml"),
                                                  ("jsonld", "json-ld")])
def test_construct_round_trips(fmt, rdflib_name):
    expected = Graph()
    for t in CONSTRUCT.triples:
        expected.add(t)
    got = Graph().parse(data=format_result(CONSTRUCT, fmt), format=rdflib_name)
    assert isomorphic(got, expected)


def test_graph_formats_refuse_table_results_and_tables_show_triples():
    with pytest.raises(ValueError, match="CONSTRUCT"):
        format_result(SELECT, "turtle")
    assert "subject" in format_result(CONSTRUCT, "csv").splitlines()[0]
    with pytest.raises(ValueError, match="unknown result format"):
        format_result(SELECT, "yaml")


@pytest.mark.parametrize(("accept", "kind", "fmt"), [
    (None, "select", "json"), ("*/*", "construct", "turtle"),
    ("text/csv", "select", "csv"), ("text/tab-separated-values", "select", "tsv"),
    ("application/sparql-results+xml;q=0.5, application/sparql-results+json", "select", "json"),
    ("application/sparql-results+xml, application/sparql-results+json;q=0.5", "select", "xml"),
    ("application/n-triples", "construct", "nt"), ("application/ld+json", "construct", "jsonld"),
    ("text/csv", "construct", None), ("image/png", "select", None),
    ("text/turtle;q=0, */*;q=0.1", "construct", "turtle"),
    ("application/sparql-results+json;q=0, text/csv", "ask", "csv"),
    ("application/rdf+xml", "construct", "rdfxml"), ("application/xml", "construct", "rdfxml"),
    ("application/n-quads", "construct", "nquads"), ("application/json", "construct", "jsonld"),
    ("application/xml", "select", "xml"),
])
def test_negotiation(accept, kind, fmt):
    assert negotiate(accept, kind) == fmt


def test_every_format_has_a_media_type():
    assert MEDIA_TYPES["json"] == "application/sparql-results+json"
    assert MEDIA_TYPES["tsv"] == "text/tab-separated-values"


@pytest.mark.parametrize(("fmt", "kind", "meant"), [
    ("xml", "construct", "rdfxml"), ("json", "construct", "jsonld"), ("ttl", "construct", "turtle"),
    ("xml", "select", "xml"), ("json", "ask", "json"), ("turtle", "construct", "turtle"),
])
def test_format_names_are_read_by_kind_of_result(fmt, kind, meant):
    assert format_for(fmt, kind) == meant


@pytest.mark.parametrize("fmt", ["json", "xml", "csv"])
def test_truncation_note_keeps_select_results_readable(fmt):
    marked = mark_truncated(format_result(SELECT, fmt), fmt, 5)
    assert marked is not None
    assert "max-rows 5" in marked or "max-rows=5" in marked
    if fmt == "json":
        assert json.loads(marked)["truncated"]["maxRows"] == 5
    if fmt in _OX_FORMATS:
        assert len(list(ox.parse_query_results(marked, _OX_FORMATS[fmt]))) == len(ROWS)
    if fmt in _RDFLIB_PARSERS:
        assert len(_RDFLIB_PARSERS[fmt]().parse(io.StringIO(marked)).bindings) == len(ROWS)
    if fmt == "csv":
        assert marked.splitlines()[-1].startswith("# truncated")


def test_tsv_cannot_carry_a_truncation_note():
    assert mark_truncated(format_result(SELECT, "tsv"), "tsv", 5) is None


@pytest.mark.parametrize(("fmt", "rdflib_name"), [("turtle", "turtle"), ("nt", "nt"),
                                                  ("nquads", "nquads"), ("rdfxml", "xml"),
                                                  ("jsonld", "json-ld")])
def test_truncation_note_keeps_graphs_readable(fmt, rdflib_name):
    marked = mark_truncated(format_result(CONSTRUCT, fmt), fmt, 5)
    assert "max-rows" in marked
    assert len(Graph().parse(data=marked, format=rdflib_name)) == len(CONSTRUCT.triples)
