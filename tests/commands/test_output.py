"""The shared output helpers: CSV/TSV rows, format checks, tables that never split identifiers."""

from __future__ import annotations

import csv
import io

from rich.console import Console
from rich.table import Table

from kg.commands.output import FORMATS, delimited, print_table, table_blocks, unknown_format

_DOI = "https://doi.org/10.5555/an.example.article.2020"


def _table() -> Table:
    table = Table(title="Example")
    for header in ("#", "what", "where"):
        table.add_column(header)
    table.add_row("1", "a concept whose label runs over several words", f"{_DOI} [mesh:D000001]")
    table.add_row("2", "another", "mesh:D000002")
    return table


def _printed(width: int, terminal: bool = True) -> list[str]:
    console = Console(width=width, file=io.StringIO(), color_system=None,
                      force_terminal=terminal)
    print_table(console, _table(), whole=("#",))
    return console.file.getvalue().splitlines()  # type: ignore[attr-defined]


def test_delimited_keeps_each_row_on_one_line_and_none_empty():
    text = delimited(("a", "b"), [{"a": "two\nlines", "b": None}], "\t")
    assert text == "a\tb\ntwo lines\t\n"
    assert list(csv.reader(io.StringIO(delimited(("a",), [{"a": "x,y"}], ",")))) == [["a"],
                                                                                    ["x,y"]]


def test_unknown_format_names_the_known_ones():
    assert all(unknown_format(f) is None for f in FORMATS)
    assert "table|csv|tsv|json" in str(unknown_format("xml"))


def test_a_narrow_table_keeps_identifiers_whole_and_brackets_as_text():
    lines = _printed(70)
    assert lines[1].startswith("┏") and max(len(x) for x in lines) <= 70
    assert any(_DOI in x for x in lines) and any("[mesh:D000001]" in x for x in lines)


def test_too_narrow_for_the_identifiers_prints_blocks():
    lines = _printed(30)
    assert not any(x.startswith("┏") for x in lines)
    assert f"where: {_DOI} [mesh:D000001]" in lines and "#: 2" in lines
    assert table_blocks(_table())[0] == "Example"


def test_without_a_terminal_a_table_is_drawn_at_its_natural_width():
    lines = _printed(30, terminal=False)
    assert lines[1].startswith("┏") and max(len(x) for x in lines) > 30
    row = next(x for x in lines if x.startswith("│ 1"))
    assert "a concept whose label runs over several words" in row and _DOI in row
