"""Push to a real Oxigraph server over HTTP: every named graph comes back isomorphic, a re-push
doubles nothing, and a server killed mid-push keeps each graph whole (old or new, never half).
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
from export_examples import build_example_store
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic
from server_helpers import normalised, with_nasty_graph

from kg.push import STAGING, PushOptions, count_remote, push_store
from kg.push_http import Endpoints, SparqlHttp
from kg.store.oxigraph import OxigraphStore
from kg.void import write_dataset_description

pytestmark = [pytest.mark.server, pytest.mark.slow]

def remote_graph(url: str, graph: str) -> Graph:
    response = httpx.get(f"{url}/store", params={"graph": graph},
                         headers={"Accept": "application/n-triples"}, timeout=60)
    response.raise_for_status()
    return normalised(Graph().parse(data=response.text, format="nt"))


def remote_graph_names(url: str) -> set[str]:
    response = httpx.post(f"{url}/query", data={"query": "SELECT DISTINCT ?g WHERE { GRAPH ?g "
                                                "{ ?s ?p ?o } }"},
                          headers={"Accept": "application/sparql-results+json"}, timeout=60)
    response.raise_for_status()
    return {row["g"]["value"] for row in response.json()["results"]["bindings"]}


def assert_server_mirrors(url: str, store: OxigraphStore) -> None:
    names = remote_graph_names(url)
    assert names == {str(g) for g in store.named_graphs()}
    assert not [g for g in names if g.startswith(STAGING)]
    for g in store.named_graphs():
        assert isomorphic(remote_graph(url, str(g)), normalised(store.graph_triples(g))), g


def client_for(url: str, attempts: int = 3) -> SparqlHttp:
    from kg.push_http import RetryPolicy

    return SparqlHttp(Endpoints.for_server(url), retry=RetryPolicy(attempts=attempts,
                                                                   backoff=0.2))


@pytest.mark.parametrize("mode", ["gsp", "update"])
def test_push_query_back_and_repush(oxigraph, tmp_path, mode):
    store = with_nasty_graph(build_example_store())
    write_dataset_description(store, tmp_path)  # the VoID graph travels too
    client = client_for(oxigraph.url)
    report = push_store(store, client, PushOptions(mode=mode, batch=3, chunk_triples=40))
    assert report.ok and report.pushed == len(store.named_graphs()) == 7
    assert_server_mirrors(oxigraph.url, store)
    again = push_store(store, client, PushOptions(mode=mode, batch=3, chunk_triples=40))
    assert again.ok
    total = client.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert int(total[0]["n"]["value"]) == store.count()  # nothing doubled
    assert_server_mirrors(oxigraph.url, store)
    stale = "https://w3id.org/evidence-kg/id/graph/removed-since"
    httpx.put(f"{oxigraph.url}/store", params={"graph": stale}, timeout=30,
              content=b"<https://example.org/a> <https://example.org/b> \"1\" .",
              headers={"Content-Type": "application/n-triples"}).raise_for_status()
    pruned = push_store(store, client, PushOptions(mode=mode, prune=True))
    assert pruned.ok and pruned.pruned == [stale]
    assert_server_mirrors(oxigraph.url, store)


def filler_graphs(store: OxigraphStore, n: int, triples: int) -> None:
    """``n`` extra graphs of ``triples`` triples each, written straight into the store."""
    quads = []
    for i in range(n):
        g = ox.NamedNode(f"https://w3id.org/evidence-kg/id/graph/filler-{i:05d}")
        s = ox.NamedNode(f"https://example.org/filler/{i}")
        quads += [ox.Quad(s, ox.NamedNode(f"https://example.org/p{j}"),
                          ox.Literal(f"value {i} {j} \"q\"\n"), g) for j in range(triples)]
    store.native.extend(quads)


def versions(store: OxigraphStore) -> dict[URIRef, Graph]:
    return {g: normalised(store.graph_triples(g)) for g in store.named_graphs()}


def start_push_and_kill(server, store_dir: Path, tmp_path: Path) -> subprocess.CompletedProcess:
    """Run ``ekg push`` in a child process and SIGKILL the server once a batch has landed."""
    err = tmp_path / "push.err"
    with err.open("wb") as stderr:
        child = subprocess.Popen(
            [sys.executable, "-m", "kg", "push", server.url, "--store", str(store_dir),
             "--batch", "20", "--retries", "0", "--timeout", "30"],
            stdout=subprocess.DEVNULL, stderr=stderr)
        deadline = time.monotonic() + 120
        while b"pushed 20/" not in err.read_bytes():
            assert child.poll() is None, err.read_text(errors="replace")
            assert time.monotonic() < deadline, "push never reported a batch"
            time.sleep(0.01)
        server.kill()
        child.wait(timeout=120)
    return subprocess.CompletedProcess(child.args, child.returncode, b"", err.read_bytes())


def test_server_killed_mid_push_keeps_every_graph_whole(oxigraph_factory, tmp_path):
    location = tmp_path / "db"
    server = oxigraph_factory(location)
    old = build_example_store()
    assert push_store(old, client_for(server.url), PushOptions()).ok
    before = versions(old)

    newer = build_example_store(tmp_path / "newer")  # a new version of every graph …
    for g in before:
        newer.native.add(ox.Quad(ox.NamedNode("https://example.org/edition"),
                                 ox.NamedNode("https://example.org/number"), ox.Literal("2"),
                                 ox.NamedNode(g)))
    new_examples = {g: normalised(newer.graph_triples(g)) for g in before}
    filler_graphs(newer, 1000, 30)  # … among enough others to be killed half-way
    sizes = {str(g): newer.count(g) for g in newer.named_graphs()}
    newer.close()

    run = start_push_and_kill(server, tmp_path / "newer", tmp_path)
    assert run.returncode == 2, run.stderr.decode(errors="replace")
    assert b"error" in run.stderr

    restarted = oxigraph_factory(location)
    client = client_for(restarted.url)
    pushed = [g for g in remote_graph_names(restarted.url) if not g.startswith(STAGING)]
    assert set(map(str, before)) <= set(pushed)  # the previously pushed graphs are all there
    assert len(pushed) < len(sizes)  # and the push really was cut short
    for g, old_version in before.items():  # each example graph: the old or the new, whole
        remote = remote_graph(restarted.url, str(g))
        assert isomorphic(remote, old_version) or isomorphic(remote, new_examples[g]), g
    fillers = [g for g in pushed if URIRef(g) not in before]
    assert count_remote(client, fillers) == {g: sizes[g] for g in fillers}  # none half-written

    recovered = push_store(OxigraphStore(tmp_path / "newer", read_only=True), client,
                           PushOptions(mode="update", batch=200))
    assert recovered.ok
    assert remote_graph_names(restarted.url) == set(sizes)  # staging graphs gone


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg", "push", *args], capture_output=True,
                          text=True, timeout=300)


def test_readme_push_to_the_graph_store_url_of_oxigraph_serve(oxigraph, tmp_path):
    """The README gives Oxigraph's Graph Store URL (…/store); the push works out the rest."""
    location = tmp_path / "store"
    build_example_store(location).close()
    run = _cli(f"{oxigraph.url}/store", "--store", str(location))
    assert run.returncode == 0, run.stdout + run.stderr
    assert_server_mirrors(oxigraph.url, OxigraphStore(location, read_only=True))
    again = _cli(f"{oxigraph.url}/", "--store", str(location), "--mode", "update")
    assert again.returncode == 0, again.stdout + again.stderr
    assert_server_mirrors(oxigraph.url, OxigraphStore(location, read_only=True))


@pytest.mark.parametrize("gsp", ["/store/store", "/elsewhere"])
def test_a_wrong_endpoint_fails_before_writing_and_leaves_no_trace(oxigraph, tmp_path, gsp):
    location = tmp_path / "store"
    build_example_store(location).close()
    run = _cli(oxigraph.url, "--gsp-endpoint", oxigraph.url + gsp, "--store", str(location))
    assert run.returncode == 2 and "--gsp-endpoint" in " ".join(run.stderr.split())
    assert remote_graph_names(oxigraph.url) == set()
