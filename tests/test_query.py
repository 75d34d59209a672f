"""The catalogue loader, typed binding, the read-only check, curator updates and `ekg query`."""

from __future__ import annotations

import json

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from typer.testing import CliRunner

import kg.commands.query  # noqa: F401  (registers the commands on the app)
from kg.cli import app
from kg.errors import QueryError
from kg.query import (
    CURATION_GRAPH,
    Param,
    apply_update,
    bind_params,
    load_query,
    parse_param_value,
)
from kg.readonly import check_read_only, query_form
from kg.store.base import GraphWrite
from kg.store.oxigraph import OxigraphStore
from tests.queries.example_graph import KETAMINE, SCHWARTZMAN, SEED, build_example_store

runner = CliRunner()


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory):
    path = tmp_path_factory.mktemp("query") / "store"
    build_example_store(path).close()
    return path


def test_header_with_continuation_lines_params_columns_and_effect(tmp_path):
    (tmp_path / "q.rq").write_text(
        "# title: A query\n# description: First line\n#   and its continuation.\n"
        "# param: doi literal default=10.1/x example=\"10.1/a b\" — the DOI\n"
        "# columns: a, b\n# effect: add\nSELECT ?a ?b WHERE { ?a ?b ?doi }\n", encoding="utf-8")
    q = load_query(str(tmp_path / "q.rq"))
    assert q.description == "First line and its continuation."
    assert q.params == (Param("doi", "literal", "the DOI", "10.1/x", "10.1/a b"),)
    assert (q.columns, q.effect) == (("a", "b"), "add")


def test_bad_parameter_header_is_refused(tmp_path):
    (tmp_path / "q.rq").write_text("# param: x colour\nSELECT * {}\n", encoding="utf-8")
    with pytest.raises(QueryError, match="bad parameter header"):
        load_query(str(tmp_path / "q.rq"))


@pytest.mark.parametrize(("kind", "raw", "term"), [
    ("iri", "mesh:D007649", URIRef(KETAMINE)),
    ("iri", "https://doi.org/10.1111/papr.12829", URIRef(SEED)),
    ("integer", "12", Literal(12, datatype=XSD.integer)),
    ("date", "2020-01-31", Literal("2020-01-31", datatype=XSD.date)),
    ("boolean", "yes", Literal(True, datatype=XSD.boolean)),
    ("literal", 'a "quoted" } value', Literal('a "quoted" } value')),
])
def test_values_are_bound_by_type(kind, raw, term):
    assert parse_param_value(Param("p", kind), raw) == term


@pytest.mark.parametrize(("kind", "raw"), [
    ("iri", "not an iri"), ("iri", "https://x.org/a> } UNION {"), ("iri", "mesh:D00 7649"),
    ("integer", "12a"), ("date", "31.01.2020"), ("literal", "x" * 5000),
])
def test_bad_values_are_refused(kind, raw):
    with pytest.raises(QueryError):
        parse_param_value(Param("p", kind), raw)


def test_unknown_parameter_names_the_known_ones():
    with pytest.raises(QueryError, match="known: article"):
        bind_params(load_query("article-card"), {"artcle": SEED})


@pytest.mark.parametrize("text", [
    "SELECT * WHERE { ?s ?p ?o }",
    "PREFIX select: <http://x/> ASK { ?s select:service ?o }",
    "SELECT ?service WHERE { ?service ?p 'SERVICE' } # SERVICE in a comment",
    'SELECT * WHERE { ?s ?p """a\nSERVICE <x> {}""" }',
    'SELECT * WHERE { ?s ?p "x"@with }',
    "CONSTRUCT WHERE { ?s ?p ?o }",
])
def test_read_only_queries_pass(text):
    assert check_read_only(text) in ("SELECT", "ASK", "CONSTRUCT")


