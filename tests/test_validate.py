"""Validation of mapped records, stores and files; the qc/ queries; ``ekg validate`` exit codes."""

from __future__ import annotations

import importlib
import json
from pathlib import Path

import pytest
from pyshacl import validate as pyshacl_validate
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import SH
from typer.testing import CliRunner

import kg.cli
from kg.cli import app
from kg.errors import KGError
from kg.pipeline import graph_writes
from kg.rdf.mapping import SHARED_GRAPH, BuildContext, map_record
from kg.rdf.namespaces import DCTERMS, EKG, XSD
from kg.store.memory import MemoryStore
from kg.store.oxigraph import OxigraphStore
from kg.validate import (
    load_shapes,
    run_qc_queries,
    validate_file,
    validate_store,
    validate_triples,
)
from tests.factories import RCT, make_extraction, make_record

DATA = Path(__file__).resolve().parent / "data" / "shapes"
THREE_PROBLEMS = DATA / "invalid-three-problems.trig"
CTX = BuildContext("0.1.0", "fp", "2026-01-01T00:00:00+00:00")
runner = CliRunner()

for _module in kg.cli._COMMAND_MODULES:  # what kg.cli.main() does: register every command
    importlib.import_module(_module)

STORES = {"oxigraph": lambda: OxigraphStore(None), "memory": MemoryStore}


def _mapped(**kwargs):
    return map_record(make_record(**kwargs), make_extraction(), CTX)


def _store_with(kind: str, *mapped) -> object:
    """A store written the way the pipeline writes: record graphs plus the shared graph."""
    store = STORES[kind]()
    store.put_graphs(graph_writes(mapped))
    return store


def _without(triples, predicate):
    return tuple(t for t in triples if t[1] != predicate)


def _replace_object(triples, predicate, value):
    return tuple((s, p, value if p == predicate else o) for s, p, o in triples)


# --- one record ---------------------------------------------------------------------------------

def test_mapped_record_conforms_without_warnings():
    report = validate_triples(_mapped().all_triples)
    assert report.conforms
    assert report.issues == []


def test_retracted_rct_without_doi_conforms():
    m = map_record(make_record(doi=None, pmid="31408571", retracted=True), make_extraction(RCT),
                   CTX)
    assert validate_triples(m.all_triples).issues == []


def test_missing_title_is_a_violation_and_missing_abstract_a_warning():
    untitled = _without(_without(_mapped().all_triples, DCTERMS.title), DCTERMS.abstract)
    assert not validate_triples(untitled).violations  # its DOI names the article
    report = validate_triples(_without(untitled, EKG.doi), graph_name="urn:g")
    assert [(i.path, i.message) for i in report.violations] == [
        (None, "Article has no title and no identifier (DOI, PMID or PMCID)")]
    assert {i.path for i in report.warnings} == {"dcterms:abstract"}
    assert report.violations[0].graph == "urn:g"
    assert report.violations[0].shape == "ekgsh:ArticleNamedShape"


def test_claim_whose_evidence_lost_its_source_is_named():
    report = validate_triples(_without(_mapped().all_triples, EKG.sourceArticle))
    assert [(i.path, i.message) for i in report.violations] == [
        ("ekg:sourceArticle", "Evidence has no source article")]


def test_evidence_level_outside_one_to_five_is_a_violation():
    triples = _replace_object(_mapped().all_triples, EKG.ocebmLevel, Literal(6))
    report = validate_triples(triples)
    assert {i.path for i in report.violations} == {"ekg:ocebmLevel"}
    assert report.violations[0].value == "6"


def test_fast_path_matches_pyshacl_across_repeated_runs():
    """Compiled shapes are reused between graphs: no state may leak from one run to the next."""
    good = _mapped().all_triples
    bad = _replace_object(_without(good, DCTERMS.title), EKG.doi, Literal("10.1/x"))
    for triples in (bad, good, bad):
        g = Graph()
        for t in triples:
            g.add(t)
        _c, results, _t = pyshacl_validate(g, shacl_graph=load_shapes(), inference="none")
        expected = {(str(results.value(r, SH.focusNode)),
                     str(results.value(r, SH.sourceConstraintComponent)))
                    for r in results.objects(None, SH.result)}
        got = validate_triples(triples).issues
        assert len(got) == len(expected)
        assert {i.focus for i in got} == {f for f, _c in expected}


