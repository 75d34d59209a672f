"""Claim extraction time per record on the real fixtures, one core.

Every fixture record (../shared/fixtures, all formats) is read and its mentions recognised once;
then ``kg.extract.claims.extract`` (design, sentence roles, questions, findings with direction
and significance, mechanisms, adverse scoring) is timed alone, record by record, over several
runs. Prints the median and 90th percentile of the per-record medians, in milliseconds.

    .venv/bin/python bench/claims_speed.py [--runs 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.extract.claims import extract  # noqa: E402
from kg.extract.hierarchy import default_broader  # noqa: E402
from kg.extract.recognise import recognise  # noqa: E402
from kg.records.registry import read_file  # noqa: E402

FIXTURES = ROOT.parent / "shared" / "fixtures"


def read_fixture_records() -> list:
    """Every record of every fixture file that has a title or an abstract."""
    records = []
    for path in sorted(p for p in FIXTURES.rglob("*") if p.is_file()):
        try:
            records.extend(r for r in read_file(path) if r.title or r.abstract)
        except Exception:  # a fixture no reader takes is not a record
            continue
    return records


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if not FIXTURES.exists():
        raise SystemExit(f"fixtures not found at {FIXTURES}")
    records = read_fixture_records()
    mentions = [recognise(r) for r in records]
    broader = default_broader()
    times: list[list[float]] = [[] for _ in records]
    for _ in range(args.runs):
        for i, (record, found) in enumerate(zip(records, mentions, strict=True)):
            started = time.perf_counter()
            extract(record, found, broader)
            times[i].append((time.perf_counter() - started) * 1000)
    per_record = sorted(statistics.median(t) for t in times)
    p90 = per_record[int(0.9 * (len(per_record) - 1))]
    print(f"{len(records)} fixture records, {args.runs} runs")
    print(f"claim extraction: median {statistics.median(per_record):.2f} ms/record, "
          f"p90 {p90:.2f} ms, max {per_record[-1]:.2f} ms")


if __name__ == "__main__":
    main()
