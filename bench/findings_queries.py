"""Cost of counting findings only: the catalogue queries that read evidence kinds, timed against
their versions at an earlier commit on the same synthetic graph (``query_latency``'s generator).

The synthetic evidence states no kind, which these queries read as a finding, so both versions
see the same rows and the difference is the price of the kind lookups and of the standard
SPARQL 1.1 forms (mechanisms-between without LATERAL). Prints median and p95 in ms per query.

    .venv/bin/python bench/findings_queries.py --articles 20000 --runs 15 --before 90c5c9b~1
"""

from __future__ import annotations

import argparse
import dataclasses
import random
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.query_latency import POOLS, Picker, build_store, p95, params_for, time_query
from kg.query import load_query
from kg.store.oxigraph import OxigraphStore

QUERIES = ("evidence-rollup", "evidence-for-condition", "evidence-for-intervention",
           "conflicting-claims", "counts-by-design", "mechanisms-between", "retracted-claims")


def old_text(name: str, revision: str) -> str | None:
    """The query's text at ``revision`` (None when it did not exist there)."""
    done = subprocess.run(["git", "show", f"{revision}:queries/select/{name}.rq"],
                          capture_output=True, text=True, check=False)
    return done.stdout if done.returncode == 0 else None


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=20_000)
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--budget", type=float, default=10.0, help="seconds per query at most")
    ap.add_argument("--before", default="90c5c9b~1", help="revision to compare with")
    ap.add_argument("--store", type=Path, help="keep the generated store here (reused if there)")
    ap.add_argument("--only", nargs="*", default=list(QUERIES), help="these queries only")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="ekg-bench-") as tmp:
        path = args.store or Path(tmp) / "store"
        if not path.exists():
            quads, secs = build_store(path, args.articles)
            print(f"generated {args.articles:,} articles: {quads:,} quads in {secs:.1f} s")
        report(OxigraphStore(path, read_only=True), args)


def report(store: OxigraphStore, args: argparse.Namespace) -> None:
    print(f"{'query':28} {'version':>8} {'runs':>4} {'median ms':>10} {'p95 ms':>9} {'rows':>6}")
    for name in args.only:
        new = load_query(name)
        texts = {args.before: old_text(name, args.before), "now": new.text}
        for version, text in texts.items():
            if text is None:
                continue
            rng = random.Random(5)  # the same parameters for both versions
            pick = {role: Picker(size, rng) for role, size in POOLS.items()}
            q = dataclasses.replace(new, text=text)
            times, rows = time_query(store, q, params_for(q, args.articles, rng, pick, store),
                                     args.runs, args.budget)
            print(f"{name:28} {version:>8} {len(times):4d} {statistics.median(times):10.1f} "
                  f"{p95(times):9.1f} {statistics.median(rows):6.0f}")


if __name__ == "__main__":
    main()
