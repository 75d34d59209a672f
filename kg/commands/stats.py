"""``ekg stats``: what the graph holds, from the catalogue's statistics queries."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from kg.cli import StoreOpt, app, console
from kg.query import load_query
from kg.results import rich_table, sparql_json
from kg.store.open import open_store

__all__ = ["stats_command"]

_SECTIONS = ("select/counts", "select/counts-by-design", "select/evidence-rollup")


@app.command("stats")
def stats_command(
    store: StoreOpt = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table|json")] = "table",
) -> None:
    """Counts of records, articles, concepts, claims; evidence per design and level; roll-up."""
    st = open_store(store, read_only=True)
    for name in _SECTIONS:
        q = load_query(name)
        result = st.query(q.text)
        if fmt == "json":
            typer.echo(sparql_json(result))
        else:
            console.print(rich_table(result, q.title))
    if fmt == "table":
        summary = Table(show_header=False)
        summary.add_row("named graphs", str(len(st.named_graphs())))
        summary.add_row("quads", str(st.count()))
        console.print(summary)
