"""``ekg claims``: the reviewer's table, one row per claim and finding.

A reviewer reads the sentence behind every figure: which article said it, in which part of its
abstract, by which design and level, with what starting and rolled-up certainty. Only the
articles' own findings are listed by default; studied-for statements (titles, aims, methods) and
cited statements (background restating others' work) are what made roll-ups look stronger than
they were, so they appear only with ``--all``, and the table always says how many it left out.

No format ever wraps an identifier: on a terminal the table keeps CURIEs on one line and folds
only the sentence; in a pipe or a file it is drawn at its natural width and folds nothing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated

import typer
from rdflib import Literal, URIRef
from rdflib.term import Node
from rich.table import Table

from kg.analysis.resolve import curie
from kg.cli import StoreOpt, app, console, err_console, fail
from kg.commands.output import FORMATS, FormatOpt, delimited, table_console, unknown_format
from kg.errors import QueryError
from kg.query import bind_params, load_query
from kg.results import term_text
from kg.store.base import QueryResult
from kg.store.open import open_store

__all__ = ["COLUMNS", "FORMATS", "ClaimTable", "claim_records", "claim_table", "claims_command",
           "left_out_note", "render", "rich_claim_table"]

QUERY = "select/claim-table"
COLUMNS = ("claim", "subject", "subjectLabel", "relation", "object", "objectLabel", "direction",
           "kind", "sentence", "sentenceRole", "article", "design", "level", "startingCertainty",
           "findingCertainty", "rolledUpCertainty", "certaintyReason", "confidence", "standing",
           "evidence")
"""The documented columns of every machine format, in order."""
_TABLE = (("claim", ("subjectLabel", "relation", "objectLabel")), ("direction", ("direction",)),
          ("kind", ("kind",)), ("finding sentence", ("sentence",)), ("role", ("sentenceRole",)),
          ("article", ("article",)), ("design", ("design",)), ("level", ("level",)),
          ("starting", ("startingCertainty",)), ("rolled-up", ("rolledUpCertainty",)),
          ("conf.", ("confidence",)))
_FOLD_MIN = 16
_NO_WRAP = {"article", "design", "direction", "kind", "role", "level", "starting", "rolled-up",
            "conf."}


@dataclass(frozen=True, slots=True)
class ClaimTable:
    """The rows shown and how many statements of each other kind were left out."""

    rows: tuple[dict[str, Node | None], ...]
    left_out: dict[str, int]


def claim_table(result: QueryResult, *, min_confidence: float = 0.0,
                include_all: bool = False) -> ClaimTable:
    """Rows at or above ``min_confidence``; non-findings are counted, and kept only if asked."""
    rows, left_out = [], {"studied-for": 0, "cited": 0}
    for row in result.dicts():
        if _confidence(row) < min_confidence:
            continue
        kind = term_text(row.get("kind")) or "finding"
        if kind != "finding" and not include_all:
            left_out[kind] = left_out.get(kind, 0) + 1
            continue
        rows.append(row)
    return ClaimTable(tuple(rows), left_out)


def _confidence(row: dict[str, Node | None]) -> float:
    value = row.get("confidence")
    return float(value.toPython()) if isinstance(value, Literal) else 0.0


def left_out_note(table: ClaimTable) -> str:
    """One line saying what the table does not show (empty when nothing was left out)."""
    parts = [f"{n} {kind}" for kind, n in table.left_out.items() if n]
    if not parts:
        return ""
    return f"left out: {' and '.join(parts)} statement(s), not findings (--all shows them)"


def _plain(term: Node | None) -> str:
    """A value for CSV/TSV/JSON: full IRI or lexical form, on one line."""
    return " ".join(term_text(term).split())


def _json_value(term: Node | None) -> object:
    if isinstance(term, Literal) and isinstance(term.toPython(), int | float | Decimal):
        value = term.toPython()
        return value if isinstance(value, int) else float(value)
    return _plain(term) if term is not None else None


def _delimited(table: ClaimTable, delimiter: str) -> str:
    rows = ({c: _plain(row.get(c)) for c in COLUMNS} for row in table.rows)
    return delimited(COLUMNS, rows, delimiter)


def _json(table: ClaimTable) -> str:
    payload = {"columns": list(COLUMNS), "left_out": table.left_out,
               "rows": [{c: _json_value(row.get(c)) for c in COLUMNS} for row in table.rows]}
    return json.dumps(payload, ensure_ascii=False, indent=1) + "\n"


def _display(term: Node | None) -> str:
    return curie(str(term)) if isinstance(term, URIRef) else _plain(term)


def _cells(table: ClaimTable) -> list[list[str]]:
    return [[" ".join(_display(row.get(c)) for c in cols) for _, cols in _TABLE]
            for row in table.rows]


def _widths(cells: list[list[str]]) -> list[int]:
    """Each column's width: the widest value of an unwrapped column, a floor for folded ones."""
    return [max([len(h), *(len(r[i]) for r in cells)]) if h in _NO_WRAP else _FOLD_MIN
            for i, (h, _) in enumerate(_TABLE)]