@pytest.mark.parametrize("text", [
    "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
    "select * where { service silent ?endpoint { ?s ?p ?o } }",
    # an apostrophe inside an IRI must not open a string that hides the keyword
    "SELECT * { ?s ?p <http://x/a's> . SERVICE <http://e/> { ?a ?b ?c } ?s ?p <http://x/b's> }",
    r"SELECT * { ?s ?p <http://x/\u0041's> . SERVICE <http://e/> { ?a ?b ?c } ?s ?p 'x' }",
    r"SELECT * WHERE { \u0053ERVICE <http://x/> { ?s ?p ?o } }",
    "SELECT * WHERE { FILTER(?a<?b)SERVICE<http://e/>{?s ?p ?o}FILTER(?c>?d) }",
    "INSERT DATA { <http://a> <http://b> <http://c> }",
    "LOAD <http://example.org/data.ttl>",
    "SELECT * {} ; DROP ALL",
    "",
])
def test_updates_load_and_service_are_refused(text):
    with pytest.raises(QueryError):
        check_read_only(text)


def test_query_form():
    assert query_form("PREFIX ask: <http://x/> DESCRIBE ?x WHERE { ?x ask:p 1 }") == "DESCRIBE"


def test_mark_retracted_writes_the_curation_graph_only():
    store = build_example_store()
    before = store.count()
    assert apply_update(store, load_query("mark-retracted"), {"article": SCHWARTZMAN}) == 2
    assert store.count(CURATION_GRAPH) == 2 and store.count() == before + 2
    with pytest.raises(QueryError, match="missing"):
        apply_update(store, load_query("mark-retracted"), {})
    with pytest.raises(QueryError, match="not an update"):
        apply_update(store, load_query("select/counts"), {})


def test_delete_data_is_built_from_escaped_terms():
    store = OxigraphStore(None)
    nasty = Literal('a "b" } ; DROP ALL ; INSERT DATA { <x> <y> <z> } \n \\ é')
    triple = (URIRef("http://ex.org/s"), URIRef("http://ex.org/p"), nasty)
    keep = (URIRef("http://ex.org/s"), URIRef("http://ex.org/p"), Literal("keep"))
    store.put_graphs([GraphWrite(CURATION_GRAPH, (triple, keep))])
    store.remove_triples(CURATION_GRAPH, [triple])
    assert list(store.graph_triples(CURATION_GRAPH)) == [keep]


def test_cli_lists_the_catalogue_with_types_and_examples():
    out = runner.invoke(app, ["query", "--list"], terminal_width=250)
    assert out.exit_code == 0
    assert "select/article-card" in out.output and "article: iri" in out.output
    assert "https://doi.org/10.1111/papr.12829" in out.output


@pytest.mark.parametrize("fmt", ["table", "csv", "tsv", "json", "xml"])
def test_cli_writes_every_result_format(store_dir, fmt):
    out = runner.invoke(app, ["query", "article-card", "--store", str(store_dir), "--format",
                              fmt, "--param", f"article={SEED}"], terminal_width=250)
    assert out.exit_code == 0, out.output
    assert "Ocker" in out.output


def test_cli_json_matches_the_library(store_dir):
    out = runner.invoke(app, ["query", "select/evidence-rollup", "--store", str(store_dir),
                              "-f", "json", "-p", "intervention=mesh:D007649"])
    bindings = json.loads(out.output)["results"]["bindings"]
    assert [(b["articles"]["value"], b["retracted"]["value"]) for b in bindings] == [("3", "1")]


@pytest.mark.parametrize("fmt", ["turtle", "nt", "nquads", "rdfxml", "xml", "jsonld"])
def test_cli_writes_graph_formats_for_construct(store_dir, fmt):
    out = runner.invoke(app, ["query", "construct/article-graph", "--store", str(store_dir),
                              "-f", fmt, "-p", f"article={SEED}"])
    assert out.exit_code == 0, out.output
    assert "papr.12829" in out.output


def test_cli_refuses_what_it_cannot_do(store_dir, tmp_path):
    base = ["--store", str(store_dir)]
    assert runner.invoke(app, ["query", "counts", "-f", "turtle", *base]).exit_code == 2
    assert runner.invoke(app, ["query", "counts", "-f", "yaml", *base]).exit_code == 2
    assert runner.invoke(app, ["query", "mark-retracted", *base]).exit_code == 2
    assert runner.invoke(app, ["query", "article-card", "-p", "article=x y", *base]).exit_code == 2
    (tmp_path / "fed.rq").write_text("SELECT * { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }")
    assert runner.invoke(app, ["query", str(tmp_path / "fed.rq"), *base]).exit_code == 2


