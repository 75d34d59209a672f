from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import URIRef

from kg.analysis.conflicts import central_mechanisms, find_communities, find_conflicts
from kg.analysis.discover import discover_links
from kg.analysis.iris import ANALYSIS_GRAPH, mint_result_iri, mint_run_iri, owned_by_run
from kg.analysis.paths import find_paths
from kg.analysis.project import build_projection
from kg.analysis.related import RelatedIndex, related_articles
from kg.analysis.writeback import (
    AnalysisRun,
    central_triples,
    community_triples,
    conflict_triples,
    hidden_link_triples,
    path_triples,
    related_triples,
    write_run,
)
from kg.errors import UnsafeIRIError
from kg.query import bind_params, load_query
from kg.rdf.namespaces import EKG, PROV, RDF
from kg.validate import validate_file, validate_store
from tests.analysis.world import CRPS, KETAMINE, SEED, Spec, article, build_store, ketamine_specs

COUNT_LINKS = """PREFIX ekg: <https://w3id.org/evidence-kg/ontology#>
SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?link a ekg:RelatedArticleLink } }"""


@pytest.fixture
def world():
    store = build_store(ketamine_specs())
    p = build_projection(store)
    return store, p


def _write_related(store, p, k):
    seed = article(SEED)
    rows = related_articles(RelatedIndex(p), seed, k, store)
    run = AnalysisRun("related-articles/weighted-adamic-adar", {"article": seed, "k": k})
    write_run(store, run, related_triples(run.iri, seed, rows))
    return run, rows


def test_related_results_are_visible_to_the_catalogue_query(world):
    store, p = world
    _, rows = _write_related(store, p, 3)
    q = load_query("analysis-related-articles")
    result = store.query(q.text, bind_params(q, {"article": article(SEED)}))
    got = result.dicts()
    assert [str(r["related"]) for r in got] == [r.article for r in rows]
    assert [int(r["rank"]) for r in got] == [1, 2, 3]
    assert got[0]["title"] is not None and "intervention: Ketamine" in str(got[0]["reasons"])


def test_rerunning_replaces_instead_of_duplicating(world):
    store, p = world
    run, _ = _write_related(store, p, 3)
    _write_related(store, p, 2)  # other parameters: another run, kept
    before = store.count(ANALYSIS_GRAPH)
    again, _ = _write_related(store, p, 3)
    assert again.iri == run.iri
    assert store.count(ANALYSIS_GRAPH) == before
    assert int(store.query(COUNT_LINKS).rows[0][0]) == 5
    started = [o for s, pr, o in store.graph_triples(ANALYSIS_GRAPH)
               if s == run.iri and pr == PROV.startedAtTime]
    assert len(started) == 1  # one run node, with its latest time


def test_run_carries_prov_method_parameters_and_time(world):
    store, p = world
    run, _ = _write_related(store, p, 3)
    triples = set(store.graph_triples(ANALYSIS_GRAPH))
    assert (run.iri, RDF.type, EKG.AnalysisRun) in triples
    assert (run.iri, RDF.type, PROV.Activity) in triples
    props = {pr for s, pr, _ in triples if s == run.iri}
    assert {EKG.analysisMethod, EKG.analysisParameters, PROV.startedAtTime, PROV.endedAtTime,
            PROV.wasAssociatedWith} <= props
    generated = {s for s, pr, o in triples if pr == PROV.wasGeneratedBy and o == run.iri}
    assert len(generated) == 3 and all(owned_by_run(s, run.iri) for s in generated)


def _write_every_kind(store, p):
    runs = {
        "paths": (find_paths(p, KETAMINE, CRPS).paths, path_triples),
        "hidden": (discover_links(p, KETAMINE), hidden_link_triples),
        "conflicts": (find_conflicts(p), conflict_triples),
        "communities": (find_communities(p), community_triples),
        "central": (central_mechanisms(p), central_triples),
    }
    for name, (results, to_triples) in runs.items():
        assert results, name
        run = AnalysisRun(name, {})
        write_run(store, run, to_triples(run.iri, results))
    _write_related(store, p, 5)


def _world_with_a_conflict():
    against = Spec("10.1/against", 2021, "rct", ((KETAMINE, "intervention"), (CRPS, "condition")),
                   ((KETAMINE, "treats", CRPS, "refutes"),), (("Sceptic", "S"),))
    return build_store([*ketamine_specs(), against])


def test_every_result_kind_writes_and_queries():
    store = _world_with_a_conflict()
    _write_every_kind(store, build_projection(store))
    q = load_query("analysis-mechanism-paths")
    rows = store.query(q.text, bind_params(q, {"source": "mesh:D007649",
                                              "target": "mesh:D020918"})).dicts()
    assert [int(r["position"]) for r in rows][:3] == [1, 2, 3]
    assert rows[0]["hopFrom"] is not None and "acts-through" in str(rows[0]["relations"])
    q = load_query("analysis-hidden-links")
    assert store.query(q.text, bind_params(q, {"concept": "mesh:D007649"})).rows
    classes = {o for _, pr, o in store.graph_triples(ANALYSIS_GRAPH) if pr == RDF.type}
    assert {EKG.MechanismPath, EKG.PathHop, EKG.HiddenLink, EKG.LinkingTerm, EKG.Conflict,
            EKG.Community, EKG.CentralConcept} <= classes
    runs_q = load_query("analysis-runs")
    assert len(store.query(runs_q.text).rows) == 6


def test_analysis_results_never_break_validation(tmp_path):
    """Results point at claims, articles and concepts stated elsewhere; the analysis graph
    conforms on its own, in the store and in an export."""
    store = _world_with_a_conflict()
    before = {i.key for i in validate_store(store).issues}
    _write_every_kind(store, build_projection(store))
    assert len(list(store.graph_triples(ANALYSIS_GRAPH))) > 100
    after = validate_store(store).issues
    assert [i for i in after if i.graph == str(ANALYSIS_GRAPH)] == []
    assert {i.key for i in after} == before
    export = tmp_path / "graph.nq"
    store.native.dump(str(export), ox.RdfFormat.N_QUADS)
    exported = validate_file(export).issues
    assert [i for i in exported if i.graph == str(ANALYSIS_GRAPH)] == []


def test_result_iris_are_content_hashes_owned_by_their_run():
    run = mint_run_iri("m", {"b": 1, "a": 2})
    assert run == mint_run_iri("m", {"a": 2, "b": 1})  # parameter order does not matter
    assert run != mint_run_iri("m", {"a": 2, "b": 2})
    node = mint_result_iri(run, "related", "x", "y")
    assert node == mint_result_iri(run, "related", "x", "y") and owned_by_run(node, run)
    assert not owned_by_run(mint_result_iri(mint_run_iri("m", {}), "related", "x"), run)
    with pytest.raises(UnsafeIRIError):
        mint_result_iri(run, "bad kind/../x")
    assert not owned_by_run(URIRef(str(run) + "0"), run)
