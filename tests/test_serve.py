"""`ekg serve` on a free loopback port: the catalogue through standard clients, the limits, the
refusals, and the query page in headless Chromium."""

from __future__ import annotations

import json
import re
import shutil
import signal
import socket
import struct
import subprocess
import sys
import threading
import time
from types import SimpleNamespace

import httpx
import pyoxigraph as ox
import pytest
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic
from SPARQLWrapper import JSON, POST, XML, SPARQLWrapper
from typer.testing import CliRunner

import kg.commands.query  # noqa: F401  (registers the commands on the app)
from kg.cli import app
from kg.query import list_catalogue
from kg.results import sparql_json
from kg.serve import ServeOptions, make_server
from kg.store.base import GraphWrite
from kg.store.oxigraph import OxigraphStore
from kg.web import STATIC_DIR
from kg.web.routes import catalogue_json
from tests.queries.example_graph import SEED, build_example_store

pytestmark = pytest.mark.server
PUBLIC = [q for q in list_catalogue() if q.group in ("select", "construct")]
SELECTS = [q for q in PUBLIC if q.group == "select"]
CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
runner = CliRunner()


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory):
    path = tmp_path_factory.mktemp("serve") / "store"
    build_example_store(path).close()
    options = ServeOptions(path, port=0, timeout=3.0, max_rows=400, workers=2, max_memory_mb=1024,
                           quiet=True)
    server, pool = make_server(options)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    host, port = server.server_address[:2]
    with httpx.Client(base_url=f"http://{host}:{port}", timeout=30) as client:
        yield SimpleNamespace(url=f"http://{host}:{port}", path=path, client=client, pool=pool)
    server.shutdown()
    server.server_close()
    pool.close()


@pytest.fixture(scope="module")
def library():
    return build_example_store()


def _examples(q):
    return {p.name: p.example for p in q.params if p.example}


def _canonical(sparql_results: dict) -> list[str]:
    return sorted(json.dumps(b, sort_keys=True) for b in sparql_results["results"]["bindings"])


def test_health_and_catalogue(endpoint):
    health = endpoint.client.get("/health")
    assert health.status_code == 200 and health.json()["status"] == "ok"
    listed = endpoint.client.get("/queries").json()
    assert [q["name"] for q in listed] == [q["name"] for q in catalogue_json()]
    assert not any(q["group"] == "update" for q in listed)
    card = next(q for q in listed if q["name"] == "select/article-card")
    assert card["params"][0] == {"name": "article", "type": "iri", "required": True,
                                 "default": None, "example": SEED,
                                 "description": "the article"}
    rollup = next(q for q in listed if q["name"] == "select/evidence-rollup")
    assert {p["name"]: (p["type"], p["required"]) for p in rollup["params"]} == {
        "intervention": ("concept", False), "condition": ("concept", False)}
    health = health.json()
    assert health["data_opened"] and "reopened" in health["data_refresh"]


@pytest.mark.parametrize("q", SELECTS, ids=lambda q: q.name)
def test_saved_query_over_http_matches_the_cli(endpoint, q):
    params = _examples(q)
    response = endpoint.client.get(f"/queries/{q.name}", params=params,
                                   headers={"Accept": "application/sparql-results+json"})
    assert response.status_code == 200, response.text
    args = ["query", q.name, "--store", str(endpoint.path), "--format", "json"]
    for key, value in params.items():
        args += ["--param", f"{key}={value}"]
    cli = runner.invoke(app, args)
    assert cli.exit_code == 0, cli.output
    assert _canonical(response.json()) == _canonical(json.loads(cli.output))


@pytest.mark.parametrize("q", SELECTS, ids=lambda q: q.name)
def test_catalogue_through_sparqlwrapper_matches_the_library(endpoint, library, q):
    client = SPARQLWrapper(endpoint.url + "/sparql")
    client.setQuery(q.text)
    client.setReturnFormat(JSON)
    if q.name.endswith("counts"):
        client.setMethod(POST)
    got = client.query().convert()
    assert _canonical(got) == _canonical(json.loads(sparql_json(library.query(q.text))))


def test_construct_over_http_matches_the_cli(endpoint):
    response = endpoint.client.get("/queries/construct/article-graph", params={"article": SEED},
                                   headers={"Accept": "text/turtle"})
    assert response.headers["content-type"].startswith("text/turtle")
    cli = runner.invoke(app, ["query", "construct/article-graph", "--store", str(endpoint.path),
                              "-f", "turtle", "-p", f"article={SEED}"])
    assert isomorphic(Graph().parse(data=response.text, format="turtle"),
                      Graph().parse(data=cli.output, format="turtle"))


