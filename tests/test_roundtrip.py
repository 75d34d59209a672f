"""Property-based round trips: export → parse gives back the same dataset, in every format, for
hostile literals (quotes, backslashes, newlines, carriage returns, NUL, RTL marks, emoji, long
strings, language tags) and for IRIs minted from untrusted text, which are escaped or refused.
"""

from __future__ import annotations

import io
import re
from urllib.parse import unquote

import pyoxigraph as ox
import pytest
from export_examples import dataset_from_ox
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from kg.errors import UnsafeIRIError
from kg.export import FORMATS, ExportError, export_native
from kg.rdf.iris import check_iri, mint_article_iri, mint_graph_iri
from kg.store.convert import from_ox

NASTY = ['"', "'", '"""', "'''", "\\", "\\u0041", "\n", "\r", "\r\n", "\t", "\x00", "\x07",
         "\x1b", "\u200f", "\u202e", "\u2028", "\ufeff", "😀", "👩‍⚕️", "]]>", "<b>", "&amp;",
         "@en", "^^", "_:b0", " .\n<x> <y> <z> .", "}", "{", "#", "\ud7ff", "\U0010ffff"]
_XSD = "http://www.w3.org/2001/XMLSchema#"
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_PREDICATES = [ox.NamedNode(p) for p in (
    "http://purl.org/dc/terms/title", "http://purl.org/dc/terms/abstract",
    "https://w3id.org/evidence-kg/ontology#sentence", "https://schema.org/name")]

characters = st.characters(blacklist_categories=("Cs",))
hostile_text = st.one_of(
    st.text(characters, max_size=40),
    st.lists(st.one_of(st.sampled_from(NASTY), st.text(characters, max_size=5)),
             max_size=8).map("".join),
)
language = st.from_regex(r"[a-z]{2,3}(-[a-z]{2}|-[0-9]{3}|-[a-z]{4})?", fullmatch=True)
typed = st.one_of(
    st.integers(-10**20, 10**20).map(lambda n: ox.Literal(str(n), datatype=ox.NamedNode(
        _XSD + "integer"))),
    st.booleans().map(lambda b: ox.Literal("true" if b else "false", datatype=ox.NamedNode(
        _XSD + "boolean"))),
    st.dates().map(lambda d: ox.Literal(d.isoformat(), datatype=ox.NamedNode(_XSD + "date"))),
    hostile_text.map(lambda s: ox.Literal(s, datatype=ox.NamedNode(
        "https://example.org/datatype#opaque"))),
)
literal = st.one_of(
    hostile_text.map(ox.Literal),
    st.builds(lambda s, lang: ox.Literal(s, language=lang), hostile_text, language),
    typed,
)


def _minted(text: str) -> ox.NamedNode | None:
    try:
        return ox.NamedNode(str(mint_article_iri(text or "x", None, "")))
    except UnsafeIRIError:
        return None


subject = st.one_of(hostile_text.map(_minted), st.just(ox.NamedNode("https://example.org/s")))
graph_name = st.builds(lambda f, k: ox.NamedNode(str(mint_graph_iri("ris", f, k))),
                       hostile_text, hostile_text)
quad = st.builds(ox.Quad, subject.filter(lambda s: s is not None), st.sampled_from(_PREDICATES),
                 literal, graph_name)


def export_bytes(store: ox.Store, fmt: str, tmp_path) -> bytes:
    path = tmp_path / f"out.{fmt}"
    export_native(store, path, fmt)
    return path.read_bytes()


def triples_of(quads) -> set[ox.Triple]:
    return {ox.Triple(q.subject, q.predicate, q.object) for q in quads}


