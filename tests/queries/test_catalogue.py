"""Every catalogue query runs on the example graph and finds what the graph says."""

from __future__ import annotations

import importlib.util

import pytest
from rdflib import Literal, URIRef

from kg.query import apply_update, bind_params, list_catalogue, load_query, query_form
from kg.rdf.namespaces import DCTERMS, EKG
from tests.queries.conftest import run, values
from tests.queries.example_graph import (
    ABSTINENCE,
    CRPS,
    FUNCTION,
    KETAMINE,
    NEG,
    NMDA_ANTAG,
    NMDA_RECEPTORS,
    OPIOID_WITHDRAWAL,
    RETRACTED,
    SCHWARTZMAN,
    SEED,
    SIGTERMANS,
    TRUJILLO,
    WITHDRAWAL,
    WOOLF,
    build_example_store,
)

PUBLIC = [q for q in list_catalogue() if q.group in ("select", "construct")]
QC = [q for q in list_catalogue() if q.group == "qc"]
UPDATES = [q for q in list_catalogue() if q.group == "update"]


def _has_data_here(q) -> bool:
    """Analysis results come from `ekg analyse`, which the example graph has not run."""
    return not q.name.startswith("select/analysis-")


def _examples(q):
    return {p.name: p.example for p in q.params if p.example}


def test_catalogue_has_the_everyday_questions():
    names = {q.name for q in list_catalogue()}
    assert {"select/counts", "select/counts-by-design", "select/evidence-rollup",
            "select/evidence-for-condition", "select/evidence-for-intervention",
            "select/mechanisms-between", "select/articles-sharing-mechanism",
            "select/article-card", "select/author-works", "select/coauthors",
            "select/retracted-claims", "select/conflicting-claims",
            "select/concepts-without-evidence", "select/mesh-headings",
            "update/mark-retracted"} <= names


@pytest.mark.parametrize("q", PUBLIC + UPDATES, ids=lambda q: q.name)
def test_header_is_complete(q):
    assert q.title and len(q.description) > 40, "title and a real description"
    for p in q.params:
        assert p.description, f"parameter {p.name} needs a description"
        if p.type == "iri":
            assert p.example or p.name == "person", f"iri parameter {p.name} needs an example"
    if query_form(q.text) == "SELECT":
        assert q.columns, "SELECT queries list their columns"


@pytest.mark.parametrize("q", PUBLIC, ids=lambda q: q.name)
def test_runs_with_its_examples_and_finds_rows(example_store, q):
    result = run(example_store, q, **_examples(q))
    assert result.kind in ("select", "construct")
    if result.kind == "select":
        assert result.variables == list(q.columns), "the header's columns are the result's"
    if _has_data_here(q):
        assert result.rows or result.triples, f"{q.name} found nothing on the example graph"


@pytest.mark.parametrize("q", PUBLIC, ids=lambda q: q.name)
def test_runs_without_parameters(example_store, q):
    """Leaving a parameter out widens the query instead of breaking it."""
    result = example_store.query(q.text)
    assert result.rows or result.triples or not _has_data_here(q)


@pytest.mark.parametrize("q", QC, ids=lambda q: q.name)
def test_qc_queries_find_nothing_on_a_valid_graph(example_store, q):
    assert example_store.query(q.text).rows == []


def test_counts(example_store):
    row = run(example_store, load_query("select/counts")).dicts()[0]
    got = {k: v.toPython() for k, v in row.items()}
    assert got == {"graphs": 7, "articles": 7, "authors": 25, "journals": 4, "mentions": 22,
                   "concepts": 13, "claims": 8, "evidence": 11}


def test_counts_by_design(example_store):
    result = run(example_store, load_query("counts-by-design"))
    rows = {(str(d["design"]), d["level"].toPython()): d["findings"].toPython()
            for d in result.dicts()}
    assert rows == {("randomised-controlled-trial", 2): 5, ("case-report", 4): 4,
                    ("narrative-review", 5): 2}


def _rollup(store, **given):
    rows = run(store, load_query("evidence-rollup"), **given).dicts()
    return {(str(d["intervention"]), str(d["relation"]), str(d["condition"])): tuple(
        d[k].toPython() for k in ("articles", "bestLevel", "supporting", "refuting",
                                  "noDifference", "retracted")) for d in rows}