@pytest.mark.parametrize(("accept", "media", "parse"), [
    ("application/sparql-results+json", "application/sparql-results+json",
     ox.QueryResultsFormat.JSON),
    ("application/sparql-results+xml", "application/sparql-results+xml", ox.QueryResultsFormat.XML),
    ("text/tab-separated-values", "text/tab-separated-values", ox.QueryResultsFormat.TSV),
    ("text/csv", "text/csv", None),
])
def test_content_negotiation_for_select(endpoint, accept, media, parse):
    response = endpoint.client.get("/sparql", params={"query": "SELECT ?a { ?a a "
                                   "<https://w3id.org/evidence-kg/ontology#Article> }"},
                                   headers={"Accept": accept})
    assert response.headers["content-type"].startswith(media)
    if parse is not None:
        assert len(list(ox.parse_query_results(response.content, parse))) == 7
    else:
        assert response.text.count("\r\n") == 8


GRAPH_MEDIA = [
    ("text/turtle", "turtle", ox.RdfFormat.TURTLE),
    ("application/n-triples", "nt", ox.RdfFormat.N_TRIPLES),
    ("application/n-quads", "nquads", ox.RdfFormat.N_QUADS),
    ("application/rdf+xml", "rdfxml", ox.RdfFormat.RDF_XML),
    ("application/ld+json", "jsonld", ox.RdfFormat.JSON_LD)]
ARTICLES = "CONSTRUCT WHERE { ?a a <https://w3id.org/evidence-kg/ontology#Article> }"


@pytest.mark.parametrize(("accept", "fmt", "rdf_format"), GRAPH_MEDIA)
@pytest.mark.parametrize("query", [ARTICLES, f"DESCRIBE <{SEED}>"], ids=["construct", "describe"])
def test_construct_and_describe_in_every_rdf_format(endpoint, query, accept, fmt, rdf_format):
    by_accept = endpoint.client.post("/sparql", content=query, headers={
        "Accept": accept, "Content-Type": "application/sparql-query"})
    by_format = endpoint.client.get("/sparql", params={"query": query, "format": fmt})
    for response in (by_accept, by_format):
        assert response.status_code == 200, response.text
        assert response.headers["content-type"].startswith(accept)
        found = list(ox.parse(response.content, rdf_format))
        assert len(found) == 7 if query == ARTICLES else len(found) > 20


@pytest.mark.parametrize(("fmt", "media"), [("xml", "application/rdf+xml"),
                                            ("json", "application/ld+json")])
def test_result_format_names_mean_rdf_for_a_construct(endpoint, fmt, media):
    response = endpoint.client.get("/sparql", params={"query": ARTICLES, "format": fmt})
    assert response.headers["content-type"].startswith(media)


def test_sparqlwrapper_defaults_for_select_ask_and_construct(endpoint):
    client = SPARQLWrapper(endpoint.url + "/sparql")
    client.setQuery(ARTICLES)
    graph = client.query().convert()  # SPARQLWrapper's default: format=xml, RDF/XML back
    assert isinstance(graph, Graph) and len(graph) == 7
    client.setQuery("ASK { ?a a <https://w3id.org/evidence-kg/ontology#Article> }")
    client.setReturnFormat(JSON)
    assert client.query().convert()["boolean"] is True
    client.setQuery("SELECT ?a { ?a a <https://w3id.org/evidence-kg/ontology#Article> }")
    client.setReturnFormat(XML)
    rows = client.query().convert().getElementsByTagName("result")
    assert len(rows) == 7


def test_saved_query_takes_a_concept_by_name(endpoint):
    params = {"format": "csv"}
    by_name = endpoint.client.get("/queries/select/evidence-rollup",
                                  params={**params, "intervention": "ketamine"})
    by_curie = endpoint.client.get("/queries/select/evidence-rollup",
                                   params={**params, "intervention": "mesh:D007649"})
    assert by_name.status_code == 200 and by_name.text == by_curie.text
    unknown = endpoint.client.get("/queries/select/evidence-rollup",
                                  params={**params, "intervention": "no such drug"})
    assert unknown.status_code == 400 and "no concept named" in unknown.text
    missing = endpoint.client.get("/queries/select/evidence-for-condition")
    assert missing.status_code == 400 and "condition" in missing.text


