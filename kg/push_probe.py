"""Probing a SPARQL server before a push writes anything: are these its endpoints?

A user gives a server's base URL or one of its endpoint URLs, and a wrong guess is expensive:
Oxigraph's server answers a Graph Store PUT to ``…/store/store`` by storing the body in a graph
named after that URL (direct graph identification), and only the update that follows fails.
So the query and update endpoints are asked a harmless question first, and a probe graph is
PUT and looked for by name through the query endpoint, then removed wherever it went.
"""

from __future__ import annotations

import pyoxigraph as ox

from kg.push_http import PushError, SparqlHttp
from kg.rdf.iris import check_iri
from kg.rdf.namespaces import EKGR

__all__ = ["PROBE_GRAPH", "probe_server", "sparql_iri"]


def sparql_iri(value: str) -> str:
    """``<iri>`` in SPARQL syntax, for a checked IRI (Oxigraph's own term writer)."""
    return str(ox.NamedNode(str(check_iri(value))))


PROBE_GRAPH = f"{EKGR}staging/probe"
"""A staging graph of its own: a push never stages a real graph under this name."""
_PROBE = b"".join(b'<urn:evidence-kg:probe> <urn:evidence-kg:probe> "%d" .\n' % i
                 for i in (1, 2))
"""The probe graph's body: two triples (a server that drops a line still stores one)."""


def probe_server(client: SparqlHttp, mode: str) -> None:
    """Check the endpoints before any real write; PushError says which one is wrong."""
    where = client.endpoints
    try:
        client.ask("ASK { }")
    except PushError as exc:
        raise PushError(f"no SPARQL query endpoint at {where.query} ({exc}); give the server's "
                        "base URL, --server, or --query-endpoint") from exc
    try:
        client.update(f"DROP SILENT GRAPH {sparql_iri(PROBE_GRAPH)}", idempotent=True)
    except PushError as exc:
        raise PushError(f"no SPARQL update endpoint at {where.update} ({exc}); give the "
                        "server's base URL, --server, or --update-endpoint") from exc
    if mode == "gsp":
        _probe_graph_store(client)


def _probe_graph_store(client: SparqlHttp) -> None:
    try:
        client.put_graph(PROBE_GRAPH, _PROBE)
        landed = client.ask(f"ASK {{ GRAPH {sparql_iri(PROBE_GRAPH)} {{ ?s ?p ?o }} }}")
        problem = "" if landed else "a PUT did not reach the named graph"
    except PushError as exc:
        problem = str(exc)
    finally:
        _forget_probe(client)
    if problem:
        raise PushError(f"{client.endpoints.gsp} is not a Graph Store endpoint for "
                        f"{client.endpoints.query} ({problem}); give the server's base URL, "
                        "--server, or --gsp-endpoint")


def _forget_probe(client: SparqlHttp) -> None:
    """Remove the probe wherever the Graph Store put it (DELETE on the same URL) and by name."""
    for remove in (lambda: client.delete_graph(PROBE_GRAPH),
                   lambda: client.update(f"DROP SILENT GRAPH {sparql_iri(PROBE_GRAPH)}",
                                         idempotent=True)):
        try:
            remove()
        except PushError:
            pass  # a wrong Graph Store URL may refuse the DELETE too; the error says why
