from __future__ import annotations

import numpy as np
import pytest

from kg.analysis.project import build_projection
from tests.analysis.world import (
    CRPS,
    KETAMINE,
    NMDA_RECEPTOR,
    SEED,
    SIGTERMANS,
    WITHDRAWAL,
    Spec,
    article,
    build_store,
    ketamine_specs,
    ketamine_world,
)


@pytest.fixture(scope="module")
def projection():
    return build_projection(ketamine_world())


def test_bipartite_counts_mentions_with_role_and_rarity(projection):
    g = projection.bipartite
    seed = article(SEED)
    assert g.nodes[seed]["kind"] == "article" and g.nodes[KETAMINE]["kind"] == "concept"
    assert g.edges[seed, KETAMINE]["count"] == 2  # the seed mentions ketamine twice
    assert g.edges[seed, KETAMINE]["role"] == "intervention"
    assert g.edges[seed, CRPS]["count"] == 1
    # CRPS is in 4 of 8 articles, ketamine in 3: ketamine is the rarer concept
    assert g.nodes[CRPS]["df"] == 4 and g.nodes[KETAMINE]["df"] == 3
    assert g.nodes[KETAMINE]["idf"] > g.nodes[CRPS]["idf"] > 0
    assert g.number_of_edges() == projection.mentions.nnz


def test_claim_graph_edges_carry_relation_level_and_articles(projection):
    edges = [e for _, _, e in projection.claims.edges(data="edge")
             if e.subject == KETAMINE and e.object == NMDA_RECEPTOR]
    assert len(edges) == 1
    edge = edges[0]
    assert edge.relation == "acts-through" and edge.direction == "supports"
    assert edge.level == 2  # best of the case report (4) and the trial (2)
    assert len(edge.articles) == 2 and article(SEED) in edge.articles


def test_people_are_matched_across_articles_by_name(projection):
    g = projection.coauthorship
    assert "viscusi|er" in g  # on the seed and on one trial: one person node
    assert g.edges["ocker|ac", "viscusi|er"]["weight"] == 1
    assert g.edges["schwartzman|rj", "viscusi|er"]["weight"] == 1
    col = projection.persons.index("viscusi|er")
    assert projection.authorship[:, [col]].sum() == 2


def test_retracted_evidence_is_left_out_of_claim_graph():
    specs = ketamine_specs()
    specs[1].retracted = True  # one of the two trials stating ketamine treats CRPS
    p = build_projection(build_store(specs))
    treats = [e for _, _, e in p.claims.edges(data="edge")
              if e.subject == KETAMINE and e.object == CRPS]
    assert len(treats) == 1
    assert article(SIGTERMANS) not in treats[0].articles
    assert article(SIGTERMANS) in treats[0].retracted_articles
    assert p.retracted[p.article_index[article(SIGTERMANS)]]


def test_claim_only_supported_by_retracted_articles_is_dropped():
    specs = [Spec("10.1/a", 2001, mentions=((KETAMINE, "intervention"),),
                  claims=((KETAMINE, "treats", WITHDRAWAL, "supports"),), retracted=True),
             Spec("10.1/b", 2002, mentions=((KETAMINE, "intervention"),))]
    p = build_projection(build_store(specs))
    assert p.claims.number_of_edges() == 0 and p.dropped_claims == 1


def test_time_slice_keeps_only_earlier_articles_and_their_evidence():
    p = build_projection(ketamine_world(), before_year=2010)
    years = set(p.years.tolist())
    assert years and max(years) < 2010
    assert article(SEED) not in p.article_index
    nmda = [e for _, _, e in p.claims.edges(data="edge")
            if e.subject == KETAMINE and e.object == NMDA_RECEPTOR]
    assert [len(e.articles) for e in nmda] == [1]  # the 2020 case report is gone
    assert p.claim_support.shape == (len(p.articles), len(p.claim_ids))


def test_citations_are_projected_between_articles_in_the_graph():
    specs = [Spec("10.1/a", 2001, cites=("10.1/b", "10.1/not-in-graph")), Spec("10.1/b", 2000)]
    p = build_projection(build_store(specs))
    a, b = p.article_index[article("10.1/a")], p.article_index[article("10.1/b")]
    assert p.cites.nnz == 1 and p.cites[a, b] == 1


def test_comention_matrix_counts_shared_articles(projection):
    i, j = projection.concept_index[KETAMINE], projection.concept_index[CRPS]
    assert projection.comention[i, j] == 3
    assert np.all(projection.comention.diagonal() == 0)
