"""N-Quads export throughput on a large synthetic graph: triples per second and peak memory.

The graph (``bench/synthetic.py``: real mapping, one named graph per article plus the shared
graph) is generated once into an on-disk Oxigraph store and cached. Each export run is a fresh
child process that opens the store and calls ``kg.export.export_store`` (the code ``ekg export``
and ``ekg build`` use: streaming dump, temp file, fsync, rename), so its peak resident memory is
the export's own and not the generator's. Prints each run and the median of the runs.

Run: .venv/bin/python bench/export_nquads.py [--articles 100000] [--runs 3] [--threads N]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from itertools import islice
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pyoxigraph as ox

import kg.export as kg_export
from bench.synthetic import generate_articles
from kg.export import export_store
from kg.rdf.mapping import SHARED_GRAPH
from kg.store.convert import to_ox
from kg.store.oxigraph import OxigraphStore

TARGET = 300_000  # triples per second


def _quads(articles: int):
    shared: dict = {}
    for mapped in generate_articles(articles):
        g = ox.NamedNode(str(mapped.graph))
        for s, p, o in mapped.triples:
            yield ox.Quad(to_ox(s), to_ox(p), to_ox(o), g)
        shared.update(dict.fromkeys(mapped.shared))
    g = ox.NamedNode(str(SHARED_GRAPH))
    for s, p, o in shared:
        yield ox.Quad(to_ox(s), to_ox(p), to_ox(o), g)


def build_store(location: Path, articles: int) -> None:
    """Generate the graph into ``location`` unless a complete one of that size is there."""
    marker = location / "bench-articles.txt"
    if marker.exists() and marker.read_text() == str(articles):
        return
    started = time.perf_counter()
    store = ox.Store(str(location))
    store.clear()
    quads = _quads(articles)
    while chunk := list(islice(quads, 500_000)):
        store.bulk_extend(chunk)
    store.flush()
    store.optimize()
    del store
    marker.write_text(str(articles))
    print(f"generated {articles:,} articles in {time.perf_counter() - started:.0f} s "
          f"(cached in {location})", flush=True)


def export_once(location: Path, out: Path, threads: int) -> dict[str, float]:
    """One export in this process (run as a child): seconds, quads, bytes, resident memory."""
    kg_export.EXPORT_THREADS = threads
    store = OxigraphStore(location, read_only=True)
    quads = len(store.native)
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started, cpu = time.perf_counter(), time.process_time()
    export_store(store, out, "nq")
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    size = out.stat().st_size
    out.unlink()
    return {"seconds": seconds, "cpu": cpu, "quads": quads, "bytes": size,
            "rss_before_mb": rss_before / 1024, "peak_rss_mb": peak / 1024}


def run_child(location: Path, out: Path, threads: int) -> dict[str, float]:
    line = subprocess.run([sys.executable, __file__, "--child", str(location), str(out),
                           "--threads", str(threads)],
                          check=True, capture_output=True, text=True).stdout
    return json.loads(line)  # type: ignore[no-any-return]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--cache", type=Path, default=None,
                    help="store folder (default: $TMPDIR/ekg-bench/export-N)")
    ap.add_argument("--threads", type=int, default=kg_export.EXPORT_THREADS,
                    help="reader threads (default: min(4, CPUs))")
    ap.add_argument("--child", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(export_once(*args.child, args.threads)))
        return
    location = args.cache or Path(tempfile.gettempdir()) / "ekg-bench" / f"export-{args.articles}"
    location.mkdir(parents=True, exist_ok=True)
    build_store(location, args.articles)
    out = location.parent / f"export-{os.getpid()}.nq"
    runs = []
    for i in range(args.runs):
        r = run_child(location, out, args.threads)
        runs.append(r)
        print(f"run {i + 1} ({args.threads} threads): {r['quads']:,} quads in "
              f"{r['seconds']:.2f} s (CPU {r['cpu']:.2f} s) = "
              f"{r['quads'] / r['seconds']:,.0f} triples/s, {r['bytes'] / 1e6:,.0f} MB, "
              f"RSS {r['rss_before_mb']:.0f} MB before, peak {r['peak_rss_mb']:.0f} MB", flush=True)
    if not runs:
        return
    seconds = statistics.median(r["seconds"] for r in runs)
    quads = runs[0]["quads"]
    rate = quads / seconds
    print(f"{args.articles:,} articles, {quads:,} quads ({quads / args.articles:.0f}/article): "
          f"median {seconds:.2f} s = {rate:,.0f} triples/s "
          f"({runs[0]['bytes'] / seconds / 1e6:,.0f} MB/s); peak RSS "
          f"{max(r['peak_rss_mb'] for r in runs):.0f} MB; target {TARGET:,} triples/s: "
          f"{'met' if rate >= TARGET else 'NOT met'}")


if __name__ == "__main__":
    main()
