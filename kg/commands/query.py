"""``ekg query``: run a catalogue query (or a .rq file) with typed, bound parameters."""

from __future__ import annotations

from typing import Annotated

import typer

from kg.cli import StoreOpt, app, console, fail
from kg.errors import QueryError
from kg.query import bind_params, list_catalogue, load_query
from kg.results import format_result, rich_table
from kg.store.open import open_store

__all__ = ["parse_kv", "query_command"]


def parse_kv(pairs: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise QueryError(f"--param wants NAME=VALUE, got {pair!r}")
        out[key.strip()] = value
    return out


def _print_catalogue() -> None:
    for q in list_catalogue():
        params = ", ".join(f"{p.name}:{p.type}" for p in q.params)
        console.print(f"[bold]{q.name}[/]  {q.title}" + (f"  [dim]({params})[/]" if params else ""))


@app.command("query")
def query_command(
    name: Annotated[str | None, typer.Argument(help="Catalogue name or .rq file.")] = None,
    param: Annotated[list[str] | None, typer.Option("--param", "-p", help="NAME=VALUE")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table|csv|tsv|json")] = "table",
    store: StoreOpt = None,
    list_: Annotated[bool, typer.Option("--list", help="List the catalogue.")] = False,
) -> None:
    """Run a SPARQL query from the catalogue in queries/ against the store."""
    if list_ or not name:
        _print_catalogue()
        return
    try:
        q = load_query(name)
        bindings = bind_params(q, parse_kv(param or []))
    except QueryError as exc:
        raise fail(str(exc)) from exc
    st = open_store(store, must_exist=True)
    result = st.query(q.text, bindings)
    if fmt == "table":
        console.print(rich_table(result, q.title) if result.kind == "select" else result.boolean)
    else:
        typer.echo(format_result(result, fmt), nl=False)
