"""``ekg serve``: the store over the SPARQL 1.1 Protocol, read-only, on loopback by default."""

from __future__ import annotations

from typing import Annotated

import typer

from kg.cli import StoreOpt, app, console, err_console
from kg.errors import StoreError
from kg.resources import default_store_dir

__all__ = ["serve_command"]

_LOOPBACK = ("127.0.0.1", "localhost", "::1")


@app.command("serve")
def serve_command(
    store: StoreOpt = None,
    host: Annotated[str, typer.Option(help="Address to listen on (loopback by default).")]
    = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port (0: any free port).")] = 7878,
    timeout: Annotated[float, typer.Option(help="Seconds a query may run.")] = 10.0,
    max_rows: Annotated[int, typer.Option(
        help="Rows (or triples) per result; a longer result is cut and says so in its body.")
    ] = 10_000,
    workers: Annotated[int, typer.Option(help="Query worker processes.")] = 2,
    max_memory_mb: Annotated[int, typer.Option(help="Memory per query worker (MiB).")] = 2048,
    quiet: Annotated[bool, typer.Option(help="Do not log each request.")] = False,
) -> None:
    """Serve the store read-only: SPARQL endpoint, saved queries and a query page."""
    from kg.serve import ServeOptions, make_server

    path = store or default_store_dir()
    if not path.exists():
        raise StoreError(f"no store at {path}: run `ekg build PATH…` first, or pass --store")
    if host not in _LOOPBACK:
        err_console.print(f"[yellow]warning:[/] listening on {host}, not only on this machine")
    options = ServeOptions(path, host, port, timeout, max_rows, max(1, workers), max_memory_mb,
                           quiet=quiet)
    server, pool = make_server(options)
    bound_host, bound_port = server.server_address[:2]
    console.print(f"serving {path} at http://{bound_host}:{bound_port}/ "
                  f"(SPARQL endpoint /sparql, saved queries /queries; a later build is seen by "
                  f"the next query) — Ctrl-C stops")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        pool.close()
