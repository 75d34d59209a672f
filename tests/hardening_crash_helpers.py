"""Helpers of the kill tests: records of our own words, a build that says what it stored, a
SIGKILL at a chosen moment, and quads compared without the build time.

Not a test module (no ``test_`` prefix); ``tests/test_hardening_crash.py`` and
``tests/test_hardening_concurrency.py`` import it.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from tests.conftest import SHARED

__all__ = [
    "RECORD_GRAPHS",
    "KillRun",
    "ekg_command",
    "kill_after",
    "normalised_quads",
    "record_graphs",
    "run_ekg",
    "start_reporting",
    "write_records",
]

RECORD_GRAPHS = "https://w3id.org/evidence-kg/id/graph/"
_TIMES = frozenset({"http://www.w3.org/ns/prov#generatedAtTime",  # a record graph's build
                    "http://purl.org/dc/terms/modified"})  # the dataset description's
_OTHER_GRAPHS = ("shared", "certainty", "mesh-actions", "vocabulary", "void", "analysis",
                 "curation")

REAL = ("medline_nbib/biopython__pubmed_result2.txt",)
"""Four real records with abstracts, added when ../shared is there."""

_DRUGS = ("ketamine", "gabapentin", "amitriptyline", "duloxetine", "lidocaine", "morphine",
          "pregabalin", "ibuprofen")
_CONDITIONS = ("complex regional pain syndrome", "migraine", "low back pain", "fibromyalgia",
               "postherpetic neuralgia", "osteoarthritis")


def _ris(i: int) -> str:
    drug, condition = _DRUGS[i % len(_DRUGS)], _CONDITIONS[i % len(_CONDITIONS)]
    return (f"TY  - JOUR\nTI  - Trial {i}: {drug} for {condition} in adults\n"
            f"AU  - Walker, Ann\nAU  - Okafor, Ben\nPY  - 2020\nJO  - Journal of Made-up Trials\n"
            f"AB  - Background: {condition} is hard to treat. Methods: we randomised {40 + i} "
            f"adults to {drug} or placebo for eight weeks. Results: {drug} reduced pain "
            f"scores compared with placebo. Conclusions: {drug} treats {condition}.\n"
            f"DO  - 10.5555/crash.{i}\nER  - \n")


def write_records(folder: Path, count: int, *, real: Iterable[str] = ()) -> Path:
    """``count`` RIS records of our own words in ``folder`` (two files), plus links to the real
    fixture records named in ``real`` (paths under ../shared/fixtures) when they are there."""
    folder.mkdir(parents=True, exist_ok=True)
    half = count // 2
    (folder / "a.ris").write_text("".join(_ris(i) for i in range(half)))
    (folder / "b.ris").write_text("".join(_ris(i) for i in range(half, count)))
    for name in real:
        source = SHARED / "fixtures" / name
        if source.exists():
            (folder / source.name).symlink_to(source)
    return folder


_EKG = """
import sys
import kg.cli
kg.cli._COMMAND_MODULES = ("kg.commands." + sys.argv[1],)
sys.argv[0] = "ekg"
kg.cli.main()
"""
"""``ekg`` with only the command it runs imported (the others cost seconds of start-up)."""

_REPORTING = """
import sys
import kg.push
from kg.store.oxigraph import OxigraphStore
_put, _swap = OxigraphStore.put_graphs, kg.push._swap
def put_graphs(self, writes):
    writes = list(writes)
    _put(self, writes)
    for w in writes:
        if not w.add:
            print("stored", w.graph, file=sys.stderr, flush=True)
def swap(client, batch):
    _swap(client, batch)
    for p in batch:
        print("stored", p.graph, file=sys.stderr, flush=True)
OxigraphStore.put_graphs, kg.push._swap = put_graphs, swap
"""
"""Also say, on standard error, each graph once it is stored (``put_graphs`` has returned) or
pushed (its MOVE has been answered): the test's record of what was reported done."""


def _ekg(args: list[str], *, reporting: bool) -> list[str]:
    return [sys.executable, "-c", (_REPORTING if reporting else "") + _EKG, *args]


