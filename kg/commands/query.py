"""``ekg query`` and ``ekg update``: run catalogue queries with typed, bound parameters.

``ekg query`` is read-only (the store is opened read-only and updates, LOAD and SERVICE are
refused, so nothing reaches the network); ``ekg update`` runs the catalogue's curator updates,
whose parameters are bound by substitution like any other query.
"""

from __future__ import annotations

from typing import Annotated

import typer

from kg.cli import StoreOpt, app, console, fail
from kg.errors import QueryError
from kg.query import (
    CatalogueQuery,
    Param,
    apply_update,
    bind_params,
    check_read_only,
    list_catalogue,
    load_query,
)
from kg.results import FORMATTERS, format_result, rich_table
from kg.store.open import open_store

__all__ = ["catalogue_lines", "parse_kv", "query_command", "update_command"]

_FORMATS = "|".join(FORMATTERS)


def parse_kv(pairs: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise QueryError(f"--param wants NAME=VALUE, got {pair!r}")
        out[key.strip()] = value
    return out


def _param_line(p: Param) -> str:
    text = f"    {p.name}: {p.type}"
    if p.example:
        text += f"  e.g. {p.example}"
    if p.default:
        text += f"  [default {p.default}]"
    return text + (f"  — {p.description}" if p.description else "")


def catalogue_lines() -> list[str]:
    """The catalogue as text: name and title, then each parameter with type and example."""
    lines = []
    for q in list_catalogue():
        lines.append(f"{q.name}  —  {q.title}")
        lines.extend(_param_line(p) for p in q.params)
    return lines


def _load_with_params(name: str, param: list[str] | None) -> tuple[CatalogueQuery, dict]:
    try:
        q = load_query(name)
        return q, parse_kv(param or [])
    except QueryError as exc:
        raise fail(str(exc)) from exc


@app.command("query")
def query_command(
    name: Annotated[str | None, typer.Argument(help="Catalogue name or .rq file.")] = None,
    param: Annotated[list[str] | None, typer.Option("--param", "-p", help="NAME=VALUE")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help=_FORMATS)] = "table",
    store: StoreOpt = None,
    list_: Annotated[bool, typer.Option("--list", help="List the catalogue.")] = False,
) -> None:
    """Run a SPARQL query from the catalogue in queries/ (or a .rq file) against the store."""
    if list_ or not name:
        for line in catalogue_lines():
            console.print(line, highlight=False, markup=False, soft_wrap=True)
        return
    if fmt not in FORMATTERS:
        raise fail(f"unknown format {fmt!r}; known: {_FORMATS}")
    q, given = _load_with_params(name, param)
    try:
        if q.group == "update":
            raise QueryError(f"{q.name} changes the graph: run it with `ekg update {q.name}`")
        check_read_only(q.text)
        bindings = bind_params(q, given)
    except QueryError as exc:
        raise fail(str(exc)) from exc
    st = open_store(store, read_only=True)
    result = st.query(q.text, bindings)
    if fmt == "table":
        console.print(rich_table(result, q.title))
        return
    try:
        typer.echo(format_result(result, fmt), nl=False)
    except ValueError as exc:
        raise fail(str(exc)) from exc


@app.command("update")
def update_command(
    name: Annotated[str, typer.Argument(help="Catalogue update, e.g. mark-retracted.")],
    param: Annotated[list[str] | None, typer.Option("--param", "-p", help="NAME=VALUE")] = None,
    store: StoreOpt = None,
) -> None:
    """Run a curator update from queries/update (e.g. mark an article retracted)."""
    q, given = _load_with_params(name, param)
    st = open_store(store, must_exist=True)
    try:
        changed = apply_update(st, q, given)
    except QueryError as exc:
        raise fail(str(exc)) from exc
    finally:
        st.close()
    verb = "added to" if q.effect == "add" else "removed from"
    console.print(f"{q.name}: {changed} triple(s) {verb} the curation graph")
    if not changed:
        raise typer.Exit(1)