def rich_claim_table(table: ClaimTable) -> Table:
    """The table for people: identifiers and slugs keep their full width and never wrap; only
    the claim's labels and the sentence fold when the terminal is narrow."""
    out = Table(title="Claims and their findings", caption=left_out_note(table) or None)
    cells = _cells(table)
    for (header, _), width in zip(_TABLE, _widths(cells), strict=True):
        if header in _NO_WRAP:
            out.add_column(header, no_wrap=True, overflow="ignore", min_width=width)
        else:
            out.add_column(header, overflow="fold", min_width=width)
    for row in cells:
        out.add_row(*row)
    return out


def claim_records(table: ClaimTable) -> list[str]:
    """The same rows as short blocks of lines, for a terminal too narrow for the table: each
    identifier stays whole on its line (soft-wrapped by the terminal, never broken by us)."""
    lines = []
    for row in table.rows:
        v = {c: _display(row.get(c)) for c in COLUMNS}
        rolled = f" (rolled-up {v['rolledUpCertainty']})" if v["rolledUpCertainty"] else ""
        graded = [f"{v['design']}", f"level {v['level']}" if v["level"] else "",
                  f"starting {v['startingCertainty']}" if v["startingCertainty"] else "",
                  f"confidence {v['confidence']}"]
        lines += [f"{v['subjectLabel']} {v['relation']} {v['objectLabel']}: {v['direction']}"
                  f"{rolled}",
                  f"  {v['kind']} ({v['sentenceRole'] or 'no role'}) {v['article']}",
                  "  " + " · ".join(g for g in graded if g), f"  “{v['sentence']}”", ""]
    return lines + ([note] if (note := left_out_note(table)) else [])


def _print_table(table: ClaimTable) -> None:
    target = table_console(console)
    needed = sum(_widths(_cells(table))) + 3 * len(_TABLE) + 1  # padding and borders
    if needed <= target.width:
        target.print(rich_claim_table(table))
        return
    for line in claim_records(table):
        console.print(line, soft_wrap=True, highlight=False, markup=False)


def render(table: ClaimTable, fmt: str) -> str:
    """``table`` as CSV, TSV or JSON text (the table format is printed by rich)."""
    if fmt == "json":
        return _json(table)
    return _delimited(table, "," if fmt == "csv" else "\t")


@app.command("claims")
def claims_command(
    subject: Annotated[str | None, typer.Option(
        "--subject", "-s", help="Only claims with this subject (CURIE or IRI).")] = None,
    obj: Annotated[str | None, typer.Option(
        "--object", "-o", help="Only claims with this object (CURIE or IRI).")] = None,
    min_confidence: Annotated[float, typer.Option(
        "--min-confidence", min=0.0, max=1.0, help="Only evidence at least this confident.")
    ] = 0.0,
    include_all: Annotated[bool, typer.Option(
        "--all", help="Also list studied-for and cited statements (never graded).")] = False,
    fmt: FormatOpt = "table",
    store: StoreOpt = None,
) -> None:
    """The reviewer's table: each claim with its findings, design, level and certainty."""
    if message := unknown_format(fmt):
        raise fail(message)
    q = load_query(QUERY)
    given = {k: v for k, v in (("subject", subject), ("object", obj)) if v}
    try:
        bindings = bind_params(q, given)
    except QueryError as exc:
        raise fail(str(exc)) from exc
    result = open_store(store, read_only=True).query(q.text, bindings)
    table = claim_table(result, min_confidence=min_confidence, include_all=include_all)
    if fmt == "table":
        _print_table(table)
        return
    typer.echo(render(table, fmt), nl=False)
    if note := left_out_note(table):
        err_console.print(note, highlight=False, markup=False)
