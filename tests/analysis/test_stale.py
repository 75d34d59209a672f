"""Analysis runs a later build outdated are marked, once, and a fresh run clears the mark."""

from __future__ import annotations

from rdflib import Literal, URIRef

from kg.analysis.iris import ANALYSIS_GRAPH
from kg.analysis.stale import mark_stale
from kg.analysis.writeback import AnalysisRun, write_run
from kg.rdf.namespaces import EKG
from kg.store.memory import MemoryStore


def _stale_runs(store: MemoryStore) -> dict[URIRef, object]:
    return {s: o for s, p, o in store.graph_triples(ANALYSIS_GRAPH) if p == EKG.staleSince}


def _result(run: AnalysisRun) -> list:
    return [(URIRef(f"{run.iri}/r1"), EKG.rank, Literal(1))]


def test_each_run_is_marked_once_with_the_first_build_that_outdated_it():
    store = MemoryStore()
    first = AnalysisRun("related-articles", {"article": "a"})
    write_run(store, first, _result(first))
    assert mark_stale(store, "2026-01-01T00:00:00+00:00") == 1
    assert mark_stale(store, "2026-02-01T00:00:00+00:00") == 0
    assert str(_stale_runs(store)[first.iri]).startswith("2026-01-01")
    assert (URIRef(f"{first.iri}/r1"), EKG.rank, Literal(1)) in set(
        store.graph_triples(ANALYSIS_GRAPH))  # results stay, marked


def test_running_the_analysis_again_clears_its_mark_only():
    store = MemoryStore()
    one, two = AnalysisRun("related-articles", {"article": "a"}), AnalysisRun("paths", {"x": 1})
    write_run(store, one, _result(one))
    write_run(store, two, _result(two))
    mark_stale(store)
    write_run(store, one, _result(one))
    assert set(_stale_runs(store)) == {two.iri}


def test_no_runs_nothing_marked():
    assert mark_stale(MemoryStore()) == 0
