"""Pushing the dataset to a SPARQL server so that it holds exactly the local named graphs.

Each graph is uploaded whole into a staging graph (one Graph Store PUT, or INSERT DATA chunks
in update mode), then a batch of ``MOVE GRAPH staging TO GRAPH target`` operations swaps the
staged graphs in with one SPARQL update. A failed or interrupted upload therefore only ever
touches a staging graph: the real graph keeps its previous content until the MOVE, which
servers run as one operation (Oxigraph: one transaction). This matters because Oxigraph's
server clears a graph *before* parsing a PUT body. PUT and MOVE replace, so re-pushing never
duplicates. A final check compares the server's triple count per graph with the local one.

Before anything is written the server is probed (:mod:`kg.push_probe`): the query and update
endpoints must answer, and a Graph Store PUT into a probe graph must land in that named graph
(a wrong URL such as ``…/store/store`` makes Oxigraph store the body in a graph named after the
URL). A push that fails drops the staging graphs it made, so it leaves no trace.

Updates are assembled from terms serialised by Oxigraph (N-Triples syntax, escaped), never from
pasted text; graph IRIs are checked before use.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from typing import Literal

import pyoxigraph as ox

from kg.push_http import PushError, SparqlHttp
from kg.push_probe import probe_server, sparql_iri
from kg.rdf.iris import check_iri, content_hash
from kg.rdf.namespaces import EKGR
from kg.store.oxigraph import OxigraphStore
from kg.store.update_text import drop_graph, insert_data

__all__ = [
    "GRAPHS",
    "STAGING",
    "GraphPlan",
    "PushOptions",
    "PushReport",
    "count_remote",
    "graph_body",
    "plan_push",
    "push_store",
    "remote_graphs",
    "staging_iri",
]

GRAPHS = f"{EKGR}graph/"
"""Namespace of the project's named graphs: what ``prune`` may remove from a server."""
STAGING = f"{EKGR}staging/"
"""Namespace of staging graphs; one fixed staging graph per target, so leftovers of an
interrupted push are overwritten by the next one."""

Mode = Literal["gsp", "update"]


@dataclass(frozen=True, slots=True)
class PushOptions:
    mode: Mode = "gsp"
    batch: int = 50  # graphs swapped in per MOVE update
    chunk_triples: int = 5000  # triples per update request in update mode
    verify: bool = True
    dry_run: bool = False
    prune: bool = False  # drop the server's project graphs that the local store lacks
    probe: bool = True  # check the endpoints before the first write


@dataclass(frozen=True, slots=True)
class GraphPlan:
    graph: str
    triples: int


@dataclass(slots=True)
class PushReport:
    plan: list[GraphPlan]
    dry_run: bool = False
    pushed: int = 0
    requests: int = 0
    retries: int = 0
    seconds: float = 0.0
    mismatches: list[tuple[str, int, int]] = field(default_factory=list)  # graph, local, remote
    pruned: list[str] = field(default_factory=list)

    @property
    def triples(self) -> int:
        return sum(p.triples for p in self.plan)

    @property
    def ok(self) -> bool:
        return not self.mismatches


def staging_iri(graph: str) -> str:
    return str(check_iri(f"{STAGING}{content_hash(graph)}"))


def _triples(store: ox.Store, graph: str) -> Iterator[ox.Triple]:
    for q in store.quads_for_pattern(None, None, None, ox.NamedNode(graph)):
        yield ox.Triple(q.subject, q.predicate, q.object)


def graph_body(store: OxigraphStore, graph: str) -> bytes:
    """One named graph as N-Triples (also valid Turtle), the body of its PUT."""
    return ox.serialize(_triples(store.native, graph), None, ox.RdfFormat.N_TRIPLES) or b""


def plan_push(store: OxigraphStore, graphs: Iterable[str] | None = None) -> list[GraphPlan]:
    """The graphs to push with their local triple counts; unknown graphs are an error."""
    known = {str(g) for g in store.named_graphs()}
    names = sorted(known) if graphs is None else [str(check_iri(g)) for g in graphs]
    missing = [g for g in names if g not in known]
    if missing:
        raise PushError(f"not in the local store: {', '.join(missing[:5])}")
    return [GraphPlan(g, store.count(check_iri(g))) for g in names if not g.startswith(STAGING)]


def _batches(items: Sequence[GraphPlan], size: int) -> Iterator[list[GraphPlan]]:
    it = iter(items)
    while batch := list(islice(it, max(1, size))):
        yield batch


def _upload_gsp(client: SparqlHttp, store: OxigraphStore, batch: list[GraphPlan],
                options: PushOptions) -> None:
    """One Graph Store PUT per graph, into its staging graph."""
    for item in batch:
        client.put_graph(staging_iri(item.graph), graph_body(store, item.graph))


def _update_operations(store: OxigraphStore, batch: list[GraphPlan],
                       chunk: int) -> Iterator[tuple[str, int]]:
    """(operation, triples) pairs: DROP each staging graph, then INSERT DATA into it in chunks."""
    for item in batch:
        staging = ox.NamedNode(staging_iri(item.graph))
        yield drop_graph(staging), 0
        triples = _triples(store.native, item.graph)
        while part := list(islice(triples, chunk)):
            yield insert_data(staging, part), len(part)


