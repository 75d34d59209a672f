"""End-to-end: records in, validated and queryable graph out (the seed and the real fixtures)."""

from __future__ import annotations

import shutil

import pytest
from rdflib import URIRef

from kg.pipeline import BuildOptions, build
from kg.query import apply_update, load_query
from kg.rdf.mapping import SHARED_GRAPH
from kg.store.oxigraph import OxigraphStore
from kg.validate import validate_store
from tests.conftest import EXAMPLES, shared_path

SEED_IRI = URIRef("https://doi.org/10.1111/papr.12829")
PREFIXES = """PREFIX ekg: <https://w3id.org/evidence-kg/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX schema: <https://schema.org/>
PREFIX mesh: <http://id.nlm.nih.gov/mesh/>
"""


@pytest.fixture(scope="module")
def seed_store() -> OxigraphStore:
    store = OxigraphStore(None)
    summary = build([shared_path("seed")], store)
    assert summary.ok and summary.stored == 1, summary.rejected
    return store


def _select(store: OxigraphStore, body: str, **bindings: object) -> list[tuple]:
    """Rows of an ad-hoc query; bound variables are projected first (Oxigraph substitutes only
    projected variables) and dropped from the rows returned."""
    head = "".join(f"?{name} " for name in bindings)
    for form in ("SELECT DISTINCT ", "SELECT "):
        if body.lstrip().startswith(form):
            body = body.replace(form, form + head, 1)
            break
    rows = store.query(PREFIXES + body, bindings).rows  # type: ignore[arg-type]
    return [row[len(bindings):] for row in rows]


def test_seed_authors_in_printed_order(seed_store):
    rows = _select(seed_store, """SELECT ?pos ?family ?given WHERE {
        ?article ekg:hasAuthorship ?a . ?a ekg:position ?pos ; ekg:agent ?p .
        ?p schema:familyName ?family ; schema:givenName ?given } ORDER BY ?pos""",
        article=SEED_IRI)
    assert [(int(p), str(f), str(g)) for p, f, g in rows] == [
        (1, "Ocker", "Aaron C."), (2, "Shah", "Nirmal B."), (3, "Schwenk", "Eric S."),
        (4, "Witkowski", "Thomas A."), (5, "Cohen", "Mitchell J."), (6, "Viscusi", "Eugene R.")]


def test_seed_bibliographic_facts(seed_store):
    rows = _select(seed_store, """SELECT ?journal ?vol ?iss ?start ?end ?year ?lang ?doi WHERE {
        ?article dcterms:isPartOf ?j ; schema:volumeNumber ?vol ; schema:issueNumber ?iss ;
          schema:pageStart ?start ; schema:pageEnd ?end ; ekg:publicationYear ?year ;
          dcterms:language ?lang ; ekg:doi ?doi . ?j schema:name ?journal }""",
        article=SEED_IRI)
    assert [tuple(map(str, r)) for r in rows] == [
        ("Pain practice", "20", "1", "95", "100", "2020", "eng", "10.1111/papr.12829")]
    issns = _select(seed_store, """SELECT ?issn WHERE {
        ?article dcterms:isPartOf/schema:issn ?issn }""", article=SEED_IRI)
    assert sorted(str(r[0]) for r in issns) == ["1530-7085", "1533-2500"]


def test_seed_abstract_sections(seed_store):
    rows = _select(seed_store, """SELECT ?label WHERE { ?article ekg:hasSection ?s .
        ?s ekg:sectionLabel ?label ; ekg:position ?pos } ORDER BY ?pos""", article=SEED_IRI)
    assert [str(r[0]) for r in rows] == ["Background", "Case", "Discussion"]


@pytest.mark.parametrize("ui", ["D007649", "D015928", "D020918", "D059333"])
def test_seed_concepts_grounded_to_mesh(seed_store, ui):
    rows = _select(seed_store, """SELECT ?text WHERE { ?m ekg:inArticle ?article ;
        ekg:denotes ?concept ; ekg:exactText ?text }""", article=SEED_IRI,
        concept=URIRef(f"http://id.nlm.nih.gov/mesh/{ui}"))
    assert rows, f"no mention of {ui}"


