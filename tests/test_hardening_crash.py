"""SIGKILL at random (seeded) moments: ``ekg build`` loses no record it reported stored and
leaves no partial graph; ``ekg export`` leaves no truncated file; ``ekg push`` leaves each
server graph old or new.

Every kill is a real ``kill -9`` of a child process mid-batch (small ``--batch-size``); what the
store holds afterwards is compared, graph by graph, with a clean reference build of the same
records (the build time, the one value two builds do not share, left out).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

import kg.commands.validate  # noqa: F401  (registers the command)
from kg.cli import app
from kg.store.intent import PENDING
from kg.store.open import open_store
from tests.hardening_crash_helpers import (
    Reference,
    ekg_command,
    kill_after,
    normalised_quads,
    record_graphs,
    reference_build,
    run_ekg,
)
from tests.server.conftest import OxigraphServer, find_binary

pytestmark = pytest.mark.slow

SEED = int(os.environ.get("EKG_CRASH_SEED", "20261207"))
KILLS = 3


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> Reference:
    return reference_build(tmp_path_factory.getbasetemp())


def _validate(store: Path) -> None:
    result = CliRunner().invoke(app, ["validate", "--store", str(store)])
    assert result.exit_code == 0, result.output


def _check_after_kill(store: Path, reference: Reference, reported: set[str]) -> None:
    """The store opens and conforms; each record graph it holds is the reference graph whole,
    and every graph the build reported stored is among them."""
    st = ox.Store.read_only(str(store))
    ref = reference.open()
    held = record_graphs(st)
    assert reported & reference.graphs <= held
    assert held <= reference.graphs
    for graph in held:
        got, want = normalised_quads(st, graph), normalised_quads(ref, graph)
        assert got == want, (graph, sorted(want - got)[:5], sorted(got - want)[:5])
    del st
    _validate(store)


def test_build_killed_at_random_points_loses_nothing_and_resumes(reference, tmp_path):
    rng = random.Random(SEED)
    store = tmp_path / "killed"
    args = ["build", str(reference.inputs), "--store", str(store), "--out",
            str(tmp_path / "out"), "--batch-size", "2"]
    killed = reported = 0
    for _ in range(KILLS):
        run = kill_after(args, stores=rng.randint(1, 3), delay=rng.uniform(0.0, 0.4))
        assert not any("Traceback" in line for line in run.stderr), run.stderr
        killed += run.killed
        reported += len(run.stored & reference.graphs)
        if store.exists():
            _check_after_kill(store, reference, run.stored)
    print(f"ekg build: {killed} of {KILLS} kills landed mid-build, {reported} record graphs "
          "reported stored before them, none lost")
    assert killed >= KILLS - 1, "the kills landed before the builds ended"
    final = run_ekg(*args)
    assert final.returncode == 0, final.stderr
    assert normalised_quads(ox.Store.read_only(str(store))) == reference.quads


# --- ekg export ----------------------------------------------------------------------------------
EXPORT_QUADS = 60_000


@pytest.fixture(scope="module")
def big_store(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, set[str]]:
    """A store large enough that an export takes a while, and its quads as N-Quads lines."""
    path = tmp_path_factory.mktemp("export") / "store"
    st = ox.Store(str(path))
    graph = ox.NamedNode("https://w3id.org/evidence-kg/id/graph/export-test")
    st.bulk_extend(ox.Quad(ox.NamedNode(f"urn:example:s{i}"), ox.NamedNode("urn:example:says"),
                           ox.Literal(f"statement {i} of a long export"), graph)
                   for i in range(EXPORT_QUADS))
    lines = {f"{q} ." for q in st}
    st.flush()
    del st
    return path, lines


def _export_args(store: Path, out: Path) -> list[str]:
    return ["export", "-f", "nq", "-o", str(out), "--store", str(store)]


def _kill_export_mid_write(store: Path, out: Path, delay: float) -> bool:
    """Start ``ekg export``; SIGKILL it ``delay`` s after its temporary file has data. True
    when the kill landed mid-write (the dead writer's temporary file is still there)."""
    proc = subprocess.Popen(ekg_command(_export_args(store, out)),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    temps = f".{out.name}.{proc.pid}.*"
    deadline = time.monotonic() + 120
    while proc.poll() is None and time.monotonic() < deadline:
        if any(p.stat().st_size > 0 for p in out.parent.glob(temps)):
            break
        time.sleep(0.002)
    time.sleep(delay)
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=60)
    return any(out.parent.glob(temps))


def _temporaries(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if p.name.startswith(".")]


def test_export_killed_mid_write_leaves_the_old_file_and_no_temporary(big_store, tmp_path):
    """No file under the final name from a killed first export; a killed later export leaves
    the previous file whole; the next export removes the dead writers' temporary files."""
    store, lines = big_store
    out = tmp_path / "graph.nq"
    rng = random.Random(SEED)
    landed = 0
    for attempt in range(KILLS):
        mid_write = _kill_export_mid_write(store, out, rng.uniform(0.0, 0.01))
        landed += mid_write
        assert not out.exists() or set(out.read_text().splitlines()) == lines
        if attempt == 0:
            assert not (mid_write and out.exists())
            assert run_ekg(*_export_args(store, out)).returncode == 0
    print(f"ekg export: {landed} of {KILLS} kills landed mid-write, no truncated file")
    assert landed >= KILLS - 1
    assert run_ekg(*_export_args(store, out)).returncode == 0
    assert set(out.read_text().splitlines()) == lines and not _temporaries(tmp_path)


# --- ekg push ------------------------------------------------------------------------------------
PUSH_GRAPHS = 40


def _push_store(path: Path, version: str) -> dict[str, set[str]]:
    """A store of ``PUSH_GRAPHS`` project graphs of ``version``; each graph's triples as text."""
    st = ox.Store(str(path))
    st.clear()
    graphs: dict[str, set[str]] = {}
    for g in range(PUSH_GRAPHS):
        name = f"https://w3id.org/evidence-kg/id/graph/push-{g}"
        triples = [ox.Triple(ox.NamedNode(f"urn:example:g{g}s{i}"), ox.NamedNode("urn:example:v"),
                             ox.Literal(f"{version} {i}")) for i in range(50 + g)]
        st.extend(ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(name)) for t in triples)
        graphs[name] = {str(t) for t in triples}
    st.flush()
    del st
    return graphs