def _upload_update(client: SparqlHttp, store: OxigraphStore, batch: list[GraphPlan],
                   options: PushOptions) -> None:
    """Staging graphs filled by SPARQL updates of about ``chunk_triples`` triples each; small
    graphs share a request. Every request can be resent as is: DROP then INSERT of the same
    triples gives the same staging graph."""
    chunk = max(1, options.chunk_triples)
    pending: list[str] = []
    size = 0
    for operation, triples in _update_operations(store, batch, chunk):
        if pending and size + triples > chunk:
            client.update(" ;\n".join(pending), idempotent=True)
            pending, size = [], 0
        pending.append(operation)
        size += triples
    if pending:
        client.update(" ;\n".join(pending), idempotent=True)


_UPLOADERS: dict[str, Callable[[SparqlHttp, OxigraphStore, list[GraphPlan], PushOptions],
                               None]] = {
    "gsp": _upload_gsp,
    "update": _upload_update,
}


def _swap(client: SparqlHttp, batch: list[GraphPlan]) -> None:
    """One update moving every staged graph of the batch onto its target."""
    moves = [f"MOVE GRAPH {sparql_iri(staging_iri(p.graph))} TO GRAPH {sparql_iri(p.graph)}"
             for p in batch]
    client.update(" ;\n".join(moves), idempotent=False)


def count_remote(client: SparqlHttp, graphs: Sequence[str], per_query: int = 100
                 ) -> dict[str, int]:
    """The server's triple count of each graph (absent graphs count 0)."""
    counts = dict.fromkeys(graphs, 0)
    for start in range(0, len(graphs), per_query):
        values = " ".join(sparql_iri(g) for g in graphs[start:start + per_query])
        rows = client.select("SELECT ?g (COUNT(*) AS ?n) WHERE { VALUES ?g { " + values
                             + " } GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
        for row in rows:
            counts[row["g"]["value"]] = int(row["n"]["value"])
    return counts


def remote_graphs(client: SparqlHttp, namespace: str, page: int = 5000) -> set[str]:
    """Graphs on the server whose IRI starts with ``namespace``, read in pages (Virtuoso caps
    a result at 10,000 rows)."""
    found: set[str] = set()
    prefix = str(ox.Literal(str(check_iri(namespace))))
    while True:
        rows = client.select(
            "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), "
            + prefix + ")) } ORDER BY ?g LIMIT " + str(int(page)) + " OFFSET "
            + str(len(found)))
        found.update(row["g"]["value"] for row in rows)
        if len(rows) < page:
            return found


def _prune(client: SparqlHttp, keep: set[str], batch: int) -> list[str]:
    """Drop the project's graphs (and leftover staging graphs) the local store no longer has."""
    stale = sorted((remote_graphs(client, GRAPHS) | remote_graphs(client, STAGING)) - keep)
    for start in range(0, len(stale), max(1, batch)):
        drops = [f"DROP SILENT GRAPH {sparql_iri(g)}" for g in stale[start:start + batch]]
        client.update(" ;\n".join(drops), idempotent=True)
    return stale


def _drop_staging(client: SparqlHttp, batch: list[GraphPlan]) -> None:
    """Best effort after a failure: remove the batch's staging graphs (the failure is what the
    user needs to hear about, so a failing clean-up stays quiet)."""
    drops = [f"DROP SILENT GRAPH {sparql_iri(staging_iri(p.graph))}" for p in batch]
    try:
        client.update(" ;\n".join(drops), idempotent=True)
    except PushError:
        pass


def _push_batch(client: SparqlHttp, store: OxigraphStore, batch: list[GraphPlan],
                options: PushOptions) -> None:
    try:
        _UPLOADERS[options.mode](client, store, batch, options)
        _swap(client, batch)
    except PushError:
        _drop_staging(client, batch)
        raise


def _verify(client: SparqlHttp, plan: list[GraphPlan]) -> list[tuple[str, int, int]]:
    remote = count_remote(client, [p.graph for p in plan])
    return [(p.graph, p.triples, remote[p.graph]) for p in plan
            if remote[p.graph] != p.triples]


def push_store(store: OxigraphStore, client: SparqlHttp | None, options: PushOptions,
               graphs: Iterable[str] | None = None,
               on_batch: Callable[[int, int], None] = lambda done, total: None) -> PushReport:
    """Push ``graphs`` (default: every named graph) batch by batch; see the module docstring."""
    started = time.perf_counter()
    report = PushReport(plan_push(store, graphs), dry_run=options.dry_run)
    if options.prune and graphs is not None:
        raise PushError("--prune needs the whole dataset: it cannot be combined with --graph")
    if options.mode not in _UPLOADERS:
        raise PushError(f"unknown push mode {options.mode!r}; choose gsp or update")
    if options.dry_run or client is None:
        return report
    if options.probe:
        probe_server(client, options.mode)
    for batch in _batches(report.plan, options.batch):
        _push_batch(client, store, batch, options)
        report.pushed += len(batch)
        on_batch(report.pushed, len(report.plan))
    if options.prune:
        report.pruned = _prune(client, {p.graph for p in report.plan}, options.batch)
    if options.verify:
        report.mismatches = _verify(client, report.plan)
    report.requests, report.retries = client.requests, client.retries
    report.seconds = time.perf_counter() - started
    return report
