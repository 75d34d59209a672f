"""Output formats shared by the table commands: one way to write CSV/TSV, check ``--format``
and print a table.

Programs read a command's rows as CSV, TSV or JSON; people read the rich table. A table never
splits an identifier. On a terminal, rank and score columns never wrap, every column is at least
as wide as the longest DOI, CURIE or URL in it, and when the terminal is too narrow for that,
each row is printed as a short block of lines instead, so an identifier can always be copied
whole. Without a terminal (a pipe, a file) the table is drawn at its natural width: nothing
wraps at all, whatever ``COLUMNS`` says, so ``grep`` and ``less -S`` see one row per line.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

__all__ = ["FORMATS", "FormatOpt", "delimited", "print_table", "table_blocks", "table_console",
           "unknown_format"]

FORMATS = ("table", "csv", "tsv", "json")
_FOLD_MIN = 8
"""The narrowest a folding column gets: words longer than this may fold, identifiers never."""
_IDENTIFIER = re.compile(r"[^\s,;()\[\]]+:[^\s,;()\[\]]+|[^\s,;()\[\]]*/[^\s,;()\[\]]*")
"""A CURIE (``mesh:D007649``, ``doi:10.1/x``) or a URL: text a table must never split."""
_WORD = re.compile(r"\S+")
_NATURAL = 1_000_000
"""The width tables are drawn at without a terminal: wider than any table, so none wraps."""

FormatOpt = Annotated[str, typer.Option(
    "--format", "-f", help="table|csv|tsv|json (CSV and TSV: one row per result, flat columns).")]


def unknown_format(fmt: str) -> str | None:
    """The error message for a ``--format`` that is not one of :data:`FORMATS`, else None."""
    return None if fmt in FORMATS else f"unknown --format {fmt!r}; use {'|'.join(FORMATS)}"


def delimited(columns: tuple[str, ...], rows: Iterable[Mapping[str, object]],
              delimiter: str) -> str:
    """Rows as CSV (``,``) or TSV (``\\t``) under a header of ``columns``; None becomes empty
    and every value is kept on one line (a newline would split a row for line-based tools)."""
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["" if row.get(c) is None else " ".join(str(row.get(c)).split())
                         for c in columns])
    return buf.getvalue()


def _rows(table: Table) -> list[tuple[object, ...]]:
    return list(zip(*(list(c.cells) for c in table.columns), strict=True))


def _longest(values: list[str]) -> int:
    return max([0, *(len(line) for v in values for line in v.splitlines())])


def _floor(values: list[str], keep: bool, words: bool) -> int:
    """A column's narrowest width: its widest value if it never wraps, else its longest
    identifier (a CURIE, DOI or URL), or with ``words`` its longest word, at least
    :data:`_FOLD_MIN`."""
    if keep:
        return _longest(values)
    pattern = _WORD if words else _IDENTIFIER
    return max([_FOLD_MIN, *(len(m) for v in values for m in pattern.findall(v))])


def _widths(columns: list[list[str]], keep: list[bool], width: int) -> list[int] | None:
    """Column widths that fit ``width``: every column at its floor (whole words if they fit,
    else whole identifiers), the room left shared among the folding columns by how much more
    they would take; None when not even the identifiers fit."""
    for words in (True, False):
        floors = [_floor(v, k, words) for v, k in zip(columns, keep, strict=True)]
        room = width - 3 * len(columns) - 1 - sum(floors)  # padding and borders
        if room >= 0:
            break
    else:
        return None
    more = [0 if k else max(0, _longest(v) - f)
            for v, k, f in zip(columns, keep, floors, strict=True)]
    share = min(1.0, room / sum(more)) if sum(more) else 0.0
    return [f + int(m * share) for f, m in zip(floors, more, strict=True)]


def _plain(table: Table, whole: set[str], width: int) -> Table | None:
    """A copy with plain-text cells (``[mesh:D…]`` is an identifier, not rich markup) and fixed
    column widths that split no identifier; None when the terminal is too narrow for that."""
    rows = _rows(table)
    columns = [[str(c.header), *(str(r[i]) for r in rows)] for i, c in enumerate(table.columns)]
    keep = [str(c.header) in whole for c in table.columns]
    widths = _widths(columns, keep, width)
    if widths is None:
        return None
    out = Table(title=table.title, caption=table.caption, show_header=table.show_header)
    for column, w, k in zip(table.columns, widths, keep, strict=True):
        out.add_column(column.header, width=w, no_wrap=k, overflow="ignore" if k else "fold")
    for cells in rows:
        out.add_row(*(Text(c) if isinstance(c, str) else c for c in cells))
    return out


def table_blocks(table: Table) -> list[str]:
    """The rows as blocks of ``header: value`` lines, for a terminal too narrow for the table;
    each value line is soft-wrapped by the terminal, never broken by us."""
    lines = [str(table.title)] if table.title else []
    headers = [str(c.header) for c in table.columns]
    for cells in _rows(table):
        lines.append("")
        for header, cell in zip(headers, cells, strict=True):
            values = str(cell).splitlines() or [""]
            lines.append(f"{header}: {values[0]}")
            lines.extend(f"  {v}" for v in values[1:])
    return lines


def table_console(console: Console) -> Console:
    """Where to draw a table: ``console`` itself on a terminal; else a console on the same
    output, as wide as any table, so that in a pipe or a file no cell wraps."""
    if console.is_terminal:
        return console
    return Console(file=console.file, width=_NATURAL, color_system=None, highlight=False)


def print_table(console: Console, table: Table, whole: Iterable[str] = ()) -> None:
    """Print ``table`` with its ``whole`` columns unwrapped and no identifier split; as blocks
    when the terminal is too narrow for that; at its natural width without a terminal."""
    target = table_console(console)
    plain = _plain(table, set(whole), target.width)
    if plain is not None:
        target.print(plain)
        return
    for line in table_blocks(table):
        console.print(line, soft_wrap=True, highlight=False, markup=False)
