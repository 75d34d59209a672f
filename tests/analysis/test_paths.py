from __future__ import annotations

import io

import pytest
from rich.console import Console

from kg.analysis.paths import VOCABULARY_RELATION, find_paths, hop_strength, support_graph
from kg.analysis.project import build_projection
from kg.analysis.report import paths_json, paths_table
from tests.analysis.world import (
    CRPS,
    KETAMINE,
    NMDA_ANTAGONISTS,
    NMDA_RECEPTOR,
    SCHWARTZMAN,
    SEED,
    SENSITIZATION,
    TRUJILLO,
    WITHDRAWAL,
    WOOLF,
    Spec,
    article,
    build_store,
    ketamine_world,
)
from tests.queries.kinds_graph import NMDA_ANTAG as K_NMDA_ANTAG
from tests.queries.kinds_graph import OPIOID_WITHDRAWAL as K_OPIOID_WITHDRAWAL
from tests.queries.kinds_graph import REVIEW as K_REVIEW
from tests.queries.kinds_graph import TRIAL as K_TRIAL
from tests.queries.kinds_graph import build_kinds_store


@pytest.fixture(scope="module")
def projection():
    return build_projection(ketamine_world())


def test_ketamine_to_crps_goes_through_nmda_receptors_with_supporting_articles(projection):
    search = find_paths(projection, KETAMINE, CRPS)
    assert search.paths, "no path found"
    best = search.paths[0]
    assert best.nodes == (KETAMINE, NMDA_RECEPTOR, SENSITIZATION, CRPS)
    first, *_, last = best.hops
    assert first.relations == ("acts-through",) and first.level == 2
    assert set(first.articles) == {article(SEED), article(SCHWARTZMAN)}
    assert last.articles == (article(WOOLF),)
    assert search.dwpc == pytest.approx(sum(p.score for p in search.paths))


def test_ketamine_to_opioid_withdrawal_is_found_with_its_review(projection):
    search = find_paths(projection, KETAMINE, WITHDRAWAL)
    assert [p.nodes for p in search.paths] == [(KETAMINE, NMDA_RECEPTOR, WITHDRAWAL)]
    hop = search.paths[0].hops[1]
    assert hop.relations == ("implicated-in",)
    assert set(hop.articles) == {article(SEED), article(TRUJILLO)}
    assert hop.level == 4


def test_direct_claims_are_not_mechanism_paths_unless_asked(projection):
    assert all(len(p.hops) >= 2 for p in find_paths(projection, KETAMINE, CRPS).paths)
    direct = find_paths(projection, KETAMINE, CRPS, min_hops=1, max_hops=1)
    assert [p.nodes for p in direct.paths] == [(KETAMINE, CRPS)]
    assert direct.paths[0].hops[0].level == 2


def test_unknown_or_unconnected_concepts_give_no_paths(projection):
    assert find_paths(projection, CRPS, KETAMINE).paths == ()  # claims point the other way
    assert find_paths(projection, "http://example.org/none", CRPS).paths == ()


def _two_route_world(retract_strong: bool = False):
    i, m, c = "intervention", "mechanism", "condition"
    strong_a, strong_b = NMDA_RECEPTOR, SENSITIZATION
    weak = NMDA_ANTAGONISTS
    specs = [Spec(f"10.1/strong{n}", 2010, "rct", ((KETAMINE, i), (strong_a, m), (CRPS, c)),
                  ((KETAMINE, "acts_through", strong_a, "supports"),
                   (strong_a, "implicated_in", CRPS, "supports")),
                  ((f"Strong{n}", "S"),), retracted=retract_strong and n == 0)
             for n in range(3)]
    specs.append(Spec("10.1/weak", 2010, "case", ((KETAMINE, i), (weak, m), (CRPS, c)),
                      ((KETAMINE, "acts_through", weak, "supports"),
                       (weak, "implicated_in", CRPS, "supports")), (("Weak", "W"),)))
    specs.append(Spec("10.1/refuted", 2010, "rct", ((KETAMINE, i), (strong_b, m), (CRPS, c)),
                      ((KETAMINE, "acts_through", strong_b, "refutes"),
                       (strong_b, "implicated_in", CRPS, "supports")), (("Other", "O"),)))
    return build_projection(build_store(specs))


def test_strong_multiply_supported_route_beats_a_weak_single_one():
    p = _two_route_world()
    search = find_paths(p, KETAMINE, CRPS)
    assert [path.nodes[1] for path in search.paths] == [NMDA_RECEPTOR, NMDA_ANTAGONISTS]
    assert search.paths[0].score > search.paths[1].score
    assert len(search.paths[0].hops[0].articles) == 3
    # a refuted hop is not a route
    assert all(SENSITIZATION not in path.nodes for path in search.paths)


def test_retracted_article_no_longer_supports_a_hop():
    p = _two_route_world(retract_strong=True)
    hop = support_graph(p).edges[KETAMINE, NMDA_RECEPTOR]["hop"]
    assert len(hop.articles) == 2 and article("10.1/strong0") not in hop.articles


def test_hop_strength_prefers_better_levels_and_more_articles():
    assert hop_strength(1, 1) > hop_strength(4, 1)
    assert hop_strength(4, 3) > hop_strength(4, 1)
    assert hop_strength(None, 1) == hop_strength(5, 1)


def test_search_is_bounded():
    p = _two_route_world()
    search = find_paths(p, KETAMINE, CRPS, limit=1)
    assert search.considered == 1 and search.truncated


@pytest.fixture(scope="module")
def kinds():
    return build_projection(build_kinds_store())


def test_a_claim_only_cited_is_no_hop_and_findings_grade_the_rest(kinds):
    """The review restates that ketamine blocks the receptor (cited): no acts-through hop."""
    g = support_graph(kinds)
    assert not any(h.kind == "claim" and "acts-through" in h.relations
                   for _, _, h in g.edges(data="hop"))
    hop = g.edges[K_NMDA_ANTAG, K_OPIOID_WITHDRAWAL]["hop"]
    assert (hop.level, hop.articles) == (5, (K_REVIEW,))
    assert g.edges[KETAMINE, CRPS]["hop"].articles == (K_TRIAL,)  # not the null trial's


def test_ketamine_reaches_opioid_withdrawal_through_its_mesh_pharmacological_action(kinds):
    search = find_paths(kinds, KETAMINE, K_OPIOID_WITHDRAWAL)
    best = search.paths[0]
    assert best.nodes == (KETAMINE, NMDA_ANTAGONISTS, K_NMDA_ANTAG, K_OPIOID_WITHDRAWAL)
    first = best.hops[0]
    assert (first.kind, first.relations, first.level, first.articles) == (
        "vocabulary", (VOCABULARY_RELATION,), None, ())
    assert [h.kind for h in best.hops] == ["vocabulary", "bridge", "claim"]


def test_a_vocabulary_hop_is_shown_as_such(kinds):
    search = find_paths(kinds, KETAMINE, K_OPIOID_WITHDRAWAL)
    hop = paths_json(kinds, search)["paths"][0]["hops"][0]
    assert (hop["kind"], hop["relations"], hop["best_level"]) == (
        "vocabulary", (VOCABULARY_RELATION,), None)
    console = Console(file=io.StringIO(), width=300, color_system=None)
    console.print(paths_table(kinds, search))
    text = console.file.getvalue()
    assert "MeSH pharmacological action (vocabulary, no level)" in text