# --- stores -------------------------------------------------------------------------------------

@pytest.mark.parametrize("kind", sorted(STORES))
def test_store_round_trip_conforms(kind):
    """Read back from the store (Oxigraph stores xsd:positiveInteger as xsd:integer) and with
    shared nodes in their own graph, the records still conform."""
    store = _store_with(kind, _mapped(), _mapped(doi="10.1000/example.2", path="b.txt"))
    report = validate_store(store)
    assert report.issues == []


@pytest.mark.parametrize("kind", sorted(STORES))
def test_problem_on_a_shared_node_is_reported_once(kind):
    cures = URIRef("https://w3id.org/evidence-kg/id/relation/cures")
    records = [_mapped(), _mapped(doi="10.1000/example.2", path="b.txt")]
    records = [m.__class__(m.graph, m.article, m.triples,
                           _replace_object(m.shared, EKG.relation, cures)) for m in records]
    report = validate_store(_store_with(kind, *records))
    assert [(i.path, i.value) for i in report.violations] == [("ekg:relation", str(cures))]


def test_conflicting_years_across_sources_are_a_warning():
    a = _mapped(year=2020)
    b = _mapped(year=2019, path="other.txt")  # same DOI, same article IRI, another source graph
    report = validate_store(_store_with("oxigraph", a, b))
    assert report.conforms
    assert {(i.shape, i.severity) for i in report.issues} == {
        ("qc/conflicting-publication-year", "Warning")}
    assert {i.value for i in report.issues} == {"2019", "2020"}


def test_same_pmid_under_two_article_iris_is_a_warning():
    a = _mapped(pmid="31408571")
    b = _mapped(doi=None, pmid="31408571", path="pubmed.xml")
    report = run_qc_queries(_store_with("oxigraph", a, b))
    assert {(i.shape, i.severity) for i in report.issues} == {
        ("qc/duplicate-article-pmid", "Warning")}
    assert {i.focus for i in report.issues} == {str(a.article), str(b.article)}


@pytest.mark.parametrize("kind", sorted(STORES))
def test_qc_finds_claim_without_evidence_and_untitled_source(kind):
    m = _mapped()
    record = _without(_without(_without(m.triples, DCTERMS.title), EKG.doi), EKG.hasEvidence)
    assert any(p == EKG.sourceArticle for _s, p, _o in record)
    store = _store_with(kind, m.__class__(m.graph, m.article, record, m.shared))
    found = {(i.shape, i.severity) for i in run_qc_queries(store).issues}
    assert found == {("qc/claim-without-evidence", "Violation"),
                     ("qc/evidence-source-untitled", "Violation")}


def test_qc_finds_graph_without_provenance():
    m = _mapped()
    record = tuple(t for t in m.triples if t[0] != m.graph)
    store = _store_with("oxigraph", m.__class__(m.graph, m.article, record, m.shared))
    issues = run_qc_queries(store).issues
    assert [(i.shape, i.focus, i.value) for i in issues] == [
        ("qc/graph-without-provenance", str(m.graph), str(m.article))]


# --- files and the command line -----------------------------------------------------------------

def _write_trig(path: Path, *mapped) -> Path:
    ds = Dataset()
    for m in mapped:
        g = ds.graph(m.graph)
        for t in m.triples:
            g.add(t)
        shared = ds.graph(SHARED_GRAPH)
        for t in m.shared:
            shared.add(t)
    ds.serialize(path, format="trig")
    return path


