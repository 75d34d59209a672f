"""Rolled-up certainty at scale: reading every finding and rewriting the certainty graph.

Fills an in-memory Oxigraph store with synthetic articles of realistic shape (every evidence a
finding graded from its design), then times ``write_rolled_up_certainty`` — what ``ekg build``
runs after every build — and prints medians.
Run: .venv/bin/python bench/certainty_rollup.py [--articles 10000] [--runs 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.synthetic import generate_articles
from kg.analysis.certainty import read_findings, roll_up, write_rolled_up_certainty
from kg.pipeline import graph_writes
from kg.rdf.graphs import CERTAINTY_GRAPH
from kg.store.oxigraph import OxigraphStore


def fill(store: OxigraphStore, n: int, batch: int = 2000) -> float:
    """Write ``n`` synthetic articles as a build would; seconds taken."""
    started, pending = time.perf_counter(), []
    for mapped in generate_articles(n):
        pending.append(mapped)
        if len(pending) >= batch:
            store.put_graphs(graph_writes(pending))
            pending = []
    store.put_graphs(graph_writes(pending))
    return time.perf_counter() - started


def median_seconds(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    store = OxigraphStore(None)
    print(f"filled {args.articles} articles in {fill(store, args.articles):.1f} s")
    claims = read_findings(store)
    findings = sum(len(c.findings) for c in claims)
    read = median_seconds(lambda: read_findings(store), args.runs)
    rate = median_seconds(lambda: roll_up(claims), args.runs)
    whole = median_seconds(lambda: write_rolled_up_certainty(store), args.runs)
    print(f"claims with findings: {len(claims)}, findings: {findings}")
    print(f"read findings (SPARQL)   median {read * 1000:.0f} ms")
    print(f"roll up (Python)         median {rate * 1000:.0f} ms")
    print(f"read + rate + replace    median {whole * 1000:.0f} ms "
          f"({store.count(CERTAINTY_GRAPH)} triples in the certainty graph)")


if __name__ == "__main__":
    main()
