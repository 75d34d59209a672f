"""Validated build throughput on real records: seconds per stage, and ``ekg build`` records/s.

Input: the NLM sample ../shared/fixtures/pubmed_xml/fatcat__pubmedsample_2019.xml (176 records).
Stages are timed in one process (read, extract, map, validate with each engine, store); then
``ekg build`` runs end to end into a fresh store with 1 and 2 workers, validated (the default
engine) and with --no-validate. Prints the median of --runs runs.
Run: ``.venv/bin/python bench/build_throughput.py [--runs 3] [--workers 1 2]``.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from itertools import islice
from pathlib import Path
from typing import Any

from kg import __version__
from kg.pipeline import extract_record, graph_writes
from kg.rdf.mapping import BuildContext, map_record
from kg.records.model import Record
from kg.records.registry import read_file
from kg.store.oxigraph import OxigraphStore
from kg.validate import validate_triples

__all__ = ["main"]

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT.parent / "shared" / "fixtures" / "pubmed_xml" / "fatcat__pubmedsample_2019.xml"
CTX = BuildContext(__version__, "bench", "2026-01-01T00:00:00+00:00")
EKG = ROOT / ".venv" / "bin" / "ekg"


def _timed(step: Callable[[], Any]) -> tuple[Any, float]:
    start = time.perf_counter()
    return step(), time.perf_counter() - start


def _store(mapped: list[Any]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        store = OxigraphStore(folder)
        store.put_graphs(graph_writes(mapped))
        store.close()


def _read(path: Path, limit: int | None) -> list[Record]:
    """The first ``limit`` records of a file, or of a folder's files in name order."""
    files = sorted(p for p in path.iterdir() if p.is_file()) if path.is_dir() else [path]
    records = (r for f in files for r in read_file(f) if isinstance(r, Record))
    return list(islice(records, limit))


def stage_seconds(path: Path = SAMPLE, limit: int | None = None) -> dict[str, float]:
    """One pass over the records of ``path``, stage by stage, in this process."""
    records, t_read = _timed(lambda: _read(path, limit))
    extractions, t_extract = _timed(lambda: [extract_record(r) for r in records])
    mapped, t_map = _timed(lambda: [map_record(r, e, CTX)
                                    for r, e in zip(records, extractions, strict=True)])
    out = {"records": float(len(records)), "read": t_read, "extract": t_extract, "map": t_map}
    for engine in ("turbo", "pyshacl"):
        _r, out[f"validate[{engine}]"] = _timed(
            lambda e=engine: [validate_triples(m.all_triples, engine=e) for m in mapped])
    _r, out["store"] = _timed(lambda: _store(mapped))
    return out


def build_seconds(workers: int, validate: bool) -> float:
    """Wall seconds of ``ekg build`` into a fresh store (process start included)."""
    with tempfile.TemporaryDirectory() as folder:
        args = [str(EKG), "build", str(SAMPLE), "--store", f"{folder}/store",
                "--workers", str(workers)] + ([] if validate else ["--no-validate"])
        start = time.perf_counter()
        subprocess.run(args, check=False, capture_output=True)
        return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    if not SAMPLE.is_file():
        sys.exit(f"{SAMPLE} is not available")
    runs = [stage_seconds() for _ in range(args.runs)]
    n = int(runs[0]["records"])
    for stage in [k for k in runs[0] if k != "records"]:
        seconds = statistics.median(r[stage] for r in runs)
        print(f"{stage:18s} {seconds:7.2f} s  {1000 * seconds / n:7.1f} ms/record")
    for workers in args.workers:
        for validate in (True, False):
            seconds = statistics.median(build_seconds(workers, validate)
                                        for _ in range(args.runs))
            label = "validated" if validate else "--no-validate"
            print(f"ekg build --workers {workers} {label:13s} {seconds:6.1f} s  "
                  f"{n / seconds:6.1f} records/s")


if __name__ == "__main__":
    main()
