"""A build on a local Dask cluster against a local build: wall seconds, and the same store.

Input: the NLM sample ../shared/fixtures/pubmed_xml/fatcat__pubmedsample_2019.xml (176 records).
Runs, each into fresh folders and as the CLI runs them (start-up and vocabulary load included):
``ekg build`` (one process), ``ekg build --dask local --workers N -o shards`` and
``ekg load shards``; then checks that the loaded store holds the local build's quads (build
times aside). Prints the median of --runs runs.
Run: ``.venv/bin/python bench/sharded_build.py [--runs 1] [--workers 2] [--batch-size 50]``.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from kg.store.open import open_store

__all__ = ["main"]

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT.parent / "shared" / "fixtures" / "pubmed_xml" / "fatcat__pubmedsample_2019.xml"
EKG = ROOT / ".venv" / "bin" / "ekg"
_STAMPS = frozenset({"http://www.w3.org/ns/prov#generatedAtTime",
                     "http://purl.org/dc/terms/modified"})


def _seconds(*args: object) -> float:
    start = time.perf_counter()
    done = subprocess.run([str(EKG), *map(str, args)], capture_output=True, text=True)
    if done.returncode not in (0, 1):  # 1: some records rejected, as in a local build
        sys.exit(f"ekg {' '.join(map(str, args))} failed:\n{done.stdout}\n{done.stderr}")
    return time.perf_counter() - start


def _quads(store: Path) -> set[tuple[str, ...]]:
    st = open_store(store, read_only=True)
    try:
        return {(s.n3(), p.n3(), "" if str(p) in _STAMPS else o.n3(), g.n3())
                for s, p, o, g in st.quads()}
    finally:
        st.close()


def run_once(workers: int, batch_size: int) -> dict[str, float]:
    """One local build, one sharded build and its load, in a fresh folder."""
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        local = _seconds("build", SAMPLE, "--store", tmp / "local", "--out", tmp / "out1")
        sharded = _seconds("build", "--dask", "local", "--workers", workers, "--batch-size",
                           batch_size, SAMPLE, "-o", tmp / "shards", "--gzip")
        load = _seconds("load", tmp / "shards", "--store", tmp / "loaded", "--out", tmp / "out2")
        local_quads, loaded_quads = _quads(tmp / "local"), _quads(tmp / "loaded")
    for side, extra in (("local only", local_quads - loaded_quads),
                        ("loaded only", loaded_quads - local_quads)):
        for quad in sorted(extra)[:5]:
            print(f"{side}: {' '.join(quad)}")
    same = local_quads == loaded_quads
    return {"local build": local, "dask build": sharded, "load": load, "same": float(same)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=50)
    args = parser.parse_args()
    if not SAMPLE.exists():
        sys.exit(f"{SAMPLE} is not available")
    runs = [run_once(args.workers, args.batch_size) for _ in range(args.runs)]
    for key in ("local build", "dask build", "load"):
        print(f"{key:12} {statistics.median(r[key] for r in runs):7.1f} s (median of {len(runs)})")
    sharded = statistics.median(r["dask build"] + r["load"] for r in runs)
    print(f"dask build + load {sharded:7.1f} s; loaded store equals the local build: "
          f"{all(r['same'] for r in runs)}")


if __name__ == "__main__":
    main()
