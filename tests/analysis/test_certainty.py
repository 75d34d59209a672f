"""Rolled-up certainty per claim, on hand-made findings and on a small store."""

from __future__ import annotations

import importlib
from dataclasses import replace

from rdflib import Literal, URIRef
from typer.testing import CliRunner

import kg.cli
from kg.analysis.certainty import (
    ClaimFindings,
    Finding,
    read_findings,
    roll_up,
    write_rolled_up_certainty,
)
from kg.cli import app
from kg.extract.model import Certainty, Extraction
from kg.pipeline import graph_writes
from kg.rdf.evidence import claim_iri_of
from kg.rdf.graphs import CERTAINTY_GRAPH, MESH_ACTIONS_GRAPH
from kg.rdf.mapping import BuildContext, map_record
from kg.rdf.namespaces import EKG, EKGR
from kg.store.oxigraph import OxigraphStore
from kg.validate import validate_store
from kg.vocab.locate import find_mesh_source
from tests.conftest import EXAMPLES
from tests.factories import CASE_REPORT, RCT, make_extraction, make_record

KEY = ("mesh:ketamine", "treats", "mesh:crps")
CTX = BuildContext("0.1.0", "fp", "2026-01-01T00:00:00+00:00")


def _claim(name: str, direction: str, *findings: Finding) -> ClaimFindings:
    return ClaimFindings(f"claim:{name}", KEY, direction, findings)


def _rct(ev: str, n: int | None = 200, *downgrades: str) -> Finding:
    return Finding(ev, "high", "randomised-controlled-trial", n, frozenset(downgrades))


def _case(ev: str) -> Finding:
    return Finding(ev, "very-low", "case-report", 1)


def test_agreeing_trials_stay_high():
    [r] = roll_up([_claim("a", "supports", _rct("e1"), _rct("e2"))])
    assert r.certainty == "high"
    assert r.reason == "2 findings: randomised controlled trial ×2 (starting high) → high"


def test_one_trial_for_and_one_against_are_both_downgraded_for_inconsistency():
    rolled = roll_up([_claim("for", "supports", _rct("e1")),
                      _claim("against", "refutes", _rct("e2"))])
    by_claim = {r.claim: r for r in rolled}
    assert by_claim["claim:for"].certainty == "moderate"
    assert by_claim["claim:for"].reason == (
        "1 finding: randomised controlled trial (starting high); inconsistency: 1 refutes"
        " → moderate")
    assert by_claim["claim:against"].certainty == "moderate"
    assert "inconsistency: 1 supports" in by_claim["claim:against"].reason


def test_weaker_contradicting_evidence_is_not_inconsistency():
    rolled = roll_up([_claim("for", "supports", _rct("e1")),
                      _claim("against", "refutes", _case("e2"))])
    by_claim = {r.claim: r for r in rolled}
    assert by_claim["claim:for"].certainty == "high"
    assert by_claim["claim:against"].certainty == "very-low"
    assert "inconsistency: 1 supports" in by_claim["claim:against"].reason


def test_only_case_reports_are_very_low():
    [r] = roll_up([_claim("a", "supports", _case("e1"), _case("e2"), _case("e3"))])
    assert r.certainty == "very-low"
    assert r.reason.startswith("3 findings: case report ×3 (starting very low)")


def test_small_trials_together_are_imprecise():
    [r] = roll_up([_claim("a", "supports", _rct("e1", 30), _rct("e2", 40))])
    assert (r.certainty, r.reason.endswith("; imprecision → moderate")) == ("moderate", True)


def test_unknown_sample_size_is_not_called_imprecise():
    [r] = roll_up([_claim("a", "supports", _rct("e1", 30), _rct("e2", None))])
    assert r.certainty == "high"


def test_only_downgrades_every_best_finding_shares_count():
    shared = roll_up([_claim("a", "supports", _rct("e1", 200, "no-blinding"),
                             _rct("e2", 300, "no-blinding", "surrogate-outcome"))])
    assert shared[0].certainty == "moderate" and "; no blinding" in shared[0].reason
    one = roll_up([_claim("a", "supports", _rct("e1", 200, "no-blinding"), _rct("e2", 300))])
    assert one[0].certainty == "high"


def test_best_design_sets_the_start_and_weaker_findings_are_counted():
    [r] = roll_up([_claim("a", "supports", _rct("e1"), _case("e2"))])
    assert r.certainty == "high"
    assert r.reason.startswith("2 findings: case report, randomised controlled trial (starting")


def test_claims_without_findings_get_nothing():
    assert roll_up([_claim("a", "unstated")]) == []


# --- over a store ------------------------------------------------------------------------------

