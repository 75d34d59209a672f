"""The held-out claim sample: findings only by default, at most one pair per record, and a
verdicts file that names its rows by offsets that find the sentence again."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.claim_sample import Row, run_sample, sentence_text
from bench.claim_sample_heldout import (
    VERDICTS,
    draw_per_record,
    heldout_source,
    inference_record_map,
)
from bench.claim_verdicts import VERDICT_NAMES, read_verdicts
from bench.design_eval import split_of
from kg.records.model import AbstractSection, Identifiers, Record, SourceInfo
from tests.conftest import shared_path


def _trial(pmcid: str) -> Record:
    """A small made-up trial report with headed sections, as a labelled abstract reads; its
    concepts are in the curated overlay, so it holds with or without MeSH."""
    sections = (
        ("BACKGROUND", "We asked whether ketamine eases chronic pain in people over sixty-five."),
        ("METHODS", "Two hundred adults were randomly given ketamine or placebo for 8 weeks."),
        ("RESULTS", "Relief came sooner with ketamine. Ketamine significantly reduced "
                    "chronic pain severity compared with placebo (p < 0.01)."),
        ("CONCLUSIONS", "Ketamine improves chronic pain in older adults."),
    )
    return Record(source=SourceInfo("example", 0, None, "jsonl", "-"),
                  ids=Identifiers(pmcid=pmcid),
                  title="Ketamine for chronic pain in older adults: a randomised trial",
                  abstract=tuple(AbstractSection(text, label) for label, text in sections))


def test_a_draw_keeps_at_most_one_row_per_record_and_is_fixed_by_the_seed() -> None:
    rows = [Row(f"r{i % 30}", "", None, None) for i in range(300)]  # type: ignore[arg-type]
    first = draw_per_record(rows, size=10)
    assert first == draw_per_record(rows, size=10)
    assert len({row.record_id for row in first}) == 10 == len(first)
    assert len(draw_per_record(rows, size=100)) == 30


def test_the_sample_keeps_findings_and_finds_their_sentences_again(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    records = {f"example:{n}": _trial(n) for n in ("PMC1", "PMC2")}
    source = heldout_source(records=lambda: records)
    tsv = tmp_path / "verdicts.tsv"
    run_sample(tsv, source)
    assert "'studied-for': 2" in capsys.readouterr().out
    rows = read_verdicts(tsv)
    assert [r["record"] for r in rows] == list(records)
    assert {r["kind"] for r in rows} == {"finding"}
    assert all(r["subject"].lower() == "ketamine" and r["relation"] == "treats" for r in rows)
    for row in rows:
        text = sentence_text(records[row["record"]], row["section"], int(row["start"]),
                             int(row["end"]))
        assert text.startswith("Ketamine") and text not in tsv.read_text(encoding="utf-8")


def test_every_held_out_row_is_judged_with_a_reason_and_one_row_per_record() -> None:
    rows = read_verdicts(VERDICTS["test"])
    assert len(rows) == 100
    assert all(r["verdict"] in VERDICT_NAMES and r["reason"].strip() for r in rows)
    assert len({r["record"] for r in rows}) == len(rows)
    assert VERDICTS["test"].read_text(encoding="utf-8").startswith("# commit ")


@pytest.mark.parametrize("split", ["test", "dev"])
def test_the_verdict_files_name_records_of_their_half_and_quote_no_sentence(split: str) -> None:
    shared_path("data", "corpora", "evidence_inference", "abstracts.jsonl.gz")
    records = inference_record_map(split)
    stored = VERDICTS[split].read_text(encoding="utf-8")
    for row in read_verdicts(VERDICTS[split]):
        record = records[row["record"]]
        assert split_of(str(record.ids.pmcid)) == split
        text = sentence_text(record, row["section"], int(row["start"]), int(row["end"]))
        assert text and text not in stored, row["row"]