def test_unacceptable_format_is_406(endpoint):
    response = endpoint.client.get("/sparql", params={"query": "ASK {}"},
                                   headers={"Accept": "image/png"})
    assert response.status_code == 406


@pytest.mark.parametrize(("method", "kwargs"), [
    ("post", {"data": {"update": "DROP ALL"}}),
    ("post", {"content": "DROP ALL", "headers": {"Content-Type": "application/sparql-update"}}),
    ("get", {"params": {"query": "LOAD <http://127.0.0.1:9/x.ttl>"}}),
    ("get", {"params": {"query": "SELECT * { SERVICE <http://127.0.0.1:9/s> { ?s ?p ?o } }"}}),
    ("post", {"data": {"query": "select * { service silent ?x { ?s ?p ?o } }"}}),
    ("put", {"content": "<a> <b> <c> ."}),
    ("delete", {}),
])
def test_writes_load_and_service_are_refused(endpoint, method, kwargs):
    before = endpoint.client.get("/queries/select/counts").json()
    response = getattr(endpoint.client, method)("/sparql", **kwargs)
    assert response.status_code in (403, 405)
    assert endpoint.client.get("/queries/select/counts").json() == before


def test_hostile_query_is_stopped_and_the_server_stays_up(endpoint):
    started = time.monotonic()
    response = endpoint.client.get("/sparql", params={"query": CARTESIAN})
    assert response.status_code == 503 and "time limit" in response.text
    assert time.monotonic() - started < 6
    assert endpoint.client.get("/health").json()["status"] == "ok"
    assert endpoint.client.get("/queries/select/counts").status_code == 200


def test_query_that_exhausts_memory_only_loses_its_worker(endpoint):
    query = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?c ?f ?i LIMIT 1"
    response = endpoint.client.get("/sparql", params={"query": query})
    assert response.status_code == 503
    assert endpoint.client.get("/health").json()["status"] == "ok"


def test_results_are_capped_and_say_so_in_the_result(endpoint):
    query = {"query": "SELECT * { ?s ?p ?o }"}
    response = endpoint.client.get("/sparql", params=query, headers={"Accept": "text/csv"})
    assert response.headers["x-ekg-truncated"].startswith("true")
    lines = response.text.split("\r\n")
    assert len(lines) == 403 and lines[-2].startswith("# truncated") and lines[-1] == ""
    as_json = endpoint.client.get("/sparql", params=query).json()
    assert len(as_json["results"]["bindings"]) == 400
    assert as_json["truncated"]["maxRows"] == 400
    as_xml = endpoint.client.get("/sparql", params={**query, "format": "xml"})
    assert len(list(ox.parse_query_results(as_xml.content, ox.QueryResultsFormat.XML))) == 400
    assert "urn:evidence-kg:truncated:max-rows=400" in as_xml.text
    as_tsv = endpoint.client.get("/sparql", params={**query, "format": "tsv"})
    assert as_tsv.status_code == 413 and "400 rows" in as_tsv.text
    whole = endpoint.client.get("/sparql", params={"query": "SELECT * { ?s a ?c } LIMIT 3"})
    assert "truncated" not in whole.json()


@pytest.mark.parametrize(("path", "params", "headers", "status"), [
    ("/nowhere", {}, {}, 404),
    ("/queries/update/mark-retracted", {"article": SEED}, {}, 404),
    ("/queries/internal/graph-fingerprints", {}, {}, 404),
    ("/queries/select/article-card", {"article": "not an iri"}, {}, 400),
    ("/queries/select/article-card", {"colour": "red"}, {}, 400),
    ("/sparql", {}, {}, 400),
    ("/sparql", {"query": "SELECT * WHERE {"}, {}, 400),
    ("/health", {}, {"Host": "evil.example"}, 403),
    ("/static/../serve.py", {}, {}, 404),
])
def test_bad_requests(endpoint, path, params, headers, status):
    assert endpoint.client.get(path, params=params, headers=headers).status_code == status


def test_parameters_cannot_change_a_saved_query(endpoint):
    hostile = 'Ocker" } UNION { ?person ?p ?family } #'
    response = endpoint.client.get("/queries/select/author-works", params={"family": hostile})
    assert response.status_code == 200 and response.json()["results"]["bindings"] == []