def _store_with(*extractions: tuple[str, Extraction]) -> OxigraphStore:
    store = OxigraphStore(None)
    mapped = [map_record(make_record(doi, path=f"{doi}.txt"), ex, CTX) for doi, ex in extractions]
    store.put_graphs(graph_writes(mapped))
    return store


def _trial(direction: str = "supports", kind: str = "finding") -> Extraction:
    ex = make_extraction(RCT)
    claim = ex.claims[0]
    ev = replace(claim.evidence[0], n=250, kind=kind, role="results",
                 certainty=Certainty("high") if kind == "finding" else None)
    return replace(ex, claims=(replace(claim, direction=direction, evidence=(ev,)),))


def _rated(store: OxigraphStore) -> dict[URIRef, tuple[str, str]]:
    triples = list(store.graph_triples(CERTAINTY_GRAPH))
    grades = {s: str(o).rsplit("/", 1)[-1] for s, p, o in triples if p == EKG.rolledUpCertainty}
    reasons = {s: str(o) for s, p, o in triples if p == EKG.certaintyReason}
    return {s: (g, reasons[s]) for s, g in grades.items()}


def test_store_roll_up_is_written_to_the_certainty_graph_and_validates():
    store = _store_with(("10.1000/a", _trial()), ("10.1000/b", _trial("refutes")),
                        ("10.1000/c", make_extraction(CASE_REPORT)))
    assert write_rolled_up_certainty(store) == 2
    supports = claim_iri_of(_trial().claims[0])
    refutes = claim_iri_of(_trial("refutes").claims[0])
    rated = _rated(store)
    assert rated[supports] == ("moderate", "2 findings: case report, randomised controlled trial "
                               "(starting high); inconsistency: 1 refutes → moderate")
    assert rated[refutes][0] == "moderate"
    assert validate_store(store).conforms, validate_store(store).violations


def test_rebuild_replaces_the_certainty_graph_whole():
    store = _store_with(("10.1000/a", _trial()), ("10.1000/b", _trial("refutes")))
    write_rolled_up_certainty(store)
    store.put_graphs(graph_writes([map_record(make_record("10.1000/b", path="10.1000/b.txt"),
                                              _trial(), CTX)]))
    write_rolled_up_certainty(store)
    rated = _rated(store)
    assert list(rated.values()) == [
        ("high", "2 findings: randomised controlled trial ×2 (starting high) → high")]


def test_cited_evidence_is_not_a_finding_and_rates_nothing():
    store = _store_with(("10.1000/a", _trial(kind="cited")))
    assert read_findings(store) == []
    assert write_rolled_up_certainty(store) == 0
    assert CERTAINTY_GRAPH not in store.named_graphs()


def test_retracted_sources_do_not_count():
    store = OxigraphStore(None)
    store.put_graphs(graph_writes([map_record(make_record(retracted=True), _trial(), CTX)]))
    assert write_rolled_up_certainty(store) == 0


def test_reason_is_a_plain_literal():
    store = _store_with(("10.1000/a", _trial()))
    write_rolled_up_certainty(store)
    reasons = [o for _s, p, o in store.graph_triples(CERTAINTY_GRAPH) if p == EKG.certaintyReason]
    assert reasons == [Literal("1 finding: randomised controlled trial (starting high) → high")]
    assert str(EKGR) in str(CERTAINTY_GRAPH)


# --- the build command ---------------------------------------------------------------------------

def test_build_of_the_examples_rates_claims_keeps_mesh_actions_and_validates(tmp_path):
    """``ekg build`` writes the certainty graph; a rebuild keeps the MeSH actions; ``ekg validate``
    exits 0 on the result."""
    for module in kg.cli._COMMAND_MODULES:
        importlib.import_module(module)
    runner = CliRunner()
    args = ["build", str(EXAMPLES), "--store", str(tmp_path / "s"), "--out", str(tmp_path / "o")]
    assert runner.invoke(app, args).exit_code == 0
    assert runner.invoke(app, args).exit_code == 0  # unchanged records: nothing rebuilt
    store = OxigraphStore(tmp_path / "s", read_only=True)
    rated = _rated(store)
    actions = [t for t in store.graph_triples(MESH_ACTIONS_GRAPH)
               if t[1] == EKG.hasPharmacologicalAction]
    store.close()
    assert rated and all(g in ("high", "moderate", "low", "very-low") for g, _r in rated.values())
    if find_mesh_source() is not None:  # pharmacological actions come from MeSH itself
        assert actions
    result = runner.invoke(app, ["validate", "--store", str(tmp_path / "s")])
    assert result.exit_code == 0, result.output