def test_seed_claim_has_case_report_design_and_level(seed_store):
    rows = _select(seed_store, """SELECT ?claim ?level ?grade ?n ?fu ?reason WHERE {
        ?claim ekg:hasEvidence ?ev . ?ev ekg:sourceArticle ?article ;
          ekg:studyDesign <https://w3id.org/evidence-kg/id/design/case-report> ;
          ekg:ocebmLevel ?level ; ekg:startingCertainty ?grade ; ekg:levelReason ?reason .
        OPTIONAL { ?ev ekg:sampleSize ?n } OPTIONAL { ?ev ekg:followUp ?fu } }""",
        article=SEED_IRI)
    assert rows
    assert {int(r[1]) for r in rows} == {4}
    # Oxigraph stores durations canonically: twelve months reads back as P1Y.
    assert any(r[3] is not None and int(r[3]) == 1 and str(r[4]) in ("P12M", "P1Y")
               for r in rows)


def test_seed_store_conforms(seed_store):
    assert validate_store(seed_store).conforms


def test_rebuild_changes_nothing_and_edit_replaces_graph(tmp_path, seed_path):
    src = tmp_path / "in" / "seed.catalog.txt"
    src.parent.mkdir()
    shutil.copy(seed_path, src)
    store = OxigraphStore(tmp_path / "store")
    build([src.parent], store)
    before = set(store.quads())
    again = build([src.parent], store)
    assert again.unchanged == 1 and again.stored == 0 and set(store.quads()) == before
    text = src.read_text(encoding="utf-8").replace(
        "Ketamine and Cognitive", "Ketamine plus Cognitive", 1)
    src.write_text(text, encoding="utf-8")
    edited = build([src.parent], store)
    assert edited.stored == 1
    titles = _select(store, "SELECT ?t WHERE { ?article dcterms:title ?t }", article=SEED_IRI)
    assert len(titles) == 1 and str(titles[0][0]).startswith("Ketamine plus Cognitive")


