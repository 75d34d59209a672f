"""Repeated statements in every export format of a built store, and what finding repeats costs.

For each format the whole dataset is exported (``kg.export.export_store``, what ``ekg export``
runs) and read back: statements written, how many repeat an earlier one (``sort | uniq -d`` for
the line formats, a parse for the others) and seconds. Triple formats write the union of the
graphs, so the line also shows how many triples several graphs share (what a plain union would
repeat) and the median time of ``find_repeats`` over ``--runs`` runs.

Run: .venv/bin/python bench/export_repeats.py STORE [STORE …] [--runs 5]
(build a store first, e.g. ``ekg build --store /tmp/fx /work/shared/fixtures``)
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pyoxigraph as ox

from kg.export import FORMATS, export_store
from kg.export_union import find_repeats
from kg.store.oxigraph import OxigraphStore


def repeated_lines(path: Path) -> int:
    """What ``sort | uniq -d | wc -l`` counts."""
    return sum(1 for n in Counter(path.read_bytes().splitlines()).values() if n > 1)


def measure_format(store: OxigraphStore, fmt: str, folder: Path) -> str:
    path = folder / f"graph.{fmt}"
    started = time.perf_counter()
    export_store(store, path, fmt)
    seconds = time.perf_counter() - started
    statements = list(ox.parse(path=str(path), format=FORMATS[fmt].rdf_format))
    line = (f"  {fmt:7} {len(statements):>8,} statements, "
            f"{len(statements) - len(set(statements)):,} repeated")
    if fmt in ("nt", "nq"):
        line += f" (sort | uniq -d: {repeated_lines(path):,} lines)"
    return f"{line}, {seconds:.2f} s"


def measure_store(location: Path, runs: int) -> None:
    store = OxigraphStore(location, read_only=True)
    quads = set(store.native)
    shared = len(quads) - len({ox.Triple(q.subject, q.predicate, q.object) for q in quads})
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        find_repeats(store.native, None)
        times.append(time.perf_counter() - started)
    print(f"{location}: {len(store.named_graphs())} graphs, {len(quads):,} quads; a plain union "
          f"would repeat {shared:,} triples; find_repeats median {statistics.median(times):.3f} s "
          f"over {runs} runs")
    with tempfile.TemporaryDirectory() as folder:
        for fmt in FORMATS:
            print(measure_format(store, fmt, Path(folder)), flush=True)
    store.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("stores", nargs="+", type=Path)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    for location in args.stores:
        measure_store(location, args.runs)


if __name__ == "__main__":
    main()