def test_invalid_graph_names_its_three_problems():
    result = runner.invoke(app, ["validate", "--format", "json", str(THREE_PROBLEMS)])
    assert result.exit_code == 1, result.output
    issues = json.loads(result.output)
    assert sorted((i["path"] or "", i["message"]) for i in issues
                  if i["severity"] == "Violation") == [
        ("", "Article has no title and no identifier (DOI, PMID or PMCID)"),
        ("ekg:doi", "DOI does not look like 10.NNNN/…"),
        ("ekg:sourceArticle", "Evidence has no source article"),
    ]


def test_table_report_names_problems_and_verdict(monkeypatch):
    monkeypatch.setattr(kg.cli.console, "width", 200)
    result = runner.invoke(app, ["validate", str(THREE_PROBLEMS)])
    assert result.exit_code == 1
    for text in ("Article has no title", "DOI does not look like",
                 "Evidence has no source article", "does not conform: 3 violation(s)"):
        assert text in result.output


def test_valid_file_exits_zero(tmp_path):
    path = _write_trig(tmp_path / "graph.trig", _mapped(), _mapped(doi="10.1000/b", path="b"))
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 0, result.output
    assert "conforms" in result.output


def test_turtle_file_is_one_graph(tmp_path):
    g = Graph()
    for t in _without(_without(_mapped().all_triples, DCTERMS.title), EKG.doi):
        g.add(t)
    path = tmp_path / "one.ttl"
    g.serialize(path, format="turtle")
    assert [i.message for i in validate_file(path).violations] == [
        "Article has no title and no identifier (DOI, PMID or PMCID)"]


@pytest.mark.parametrize(("name", "content"), [
    ("missing.trig", None), ("broken.trig", "<a> <b> ."), ("data.xyz", "x"),
])
def test_unreadable_input_exits_two(tmp_path, name, content):
    path = tmp_path / name
    if content is not None:
        path.write_text(content)
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 2, result.output


def test_unknown_format_option_exits_two():
    assert runner.invoke(app, ["validate", "--format", "xml", str(THREE_PROBLEMS)]).exit_code == 2


def test_validate_store_from_the_command_line(tmp_path):
    store = OxigraphStore(tmp_path / "store")
    store.put_graphs(graph_writes([_mapped()]))
    store.close()
    result = runner.invoke(app, ["validate", "--store", str(tmp_path / "store")])
    assert result.exit_code == 0, result.output
    missing = runner.invoke(app, ["validate", "--store", str(tmp_path / "nothing")])
    assert missing.exit_code == 2


def test_literal_datatypes_of_positions_survive_either_way():
    """Shapes accept positions typed xsd:positiveInteger (mapping) and xsd:integer (store)."""
    triples = tuple((s, p, Literal(str(o), datatype=XSD.integer) if p == EKG.position else o)
                    for s, p, o in _mapped().all_triples)
    assert any(p == EKG.position and o.datatype == XSD.integer for _s, p, o in triples)
    assert validate_triples(triples).issues == []


@pytest.mark.parametrize("engine", ["turbo", "pyshacl"])
def test_either_engine_names_the_same_three_problems(engine):
    result = runner.invoke(app, ["validate", "--format", "json", "--engine", engine,
                                 str(THREE_PROBLEMS)])
    assert result.exit_code == 1, result.output
    assert len([i for i in json.loads(result.output) if i["severity"] == "Violation"]) == 3


def test_unknown_engine_exits_two():
    result = runner.invoke(app, ["validate", "--engine", "jena", str(THREE_PROBLEMS)])
    assert result.exit_code == 2


def test_unknown_engine_is_an_error_in_the_api():
    with pytest.raises(KGError, match="unknown SHACL engine"):
        validate_triples(_mapped().all_triples, engine="jena")


def test_a_very_large_graph_goes_to_pyshacl(monkeypatch):
    """Turbo slows steeply on long author lists: above the cap pySHACL validates instead."""
    import kg.validate as validate_module

    def refuse(*_args):
        raise AssertionError("turbo was asked to validate a graph above the cap")

    monkeypatch.setattr(validate_module, "TURBO_MAX_TRIPLES", 10)
    monkeypatch.setattr(validate_module, "run_turbo", refuse)
    assert validate_triples(_mapped().all_triples, engine="turbo").issues == []
