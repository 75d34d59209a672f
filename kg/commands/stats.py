"""``ekg stats``: what the graph holds, from the catalogue's statistics queries.

Evidence is counted by kind first (findings, studied-for and cited statements), because only
findings are graded and counted by roll-ups: a reader sees at once how much of the graph is the
articles' own results. Designs and levels are counted over findings, each with the GRADE
certainty its design *starts* from; no figure here rates a single sentence.
"""

from __future__ import annotations

import json

import typer
from rich.table import Table

from kg.analysis.report import STATS_COLUMNS, kinds_line, result_dicts, stats_rows
from kg.cli import StoreOpt, app, console, fail
from kg.commands.output import FORMATS, FormatOpt, delimited, print_table, unknown_format
from kg.query import load_query
from kg.results import rich_table
from kg.store.base import QueryResult, Store
from kg.store.open import open_store

__all__ = ["FORMATS", "stats_command", "stats_json", "stats_text"]

_SECTIONS = {"counts": "select/counts", "evidence-kinds": "select/counts-by-kind",
             "findings-by-design": "select/counts-by-design"}
_ROLLUP = "select/evidence-rollup"
_NO_WRAP = {"intervention", "condition", "relation", "design", "kind", "role",
            "startingCertainty"}


def _sections(st: Store) -> dict[str, QueryResult]:
    return {name: st.query(load_query(q).text) for name, q in _SECTIONS.items()}


def stats_json(st: Store) -> dict[str, object]:
    """Every section as rows of plain values, the roll-up of findings, graphs and quads."""
    out: dict[str, object] = {name: result_dicts(r) for name, r in _sections(st).items()}
    out["counts"] = next(iter(out["counts"]), {})  # type: ignore[call-overload]
    out["rollup"] = result_dicts(st.query(load_query(_ROLLUP).text))
    out["named_graphs"], out["quads"] = len(st.named_graphs()), st.count()
    return out


def stats_text(st: Store, delimiter: str) -> str:
    """The figures one per row (section, dimensions, measure, value) as CSV or TSV."""
    return delimited(tuple(STATS_COLUMNS), stats_rows(_sections(st)), delimiter)


def _print_tables(st: Store) -> None:
    """Each section as a table whose identifier and slug columns never wrap."""
    sections = _sections(st)
    for name, q in _SECTIONS.items():
        print_table(console, rich_table(sections[name], load_query(q).title), _NO_WRAP)
    console.print(kinds_line(sections["evidence-kinds"]), highlight=False, soft_wrap=True)
    rollup = load_query(_ROLLUP)
    print_table(console, rich_table(st.query(rollup.text), rollup.title), _NO_WRAP)
    summary = Table(show_header=False)
    summary.add_row("named graphs", str(len(st.named_graphs())))
    summary.add_row("quads", str(st.count()))
    console.print(summary)


@app.command("stats")
def stats_command(
    store: StoreOpt = None,
    fmt: FormatOpt = "table",
) -> None:
    """Records, articles, concepts, claims; evidence by kind; findings per design and level
    (with the certainty each design starts from); the roll-up of findings (table and JSON)."""
    if message := unknown_format(fmt):
        raise fail(message)
    st = open_store(store, read_only=True)
    if fmt == "table":
        _print_tables(st)
    elif fmt == "json":
        typer.echo(json.dumps(stats_json(st), ensure_ascii=False, indent=1, default=str))
    else:
        typer.echo(stats_text(st, "," if fmt == "csv" else "\t"), nl=False)