def test_bad_record_is_reported_and_the_rest_stored(tmp_path, seed_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(seed_path, folder / "good.catalog.txt")
    (folder / "bad.nbib").write_text("PMID- 123\nTI  - \nXX  - nothing useful\n", encoding="utf-8")
    (folder / "unknown.dat").write_bytes(b"\x00\x01 not a record")
    summary = build([folder], OxigraphStore(None))
    assert summary.stored == 2  # the untitled record is kept by its PMID, with a notice
    assert any("bad.nbib" in n.where and "no title" in n.reason for n in summary.notices)
    where = " ".join(r.where for r in summary.rejected)
    assert "unknown.dat" in where


def test_examples_build_validate_and_share_claims(tmp_path):
    shared_path("data", "mesh")
    store = OxigraphStore(None)
    summary = build([EXAMPLES], store)
    assert summary.ok, summary.rejected
    assert summary.stored >= 7
    assert SHARED_GRAPH in store.named_graphs()
    assert validate_store(store).conforms
    shared = _select(store, """SELECT ?claim (COUNT(DISTINCT ?article) AS ?n) WHERE {
        ?claim ekg:hasEvidence/ekg:sourceArticle ?article } GROUP BY ?claim
        HAVING (COUNT(DISTINCT ?article) > 1)""")
    assert shared, "no claim is supported by two example articles"


def test_fixture_folder_every_file_ingested_or_rejected(fixtures_dir):
    store = OxigraphStore(None)
    files = [p for p in fixtures_dir.rglob("*") if p.is_file()
             and p.name not in ("SOURCES.md", "MANIFEST.json")]
    summary = build([fixtures_dir], store, BuildOptions(validate=False))
    assert summary.files == len(files)
    assert summary.stored > 200
    for rejection in summary.rejected:
        assert rejection.where and rejection.reason


def test_elife_in_four_formats_is_one_article_with_four_graphs(fixtures_dir):
    files = [fixtures_dir / "medline_nbib" / "manubot__bibliography.nbib",
             fixtures_dir / "ris" / "manubot__bibliography.ris",
             fixtures_dir / "bibtex" / "manubot__bibliography.bib",
             fixtures_dir / "csl_json" / "manubot__bibliography.json"]
    store = OxigraphStore(None)
    build([str(f) for f in files], store, BuildOptions(validate=False))
    article = URIRef("https://doi.org/10.7554/elife.32822")
    rows = _select(store, """SELECT DISTINCT ?g ?format WHERE { GRAPH ?g {
        ?g ekg:describes ?article ; ekg:sourceFormat ?format } }""", article=article)
    assert sorted(str(r[1]) for r in rows) == ["bibtex", "csl-json", "medline", "ris"]


def test_pubmed_mesh_headings_and_retraction(fixtures_dir):
    store = OxigraphStore(None)
    build([fixtures_dir / "pubmed_xml"], store, BuildOptions(validate=False))
    indexed = _select(store, """SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?m ekg:assertedBy
        <https://w3id.org/evidence-kg/id/agent-kind/indexer> ; ekg:denotes ?c .
        FILTER(STRSTARTS(STR(?c), "http://id.nlm.nih.gov/mesh/D")) }""")
    assert int(indexed[0][0]) > 100
    retracted = _select(store, """SELECT DISTINCT ?pmid WHERE { ?a ekg:pmid ?pmid ; ekg:standing
        <https://w3id.org/evidence-kg/id/standing/retracted> }""")
    assert "11543891" in {str(r[0]) for r in retracted}



def _rollup_row(store: OxigraphStore, intervention: URIRef, condition: URIRef) -> dict:
    q = load_query("evidence-rollup")
    rows = store.query(q.text, {"intervention": intervention, "condition": condition}).dicts()
    treats = [r for r in rows if str(r["relation"]) == "treats"]
    assert len(treats) == 1, rows
    return treats[0]


def test_rollup_counts_two_articles_and_drops_a_retracted_one():

    store = OxigraphStore(None)
    build([EXAMPLES], store)
    ketamine = URIRef("http://id.nlm.nih.gov/mesh/D007649")
    crps = URIRef("http://id.nlm.nih.gov/mesh/D020918")
    claims = _select(store, """SELECT DISTINCT ?claim ?ev ?article ?kind WHERE {
        ?claim ekg:subject ?s ; ekg:object ?o ; ekg:relation
          <https://w3id.org/evidence-kg/id/relation/treats> ; ekg:hasEvidence ?ev .
        ?ev ekg:sourceArticle ?article ; ekg:evidenceKind ?kind }""", s=ketamine, o=crps)
    assert len({r[0] for r in claims}) == 1, "one claim node"
    assert len({r[2] for r in claims}) >= 2 and len({r[1] for r in claims}) >= 2, (
        "two evidence nodes")
    articles = sorted({r[2] for r in claims if str(r[3]).endswith("/finding")})
    before = _rollup_row(store, ketamine, crps)
    assert int(before["articles"]) == len(articles) >= 1 and int(before["retracted"]) == 0
    apply_update(store, load_query("mark-retracted"), {"article": str(articles[0])})
    after = _rollup_row(store, ketamine, crps)
    assert int(after["articles"]) == len(articles) - 1
    assert int(after["retracted"]) >= 1


def test_worker_processes_give_the_same_graph(seed_path):
    def quads(workers: int) -> set:
        store = OxigraphStore(None)
        build([seed_path.parent, EXAMPLES], store, BuildOptions(workers=workers, batch_size=2))
        stamp = URIRef("http://www.w3.org/ns/prov#generatedAtTime")
        return {q for q in store.quads() if q[1] != stamp}

    assert quads(2) == quads(1)
