"""``ekg stats``: findings apart from studied-for and cited statements, in every format."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

import kg.commands.stats  # noqa: F401  (importing registers the command)
from kg.analysis.report import STATS_COLUMNS
from kg.cli import app, console
from tests.queries.kinds_graph import KINDS_TRIG

runner = CliRunner()


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory):
    import pyoxigraph as ox

    from kg.store.oxigraph import OxigraphStore

    path = tmp_path_factory.mktemp("stats") / "store"
    store = OxigraphStore(path)
    store.native.load(KINDS_TRIG.read_bytes(), ox.RdfFormat.TRIG)
    store.close()
    return str(path)


def _stats(store_dir: str, *args: str) -> str:
    result = runner.invoke(app, ["stats", "--store", store_dir, *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_csv_is_one_figure_per_row_with_kinds_and_findings_by_design(store_dir):
    rows = list(csv.DictReader(io.StringIO(_stats(store_dir, "-f", "csv"))))
    assert tuple(rows[0]) == STATS_COLUMNS
    evidence = {r["kind"]: 0 for r in rows if r["section"] == "evidence-kinds"}
    for r in rows:
        if r["section"] == "evidence-kinds" and r["measure"] == "evidence":
            evidence[r["kind"]] += int(r["value"])
    assert evidence == {"finding": 3, "studied-for": 1, "cited": 3}
    designs = {(r["design"], r["level"], r["startingCertainty"]): r["value"] for r in rows
               if r["section"] == "findings-by-design" and r["measure"] == "findings"}
    assert designs == {("randomised-controlled-trial", "2", "high"): "2",
                       ("narrative-review", "5", "low"): "1"}
    tsv = _stats(store_dir, "-f", "tsv").splitlines()
    assert tsv[0].split("\t") == list(STATS_COLUMNS) and len(tsv) == len(rows) + 1


def test_json_holds_every_section_and_the_rollup_of_findings(store_dir):
    payload = json.loads(_stats(store_dir, "-f", "json"))
    assert payload["counts"]["evidence"] == 7
    (rollup,) = payload["rollup"]
    assert (rollup["supporting"], rollup["noDifference"]) == (1, 1)
    assert (rollup["studiedForLeftOut"], rollup["citedLeftOut"]) == (1, 2)


def test_table_speaks_of_starting_certainty_never_of_a_sentence_graded(store_dir, monkeypatch):
    monkeypatch.setattr(console, "width", 250)
    text = _stats(store_dir)
    assert "GRADE" not in text
    assert "startingCertainty" in text
    assert "3 findings (counted in roll-ups, conflicts and paths) · left out: 1 studied-for, " \
           "3 cited" in text
    assert runner.invoke(app, ["stats", "--store", store_dir, "-f", "xml"]).exit_code == 2
