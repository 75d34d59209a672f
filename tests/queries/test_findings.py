"""Catalogue queries count the articles' own findings and say what they left out.

The kinds graph (``kinds.trig``) has, for ketamine and CRPS, a title that only says what a trial
studied, two background sentences restating others' claims (one of help, one of harm), a
results finding of benefit and a results finding of no difference.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib.plugins.sparql.parser import parseQuery

from kg.query import apply_update, list_catalogue, load_query
from tests.queries.conftest import run, values
from tests.queries.kinds_graph import (
    CRPS,
    KETAMINE,
    NMDA_ANTAG,
    OPIOID_WITHDRAWAL,
    TRIAL,
    build_kinds_store,
)

TOUCHED = ("evidence-rollup", "evidence-for-condition", "evidence-for-intervention",
           "conflicting-claims", "counts-by-design", "counts-by-kind", "mechanisms-between",
           "articles-sharing-mechanism", "retracted-claims", "claim-table")


@pytest.fixture(scope="module")
def kinds_store():
    return build_kinds_store()


def _one(result) -> dict:
    (row,) = result.dicts()
    return {k: (v.toPython() if hasattr(v, "toPython") else v) for k, v in row.items()}


def test_rollup_counts_the_finding_and_reports_what_it_left_out(kinds_store):
    row = _one(run(kinds_store, load_query("evidence-rollup"), intervention="mesh:D007649"))
    assert (str(row["intervention"]), row["relation"], str(row["condition"])) == (
        KETAMINE, "treats", CRPS)
    assert (row["articles"], row["bestLevel"]) == (2, 2)
    assert (row["supporting"], row["refuting"], row["noDifference"]) == (1, 0, 1)
    assert (row["studiedForLeftOut"], row["citedLeftOut"], row["retracted"]) == (1, 2, 0)


def test_evidence_for_condition_and_intervention_count_findings_only(kinds_store):
    row = _one(run(kinds_store, load_query("evidence-for-condition"), condition="mesh:D020918"))
    assert (row["claims"], row["articles"], row["bestLevel"]) == (2, 2, 2)
    assert row["designs"] == "randomised-controlled-trial"
    assert (row["studiedForLeftOut"], row["citedLeftOut"]) == (1, 2)
    row = _one(run(kinds_store, load_query("evidence-for-intervention"),
                   intervention="mesh:D007649"))
    assert (row["supporting"], row["refuting"], row["noDifference"]) == (1, 0, 1)
    assert (row["studiedForLeftOut"], row["citedLeftOut"]) == (1, 2)


def test_a_claim_only_cited_takes_no_side_in_a_conflict(kinds_store):
    """Benefit against no difference (two findings) conflict; the cited harm does not."""
    row = _one(run(kinds_store, load_query("conflicting-claims")))
    assert row["contraryDirection"] == "no-difference"
    assert (row["supportingArticles"], row["contraryArticles"]) == (1, 1)
    assert (row["studiedForLeftOut"], row["citedLeftOut"]) == (1, 2)


def test_counts_by_design_counts_findings_with_their_starting_certainty(kinds_store):
    rows = {(str(d["design"]), d["level"].toPython(), str(d["startingCertainty"])):
            d["findings"].toPython()
            for d in run(kinds_store, load_query("counts-by-design")).dicts()}
    assert rows == {("randomised-controlled-trial", 2, "high"): 2,
                    ("narrative-review", 5, "low"): 1}


def test_counts_by_kind_says_how_much_is_not_a_finding(kinds_store):
    rows = {(str(d["kind"]), str(d["role"])): d["evidence"].toPython()
            for d in run(kinds_store, load_query("counts-by-kind")).dicts()}
    assert rows == {("finding", "results"): 2, ("finding", "conclusions"): 1,
                    ("studied-for", "title"): 1, ("cited", "background"): 3}


def test_a_mechanism_leg_only_cited_makes_no_path(kinds_store):
    """The review restates that the drug blocks the receptor (cited): no finding, no leg."""
    q = load_query("mechanisms-between")
    assert run(kinds_store, q, intervention="mesh:D007649",
               condition="ekgr:concept/opioid-withdrawal").rows == []
    claims = values(run(kinds_store, load_query("claim-table"), subject=NMDA_ANTAG), "object")
    assert claims == [OPIOID_WITHDRAWAL]


def test_retracted_claims_count_remaining_findings_and_cited_apart():
    store = build_kinds_store()
    assert apply_update(store, load_query("mark-retracted"), {"article": TRIAL}) > 0
    rows = {str(d["claimLabel"]): d for d in run(store, load_query("retracted-claims")).dicts()}
    helps = rows["Ketamine treats Complex Regional Pain Syndromes"]
    assert str(helps["article"]) == TRIAL
    assert (helps["remainingFindings"].toPython(), helps["citedLeftOut"].toPython()) == (0, 0)
    assert "Ketamine studied for Complex Regional Pain Syndromes" not in rows  # not a finding


def test_claim_table_lists_every_kind_with_findings_first(kinds_store):
    result = run(kinds_store, load_query("claim-table"), subject="mesh:D007649",
                 object="mesh:D020918")
    kinds = values(result, "kind")
    assert kinds[:2] == ["finding", "finding"]
    assert sorted(kinds[2:]) == ["cited", "cited", "studied-for"]
    first = result.dicts()[0]
    assert (str(first["direction"]), str(first["sentenceRole"])) == ("no-difference", "results")
    assert (str(first["startingCertainty"]), str(first["rolledUpCertainty"])) == ("high", "low")


@pytest.mark.parametrize("name", TOUCHED)
def test_catalogue_queries_are_standard_sparql(name):
    """rdflib's parser knows SPARQL 1.1 only (no LATERAL, no Oxigraph extensions)."""
    parseQuery(load_query(name).text)


def test_no_catalogue_query_uses_lateral():
    for q in list_catalogue():
        assert "LATERAL" not in Path(q.path).read_text(encoding="utf-8").upper(), q.name


def test_qc_finds_a_graded_statement_that_is_not_a_finding():
    store = build_kinds_store()
    q = load_query("qc/graded-statement-not-a-finding")
    assert store.query(q.text).rows == []
    store.native.update(
        "PREFIX ekg: <https://w3id.org/evidence-kg/ontology#> INSERT DATA { GRAPH "
        "<https://w3id.org/evidence-kg/id/graph/curation> { "
        "<https://w3id.org/evidence-kg/id/evidence/trial-title> ekg:ocebmLevel 2 } }")
    (row,) = store.query(q.text).dicts()
    assert str(row["focus"]).endswith("/trial-title") and str(row["path"]).endswith("ocebmLevel")


@pytest.mark.parametrize("given", [{}, {"intervention": "mesh:D007649",
                                        "condition": "ekgr:concept/opioid-withdrawal"}])
def test_mechanisms_between_answers_the_same_on_rdflib(given):
    """Standard SPARQL 1.1: rdflib's own engine finds what Oxigraph finds."""
    import pyoxigraph as ox
    from rdflib import Dataset

    from kg.query import bind_params
    from tests.queries.example_graph import build_example_store

    store = build_example_store()
    dataset = Dataset(default_union=True)
    dataset.parse(data=store.native.dump(format=ox.RdfFormat.N_QUADS).decode(), format="nquads")
    q = load_query("mechanisms-between")
    bindings = bind_params(q, given)
    theirs = sorted(tuple(map(str, row)) for row in dataset.query(q.text, initBindings=bindings))
    ours = sorted(tuple(map(str, row)) for row in store.query(q.text, bindings).rows)
    assert ours and theirs == ours
