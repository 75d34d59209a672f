"""``ekg query`` and ``ekg update``: run catalogue queries with typed, bound parameters.

``ekg query`` is read-only (the store is opened read-only and updates, LOAD and SERVICE are
refused, so nothing reaches the network), whether the query comes from the catalogue, a ``.rq``
file, ``-e 'SPARQL'`` or standard input (``-``): the same check the endpoint applies. Concept
parameters take a name as well as a CURIE (looked up as :mod:`kg.names` describes). ``ekg
update`` runs the catalogue's curator updates, whose parameters are bound by substitution like
any other query.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from kg.cli import StoreOpt, app, console, fail
from kg.commands.output import print_table
from kg.commands.pipes import quiet_on_closed_pipe
from kg.errors import QueryError
from kg.names import resolve_concept
from kg.negotiation import format_for
from kg.query import (
    CatalogueQuery,
    Param,
    apply_update,
    bind_params,
    list_catalogue,
    load_query,
)
from kg.readonly import check_read_only
from kg.results import FORMATTERS, format_result, rich_table
from kg.store.base import QueryResult, Store
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
    text = f"    {p.name}: {p.type}{'' if p.required else ' (optional)'}"
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


def _ad_hoc(text: str, param: list[str] | None) -> tuple[CatalogueQuery, dict]:
    """SPARQL typed on the command line or piped in: no header, so no parameters."""
    if param:
        raise fail("--param binds catalogue parameters; an ad-hoc query has none")
    if not text.strip():
        raise fail("no SPARQL given")
    return CatalogueQuery(name="ad-hoc query", path=Path("-"), text=text), {}


def _chosen(name: str | None, sparql: str | None, param: list[str] | None
            ) -> tuple[CatalogueQuery, dict]:
    if sparql is not None and name is not None:
        raise fail("give a catalogue name, a .rq file, - or -e SPARQL, not two of them")
    if sparql is not None:
        return _ad_hoc(sparql, param)
    if name == "-":
        return _ad_hoc(sys.stdin.read(), param)
    return _load_with_params(str(name), param)


def _print(result: QueryResult, q: CatalogueQuery, fmt: str) -> None:
    empty = {"select": not result.rows, "construct": not result.triples}.get(result.kind)
    if fmt == "table" and empty:
        what = "rows" if result.kind == "select" else "triples"
        console.print(f"{q.title or q.name}: no {what}", highlight=False)
    elif fmt == "table":
        print_table(console, rich_table(result, q.title))
    else:
        try:
            typer.echo(format_result(result, format_for(fmt, result.kind)), nl=False)
        except ValueError as exc:
            raise fail(str(exc)) from exc


def _bindings(st: Store, q: CatalogueQuery, given: dict[str, str]) -> dict:
    try:
        if q.group == "update":
            raise QueryError(f"{q.name} changes the graph: run it with `ekg update {q.name}`")
        check_read_only(q.text)
        return bind_params(q, given, names=lambda text: resolve_concept(st, text))
    except QueryError as exc:
        raise fail(str(exc)) from exc


@app.command("query")
def query_command(
    name: Annotated[str | None, typer.Argument(
        help="Catalogue name, a .rq file, or - to read SPARQL from standard input.",
        show_default=False)] = None,
    sparql: Annotated[str | None, typer.Option(
        "--sparql", "-e", help="Run this SPARQL text (read-only, like the endpoint).",
        show_default=False)] = None,
    param: Annotated[list[str] | None, typer.Option(
        "--param", "-p", metavar="NAME=VALUE", help="A catalogue parameter (repeatable); a "
        "concept parameter takes a CURIE or a name.", show_default=False)] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help=_FORMATS)] = "table",
    store: StoreOpt = None,
    list_: Annotated[bool, typer.Option("--list", help="List the catalogue.")] = False,
) -> None:
    """Run a SPARQL query against the store: from the catalogue in queries/, a .rq file, -e or
    standard input."""
    if list_ or (not name and sparql is None):
        for line in catalogue_lines():
            console.print(line, highlight=False, markup=False, soft_wrap=True)
        return
    if fmt not in FORMATTERS:
        raise fail(f"unknown format {fmt!r}; known: {_FORMATS}")
    q, given = _chosen(name, sparql, param)
    st = open_store(store, read_only=True)
    bindings = _bindings(st, q, given)
    result = st.query(q.text, bindings)
    with quiet_on_closed_pipe():
        _print(result, q, fmt)


@app.command("update")
def update_command(
    name: Annotated[str, typer.Argument(help="Catalogue update, e.g. mark-retracted.")],
    param: Annotated[list[str] | None, typer.Option(
        "--param", "-p", metavar="NAME=VALUE", help="An update parameter (repeatable).")] = None,
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
