"""A build writing the store while others use it: ``ekg serve`` keeps answering from one whole
state, a second build and ``ekg query`` are told the store is busy (exit 2, no traceback), and
nothing is corrupted.

The build is a real child process; to make "while it writes" certain rather than a race, it is
paused (SIGSTOP) between two batches, holding the store open for writing, while the others run.
"""

from __future__ import annotations

import os
import signal
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import httpx
import pyoxigraph as ox
import pytest

from kg.serve import ServeOptions, make_server
from kg.serve_snapshot import SNAPSHOTS
from tests.hardening_crash_helpers import (
    Reference,
    normalised_quads,
    reference_build,
    run_ekg,
    start_reporting,
)

pytestmark = pytest.mark.slow

COUNTS = ("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> Reference:
    return reference_build(tmp_path_factory.getbasetemp())


@pytest.fixture
def paused_build(reference: Reference, tmp_path: Path) -> Iterator[SimpleNamespace]:
    """A build of the reference records into an empty store, paused after its second write."""
    store = tmp_path / "store"
    proc, stored = start_reporting(["build", str(reference.inputs), "--store", str(store),
                                    "--out", str(tmp_path / "out"), "--batch-size", "2"],
                                   stores=2)
    os.kill(proc.pid, signal.SIGSTOP)
    yield SimpleNamespace(proc=proc, store=store, stored=stored)
    if proc.poll() is None:  # the test failed before it let the build finish
        proc.kill()
        proc.wait(timeout=60)


def _finish(proc: subprocess.Popen[str]) -> int:
    os.kill(proc.pid, signal.SIGCONT)
    return proc.wait(timeout=300)


def test_second_build_and_query_on_a_store_being_written_are_told_it_is_busy(
        paused_build, reference):
    second = run_ekg("build", str(reference.inputs), "--store", str(paused_build.store),
                     "--out", str(paused_build.store.parent / "out2"))
    assert second.returncode == 2 and "Traceback" not in second.stderr
    assert "locked by process" in " ".join(second.stderr.split())
    query = run_ekg("query", "-e", "ASK { ?s ?p ?o }", "--store", str(paused_build.store))
    assert query.returncode == 2 and "Traceback" not in query.stderr
    assert "is busy" in " ".join(query.stderr.split())
    assert _finish(paused_build.proc) == 0
    built = ox.Store.read_only(str(paused_build.store))
    assert normalised_quads(built) == reference.quads
    assert run_ekg("validate", "--store", str(paused_build.store)).returncode == 0


def _counts(client: httpx.Client) -> tuple[dict[str, int], str]:
    answer = client.get("/sparql", params={"query": COUNTS},
                        headers={"Accept": "application/sparql-results+json"})
    assert answer.status_code == 200, answer.text
    rows = answer.json()["results"]["bindings"]
    return ({r["g"]["value"]: int(r["n"]["value"]) for r in rows},
            answer.headers["x-ekg-data-opened"])


@pytest.fixture
def server(tmp_path: Path) -> Iterator[SimpleNamespace]:
    """``ekg serve``'s server and two workers over ``tmp_path / "store"`` (filled by the test)."""
    store = tmp_path / "store"

    def start() -> httpx.Client:
        options = ServeOptions(store, port=0, timeout=20.0, workers=2, quiet=True)
        made.server, made.pool = make_server(options)
        threading.Thread(target=made.server.serve_forever, daemon=True).start()
        host, port = made.server.server_address[:2]
        made.client = httpx.Client(base_url=f"http://{host}:{port}", timeout=30)
        return made.client

    made = SimpleNamespace(store=store, start=start, server=None)
    yield made
    if made.server is not None:
        made.client.close()
        made.server.shutdown()
        made.server.server_close()
        made.pool.close()


def test_serve_answers_from_one_whole_state_while_a_build_writes(server, reference, tmp_path):
    full = {g: len(normalised_quads(reference.open(), g)) + 1 for g in reference.graphs}
    half = sorted(reference.inputs.iterdir())[:1]
    assert run_ekg("build", *map(str, half), "--store", str(server.store), "--out",
                   str(tmp_path / "o1")).returncode == 0
    client = server.start()
    before, _ = _counts(client)
    proc, _ = start_reporting(["build", str(reference.inputs), "--store", str(server.store),
                               "--out", str(tmp_path / "o2"), "--batch-size", "2"], stores=1)
    seen = _watch(client, proc, full, before)
    assert proc.wait(timeout=300) == 0
    after, _ = _counts(client)
    assert {g: n for g, n in after.items() if g in full} == full
    assert seen > 0
    print(f"ekg serve: {seen} answers while the build wrote, each record graph absent or whole")
    assert len([p for p in (server.store / SNAPSHOTS).iterdir()]) <= 3


def _watch(client: httpx.Client, proc: subprocess.Popen[str], full: dict[str, int],
           before: dict[str, int]) -> int:
    """Query while the build runs: every record graph is absent or whole, and what one answer
    shows, the next shows too (both workers answer from the same state, never an older one)."""
    answers, shown = 0, {g for g in before if g in full}
    while proc.poll() is None:
        counts, _ = _counts(client)
        record = {g: n for g, n in counts.items() if g in full}
        assert all(n == full[g] for g, n in record.items()), "a record graph shown in part"
        assert shown <= set(record), "an answer from an older state than the one before"
        shown = set(record)
        answers += 1
    return answers
