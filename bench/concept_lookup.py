"""Latency of looking a concept up by name (``ekg concepts``, concept parameters, analysis).

A name is matched against every label containing its longest word, grouped by
``skos:exactMatch`` and counted (mentions, claims, role) per candidate, so the cost grows with
how common the word is and how much the graph uses the concept. Runs on the synthetic graph of
``bench/query_latency.py`` (generated here, or an existing store with ``--store``) and prints the
median and p95 in milliseconds per name.

    .venv/bin/python bench/concept_lookup.py --articles 20000
    .venv/bin/python bench/concept_lookup.py --store /tmp/ekg-bench-store
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from query_latency import build_store

from kg.names import find_concepts
from kg.store.oxigraph import OxigraphStore

LABELS = """PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?label WHERE { ?c skos:prefLabel ?label } ORDER BY ?label"""


def sample_names(store: OxigraphStore, n: int) -> list[str]:
    """Every k-th preferred label, typed as people type: lower case, hyphens as spaces."""
    labels = [str(row[0]) for row in store.query(LABELS).rows]
    step = max(1, len(labels) // n)
    return [label.lower().replace("-", " ") for label in labels[::step][:n]]


def time_lookups(store: OxigraphStore, names: list[str], runs: int) -> tuple[list[float], int]:
    times, found = [], 0
    for _ in range(runs):
        for name in names:
            started = time.perf_counter()
            found += bool(find_concepts(store, name))
            times.append((time.perf_counter() - started) * 1000)
    return times, found


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=20_000)
    ap.add_argument("--names", type=int, default=20)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--store", type=Path, help="an existing store (else one is generated)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="ekg-bench-") as tmp:
        path = args.store or Path(tmp) / "store"
        if not path.exists():
            quads, secs = build_store(path, args.articles)
            print(f"generated {args.articles:,} articles: {quads:,} quads in {secs:.1f} s")
        store = OxigraphStore(path, read_only=True)
        names = sample_names(store, args.names)
        times, found = time_lookups(store, names, args.runs)
        times.sort()
        print(f"{len(names)} names × {args.runs} runs: median {statistics.median(times):.1f} ms, "
              f"p95 {times[int(0.95 * (len(times) - 1))]:.1f} ms, "
              f"{found}/{len(times)} lookups found a concept")


if __name__ == "__main__":
    main()
