"""Validated ``ekg build`` at corpus scale: records/s, seconds per stage, peak memory, growth.

For each size a corpus is written by ``bench/make_corpus.py`` (re-identified real PubMed
records), then ``ekg build`` (validated, the default engine) runs into a fresh on-disk store with
each worker count. Printed per run: wall seconds and records/s (process start and exports
included), CPU seconds of the build and its workers (steadier than wall time on a shared
machine), the build's own seconds (read → store, from its summary), peak memory of the whole
process tree (PSS of the main process and workers summed) and peak RSS of the largest single
process (sampled every 0.2 s with psutil), and the growth exponent log(t2/t1)/log(n2/n1) of the
wall and CPU time between consecutive sizes (1.0 is linear).
Seconds per stage (read, extract, map, validate, store) are measured in this process on the first
``--stage-records`` records of the smallest corpus, as ``bench/build_throughput.py`` does.

``--baseline`` runs, on the same records and with a time cap, what a user would write without
this project's store and per-record validation: the same extraction and mapping, every triple
in an rdflib in-memory ``Dataset``, then one ``pyshacl.validate`` of the whole graph.

Run: ``.venv/bin/python bench/scale.py 1000 3000 --workers 1 2 --baseline --baseline-cap 900``.
"""

from __future__ import annotations

import argparse
import math
import os
import re
import resource
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.build_throughput import stage_seconds
from bench.make_corpus import write_corpus

__all__ = ["Run", "growth_exponent", "main", "run_measured"]

ROOT = Path(__file__).resolve().parents[1]
EKG = ROOT / ".venv" / "bin" / "ekg"
PYTHON = ROOT / ".venv" / "bin" / "python"
BASELINE = Path(__file__).resolve().parent / "scale_baseline.py"
_SECONDS_ROW = re.compile(r"│\s*seconds\s*│\s*([0-9.]+)\s*│")


@dataclass(frozen=True, slots=True)
class Run:
    """One measured process: wall seconds, peak memory, exit status and its output."""

    seconds: float
    cpu_seconds: float
    tree_peak_mib: float
    process_peak_mib: float
    returncode: int
    output: str
    timed_out: bool = False

    @property
    def build_seconds(self) -> float | None:
        """The build's own seconds (read → store) from ``ekg build``'s summary table."""
        found = _SECONDS_ROW.search(self.output)
        return float(found.group(1)) if found else None


def _memory(proc: psutil.Process) -> list[tuple[int, int]]:
    """(PSS, RSS) of each process of the tree. PSS splits the pages workers share with the main
    process (forked after the vocabulary is loaded), so the PSS sum is the memory really used;
    an RSS sum would count the shared vocabulary once per worker."""
    sizes = []
    for p in [proc, *proc.children(recursive=True)]:
        try:
            info = p.memory_full_info()
            sizes.append((getattr(info, "pss", info.rss), info.rss))
        except psutil.Error:
            sizes.append((0, 0))  # a worker that just ended
    return sizes


def _sample_peak(pid: int, done: threading.Event, peak: list[int]) -> None:
    """Every 0.2 s: peak[0] the largest PSS sum over the tree, peak[1] the largest RSS of one
    process."""
    try:
        proc = psutil.Process(pid)
        while not done.wait(0.2):
            sizes = _memory(proc)
            peak[0] = max(peak[0], sum(pss for pss, _ in sizes))
            peak[1] = max(peak[1], *(rss for _, rss in sizes))
    except psutil.Error:
        return


def run_measured(args: list[str], cap: float | None = None) -> Run:
    """Run a command, sampling its process tree's memory; kill it (and its tree) past ``cap``."""
    start, cpu_before = time.perf_counter(), _children_cpu()
    with tempfile.TemporaryFile() as out:
        proc = subprocess.Popen(args, stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True, env={**os.environ, "COLUMNS": "120"})
        done, peak = threading.Event(), [0, 0]
        sampler = threading.Thread(target=_sample_peak, args=(proc.pid, done, peak))
        sampler.start()
        timed_out = _wait(proc, cap)
        seconds = time.perf_counter() - start
        done.set()
        sampler.join()
        out.seek(0)
        text = out.read().decode("utf-8", "replace")
    cpu = _children_cpu() - cpu_before
    return Run(seconds, cpu, peak[0] / 2**20, peak[1] / 2**20, proc.returncode, text, timed_out)