def test_rollup_counts_articles_directions_and_retractions(example_store):
    rows = _rollup(example_store)
    # Two trials support, one refutes; the retracted trial is counted apart.
    assert rows[(KETAMINE, "treats", CRPS)] == (3, 2, 2, 1, 0, 1)
    assert len(rows) == 2
    assert _rollup(example_store, intervention="mesh:D007649", condition="mesh:D020918") == {
        (KETAMINE, "treats", CRPS): (3, 2, 2, 1, 0, 1)}


def test_rollup_drops_an_article_marked_retracted():
    store = build_example_store()
    assert apply_update(store, load_query("mark-retracted"), {"article": SCHWARTZMAN}) == 2
    assert _rollup(store)[(KETAMINE, "treats", CRPS)] == (2, 2, 1, 1, 0, 2)
    assert apply_update(store, load_query("unmark-retracted"), {"article": SCHWARTZMAN}) == 2
    assert _rollup(store)[(KETAMINE, "treats", CRPS)] == (3, 2, 2, 1, 0, 1)


def test_same_claim_from_two_records_is_one_claim_with_two_evidence(example_store):
    q = "SELECT ?claim (COUNT(DISTINCT ?ev) AS ?n) WHERE { ?claim ekg:hasEvidence ?ev ; " \
        "ekg:subject ?s ; ekg:object ?o ; ekg:direction ?d } GROUP BY ?claim"
    text = "PREFIX ekg: <https://w3id.org/evidence-kg/ontology#> " + q
    counts = sorted(d["n"].toPython() for d in example_store.query(text).dicts())
    assert counts == [1, 1, 1, 1, 1, 1, 2, 3]  # ketamine → CRPS (3 trials), acts through (2)


def test_evidence_for_condition(example_store):
    result = run(example_store, load_query("evidence-for-condition"), condition="mesh:D020918")
    (row,) = result.dicts()
    assert (str(row["intervention"]), str(row["interventionLabel"])) == (KETAMINE, "Ketamine")
    assert (row["claims"].toPython(), row["articles"].toPython(), row["bestLevel"].toPython()) \
        == (2, 3, 2)
    assert str(row["designs"]) == "randomised-controlled-trial"


def test_evidence_for_intervention_includes_combinations(example_store):
    result = run(example_store, load_query("evidence-for-intervention"),
                 intervention="mesh:D007649")
    by_condition = {str(d["condition"]): d for d in result.dicts()}
    assert set(by_condition) == {CRPS, ABSTINENCE}
    combo = by_condition[ABSTINENCE]
    assert "combination/" in str(combo["subject"])
    assert str(combo["subjectLabel"]) == "ketamine + cognitive behavioral therapy"
    assert combo["bestLevel"].toPython() == 4
    crps = by_condition[CRPS]
    assert (crps["supporting"].toPython(), crps["refuting"].toPython()) == (2, 1)


def test_mechanisms_between(example_store):
    q = load_query("mechanisms-between")
    (row,) = run(example_store, q, intervention="mesh:D007649", condition="mesh:D013375").dicts()
    assert str(row["mechanism"]) == NMDA_ANTAG
    assert (row["actsThroughArticles"].toPython(), row["implicatedInArticles"].toPython()) == (2, 1)
    assert run(example_store, q, intervention="mesh:D007649", condition="mesh:D020918").rows == []
    assert set(values(run(example_store, q), "condition")) == {WITHDRAWAL, OPIOID_WITHDRAWAL}


def test_mechanisms_meet_through_a_vocabulary_mapping(example_store):
    """Ketamine acts through NMDA-receptor antagonism; NMDA receptors (MeSH) are implicated in
    opioid withdrawal; a closeMatch between the two concepts joins the legs."""
    q = load_query("mechanisms-between")
    (row,) = run(example_store, q, intervention="mesh:D007649",
                 condition="ekgr:concept/opioid-withdrawal").dicts()
    assert (str(row["mechanism"]), str(row["linkedMechanism"])) == (NMDA_ANTAG, NMDA_RECEPTORS)


def test_articles_sharing_a_mechanism(example_store):
    result = run(example_store, load_query("articles-sharing-mechanism"), article=SEED)
    assert set(values(result, "other")) == {WOOLF, SIGTERMANS, TRUJILLO}
    mechanisms = dict(zip(values(result, "other"), values(result, "mechanisms"), strict=True))
    assert mechanisms[WOOLF] == "Central Nervous System Sensitization"


