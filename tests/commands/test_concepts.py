from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

import kg.commands.concepts  # registers the command on the app
import kg.commands.query  # noqa: F401  (a second command: typer then keeps subcommands)
from kg.cli import app
from tests.queries.example_graph import KETAMINE, build_example_store

runner = CliRunner()


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory):
    path = tmp_path_factory.mktemp("concepts") / "store"
    build_example_store(path).close()
    return str(path)


def test_json_lists_the_concept_with_its_use(store_dir):
    out = runner.invoke(app, ["concepts", "Ketamine", "--format", "json", "--store", store_dir])
    assert out.exit_code == 0, out.output
    [row] = json.loads(out.output)
    assert (row["iri"], row["curie"], row["label"]) == (KETAMINE, "mesh:D007649", "Ketamine")
    assert row["mentions"] > 0 and row["claims"] > 0 and row["role"] == "intervention"


@pytest.mark.parametrize(("fmt", "delimiter"), [("csv", ","), ("tsv", "\t")])
def test_delimited_formats_share_the_columns(store_dir, fmt, delimiter):
    out = runner.invoke(app, ["concepts", "ketamine", "-f", fmt, "--store", store_dir])
    rows = list(csv.DictReader(io.StringIO(out.output), delimiter=delimiter))
    assert [r["curie"] for r in rows] == ["mesh:D007649"]


def test_table_and_no_match(store_dir):
    table = runner.invoke(app, ["concepts", "ketamine", "--store", store_dir],
                          terminal_width=200)
    assert table.exit_code == 0 and "mesh:D007649" in table.output
    none = runner.invoke(app, ["concepts", "no such drug", "--store", store_dir])
    assert none.exit_code == 1 and "no concept is named 'no such drug'" in none.output
    assert runner.invoke(app, ["concepts", "x", "-f", "yaml", "--store", store_dir]).exit_code == 2
