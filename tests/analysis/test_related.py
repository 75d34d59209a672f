from __future__ import annotations

import pytest

from kg.analysis.project import build_projection
from kg.analysis.related import RelatedIndex, related_articles, related_articles_local
from kg.analysis.resolve import AnalysisError, resolve_article
from kg.pipeline import graph_writes
from kg.rdf.mapping import map_record
from kg.store.oxigraph import OxigraphStore
from tests.analysis.world import (
    ASPIRIN_TRIAL,
    CHERKIN,
    CTX,
    HEADACHE_COHORT,
    KETAMINE,
    SCHWARTZMAN,
    SEED,
    SIGTERMANS,
    TRUJILLO,
    Spec,
    article,
    build_store,
    ketamine_specs,
    ketamine_world,
)
from tests.factories import make_extraction, make_record


@pytest.fixture(scope="module")
def world():
    store = ketamine_world()
    p = build_projection(store)
    return store, p, RelatedIndex(p)


def test_ketamine_for_crps_trials_rank_above_unrelated_articles(world):
    store, _, index = world
    rows = related_articles(index, article(SEED), k=10, store=store)
    rank = {r.article: r.rank for r in rows}
    for trial in (SIGTERMANS, SCHWARTZMAN):
        for other in (CHERKIN, ASPIRIN_TRIAL, HEADACHE_COHORT):
            assert rank[article(trial)] < rank.get(article(other), 99)
    assert article(ASPIRIN_TRIAL) not in rank  # shares nothing with the seed
    assert [r.score for r in rows] == sorted((r.score for r in rows), reverse=True)
    assert rows[0].card.title and rows[0].card.identifier.startswith("doi:")


def test_reasons_name_shared_concepts_authors_and_claims(world):
    _, _, index = world
    rows = {r.article: r for r in related_articles(index, article(SEED), k=10)}
    reasons = rows[article(SCHWARTZMAN)].reasons
    kinds = {r.kind for r in reasons}
    assert {"intervention", "condition", "mechanism", "author", "claim"} <= kinds
    assert any(r.kind == "author" and r.label == "Viscusi ER" for r in reasons)
    assert any(r.node == KETAMINE and r.label == "Ketamine" for r in reasons)
    assert "intervention: Ketamine" in rows[article(SCHWARTZMAN)].summary()
    assert abs(sum(r.weight for r in reasons) - rows[article(SCHWARTZMAN)].score) < 1e-5


def test_sparse_concept_scores_equal_local_networkx_adamic_adar():
    specs = [Spec(s.doi, s.year, s.design, s.mentions, (), ((f"Solo{i}", "A"),))
             for i, s in enumerate(ketamine_specs())]
    p = build_projection(build_store(specs))  # no claims and no shared authors: concepts only
    index = RelatedIndex(p)
    sparse = {r.article: r.score for r in related_articles(index, article(SEED), k=20)}
    local = related_articles_local(p, article(SEED))
    assert sparse.keys() == local.keys()
    for key, value in local.items():
        assert sparse[key] == pytest.approx(value, abs=1e-5)


def test_rarer_shared_concepts_weigh_more(world):
    _, p, index = world
    # sigtermans shares ketamine (3 articles) and CRPS (4 articles) with the seed
    reasons = {r.node: r.weight for r in index.reasons(p.article_index[article(SEED)],
                                                       p.article_index[article(SIGTERMANS)])}
    assert reasons[KETAMINE] > reasons["http://id.nlm.nih.gov/mesh/D020918"]


def test_citation_links_count_both_ways():
    specs = [Spec("10.1/a", 2001, cites=("10.1/b",), authors=(("One", "A"),)),
             Spec("10.1/b", 2000, authors=(("Two", "B"),)),
             Spec("10.1/c", 2002, authors=(("Three", "C"),))]
    p = build_projection(build_store(specs))
    index = RelatedIndex(p)
    forward = related_articles(index, article("10.1/a"), k=5)
    backward = related_articles(index, article("10.1/b"), k=5)
    assert [r.article for r in forward] == [article("10.1/b")]
    assert forward[0].reasons[0].kind == "cites"
    assert [r.article for r in backward] == [article("10.1/a")]
    assert backward[0].reasons[0].kind == "cited-by"


def test_articles_resolve_by_doi_pmid_and_iri(world):
    store, _, _ = world
    assert resolve_article(store, "https://doi.org/10.1111/PAPR.12829") == article(SEED)
    assert resolve_article(store, "doi:10.1111/papr.12829") == article(SEED)
    assert resolve_article(store, article(TRUJILLO)) == article(TRUJILLO)
    with pytest.raises(AnalysisError, match="no article with DOI"):
        resolve_article(store, "10.9999/missing")
    with pytest.raises(AnalysisError):
        resolve_article(store, "not an identifier")


def test_article_resolves_by_pmid():
    mapped = map_record(make_record(None, pmid="31494987"), make_extraction(), CTX)
    store = OxigraphStore(None)
    store.put_graphs(graph_writes([mapped]))
    assert resolve_article(store, "pmid:31494987") == "https://pubmed.ncbi.nlm.nih.gov/31494987"
    assert resolve_article(store, "31494987") == "https://pubmed.ncbi.nlm.nih.gov/31494987"


def test_unknown_article_is_a_clear_error(world):
    _, _, index = world
    with pytest.raises(AnalysisError, match="not an article"):
        related_articles(index, "https://doi.org/10.9999/nothing")
