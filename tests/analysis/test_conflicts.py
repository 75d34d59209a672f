from __future__ import annotations

import pytest

from kg.analysis.conflicts import (
    central_mechanisms,
    concept_graph,
    find_communities,
    find_conflicts,
)
from kg.analysis.project import build_projection
from tests.analysis.world import (
    BACK_PAIN,
    CBT,
    CRPS,
    KETAMINE,
    MINDFULNESS,
    NMDA_RECEPTOR,
    Spec,
    article,
    build_store,
    ketamine_specs,
    ketamine_world,
)
from tests.queries.kinds_graph import NULL, TRIAL, build_kinds_store


def _specs_with(*extra: Spec) -> list[Spec]:
    return [*ketamine_specs(), *extra]


def test_opposite_directions_for_one_pair_are_a_conflict():
    against = Spec("10.1/against", 2021, "rct", ((KETAMINE, "intervention"), (CRPS, "condition")),
                   ((KETAMINE, "treats", CRPS, "refutes"),), (("Sceptic", "S"),))
    conflicts = find_conflicts(build_projection(build_store(_specs_with(against))))
    assert len(conflicts) == 1
    c = conflicts[0]
    assert (c.subject, c.object, c.family) == (KETAMINE, CRPS, "effect")
    assert [s.direction for s in c.stances] == ["supports", "refutes"]
    assert c.stances[1].articles == (article("10.1/against"),)
    assert len(c.stances[0].articles) == 2 and c.weight == 1


def test_no_effect_claim_conflicts_with_a_supported_effect():
    null = Spec("10.1/null", 2021, "rct", ((KETAMINE, "intervention"), (CRPS, "condition")),
                ((KETAMINE, "no_effect", CRPS, "supports"),), (("Null", "N"),))
    conflicts = find_conflicts(build_projection(build_store(_specs_with(null))))
    assert [(c.subject, c.object) for c in conflicts] == [(KETAMINE, CRPS)]
    assert {s.sign for s in conflicts[0].stances} == {1, 0}


def test_agreeing_claims_and_retracted_dissent_are_not_conflicts():
    assert find_conflicts(build_projection(ketamine_world())) == []
    against = Spec("10.1/against", 2021, "rct", ((KETAMINE, "intervention"), (CRPS, "condition")),
                   ((KETAMINE, "treats", CRPS, "refutes"),), (("Sceptic", "S"),),
                   retracted=True)
    assert find_conflicts(build_projection(build_store(_specs_with(against)))) == []


def test_mechanism_claims_conflict_only_within_their_relation():
    against = Spec("10.1/against", 2021, "rct", ((KETAMINE, "intervention"),),
                   ((KETAMINE, "acts_through", NMDA_RECEPTOR, "refutes"),), (("Sceptic", "S"),))
    conflicts = find_conflicts(build_projection(build_store(_specs_with(against))))
    assert [(c.subject, c.object, c.family) for c in conflicts] == [
        (KETAMINE, NMDA_RECEPTOR, "acts-through")]


@pytest.fixture(scope="module")
def projection():
    return build_projection(ketamine_world())


def test_louvain_separates_the_ketamine_and_back_pain_clusters(projection):
    communities = find_communities(projection, seed=7)
    assert communities == find_communities(projection, seed=7)  # seeded: reruns agree
    by_member = {m: c.rank for c in communities for m in c.members}
    assert by_member[KETAMINE] == by_member[CRPS] == by_member[NMDA_RECEPTOR]
    assert by_member[CBT] == by_member[BACK_PAIN] == by_member[MINDFULNESS]
    assert by_member[KETAMINE] != by_member[BACK_PAIN]
    top = communities[by_member[KETAMINE] - 1].top
    assert top[0][0] in (NMDA_RECEPTOR, KETAMINE, CRPS)


def test_concept_graph_weighs_claims_by_articles(projection):
    g = concept_graph(projection, comention_weight=0.0)
    assert g.edges[KETAMINE, CRPS]["weight"] == 2  # two trials state ketamine treats CRPS


def test_nmda_receptors_are_the_central_mechanism(projection):
    ranked = central_mechanisms(projection)
    assert ranked[0].concept == NMDA_RECEPTOR and ranked[0].rank == 1
    assert ranked[0].betweenness > 0
    assert all(projection.role(c.concept) == "mechanism" for c in ranked)


def test_cited_statements_take_no_side():
    """Benefit (a finding) against no difference (a finding) conflict; the background sentence
    restating a report of harm (cited) is no stance, and the trial's title no claim at all."""
    p = build_projection(build_kinds_store())
    (conflict,) = find_conflicts(p)
    assert (conflict.subject, conflict.object, conflict.family) == (KETAMINE, CRPS, "effect")
    assert [(s.direction, s.articles) for s in conflict.stances] == [
        ("supports", (TRIAL,)), ("no-difference", (NULL,))]
    assert {e.relation for _, _, e in p.claims.edges(data="edge")} == {"treats", "implicated-in"}
