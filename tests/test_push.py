"""Push against an in-process fake SPARQL server (httpx MockTransport over a pyoxigraph store):
staging + MOVE, re-push without duplicates, retries and backoff, bounded failure, the count
check, dry runs, credentials and auth. The same flows run against a real server in tests/server.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from urllib.parse import parse_qs

import httpx
import pyoxigraph as ox
import pytest
from export_examples import build_example_store

from kg.push import (
    GRAPHS,
    STAGING,
    PushOptions,
    graph_body,
    push_store,
    remote_graphs,
    staging_iri,
)
from kg.push_http import (
    ChallengeAuth,
    Endpoints,
    PushError,
    RetryPolicy,
    SparqlHttp,
    find_credentials,
)
from kg.store.oxigraph import OxigraphStore

BASE = "http://sparql.test"
Fault = Callable[[httpx.Request], httpx.Response | None]


class FakeServer:
    """Graph Store, update and query endpoints over a pyoxigraph store, with injectable faults.

    Like Oxigraph's server, a PUT clears the graph before it parses the body.
    """

    def __init__(self) -> None:
        self.store = ox.Store()
        self.faults: list[Fault] = []
        self.log: list[tuple[str, str]] = []
        self.bodies: list[str] = []
        self.lossy = False

    def handle(self, request: httpx.Request) -> httpx.Response:
        self.log.append((request.method, request.url.path))
        for fault in list(self.faults):
            response = fault(request)
            if response is not None:
                return response
        route = {"/store": self._put, "/update": self._update, "/query": self._query}
        return route[request.url.path](request)

    def _put(self, request: httpx.Request) -> httpx.Response:
        graph = ox.NamedNode(request.url.params["graph"])
        if request.method == "DELETE":
            if graph not in self.store.named_graphs():
                return httpx.Response(404)
            self.store.remove_graph(graph)
            return httpx.Response(204)
        self.store.remove_graph(graph)
        body = request.content
        if self.lossy:
            body = b"\n".join(body.splitlines()[1:])
        try:
            self.store.load(body, ox.RdfFormat.N_TRIPLES, to_graph=graph)
        except SyntaxError as exc:
            return httpx.Response(400, text=str(exc))
        return httpx.Response(204)

    def _update(self, request: httpx.Request) -> httpx.Response:
        self.bodies.append(request.content.decode("utf-8"))
        try:
            self.store.update(request.content.decode("utf-8"))
        except (SyntaxError, OSError) as exc:
            return httpx.Response(400, text=str(exc))
        return httpx.Response(204)

    def _query(self, request: httpx.Request) -> httpx.Response:
        text = parse_qs(request.content.decode("utf-8"))["query"][0]
        solutions = self.store.query(text)
        if isinstance(solutions, ox.QueryBoolean):
            return httpx.Response(200, json={"head": {}, "boolean": bool(solutions)})
        names = [v.value for v in solutions.variables]
        rows = [{n: _json_term(s[n]) for n in names if s[n] is not None} for s in solutions]
        return httpx.Response(200, json={"head": {"vars": names}, "results": {"bindings": rows}})

    def graph(self, name: str) -> set[ox.Triple]:
        return {ox.Triple(q.subject, q.predicate, q.object)
                for q in self.store.quads_for_pattern(None, None, None, ox.NamedNode(name))}


def _json_term(term: object) -> dict[str, str]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    return {"type": "literal", "value": term.value}  # type: ignore[attr-defined]


def fail_times(n: int, path: str, make: Callable[[httpx.Request], httpx.Response]) -> Fault:
    left = [n]

    def fault(request: httpx.Request) -> httpx.Response | None:
        if request.url.path == path and left[0] > 0:
            left[0] -= 1
            return make(request)
        return None

    return fault


def raise_(exc: type[Exception]) -> Callable[[httpx.Request], httpx.Response]:
    def make(request: httpx.Request) -> httpx.Response:
        raise exc("injected", request=request)  # type: ignore[call-arg]
    return make


@pytest.fixture
def store() -> OxigraphStore:
    return build_example_store()


@pytest.fixture
def server() -> FakeServer:
    return FakeServer()


@pytest.fixture
def sleeps() -> list[float]:
    return []


@pytest.fixture
def client(server, sleeps) -> SparqlHttp:
    return SparqlHttp(Endpoints.for_server(BASE), transport=httpx.MockTransport(server.handle),
                      retry=RetryPolicy(attempts=4, backoff=0.5, max_backoff=2.0),
                      sleep=sleeps.append)


def local(store: OxigraphStore, graph: str) -> set[ox.Triple]:
    return {ox.Triple(q.subject, q.predicate, q.object) for q in
            store.native.quads_for_pattern(None, None, None, ox.NamedNode(graph))}


def assert_mirrors(server: FakeServer, store: OxigraphStore) -> None:
    names = {g.value for g in server.store.named_graphs()}
    assert names == {str(g) for g in store.named_graphs()}
    assert not [g for g in names if g.startswith(STAGING)]
    for g in names:
        assert server.graph(g) == local(store, g), g


@pytest.mark.parametrize("mode", ["gsp", "update"])
def test_push_mirrors_every_graph_and_repush_does_not_duplicate(store, server, client, mode):
    options = PushOptions(mode=mode, batch=2, chunk_triples=7)
    report = push_store(store, client, options)
    assert report.ok and report.pushed == 5 and report.triples == store.count()
    assert_mirrors(server, store)
    again = push_store(store, client, options)
    assert again.ok
    assert len(server.store) == store.count()
    assert_mirrors(server, store)


def test_update_mode_packs_graphs_into_bounded_requests(store, server, client):
    push_store(store, client, PushOptions(mode="update", batch=10, chunk_triples=10_000,
                                          probe=False))
    assert server.log.count(("POST", "/update")) == 2  # every graph in one request, one MOVE
    server.log.clear()
    server.bodies.clear()
    push_store(store, client, PushOptions(mode="update", batch=10, chunk_triples=10,
                                          probe=False))
    uploads = [b for b in server.bodies if "INSERT DATA" in b]
    assert len(uploads) >= store.count() // 10
    assert all(sum(line.endswith(" .") for line in b.splitlines()) <= 10 for b in uploads)
    assert ("PUT", "/store") not in server.log
    assert_mirrors(server, store)


def test_one_move_update_per_batch(store, server, client):
    push_store(store, client, PushOptions(batch=2, probe=False))
    assert server.log.count(("PUT", "/store")) == 5
    assert server.log.count(("POST", "/update")) == 3  # batches of 2, 2, 1


def test_transient_failures_are_retried_with_backoff(store, server, client, sleeps):
    server.faults += [fail_times(2, "/store", lambda r: httpx.Response(503)),
                      fail_times(1, "/store", raise_(httpx.ReadTimeout)),
                      fail_times(1, "/query", lambda r: httpx.Response(500))]
    report = push_store(store, client, PushOptions(probe=False))
    assert report.ok and report.retries == 4
    assert sleeps == [0.5, 1.0, 2.0, 0.5]  # doubling, capped at max_backoff, reset per request
    assert_mirrors(server, store)


def test_retries_are_bounded(store, server, client, sleeps):
    server.faults.append(lambda r: httpx.Response(500, text="boom"))
    with pytest.raises(PushError, match="HTTP 500: boom"):
        push_store(store, client, PushOptions())
    assert len(server.log) == 4 and len(sleeps) == 3


def test_client_errors_are_not_retried(store, server, client, sleeps):
    server.faults.append(fail_times(1, "/store", lambda r: httpx.Response(400, text="bad")))
    with pytest.raises(PushError, match="HTTP 400"):
        push_store(store, client, PushOptions(probe=False))
    assert server.log == [("PUT", "/store"), ("POST", "/update")] and sleeps == []
    assert "DROP SILENT GRAPH" in server.bodies[-1]  # the clean-up, not a retry


def test_a_move_whose_outcome_is_unknown_is_not_resent(store, server, client):
    server.faults.append(fail_times(1, "/update", raise_(httpx.ReadTimeout)))
    with pytest.raises(PushError, match="ReadTimeout after 1 attempt"):
        push_store(store, client, PushOptions(probe=False))


def test_a_move_that_never_reached_the_server_is_resent(store, server, client):
    server.faults.append(fail_times(1, "/update", raise_(httpx.ConnectError)))
    server.faults.append(fail_times(1, "/update", lambda r: httpx.Response(503)))
    assert push_store(store, client, PushOptions()).ok
    assert_mirrors(server, store)


def test_a_failed_upload_leaves_the_previous_graph_whole(store, server, client):
    push_store(store, client, PushOptions())
    before = {g: server.graph(g) for g in (str(n) for n in store.named_graphs())}
    victim = sorted(before)[1]

    def corrupt(request: httpx.Request) -> httpx.Response | None:
        if request.url.params.get("graph") == staging_iri(victim):
            server.store.remove_graph(ox.NamedNode(staging_iri(victim)))  # cleared, then
            return httpx.Response(400, text="parse error")  # the body fails to parse
        return None

    server.faults.append(corrupt)
    newer = build_example_store()
    for g in before:  # a new version of every graph
        newer.native.add(ox.Quad(ox.NamedNode("https://example.org/x"),
                                 ox.NamedNode("https://example.org/version"), ox.Literal("2"),
                                 ox.NamedNode(g)))
    with pytest.raises(PushError, match="HTTP 400"):
        push_store(newer, client, PushOptions(batch=50))
    for g, triples in before.items():
        assert server.graph(g) == triples, g  # nothing of the failed batch was swapped in


def test_prune_drops_what_the_store_no_longer_has(store, server, client):
    stale = "https://w3id.org/evidence-kg/id/graph/deleted-record"
    foreign = "https://example.org/someone-elses-graph"
    for g in (stale, staging_iri(stale), foreign):
        server.store.add(ox.Quad(ox.NamedNode("https://example.org/s"),
                                 ox.NamedNode("https://example.org/p"), ox.Literal("x"),
                                 ox.NamedNode(g)))
    report = push_store(store, client, PushOptions(prune=True))
    assert report.pruned == sorted([stale, staging_iri(stale)])
    names = {g.value for g in server.store.named_graphs()}
    assert names == {str(g) for g in store.named_graphs()} | {foreign}  # others' graphs stay
    with pytest.raises(PushError, match="--prune"):
        push_store(store, client, PushOptions(prune=True), graphs=[str(store.named_graphs()[0])])


def test_remote_graph_listing_is_paged(store, server, client):
    push_store(store, client, PushOptions())
    assert remote_graphs(client, GRAPHS, page=2) == {str(g) for g in store.named_graphs()}


def test_count_check_reports_mismatches(store, server, client):
    server.lossy = True
    report = push_store(store, client, PushOptions())
    assert not report.ok
    assert {g for g, _, _ in report.mismatches} == {str(g) for g in store.named_graphs()}
    assert all(remote == loc - 1 for _, loc, remote in report.mismatches)


def test_dry_run_sends_nothing(store):
    def refuse(request: httpx.Request) -> httpx.Response:
        raise AssertionError("a dry run made a request")

    client = SparqlHttp(Endpoints.for_server(BASE), transport=httpx.MockTransport(refuse))
    report = push_store(store, client, PushOptions(dry_run=True))
    assert report.dry_run and report.pushed == 0 and report.triples == store.count()
    assert [p.graph for p in report.plan] == sorted(str(g) for g in store.named_graphs())


def test_selected_graphs_only_and_unsafe_names_refused(store, server, client):
    one = str(store.named_graphs()[0])
    push_store(store, client, PushOptions(), graphs=[one])
    assert {g.value for g in server.store.named_graphs()} == {one}
    with pytest.raises(ValueError, match="unsafe IRI"):
        push_store(store, client, PushOptions(), graphs=["http://x/> } ; DROP ALL ; {"])
    with pytest.raises(PushError, match="not in the local store"):
        push_store(store, client, PushOptions(), graphs=["https://example.org/absent"])


def test_graph_body_is_the_graph_in_ntriples(store):
    graph = str(store.named_graphs()[0])
    parsed = {ox.Triple(q.subject, q.predicate, q.object)
              for q in ox.parse(graph_body(store, graph), ox.RdfFormat.N_TRIPLES)}
    assert parsed == local(store, graph)


def test_endpoint_layouts():
    fuseki = Endpoints.for_server("http://h:3030/ds/", "fuseki")
    assert (fuseki.gsp, fuseki.update, fuseki.query) == (
        "http://h:3030/ds/data", "http://h:3030/ds/update", "http://h:3030/ds/query")
    virtuoso = Endpoints.for_server("http://h:8890", "virtuoso", query="http://h:8890/sparql")
    assert virtuoso.gsp.endswith("/sparql-graph-crud-auth")
    assert virtuoso.query == "http://h:8890/sparql"
    with pytest.raises(PushError, match="unknown server kind"):
        Endpoints.for_server(BASE, "blazegraph-9")
    with pytest.raises(PushError, match="not an http"):
        Endpoints.for_server("file:///etc/passwd")
    with pytest.raises(PushError, match="credentials in the URL are refused"):
        Endpoints.for_server("http://dba:secret@h:8890", "virtuoso")


def test_credentials_from_environment_then_netrc(monkeypatch, tmp_path):
    netrc = tmp_path / "netrc"
    netrc.write_text("machine sparql.test login alice password s3cret\n", encoding="utf-8")
    netrc.chmod(0o600)
    monkeypatch.setenv("NETRC", str(netrc))
    monkeypatch.delenv("EKG_PUSH_USER", raising=False)
    assert find_credentials(BASE + "/store") == ("alice", "s3cret")
    assert find_credentials("http://elsewhere.test") is None
    monkeypatch.setenv("EKG_PUSH_USER", "bob")
    monkeypatch.setenv("EKG_PUSH_PASSWORD", "hunter2")
    assert find_credentials(BASE) == ("bob", "hunter2")


def _challenge(scheme: str, seen: list[str]) -> Callable[[httpx.Request], httpx.Response]:
    def handle(request: httpx.Request) -> httpx.Response:
        header = request.headers.get("authorization", "")
        seen.append(header.split(" ", 1)[0])
        if header.startswith(scheme):
            return httpx.Response(204)
        extra = ', nonce="abc123", qop="auth", algorithm=MD5' if scheme == "Digest" else ""
        return httpx.Response(401, headers={"WWW-Authenticate": f'{scheme} realm="x"{extra}'})
    return handle


@pytest.mark.parametrize("scheme", ["Basic", "Digest"])
def test_auth_follows_the_servers_challenge(scheme, sleeps):
    seen: list[str] = []
    client = SparqlHttp(Endpoints.for_server(BASE), credentials=("dba", "dba"),
                        transport=httpx.MockTransport(_challenge(scheme, seen)),
                        sleep=sleeps.append)
    client.put_graph("https://example.org/g", b"")
    client.put_graph("https://example.org/g", b"")
    assert seen[-1] == scheme and seen.count(scheme) == 2
    assert isinstance(client._client.auth, ChallengeAuth)


def test_secrets_never_reach_errors_or_logs(caplog, sleeps):
    def refuse(request: httpx.Request) -> httpx.Response:
        return httpx.Response(503 if len(sleeps) < 1 else 403, text="denied")

    client = SparqlHttp(Endpoints.for_server(BASE), credentials=("dba", "topsecret"),
                        transport=httpx.MockTransport(refuse), sleep=sleeps.append)
    with caplog.at_level(logging.DEBUG), pytest.raises(PushError) as info:
        client.update("CLEAR SILENT GRAPH <https://example.org/g>", idempotent=True)
    assert "topsecret" not in str(info.value) and "topsecret" not in caplog.text
    assert "retrying" in caplog.text


def test_a_failed_push_leaves_no_staging_graph(store, server, client):
    victim = sorted(str(g) for g in store.named_graphs())[2]
    server.faults.append(lambda r: httpx.Response(400, text="no") if r.url.params.get(
        "graph") == staging_iri(victim) else None)
    with pytest.raises(PushError, match="HTTP 400"):
        push_store(store, client, PushOptions())
    left = {g.value for g in server.store.named_graphs()}
    assert not [g for g in left if g.startswith(STAGING)] and not left


def test_the_server_is_probed_before_anything_is_written(store, server, client):
    push_store(store, client, PushOptions())
    assert server.log[:4] == [("POST", "/query"), ("POST", "/update"), ("PUT", "/store"),
                              ("POST", "/query")]
    assert_mirrors(server, store)


@pytest.mark.parametrize("path", ["/update", "/query"])
def test_a_missing_endpoint_is_named_and_nothing_is_written(store, server, client, path):
    server.faults.append(lambda r: httpx.Response(404, text="not here") if r.url.path == path
                         else None)
    with pytest.raises(PushError, match=f"no SPARQL .* endpoint at {BASE}{path}"):
        push_store(store, client, PushOptions())
    assert ("PUT", "/store") not in server.log and not list(server.store.named_graphs())


def test_a_graph_store_that_ignores_the_graph_is_refused_without_a_trace(store, server, client):
    """Like Oxigraph at ``/store/store``: the body lands in a graph named after the URL."""
    def direct(request: httpx.Request) -> httpx.Response | None:
        if request.url.path != "/store":
            return None
        here = ox.NamedNode(f"{BASE}/store/store")
        if request.method == "DELETE":
            server.store.remove_graph(here)
            return httpx.Response(204)
        server.store.load(request.content, ox.RdfFormat.N_TRIPLES, to_graph=here)
        return httpx.Response(204)

    server.faults.append(direct)
    with pytest.raises(PushError, match="not a Graph Store endpoint"):
        push_store(store, client, PushOptions())
    assert not list(server.store.named_graphs())


@pytest.mark.parametrize(("url", "server_kind", "gsp"), [
    ("http://h:7878/store", "oxigraph", "http://h:7878/store"),
    ("http://h:7878/update/", "oxigraph", "http://h:7878/store"),
    ("http://h:7878", "oxigraph", "http://h:7878/store"),
    ("http://h:3030/ds/sparql", "fuseki", "http://h:3030/ds/data"),
    ("http://h:8890/sparql-graph-crud-auth", "virtuoso", "http://h:8890/sparql-graph-crud-auth"),
])
def test_a_base_url_or_an_endpoint_url_is_accepted(url, server_kind, gsp):
    assert Endpoints.for_server(url, server_kind).gsp == gsp


@pytest.mark.parametrize(("body", "answer"), [
    ({"head": {}, "boolean": True}, True),
    ({"head": {}, "boolean": False}, False),
    # Virtuoso's SPARQL JSON for an ASK: a one-row table of __ask_retval
    ({"head": {"vars": ["__ask_retval"]},
      "results": {"bindings": [{"__ask_retval": {"type": "literal", "value": "1"}}]}}, True),
    ({"head": {"vars": ["__ask_retval"]},
      "results": {"bindings": [{"__ask_retval": {"type": "literal", "value": "0"}}]}}, False),
])
def test_ask_reads_both_answer_shapes(body, answer):
    def reply(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json=body)

    client = SparqlHttp(Endpoints.for_server(BASE), transport=httpx.MockTransport(reply))
    assert client.ask("ASK {}") is answer


def test_a_select_table_is_no_ask_answer():
    def reply(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json={"head": {}, "results": {"bindings": []}})

    client = SparqlHttp(Endpoints.for_server(BASE), transport=httpx.MockTransport(reply))
    with pytest.raises(PushError, match="did not answer an ASK"):
        client.ask("ASK {}")