def test_cli_update_marks_and_unmarks(tmp_path):
    path = tmp_path / "store"
    build_example_store(path).close()
    args = ["--store", str(path), "-p", f"article={SCHWARTZMAN}"]
    out = runner.invoke(app, ["update", "mark-retracted", *args])
    assert out.exit_code == 0 and "2 triple(s) added" in out.output
    listed = runner.invoke(app, ["query", "retracted-claims", "-f", "csv", "--store", str(path)])
    assert SCHWARTZMAN in listed.output
    out = runner.invoke(app, ["update", "unmark-retracted", *args])
    assert out.exit_code == 0 and "removed" in out.output
    unknown = ["--store", str(path), "-p", "article=https://doi.org/10.1/none"]
    assert runner.invoke(app, ["update", "mark-retracted", *unknown]).exit_code == 1


def test_optional_and_required_parameters_are_read_from_the_header(tmp_path):
    (tmp_path / "q.rq").write_text(
        "# param: drug concept optional example=mesh:D007649 — the drug\n"
        "# param: disease concept — the disease\n"
        "SELECT ?drug ?disease WHERE { ?drug ?p ?disease }\n",
        encoding="utf-8")
    q = load_query(str(tmp_path / "q.rq"))
    assert [(p.name, p.type, p.required) for p in q.params] == [
        ("drug", "concept", False), ("disease", "concept", True)]
    with pytest.raises(QueryError, match=r"missing required parameter.*disease"):
        bind_params(q, {"drug": "mesh:D007649"})


def test_a_concept_parameter_takes_a_name_through_the_resolver():
    q = load_query("evidence-for-condition")
    names = {"complex regional pain syndrome": URIRef("http://id.nlm.nih.gov/mesh/D020918")}
    bound = bind_params(q, {"condition": "complex regional pain syndrome"}, names=names.__getitem__)
    assert bound == {"condition": URIRef("http://id.nlm.nih.gov/mesh/D020918")}
    assert bind_params(q, {"condition": "mesh:D020918"}) == bound
    with pytest.raises(QueryError, match="parameter condition"):
        bind_params(q, {"condition": "no such thing"}, names=names.__getitem__)


def test_cli_missing_required_parameter_is_named(store_dir):
    out = runner.invoke(app, ["query", "evidence-for-condition", "--store", str(store_dir)])
    assert out.exit_code == 2 and "missing required parameter(s) condition" in out.output


def test_cli_concept_parameter_by_name(store_dir):
    by_name = runner.invoke(app, ["query", "evidence-rollup", "--store", str(store_dir), "-f",
                                  "csv", "-p", "intervention=KETAMINE"])
    by_curie = runner.invoke(app, ["query", "evidence-rollup", "--store", str(store_dir), "-f",
                                   "csv", "-p", "intervention=mesh:D007649"])
    assert by_name.exit_code == 0, by_name.output
    assert by_name.output == by_curie.output and KETAMINE in by_name.output


def test_cli_ad_hoc_query_from_option_and_stdin(store_dir):
    text = f"SELECT ?t WHERE {{ <{SEED}> <http://purl.org/dc/terms/title> ?t }}"
    from_option = runner.invoke(app, ["query", "-e", text, "-f", "csv", "--store",
                                      str(store_dir)])
    from_stdin = runner.invoke(app, ["query", "-", "-f", "csv", "--store", str(store_dir)],
                               input=text)
    assert from_option.exit_code == 0, from_option.output
    assert from_option.output == from_stdin.output and from_option.output.startswith("t\n")
    empty = runner.invoke(app, ["query", "-e", "SELECT * WHERE { ?s <urn:none> ?o }",
                                "--store", str(store_dir)])
    assert "no rows" in empty.output
    nothing = runner.invoke(app, ["query", "-e", "CONSTRUCT WHERE { ?s <urn:none> ?o }",
                                  "--store", str(store_dir)])
    assert "no triples" in nothing.output


@pytest.mark.parametrize("text", [
    "INSERT DATA { <urn:a> <urn:b> <urn:c> }", "LOAD <http://127.0.0.1:9/x>",
    "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
])
def test_cli_ad_hoc_query_is_read_only(store_dir, text):
    for args, stdin in ((["-e", text], None), (["-"], text)):
        out = runner.invoke(app, ["query", *args, "--store", str(store_dir)], input=stdin)
        assert out.exit_code == 2 and "not allowed" in out.output