def test_article_card_of_the_seed(example_store):
    rows = run(example_store, load_query("article-card"), article=SEED).dicts()
    fields: dict[str, list[str]] = {}
    for d in rows:
        fields.setdefault(str(d["field"]), []).append(str(d["value"]))
    assert fields["author"] == ["Aaron C. Ocker", "Nirmal B. Shah", "Eric S. Schwenk",
                                "Thomas A. Witkowski", "Mitchell J. Cohen", "Eugene R. Viscusi"]
    assert fields["journal"] == ["Pain Practice"]
    assert (fields["volume"], fields["issue"], fields["pages"]) == (["20"], ["1"], ["95-100"])
    assert fields["year"] == ["2020"] and fields["doi"] == ["10.1111/papr.12829"]
    assert sorted(fields["issn"]) == ["1530-7085", "1533-2500"]
    assert fields["section"] == ["Background", "Case", "Discussion"]
    assert "ketamine + cognitive behavioral therapy treats opioid abstinence" in fields["claim"]
    assert {"Ketamine", "Complex Regional Pain Syndromes"} <= set(fields["mention"])
    order = [str(d["field"]) for d in rows]
    assert order.index("title") < order.index("author") < order.index("claim")


def test_author_works_and_coauthors(example_store):
    works = load_query("author-works")
    assert set(values(run(example_store, works, family="Doe"), "article")) == {RETRACTED, NEG}
    assert run(example_store, works, family="Doe", given="Bob").rows == []
    person = values(run(example_store, works, family="Ocker"), "person")[0]
    (row,) = run(example_store, works, person=person).dicts()
    assert (str(row["article"]), row["position"].toPython()) == (SEED, 1)
    co = run(example_store, load_query("coauthors"), family="Doe", given="Jane")
    assert values(co, "coauthor") == ["Max Moe", "Richard Roe"]


def test_retracted_and_conflicting_claims(example_store):
    (row,) = run(example_store, load_query("retracted-claims")).dicts()
    assert str(row["article"]) == RETRACTED
    assert row["remainingFindings"].toPython() == 2
    (conflict,) = run(example_store, load_query("conflicting-claims")).dicts()
    assert (str(conflict["subject"]), str(conflict["object"])) == (KETAMINE, CRPS)
    assert str(conflict["contraryDirection"]) == "refutes"
    assert (conflict["supportingArticles"].toPython(), conflict["contraryArticles"].toPython()) \
        == (3, 1)


def test_concepts_without_evidence_and_mesh_headings(example_store):
    lonely = values(run(example_store, load_query("concepts-without-evidence")), "concept")
    assert FUNCTION in lonely and KETAMINE not in lonely and CRPS not in lonely
    result = run(example_store, load_query("mesh-headings"), article=SEED)
    assert values(result, "notation") == ["D020918", "D007649", "D009293"]
    assert values(result, "majorTopic")[0] == "true"


def test_construct_queries(example_store):
    card = run(example_store, load_query("article-graph"), article=WOOLF)
    assert (URIRef(WOOLF), DCTERMS.title, Literal(
        "Central sensitization: implications for the diagnosis and treatment of pain")) \
        in card.triples
    claims = run(example_store, load_query("claims-with-evidence"), subject="mesh:D007649")
    sources = {o for _s, p, o in claims.triples if p == EKG.sourceArticle}
    assert {URIRef(SIGTERMANS), URIRef(SCHWARTZMAN), URIRef(SEED)} <= sources


def test_parameter_values_cannot_change_a_query(example_store):
    works = load_query("author-works")
    hostile = 'Doe" } UNION { ?person ?p ?family } #'
    assert run(example_store, works, family=hostile).rows == []
    with pytest.raises(ValueError):
        bind_params(load_query("article-card"), {"article": "https://x.org/a> } UNION {"})


@pytest.mark.skipif(importlib.util.find_spec("kg.extract.recognise") is None,
                    reason="the recogniser is not part of this checkout yet")
def test_catalogue_on_the_built_examples(tmp_path):
    from kg.pipeline import BuildOptions, build
    from kg.resources import examples_dir
    from kg.store.oxigraph import OxigraphStore

    store = OxigraphStore(None)
    summary = build([str(examples_dir())], store, BuildOptions(validate=False))
    assert summary.stored >= 7
    for q in PUBLIC:
        store.query(q.text, bind_params(q, _examples(q)))  # every query runs on real output
    card = run(store, load_query("article-card"), article=SEED)
    assert values(card, "value")[:1] and "Ocker" in " ".join(values(card, "value"))