ROUND_TRIP = settings(max_examples=60, deadline=None,
                      suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.mark.parametrize("fmt", sorted(FORMATS))
@ROUND_TRIP
@given(quads=st.lists(quad, min_size=1, max_size=6))
def test_export_then_parse_gives_the_same_dataset(fmt, quads, tmp_path):
    store = ox.Store()
    store.extend(quads)
    original = set(store)
    if fmt == "rdfxml" and any(_NOT_XML.search(q.object.value) for q in original):
        with pytest.raises(ExportError, match="RDF/XML"):
            export_bytes(store, fmt, tmp_path)
        return
    data = export_bytes(store, fmt, tmp_path)
    parsed = set(ox.parse(data, FORMATS[fmt].rdf_format))
    if FORMATS[fmt].keeps_graphs:
        assert parsed == original
    else:
        assert triples_of(parsed) == triples_of(original)


@pytest.mark.parametrize("fmt", ["nq", "trig", "jsonld", "rdfxml"])
@ROUND_TRIP
@given(quads=st.lists(quad, min_size=1, max_size=5))
def test_a_second_parser_agrees(fmt, quads, tmp_path):
    """rdflib, an independent implementation (with a conforming XML parser, which turns a raw
    carriage return into a line feed), reads our files as the same data. Its parsers normalise
    lexical forms, so both sides are compared normalised."""
    store = ox.Store()
    store.extend(quads)
    if fmt == "rdfxml" and any(_NOT_XML.search(q.object.value) for q in quads):
        return  # refused, see above
    data = export_bytes(store, fmt, tmp_path)
    expected = dataset_from_ox(list(store))
    if fmt == "rdfxml":
        parsed = Graph().parse(data=data, format="xml")
        union = Graph()
        for s, p, o, _ in expected.quads((None, None, None, None)):
            union.add((s, p, o))
        assert isomorphic(_normalised(parsed), _normalised(union))
        return
    dataset = Dataset()
    dataset.parse(data=data.decode("utf-8"), format={"nq": "nquads", "trig": "trig",
                                                      "jsonld": "json-ld"}[fmt])
    for g in {q.graph_name.value for q in store}:
        assert isomorphic(_normalised(dataset.graph(URIRef(g))),
                          _normalised(expected.graph(URIRef(g))))


def _normalised(graph: Graph) -> Graph:
    out = Graph()
    for s, p, o in graph:
        if isinstance(o, Literal):
            o = Literal(str(o), lang=o.language, datatype=o.datatype)
        out.add((s, p, o))
    return out


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_very_long_and_many_line_literals(fmt, tmp_path):
    text = ("🙂 \"quoted\" \\ back\r\nslash ‏RTL‎ " * 20_000) + "end"
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("https://example.org/s"), _PREDICATES[0],
                      ox.Literal(text, language="en-gb"), ox.NamedNode("https://example.org/g")))
    parsed = ox.parse(export_bytes(store, fmt, tmp_path), FORMATS[fmt].rdf_format)
    (only,) = list(parsed)
    assert only.object.value == text and only.object.language == "en-gb"
    assert len(text) > 500_000


@given(text=hostile_text)
@settings(max_examples=200, deadline=None)
def test_iris_from_untrusted_text_are_escaped_or_refused(text):
    doi = text or "x"
    try:
        iri = mint_article_iri(doi, None, "")
    except UnsafeIRIError:
        return
    assert not re.search(r'[\x00-\x20<>"{}|\\^`\x7f-\x9f]', iri)
    assert unquote(iri.removeprefix("https://doi.org/")) == doi
    line = f"{ox.NamedNode(iri)} <https://example.org/p> \"x\" .\n"
    (read,) = list(ox.parse(line.encode(), ox.RdfFormat.N_TRIPLES))
    assert read.subject.value == str(iri)


@pytest.mark.parametrize("iri", ["https://example.org/a b", "https://example.org/a\nb",
                                 "https://example.org/<a>", "relative/path", 'https://e.org/"',
                                 "https://e.org/a\\b", "javascript alert(1)", ""])
def test_unsafe_iris_are_refused(iri):
    with pytest.raises(UnsafeIRIError):
        check_iri(iri)


def test_rdflib_would_have_written_unreadable_ntriples_for_such_an_iri():
    """Why minting must refuse them: rdflib serialises a newline in an IRI as is, and no parser
    reads the result back."""
    g = Graph()
    g.add((URIRef("https://example.org/a\nb"), URIRef("https://example.org/p"), Literal("x")))
    data = g.serialize(format="nt", encoding="utf-8")
    with pytest.raises(SyntaxError):
        list(ox.parse(io.BytesIO(data), ox.RdfFormat.N_TRIPLES))


def test_parsed_terms_convert_back_unchanged():
    """The rdflib view of the store keeps lexical forms, so the comparisons above are fair."""
    lit = ox.Literal("0.500", datatype=ox.NamedNode(_XSD + "decimal"))
    assert str(from_ox(lit)) == "0.500"
