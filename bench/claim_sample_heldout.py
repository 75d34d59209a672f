"""A hand-checked sample of text-mined claims from records no one developed on.

The fixture sample (``bench/claim_sample.py``) has been used to develop claim extraction, so its
error rate no longer measures what a new article gets. This draws a fresh sample from the
``evidence_inference`` RCT abstracts (``../shared/data/corpora``) of the held-out half — the
first hex digit of the MD5 of the PMCID is 8–f, the split of ``bench/design_eval.py``, whose
reader turns each abstract into a Record (title plus the authors' headed sections, as PubMed
gives a labelled abstract). Each record goes through the product's per-record path
(``kg.pipeline.extract_record``) and every text-mined (claim, evidence) pair is kept; by default
only *findings*, because roll-ups count only them (the studied-for and cited pairs are counted
and printed). ``SAMPLE_SIZE`` records that have such a pair are drawn with ``SEED`` and one pair
is drawn from each, so one abstract with many claims cannot carry the figure.

    .venv/bin/python bench/claim_sample_heldout.py --tsv bench/claim_sample_heldout_verdicts.tsv
    .venv/bin/python bench/claim_sample_heldout.py --show     # judged rows beside sentences
    .venv/bin/python bench/claim_sample_heldout.py --totals   # counts, %, error categories
    .venv/bin/python bench/claim_sample_heldout.py --split dev --tsv FILE   # development half

Verdict rules and error categories are those of ``bench/claim_sample.py``. The held-out verdicts
are in ``bench/claim_sample_heldout_verdicts.tsv``; ``bench/claim_sample_heldout_dev_verdicts.tsv``
holds a draw from the development half, drawn on the same commit, for comparison (only its first
30 rows judged).
"""

from __future__ import annotations

import argparse
import functools
import random
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.claim_sample import (
    ROOT,
    SAMPLE_SIZE,
    SEED,
    Row,
    Source,
    add_arguments,
    run,
    sentence_text,
)
from bench.design_eval import inference_records
from kg.records.model import Record

__all__ = ["KINDS", "VERDICTS", "draw_per_record", "heldout_source", "inference_record_map",
           "main", "reproducible"]

VERDICTS = {"test": ROOT / "bench" / "claim_sample_heldout_verdicts.tsv",
            "dev": ROOT / "bench" / "claim_sample_heldout_dev_verdicts.tsv"}
KINDS = ("finding", "studied-for", "cited")


def inference_record_map(split: str) -> dict[str, Record]:
    """The split's abstracts as Records keyed ``evidence_inference:<PMCID>``."""
    return {f"evidence_inference:{r.ids.pmcid}": r for r in inference_records(split)}


def reproducible(row: Row, records: dict[str, Record]) -> bool:
    """Whether the row's section label and offsets find its sentence again; an abstract that
    repeats a heading makes the label ambiguous, and such a row could not be shown later."""
    ev = row.evidence
    found = sentence_text(records[row.record_id], ev.section, ev.start or 0, ev.end or 0)
    return found == ev.sentence


def draw_per_record(rows: list[Row], size: int = SAMPLE_SIZE, seed: int = SEED) -> list[Row]:
    """``size`` records drawn uniformly with ``seed``, then one of each record's rows; kept in
    population order."""
    by_record: dict[str, list[Row]] = {}
    for row in rows:
        by_record.setdefault(row.record_id, []).append(row)
    rng = random.Random(seed)
    ids = list(by_record)
    picked = sorted(rng.sample(range(len(ids)), min(size, len(ids))))
    return [rng.choice(by_record[ids[i]]) for i in picked]


def heldout_source(split: str = "test", kinds: frozenset[str] = frozenset({"finding"}),
                   records: Callable[[], dict[str, Record]] | None = None) -> Source:
    """The evidence_inference half ``split`` as a sample source; ``records`` replaces the
    corpus reader (a test gives its own records)."""
    load = functools.cache(records or (lambda: inference_record_map(split)))

    def draw(rows: list[Row]) -> list[Row]:
        kept = [row for row in rows if reproducible(row, load())]
        if len(kept) < len(rows):
            print(f"left out {len(rows) - len(kept)} pairs whose section heading repeats")
        return draw_per_record(kept)

    half = "held-out half" if split == "test" else "development half"
    return Source(f"evidence_inference {half}", load, VERDICTS[split],
                  "bench/claim_sample_heldout.py", kinds, draw)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    add_arguments(parser)
    parser.add_argument("--split", choices=("test", "dev"), default="test",
                        help="test: the held-out half (MD5 8-f); dev: the development half")
    parser.add_argument("--kind", choices=(*KINDS, "all"), default="finding",
                        help="which evidence kind to draw from (default: findings)")
    args = parser.parse_args(argv)
    kinds = frozenset(KINDS) if args.kind == "all" else frozenset({args.kind})
    run(args, heldout_source(args.split, kinds))


if __name__ == "__main__":
    main()
