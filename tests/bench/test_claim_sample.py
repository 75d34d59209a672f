"""The hand-checked claim sample: a fixed draw, totals with a per-record cap, and a verdicts file
that names sentences by offsets only (the sentence text stays in ../shared)."""

from __future__ import annotations

from pathlib import Path

from bench.claim_sample import VERDICTS, draw_sample, fixture_records, record_id, sentence_text
from bench.claim_verdicts import VERDICT_NAMES, distinct, read_verdicts, totals
from tests.conftest import shared_path


def test_the_draw_is_fixed_by_the_seed_and_keeps_population_order() -> None:
    rows = list(range(500))
    first = draw_sample(rows, size=20)  # type: ignore[arg-type]
    assert first == draw_sample(rows, size=20)  # type: ignore[arg-type]
    assert first == sorted(first) and len(set(first)) == 20


def test_a_population_smaller_than_the_sample_is_drawn_whole() -> None:
    assert draw_sample(list(range(7)), size=100) == list(range(7))  # type: ignore[arg-type]


def test_totals_can_keep_at_most_n_rows_per_record() -> None:
    rows = [{"record": "a#0", "verdict": "wrong"}, {"record": "a#0", "verdict": "wrong"},
            {"record": "a#0", "verdict": "correct"}, {"record": "b#1", "verdict": "partly"}]
    assert totals(rows) == {"wrong": 2, "correct": 1, "partly": 1}
    assert totals(rows, cap=1) == {"wrong": 1, "partly": 1}


def test_a_row_copied_in_another_file_counts_once() -> None:
    row = {"section": "title", "start": "0", "end": "9", "subject": "s", "relation": "treats",
           "object": "o", "direction": "supports", "kind": "finding"}
    other_span = {**row, "end": "10", "record": "c#0"}
    rows = [{**row, "record": "a#0"}, {**row, "record": "b#3"}, other_span]
    assert [r["record"] for r in distinct(rows)] == ["a#0", "c#0"]


def test_every_judged_row_has_a_verdict_and_a_reason() -> None:
    rows = read_verdicts(VERDICTS)
    assert rows
    assert all(r["verdict"] in VERDICT_NAMES and r["reason"].strip() for r in rows)


def test_the_verdicts_file_quotes_no_sentence() -> None:
    shared_path("fixtures")
    records = {record_id(r): r for r in fixture_records()}
    stored = Path(VERDICTS).read_text(encoding="utf-8")
    for row in read_verdicts(VERDICTS):
        text = sentence_text(records[row["record"]], row["section"] or None,
                             int(row["start"]), int(row["end"]))
        assert text and text not in stored, row["row"]
