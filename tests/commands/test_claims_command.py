"""``ekg claims``: the reviewer's table on the kinds graph (findings, studied-for, cited)."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

import kg.commands.claims  # noqa: F401  (importing registers the command)
from kg.cli import app, console
from kg.commands.claims import COLUMNS
from tests.queries.kinds_graph import KINDS_TRIG, NULL, TRIAL

runner = CliRunner()


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory):
    import pyoxigraph as ox

    from kg.store.oxigraph import OxigraphStore

    path = tmp_path_factory.mktemp("claims") / "store"
    store = OxigraphStore(path)
    store.native.load(KINDS_TRIG.read_bytes(), ox.RdfFormat.TRIG)
    store.close()
    return str(path)


def _claims(store_dir: str, *args: str):
    result = runner.invoke(app, ["claims", "--store", store_dir, *args])
    assert result.exit_code == 0, result.output
    return result


def _csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_has_the_documented_columns_and_only_findings(store_dir):
    result = _claims(store_dir, "-f", "csv")
    rows = _csv(result.stdout)
    assert tuple(rows[0]) == COLUMNS
    assert {r["kind"] for r in rows} == {"finding"}
    assert len(rows) == 3
    trial = next(r for r in rows if r["article"] == TRIAL)
    assert (trial["sentenceRole"], trial["design"], trial["level"]) == (
        "results", "randomised-controlled-trial", "2")
    assert (trial["startingCertainty"], trial["rolledUpCertainty"], trial["direction"]) == (
        "high", "moderate", "supports")
    assert "left out: 1 studied-for and 3 cited" in result.stderr


def test_json_says_what_was_left_out_and_all_shows_it(store_dir):
    payload = json.loads(_claims(store_dir, "-f", "json").stdout)
    assert payload["columns"] == list(COLUMNS)
    assert payload["left_out"] == {"studied-for": 1, "cited": 3}
    assert all(r["kind"] == "finding" for r in payload["rows"])
    assert isinstance(payload["rows"][0]["level"], int)
    everything = json.loads(_claims(store_dir, "-f", "json", "--all").stdout)
    kinds = sorted(r["kind"] for r in everything["rows"])
    assert kinds == ["cited"] * 3 + ["finding"] * 3 + ["studied-for"]
    cited = [r for r in everything["rows"] if r["kind"] != "finding"]
    assert all(r["level"] is None and r["design"] is None for r in cited)  # never graded


def test_filters_by_subject_object_and_confidence(store_dir):
    rows = _csv(_claims(store_dir, "-f", "csv", "--subject", "mesh:D007649",
                        "--object", "mesh:D020918").stdout)
    assert sorted(r["direction"] for r in rows) == ["no-difference", "supports"]
    confident = _csv(_claims(store_dir, "-f", "csv", "-s", "mesh:D007649",
                             "--min-confidence", "0.75").stdout)
    assert [r["article"] for r in confident] == [TRIAL]
    null = _csv(_claims(store_dir, "-f", "csv", "-o",
                        "http://id.nlm.nih.gov/mesh/D020918").stdout)
    assert NULL in {r["article"] for r in null}
    bad = runner.invoke(app, ["claims", "--store", store_dir, "-s", "not an iri"])
    assert bad.exit_code == 2


def test_a_pipe_gets_the_whole_table_and_a_narrow_terminal_gets_blocks(store_dir, monkeypatch):
    monkeypatch.setattr(console, "width", 60)
    piped = _claims(store_dir).stdout  # CliRunner's stdout is not a terminal: full width
    rows = [line for line in piped.splitlines() if line.startswith("│")]
    assert len(rows) == 3 and TRIAL in piped and NULL in piped  # one line per finding
    assert "left out: 1 studied-for and 3 cited" in piped
    monkeypatch.setattr(console, "_force_terminal", True)
    narrow = _claims(store_dir, "-f", "table").stdout
    assert f"  finding (results) {TRIAL}" in narrow.splitlines()  # one block per finding
    assert "left out: 1 studied-for and 3 cited" in narrow
    monkeypatch.setattr(console, "width", 250)
    wide = _claims(store_dir, "-f", "table").stdout
    assert "┃ claim" in wide and TRIAL in wide and NULL in wide
    assert "left out: 1 studied-for and 3 cited" in " ".join(wide.split())


def test_tsv_keeps_one_row_per_line(store_dir):
    rows = _claims(store_dir, "-f", "tsv", "--all").stdout.splitlines()
    assert len(rows) == 1 + 7