def _server_graphs(url: str, names: list[str]) -> dict[str, set[str]]:
    rows = httpx.post(f"{url}/query", data={"query": "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g "
                                                     "{ ?s ?p ?o } }"},
                      headers={"Accept": "application/sparql-results+json"}, timeout=60)
    found: dict[str, set[str]] = {g: set() for g in names}
    for r in rows.json()["results"]["bindings"]:
        if r["g"]["value"] in found:
            o = r["o"]
            found[r["g"]["value"]].add(f'<{r["s"]["value"]}> <{r["p"]["value"]}> "{o["value"]}"')
    return found


@pytest.fixture
def oxigraph_server(tmp_path: Path) -> Iterator[OxigraphServer]:
    binary = find_binary("oxigraph")
    if binary is None:
        pytest.skip("the oxigraph server (pip install oxigraph) is not installed")
    server = OxigraphServer(binary, tmp_path / "server-db", tmp_path / "oxigraph.log").start()
    yield server
    server.stop()


def test_push_killed_mid_way_leaves_each_server_graph_old_or_new(oxigraph_server, tmp_path):
    local = tmp_path / "local"
    old = _push_store(local, "old")
    args = ["push", oxigraph_server.url, "--store", str(local), "--batch", "2"]
    assert run_ekg(*args).returncode == 0
    new = _push_store(local, "new")
    rng = random.Random(SEED)
    killed, mixed = 0, 0
    for _ in range(KILLS):
        run = kill_after(args, stores=rng.randint(1, PUSH_GRAPHS // 2),
                         delay=rng.uniform(0.0, 0.1))
        killed += run.killed
        held = _server_graphs(oxigraph_server.url, list(new))
        for g, triples in held.items():
            assert triples in (old[g], new[g]), f"{g}: neither the old graph nor the new one"
            assert g not in run.stored or triples == new[g], f"{g}: reported pushed, not there"
        mixed += len({g for g, t in held.items() if t == old[g]}) not in (0, PUSH_GRAPHS)
    print(f"ekg push: {killed} of {KILLS} kills landed mid-push ({mixed} left old and new "
          "graphs side by side), every server graph old or new")
    assert killed >= KILLS - 1
    assert run_ekg(*args).returncode == 0
    assert _server_graphs(oxigraph_server.url, list(new)) == new


# --- the one window left -------------------------------------------------------------------------
_KILL_BETWEEN = """
import os, signal, sys
import pyoxigraph as ox
from rdflib import Literal, URIRef
from kg.store.base import GraphWrite
from kg.store.oxigraph import OxigraphStore

class KilledBeforeMarkers:
    '''The real store, but the process dies when the completion markers are written.'''
    def __init__(self, inner):
        self.inner = inner
    def __getattr__(self, name):
        return getattr(self.inner, name)
    def extend(self, quads):
        os.kill(os.getpid(), signal.SIGKILL)

st = OxigraphStore(sys.argv[1])
st._store = KilledBeforeMarkers(st._store)
g = URIRef(sys.argv[2])
body = tuple((URIRef(f"urn:example:s{i}"), URIRef("urn:example:p"), Literal(i)) for i in range(20))
marker = ((g, URIRef("https://w3id.org/evidence-kg/ontology#recordSha256"), Literal("0" * 64)),)
st.put_graphs([GraphWrite(g, body, marker=marker)])
"""


def test_a_kill_between_bulk_load_and_marker_leaves_the_graph_absent_or_whole(tmp_path):
    """The body is in and its marker is not: the next opening of the store drops it whole."""
    graph = "https://w3id.org/evidence-kg/id/graph/window-test"
    done = subprocess.run([sys.executable, "-c", _KILL_BETWEEN, str(tmp_path / "s"), graph],
                          capture_output=True, timeout=120, check=False)
    assert done.returncode == -signal.SIGKILL
    raw = ox.Store.read_only(str(tmp_path / "s"))
    assert len(list(raw.quads_for_pattern(None, None, None, ox.NamedNode(graph)))) == 20
    del raw
    store = open_store(tmp_path / "s", read_only=True)
    count = sum(1 for q in store.quads() if str(q[3]) == graph)
    assert count in (0, 21), f"{count} of 21 quads: the graph is there in part"
    assert not (tmp_path / "s" / PENDING).exists()