def _children_cpu() -> float:
    """CPU seconds of all ended children (a build and its workers), less sensitive to the load
    of a shared machine than wall time."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _wait(proc: subprocess.Popen[bytes], cap: float | None) -> bool:
    """Wait for the process; past ``cap`` seconds kill its whole tree and say so."""
    try:
        proc.wait(timeout=cap)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        return True
    return False


def growth_exponent(n1: int, t1: float, n2: int, t2: float) -> float:
    """log(t2/t1)/log(n2/n1): 1.0 when time grows in proportion to the records."""
    return math.log(t2 / t1) / math.log(n2 / n1)


def _build(corpus: Path, workers: int, folder: Path) -> Run:
    return run_measured([str(EKG), "build", str(corpus), "--store", str(folder / "store"),
                         "--out", str(folder / "out"), "--workers", str(workers)])


def _median_build(corpus: Path, workers: int, runs: int) -> Run:
    """The run of median wall time out of ``runs``, each into a fresh store."""
    done: list[Run] = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory(dir=corpus.parent) as folder:
            done.append(_build(corpus, workers, Path(folder)))
    return sorted(done, key=lambda r: r.seconds)[len(done) // 2]


def _print_run(label: str, n: int, run: Run) -> None:
    own = run.build_seconds if run.build_seconds is not None else float("nan")
    status = "killed at the cap" if run.timed_out else f"exit {run.returncode}"
    more = ">" if run.timed_out else " "
    print(f"{label:28s} {n:7d} records {more}{run.seconds:7.1f} s "
          f"{n / run.seconds:7.1f} records/s  cpu {run.cpu_seconds:7.1f} s  build {own:7.1f} s  "
          f"peak tree (PSS) {run.tree_peak_mib:6.0f} MiB  largest process "
          f"{run.process_peak_mib:6.0f} MiB  ({status})", flush=True)
    if run.returncode and not run.timed_out:  # say why, briefly (exit 1: records rejected)
        why = [line for line in run.output.splitlines() if line.startswith("rejected")]
        print("  " + "\n  ".join(why[:3] or run.output.splitlines()[-5:]), flush=True)


def _print_growth(label: str, sizes: list[int], seconds: list[float]) -> None:
    for i in range(1, len(sizes)):
        n1, t1, n2, t2 = sizes[i - 1], seconds[i - 1], sizes[i], seconds[i]
        print(f"growth {label:21s} {n1:7d} → {n2:7d}: exponent "
              f"{growth_exponent(n1, t1, n2, t2):.2f}")


def _print_stages(corpus: Path, limit: int) -> None:
    stages = stage_seconds(corpus, limit=limit)
    n = int(stages.pop("records"))
    print(f"seconds per stage, in process, first {n} records:")
    for stage, seconds in stages.items():
        print(f"  {stage:18s} {seconds:7.2f} s  {1000 * seconds / n:7.1f} ms/record")


def _corpora(sizes: list[int], root: Path, seed: int) -> dict[int, Path]:
    corpora = {}
    for n in sizes:
        corpora[n] = root / f"corpus-{n}"
        if not corpora[n].is_dir():
            write_corpus(n, corpora[n], seed=seed)
    return corpora


def _measure(args: argparse.Namespace, root: Path) -> None:
    corpora = _corpora(sorted(args.sizes), root, args.seed)
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}, "
          f"{os.cpu_count()} CPUs", flush=True)
    if args.stage_records:
        _print_stages(corpora[min(corpora)], args.stage_records)
    for workers in args.workers:
        runs = [_median_build(corpus, workers, args.runs) for corpus in corpora.values()]
        for n, run in zip(corpora, runs, strict=True):
            _print_run(f"ekg build --workers {workers}", n, run)
        _print_growth(f"wall, --workers {workers}", list(corpora), [r.seconds for r in runs])
        _print_growth(f"cpu, --workers {workers}", list(corpora), [r.cpu_seconds for r in runs])
    if args.baseline:
        for n, corpus in corpora.items():
            run = run_measured([str(PYTHON), str(BASELINE), str(corpus)], cap=args.baseline_cap)
            _print_run("baseline (rdflib + pySHACL)", n, run)
            print("  " + run.output.strip().replace("\n", "\n  "), flush=True)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sizes", type=int, nargs="*", default=[1000, 10_000, 100_000])
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--runs", type=int, default=1, help="builds per size; the median shown")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--stage-records", type=int, default=1000,
                        help="records timed stage by stage in process (0: skip)")
    parser.add_argument("--baseline", action="store_true")
    parser.add_argument("--baseline-cap", type=float, default=1800.0, help="seconds per size")
    parser.add_argument("--corpus-root", type=Path, default=None,
                        help="keep corpora here between runs (default: a temporary folder)")
    args = parser.parse_args(argv)
    if args.corpus_root:
        args.corpus_root.mkdir(parents=True, exist_ok=True)
        _measure(args, args.corpus_root)
        return
    with tempfile.TemporaryDirectory(prefix="ekg-scale-") as folder:
        _measure(args, Path(folder))


if __name__ == "__main__":
    main()
