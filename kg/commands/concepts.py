"""``ekg concepts NAME``: which concepts a name denotes, and how much the graph uses each.

The same look-up every command uses for a concept given by name (``ekg paths ketamine …``,
``ekg query … -p condition="complex regional pain syndrome"``), shown in full, so a user can see
why a name resolved as it did, or pick the CURIE when it is ambiguous.
"""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.table import Table

from kg.cli import StoreOpt, app, console, fail
from kg.commands.output import delimited, print_table
from kg.names import ConceptMatch, curie, find_concepts
from kg.store.open import open_store

__all__ = ["concept_rows", "concepts_command"]

_COLUMNS = ("curie", "label", "role", "mentions", "claims", "same_as", "iri")
_FORMATS = ("table", "csv", "tsv", "json")


def concept_rows(found: list[ConceptMatch]) -> list[dict[str, object]]:
    """One plain dict per concept, in the columns every format shares."""
    return [{"curie": curie(m.iri), "label": m.label, "role": m.role or "",
             "mentions": m.mentions, "claims": m.claims,
             "same_as": " ".join(curie(e) for e in m.equivalents), "iri": m.iri}
            for m in found]


def _table(name: str, rows: list[dict[str, object]]) -> Table:
    table = Table(title=f"Concepts named {name!r}")
    for column in _COLUMNS[:-1]:
        table.add_column(column.replace("_", " "))
    for row in rows:
        table.add_row(*(str(row[c]) for c in _COLUMNS[:-1]))
    return table


def _delimited(rows: list[dict[str, object]], delimiter: str) -> str:
    return delimited(_COLUMNS, rows, delimiter)


@app.command("concepts")
def concepts_command(
    name: Annotated[str, typer.Argument(help="A concept name (case, hyphens, plurals ignored).")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="table|csv|tsv|json")] = "table",
    store: StoreOpt = None,
) -> None:
    """Concepts a name denotes: CURIE, label, role, and how often the graph uses them."""
    if fmt not in _FORMATS:
        raise fail(f"unknown --format {fmt!r}; use {', '.join(_FORMATS)}")
    rows = concept_rows(find_concepts(open_store(store, must_exist=True, read_only=True), name))
    if fmt == "json":
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=1))
    elif fmt in ("csv", "tsv"):
        typer.echo(_delimited(rows, "," if fmt == "csv" else "\t"), nl=False)
    elif rows:
        print_table(console, _table(name, rows), ("mentions", "claims"))
    else:
        console.print(f"no concept is named {name!r}", highlight=False)
    if not rows:
        raise typer.Exit(1)