def test_query_page_is_self_contained(endpoint):
    page = endpoint.client.get("/")
    assert page.status_code == 200 and "script-src 'self'" in page.headers[
        "content-security-policy"]
    assert endpoint.client.get("/static/app.js").headers["content-type"].startswith(
        "text/javascript")
    for name in ("index.html", "app.js", "style.css"):
        text = (STATIC_DIR / name).read_text(encoding="utf-8")
        assert not re.findall(r"https?://[\w.-]+", text), f"{name} must not load anything remote"


def _chromium(url: str, profile) -> str:
    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    if binary is None:
        pytest.skip("chromium is not installed (apt-get install -y chromium)")
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run",
             f"--user-data-dir={profile}", "--virtual-time-budget=15000", "--dump-dom"]
    done = subprocess.run([binary, *flags, url], capture_output=True, text=True, timeout=120,
                          check=False)
    return done.stdout


def test_query_page_runs_a_saved_query_in_chromium(endpoint, library, tmp_path):
    url = f"{endpoint.url}/?name=select/article-card&article={SEED}&run=1"
    dom = _chromium(url, tmp_path / "profile")
    expected = library.query(next(q for q in SELECTS if q.name == "select/article-card").text,
                             {"article": __import__("rdflib").URIRef(SEED)})
    assert dom.count('<tr class="row">') == len(expected.rows)
    assert f"{len(expected.rows)} rows" in dom
    for name in ("Aaron C. Ocker", "Eugene R. Viscusi", "Pain Practice", "1533-2500"):
        assert name in dom


def test_query_page_runs_sparql_text_in_chromium(endpoint, tmp_path):
    query = "SELECT ?t WHERE { ?a <http://purl.org/dc/terms/title> ?t } ORDER BY ?t"
    url = str(httpx.URL(endpoint.url + "/", params={"sparql": query, "run": "1"}))
    dom = _chromium(url, tmp_path / "profile")
    assert dom.count('<tr class="row">') == 7 and "Central sensitization" in dom


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_ekg_serve_command_starts_on_loopback_and_stops(endpoint):
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--store", str(endpoint.path),
                             "--port", str(port), "--workers", "1"],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        for _ in range(100):
            try:
                if httpx.get(f"http://127.0.0.1:{port}/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        else:
            pytest.fail("ekg serve did not answer /health")
    finally:
        proc.send_signal(signal.SIGINT)
        output = proc.communicate(timeout=20)[0]
    assert f"http://127.0.0.1:{port}/" in output
    assert ServeOptions(endpoint.path).host == "127.0.0.1"


@pytest.fixture
def live(tmp_path):
    """A server of its own, logging, on a store a test may write to."""
    path = tmp_path / "store"
    build_example_store(path).close()
    options = ServeOptions(path, port=0, timeout=10.0, workers=1, max_memory_mb=1024)
    server, pool = make_server(options)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    host, port = server.server_address[:2]
    with httpx.Client(base_url=f"http://{host}:{port}", timeout=30) as client:
        yield SimpleNamespace(path=path, client=client, address=(host, port))
    server.shutdown()
    server.server_close()
    pool.close()


def test_a_client_hanging_up_is_one_log_line(live, capsys):
    slow = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f }"
    request = (f"GET /sparql?{httpx.QueryParams({'query': slow})} HTTP/1.1\r\n"
               "Host: 127.0.0.1\r\n\r\n")
    with socket.create_connection(live.address) as sock:
        sock.sendall(request.encode())
        time.sleep(0.2)  # the request is read; the query is still running
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # reset
    for _ in range(50):
        if "went away" in capsys.readouterr().err:
            break
        time.sleep(0.1)
    else:
        pytest.fail("no log line for the client that went away")
    assert live.client.get("/health").json()["status"] == "ok"
    assert "Traceback" not in capsys.readouterr().err


def test_what_a_build_adds_is_seen_by_the_next_query(live):
    count = "SELECT (COUNT(*) AS ?n) { GRAPH <urn:example:later> { ?s ?p ?o } }"
    before = live.client.get("/sparql", params={"query": count}).json()
    assert before["results"]["bindings"][0]["n"]["value"] == "0"
    opened = live.client.get("/health").json()["data_opened"]
    writer = OxigraphStore(live.path)
    writer.put_graphs([GraphWrite(URIRef("urn:example:later"),
                                  ((URIRef("urn:example:a"), URIRef("urn:example:b"),
                                    URIRef("urn:example:c")),))])
    writer.close()
    after = live.client.get("/sparql", params={"query": count})
    assert after.json()["results"]["bindings"][0]["n"]["value"] == "1"
    assert after.headers["x-ekg-data-opened"] >= opened
