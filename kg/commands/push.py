"""``ekg push URL``: replace the server's copy of each named graph with the local one."""

from __future__ import annotations

import logging
from typing import Annotated

import typer
from rich.table import Table

from kg.cli import StoreOpt, app, console, err_console, fail
from kg.errors import KGError
from kg.push import PushOptions, PushReport, push_store
from kg.push_http import SERVERS, Endpoints, RetryPolicy, SparqlHttp, find_credentials
from kg.store.open import open_store

__all__ = ["print_report", "push_command"]


@app.command("push")
def push_command(
    url: Annotated[str, typer.Argument(
        help="Server base URL or one of its endpoint URLs, e.g. http://127.0.0.1:7878 or "
             "http://127.0.0.1:7878/store (credentials: EKG_PUSH_USER/EKG_PUSH_PASSWORD or "
             "~/.netrc, never in the URL).", show_default=False)],
    mode: Annotated[str, typer.Option(help="gsp (Graph Store PUT) or update (INSERT DATA).")
                    ] = "gsp",
    server: Annotated[str, typer.Option(help="|".join(SERVERS) + ": endpoint layout.")
                      ] = "oxigraph",
    graph: Annotated[list[str] | None, typer.Option(
        "--graph", "-g", help="Only this named graph (repeatable).")] = None,
    batch: Annotated[int, typer.Option(help="Graphs swapped in per MOVE update.")] = 50,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Plan only; no request.")] = False,
    prune: Annotated[bool, typer.Option(
        "--prune", help="Also drop the server's project graphs that are not in the store.")
    ] = False,
    retries: Annotated[int, typer.Option(help="Retries of a failing request.")] = 4,
    timeout: Annotated[float, typer.Option(help="Seconds per request.")] = 120.0,
    gsp_endpoint: Annotated[str | None, typer.Option(help="Override the GSP URL.")] = None,
    update_endpoint: Annotated[str | None, typer.Option(help="Override the update URL.")] = None,
    query_endpoint: Annotated[str | None, typer.Option(help="Override the query URL.")] = None,
    store: StoreOpt = None,
) -> None:
    """Push every named graph (probe, staging + MOVE), then check the server's counts; exit 1
    if they differ. A failed push drops its staging graphs."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(message)s")
    try:
        endpoints = Endpoints.for_server(url, server, gsp=gsp_endpoint, update=update_endpoint,
                                         query=query_endpoint)
        options = PushOptions(mode=mode, batch=batch, dry_run=dry_run,  # type: ignore[arg-type]
                              prune=prune)
        st = open_store(store, read_only=True)
        client = None if dry_run else SparqlHttp(
            endpoints, timeout=timeout, retry=RetryPolicy(attempts=retries + 1),
            credentials=find_credentials(url))
        report = push_store(st, client, options, graph, on_batch=_progress)
    except KGError as exc:
        raise fail(str(exc)) from exc
    print_report(report, endpoints)
    raise typer.Exit(0 if report.ok else 1)


def _progress(done: int, total: int) -> None:
    err_console.print(f"pushed {done}/{total} graphs", highlight=False)


def print_report(report: PushReport, endpoints: Endpoints) -> None:
    table = Table(title="push (dry run)" if report.dry_run else "push", show_header=False)
    for label, value in (("graph store", endpoints.gsp), ("update", endpoints.update),
                         ("graphs", len(report.plan)), ("triples", report.triples),
                         ("pushed", report.pushed), ("requests", report.requests),
                         ("retries", report.retries), ("pruned", len(report.pruned)),
                         ("seconds", f"{report.seconds:.2f}"),
                         ("count mismatches", len(report.mismatches))):
        table.add_row(label, str(value))
    console.print(table)
    for graph, local, remote in report.mismatches[:20]:
        console.print(f"[red]mismatch[/] {graph}: local {local}, server {remote}",
                      highlight=False)