def ekg_command(args: list[str]) -> list[str]:
    """The command line of ``ekg ARGS`` in a child process."""
    return _ekg(args, reporting=False)


def run_ekg(*args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """``ekg ARGS`` in a child process, to completion."""
    return subprocess.run(_ekg(list(args), reporting=False), capture_output=True, text=True,
                          timeout=timeout, check=False)


@dataclass
class KillRun:
    """What one killed build said before it died."""

    stored: set[str] = field(default_factory=set)
    killed: bool = False
    stderr: list[str] = field(default_factory=list)


def start_reporting(args: list[str], *, stores: int) -> tuple[subprocess.Popen[str], KillRun]:
    """Start ``ekg ARGS`` reporting what it stores; return once it has reported ``stores``
    writes (or ended), its standard error drained from then on by a thread into the run."""
    proc = subprocess.Popen(_ekg(args, reporting=True), stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    assert proc.stderr is not None
    run = KillRun()
    for line in proc.stderr:
        _note(run, line)
        if len(run.stored) >= stores:
            break
    threading.Thread(target=lambda: [_note(run, line) for line in proc.stderr or ()],
                     daemon=True).start()
    return proc, run


def _note(run: KillRun, line: str) -> None:
    run.stderr.append(line)
    if line.startswith("stored "):
        run.stored.add(line.split()[1])


def kill_after(args: list[str], *, stores: int, delay: float) -> KillRun:
    """Start ``ekg ARGS`` (reporting what it stores), SIGKILL it ``delay`` seconds after its
    ``stores``-th reported write; a run that ends first is reported as not killed."""
    proc, run = start_reporting(args, stores=stores)
    time.sleep(delay)
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGKILL)
        run.killed = True
    proc.wait(timeout=60)
    time.sleep(0.1)  # the drain thread reads what the pipe still held
    run.killed = run.killed and proc.returncode == -signal.SIGKILL
    return run


@dataclass(frozen=True)
class Reference:
    """Records of our own words (and a few real ones) and a clean build of them."""

    inputs: Path
    store: Path
    graphs: frozenset[str]
    quads: frozenset[tuple[str, str, str, str]]

    def open(self) -> ox.Store:
        return ox.Store.read_only(str(self.store))


_REFERENCES: dict[int, Reference] = {}


def reference_build(root: Path, count: int = 14) -> Reference:
    """Build ``count`` generated records (plus the real ones of ``REAL``) once per session."""
    if count not in _REFERENCES:
        from typer.testing import CliRunner

        import kg.commands.build  # noqa: F401  (registers the command)
        from kg.cli import app

        inputs = write_records(root / f"in-{count}", count, real=REAL)
        store = root / f"reference-{count}"
        result = CliRunner().invoke(app, ["build", str(inputs), "--store", str(store), "--out",
                                          str(root / f"out-{count}"), "--batch-size", "2"])
        assert result.exit_code == 0, result.output
        ref = ox.Store.read_only(str(store))
        _REFERENCES[count] = Reference(inputs, store, frozenset(record_graphs(ref)),
                                       frozenset(normalised_quads(ref)))
    return _REFERENCES[count]


def _term(term: object) -> str:
    return str(term)


def normalised_quads(store: ox.Store, graph: str | None = None) -> set[tuple[str, str, str, str]]:
    """The quads (of one graph, or all) as text, build times left out (of each record graph, of
    the dataset description): the one value two builds of the same records do not share."""
    pattern = None if graph is None else ox.NamedNode(graph)
    return {(_term(q.subject), _term(q.predicate), _term(q.object), _term(q.graph_name))
            for q in store.quads_for_pattern(None, None, None, pattern)
            if q.predicate.value not in _TIMES}


def record_graphs(store: ox.Store) -> set[str]:
    """The named graphs of source records (not shared, certainty, vocabulary … graphs)."""
    names = {g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode)}
    return {g for g in names if g.startswith(RECORD_GRAPHS)
            and g.removeprefix(RECORD_GRAPHS) not in _OTHER_GRAPHS}
