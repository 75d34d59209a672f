"""Vocabulary matches as bridges, and co-mention hops for graphs whose extraction missed a claim."""

from __future__ import annotations

import pytest

from kg.analysis.discover import discover_links
from kg.analysis.paths import find_paths, support_graph
from kg.analysis.project import build_projection
from tests.analysis.world import (
    CRPS,
    KETAMINE,
    NMDA_RECEPTOR,
    WITHDRAWAL,
    Spec,
    article,
    build_store,
)

ANTAGONISM = "https://w3id.org/evidence-kg/id/concept/nmda-receptor-antagonism"
OPIOID_WITHDRAWAL = "https://w3id.org/evidence-kg/id/concept/opioid-withdrawal"
OVERLAY = """@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<https://w3id.org/evidence-kg/id/concept/nmda-receptor-antagonism>
    skos:closeMatch <http://id.nlm.nih.gov/mesh/D016194> .
<https://w3id.org/evidence-kg/id/concept/opioid-withdrawal>
    skos:closeMatch <http://id.nlm.nih.gov/mesh/D013375> .
"""
LABEL = {ANTAGONISM: "NMDA-receptor antagonism", OPIOID_WITHDRAWAL: "opioid withdrawal"}


@pytest.fixture
def overlay(tmp_path):
    (tmp_path / "domain.ttl").write_text(OVERLAY, encoding="utf-8")
    return tmp_path


@pytest.fixture
def empty(tmp_path_factory):
    return tmp_path_factory.mktemp("empty")


def _store():
    i, m, c = "intervention", "mechanism", "condition"
    return build_store([
        Spec("10.2/trial", 2009, "rct", ((KETAMINE, i), (ANTAGONISM, m), (CRPS, c)),
             ((KETAMINE, "acts_through", ANTAGONISM, "supports"),), (("A", "A"),), label=LABEL),
        Spec("10.2/case", 2020, "case", ((KETAMINE, i), (ANTAGONISM, m), (CRPS, c),
                                         (OPIOID_WITHDRAWAL, c), (NMDA_RECEPTOR, m)),
             (), (("B", "B"),), label=LABEL),
        Spec("10.2/review", 2002, "review", ((NMDA_RECEPTOR, m), (WITHDRAWAL, c)),
             ((NMDA_RECEPTOR, "implicated_in", WITHDRAWAL, "supports"),), (("C", "C"),),
             label=LABEL),
    ])


def test_a_vocabulary_match_bridges_two_claims(overlay, empty):
    store = _store()
    assert find_paths(build_projection(store, overlay=empty), KETAMINE, WITHDRAWAL).paths == ()
    p = build_projection(store, overlay=overlay)
    assert (ANTAGONISM, NMDA_RECEPTOR, "close-match") in p.matches
    search = find_paths(p, KETAMINE, WITHDRAWAL)
    best = search.paths[0]
    assert best.nodes == (KETAMINE, ANTAGONISM, NMDA_RECEPTOR, WITHDRAWAL)
    assert [h.kind for h in best.hops] == ["claim", "bridge", "claim"]
    assert best.hops[1].articles == () and best.hops[1].relations == ("close-match",)
    assert best.hops[0].articles == (article("10.2/trial"),)
    assert best.hops[2].articles == (article("10.2/review"),)


def test_bridges_do_not_count_as_hops(overlay):
    p = build_projection(_store(), overlay=overlay)
    assert find_paths(p, KETAMINE, WITHDRAWAL, max_hops=2).paths  # 2 claims + 1 bridge
    assert not find_paths(p, KETAMINE, WITHDRAWAL, min_hops=3).paths


def test_co_mentions_are_opt_in_and_weaker_than_claims(empty):
    p = build_projection(_store(), overlay=empty)
    assert find_paths(p, KETAMINE, CRPS).paths == ()
    search = find_paths(p, KETAMINE, CRPS, co_mentions=True)
    assert [path.nodes for path in search.paths] == [(KETAMINE, ANTAGONISM, CRPS)]
    claim, co = search.paths[0].hops
    assert co.kind == "co-mention" and co.relations == ("co-mentioned",)
    assert set(co.articles) == {article("10.2/trial"), article("10.2/case")}
    assert co.strength < claim.strength
    assert not support_graph(p).has_edge(ANTAGONISM, CRPS)


def test_a_synonym_of_a_stated_concept_is_not_a_hidden_link(overlay, empty):
    store = _store()
    plain = {link.target for link in discover_links(build_projection(store, overlay=empty),
                                                    KETAMINE, k=20)}
    assert WITHDRAWAL in plain  # reached through NMDA receptors, never stated with ketamine
    bridged = {link.target for link in discover_links(build_projection(store, overlay=overlay),
                                                      KETAMINE, k=20)}
    assert WITHDRAWAL not in bridged  # it is the MeSH match of "opioid withdrawal", stated
