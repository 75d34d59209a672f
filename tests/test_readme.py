"""The README's tour runs: every command in its ```sh blocks, on the bundled examples, each with
an assertion on what it prints or writes.

The commands are parsed from README.md itself, and each must have a case in ``CASES`` (and each
case a command), so the tour cannot drift from the product. Everything runs in a temporary
folder where ``examples`` points at the bundled records, so ``./store`` and ``./out`` land
there. The two install commands are what CI runs; here they are checked against ``.ci/run``.
Assertions hold with MeSH and with the curated overlay alone (``ekg vocab info`` says which).
"""

from __future__ import annotations

import json
import os
import re
import shlex
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest

from tests.conftest import EXAMPLES, ROOT
from tests.readme_tour import (
    CI_SCRIPT,
    EKG,
    KIND,
    MESH,
    SEED,
    Tour,
    ci_last_commands,
    csv_rows,
    ekg_args,
    flat,
    key,
    ok,
    readme_commands,
    run_ekg,
    sh_blocks,
    table_rows,
)


@pytest.fixture(scope="module")
def tour(tmp_path_factory: pytest.TempPathFactory) -> Tour:
    """The README's own build command, run once in a fresh folder."""
    folder = tmp_path_factory.mktemp("tour")
    (folder / "examples").symlink_to(EXAMPLES, target_is_directory=True)
    build = next(c for c in readme_commands() if c[:2] == [EKG, "build"])
    result = run_ekg(folder, ekg_args(build)[0])
    info = ok(run_ekg(folder, ["vocab", "info"]))
    return Tour(folder, result, mesh="curated overlay only" not in info)


# --- one case per README command -----------------------------------------------------------


def _installed_by_ci(tour: Tour, argv: list[str]) -> None:
    """Creating the venv and installing are CI's job; here they must be what CI runs."""
    ci = ci_last_commands()
    if argv[0] == "python3":
        assert argv == ci[0] == ["python3", "-m", "venv", ".venv"]
    else:
        assert [a for a in argv if a != "-q"][:4] == [".venv/bin/pip", "install", "-e",
                                                      argv[-1]]
        assert argv[-1] in (".", ".[test]") and key(argv) in {key(c) for c in ci} | {
            key([".venv/bin/pip", "install", "-e", "."])}


def _test_command(tour: Tour, argv: list[str]) -> None:
    """The test command is CI's last one: CI runs it, so this test is part of it."""
    assert argv == ci_last_commands()[-1] == [".venv/bin/pytest"]


def _build(tour: Tour, argv: list[str]) -> None:
    summary = {row[0]: row[1] for row in (
        [c.strip() for c in line.strip("│").split("│")] for line in ok(tour.build).splitlines()
        if line.startswith("│"))}
    assert summary["records read"] == summary["stored (new or changed)"] == "7"
    assert summary["rejected"] == summary["violations"] == "0"
    assert int(summary["triples in store"]) > 1000
    for name in ("graph.trig", "graph.nq", "void.ttl"):
        assert (tour.folder / "out" / name).stat().st_size > 0
    assert (tour.folder / "store").is_dir()


def _validate(tour: Tour, argv: list[str]) -> None:
    assert "conforms" in ok(tour.ekg(ekg_args(argv)[0]))


def _stats(tour: Tour, argv: list[str]) -> None:
    out = ok(tour.ekg(ekg_args(argv)[0]))
    assert table_rows(out)[0]["articles"] == "7"
    # the seed is a case report: OCEBM level 4, starting certainty very low
    assert re.search(r"│ case-report\s+│ 4\s+│ very-low\s+│", out), out
    assert {"finding", "studied-for", "cited"} <= set(re.findall(r"│ ([a-z-]+)\s+│", out))


def _concepts(tour: Tour, argv: list[str]) -> None:
    rows = table_rows(ok(tour.ekg(ekg_args(argv)[0])))
    label = "Complex Regional Pain Syndromes" if tour.mesh else "complex regional pain syndrome"
    assert {(r["curie"], r["label"], r["role"]) for r in rows} >= {
        ("mesh:D020918", label, "condition")}


def _claims(tour: Tour, argv: list[str]) -> None:
    rows = csv_rows(ok(tour.ekg(ekg_args(argv)[0])))
    assert rows, "ketamine treats CRPS: the two CRPS trials found it"
    for row in rows:
        assert (row["subject"], row["object"], row["kind"]) == (
            f"{MESH}D007649", f"{MESH}D020918", "finding")
        assert float(row["confidence"]) >= 0.5
        assert row["startingCertainty"] and row["rolledUpCertainty"]
    assert all(r["design"] and r["level"] for r in rows)  # findings carry design and level
    assert "randomised-controlled-trial" in {r["design"] for r in rows}


def _query_list(tour: Tour, argv: list[str]) -> None:
    out = ok(tour.ekg(ekg_args(argv)[0]))
    for path in (ROOT / "queries" / "select").glob("*.rq"):
        assert f"select/{path.stem}" in out


def _evidence_for_condition(tour: Tour, argv: list[str]) -> None:
    rows = table_rows(ok(tour.ekg(ekg_args(argv)[0])))
    # MeSH labels the drug "Ketamine"; the curated overlay alone labels it "ketamine"
    assert ("mesh:D020918", "mesh:D007649", "ketamine", "treats") in {
        (r["condition"], r["intervention"], r["interventionLabel"].lower(), r["relation"])
        for r in rows}


def _article_card(tour: Tour, argv: list[str]) -> None:
    bindings = json.loads(ok(tour.ekg(ekg_args(argv)[0])))["results"]["bindings"]
    fields = {(b["field"]["value"], b["value"]["value"]) for b in bindings if "value" in b}
    assert ("author", "Aaron C. Ocker") in fields
    assert any(f == "title" and v.startswith("Ketamine and Cognitive Behavioral Therapy")
               for f, v in fields)


def _adhoc_query(tour: Tour, argv: list[str]) -> None:
    rows = csv_rows(ok(tour.ekg(ekg_args(argv)[0])))
    counts = {r["kind"].removeprefix(KIND): int(r["n"]) for r in rows}
    assert set(counts) == {"finding", "studied-for", "cited"} and min(counts.values()) > 0


def _stdin_query(tour: Tour, argv: list[str]) -> None:
    args, stdin = ekg_args(argv)
    assert stdin and "SELECT" in stdin
    row = table_rows(ok(tour.ekg(args, stdin)))[0]
    assert row["articles"] == "7" and int(row["claims"]) > 0


def _related(tour: Tour, argv: list[str]) -> None:
    rows = table_rows(ok(tour.ekg(ekg_args(argv)[0])))
    assert "doi:10.1016/j.pain.2009.08.015" in {r["article"] for r in rows}  # ketamine, CRPS
    assert all(r["reasons"] for r in rows) and SEED.removeprefix("https://doi.org/") not in {
        r["article"].removeprefix("doi:") for r in rows}
    assert "conforms" in ok(tour.ekg(["validate"]))  # what it wrote back still validates


def _paths(tour: Tour, argv: list[str]) -> None:
    out = flat(ok(tour.ekg(ekg_args(argv)[0])))
    found = "Paths Ketamine →" in out and "opioid withdrawal" in out
    if tour.mesh:  # MeSH gives ketamine's NMDA antagonism as a vocabulary hop
        assert found and "NMDA" in out and "pharmacological action" in out, out
        return
    assert found or re.search(r"no path found from ketamine \(mesh:D007649\) to opioid "
                              r"withdrawal", out, re.IGNORECASE), out


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _answer(port: int, query: str) -> dict:
    for _ in range(150):
        try:
            response = httpx.get(f"http://127.0.0.1:{port}/sparql", params={"query": query},
                                 headers={"Accept": "application/sparql-results+json"},
                                 timeout=5)
            return response.json()  # type: ignore[no-any-return]
        except httpx.TransportError:
            time.sleep(0.2)
    pytest.fail("ekg serve did not answer")


def _serve(tour: Tour, argv: list[str]) -> None:
    """Started as a process (on a free port, one worker), asked one query, stopped."""
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("EKG_STORE", "EKG_OUT")}
    proc = subprocess.Popen([sys.executable, "-m", "kg", *ekg_args(argv)[0], "--port",
                             str(port), "--workers", "1"], cwd=tour.folder, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        answer = _answer(port, f"SELECT ?title WHERE {{ GRAPH ?g {{ <{SEED}> "
                               "<http://purl.org/dc/terms/title> ?title } }")
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            output = proc.communicate(timeout=30)[0]
        except subprocess.TimeoutExpired:  # Ctrl-C did not stop it: do not leave it running
            proc.kill()
            output = proc.communicate()[0]
            pytest.fail(f"ekg serve did not stop on Ctrl-C: {output}")
    titles = [b["title"]["value"] for b in answer["results"]["bindings"]]
    assert titles and titles[0].startswith("Ketamine and Cognitive Behavioral Therapy")
    assert f"http://127.0.0.1:{port}/" in output


def _export(tour: Tour, argv: list[str]) -> None:
    ok(tour.ekg(ekg_args(argv)[0]))
    path = tour.folder / argv[argv.index("--out") + 1]
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["@context"] and document["@graph"]
    quads = list(ox.parse(path=str(path), format=ox.RdfFormat.JSON_LD))
    assert len(quads) == len(set(quads)) > 1000
    assert any(q.subject == ox.NamedNode(SEED) for q in quads)


def _push_dry_run(tour: Tour, argv: list[str]) -> None:
    """Plans without a single connection: any attempt would fail the command."""

    def refuse(*args: object) -> None:
        raise AssertionError("a dry run opened a connection")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(socket.socket, "connect", refuse)
        patch.setattr(socket.socket, "connect_ex", refuse)
        out = flat(ok(tour.ekg(ekg_args(argv)[0])))
    assert "dry run" in out and "graph store │ http://127.0.0.1:7878/store" in out
    assert re.search(r"│ graphs │ (\d+) │", out) and re.search(r"│ requests │ 0 │", out), out


def _beyond(tour: Tour) -> Path:
    """A folder of its own beside the tour's, so loading and removing leave the tour's store
    as the cases above expect it; shards built and loaded there once, whichever case runs first."""
    folder = tour.folder.parent / f"{tour.folder.name}-beyond"
    if not folder.exists():
        folder.mkdir()
        (folder / "examples").symlink_to(EXAMPLES, target_is_directory=True)
    return folder


def _sharded(folder: Path) -> None:
    if not (folder / "shards" / "manifest.json").exists():
        ok(run_ekg(folder, ["build", "--dask", "local", "examples/", "-o", "shards/"]))
    if not (folder / "store").exists():
        ok(run_ekg(folder, ["load", "shards/"]))


def _dask_build(tour: Tour, argv: list[str]) -> None:
    """A local Dask cluster in this process: shards and a manifest, no store."""
    folder = _beyond(tour)
    out = flat(ok(run_ekg(folder, ekg_args(argv)[0])))
    manifest = json.loads((folder / "shards" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["totals"]["records_stored"] == 7 and manifest["rejected"] == []
    assert "load them with `ekg load shards`" in out


def _load(tour: Tour, argv: list[str]) -> None:
    folder = _beyond(tour)
    _sharded(folder)
    ok(run_ekg(folder, ekg_args(argv)[0]))  # again: loading the same shards changes nothing
    assert table_rows(ok(run_ekg(folder, ["stats"])))[0]["articles"] == "7"
    assert "conforms" in ok(run_ekg(folder, ["validate"]))


def _remove(tour: Tour, argv: list[str]) -> None:
    folder = _beyond(tour)
    _sharded(folder)
    assert "1 record(s) removed" in ok(run_ekg(folder, ekg_args(argv)[0]))
    assert table_rows(ok(run_ekg(folder, ["stats"])))[0]["articles"] == "6"
    assert "conforms" in ok(run_ekg(folder, ["validate"]))


Case = Callable[[Tour, list[str]], None]
CASES: dict[str, Case] = {
    "python3 -m venv .venv": _installed_by_ci,
    ".venv/bin/pip install -e .": _installed_by_ci,
    ".venv/bin/pip install -q -e '.[test]'": _installed_by_ci,
    ".venv/bin/pytest": _test_command,
    ".venv/bin/ekg build examples/": _build,
    ".venv/bin/ekg validate": _validate,
    ".venv/bin/ekg stats": _stats,
    ".venv/bin/ekg concepts 'complex regional pain syndrome'": _concepts,
    ".venv/bin/ekg claims --subject mesh:D007649 --object mesh:D020918 --min-confidence 0.5 "
    "-f csv": _claims,
    ".venv/bin/ekg query --list": _query_list,
    ".venv/bin/ekg query evidence-for-condition --param condition=mesh:D020918":
        _evidence_for_condition,
    ".venv/bin/ekg query article-card --param article=https://doi.org/10.1111/papr.12829 "
    "-f json": _article_card,
    ".venv/bin/ekg query -f csv -e 'PREFIX ekg: <https://w3id.org/evidence-kg/ontology#> "
    "SELECT ?kind (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?e ekg:evidenceKind ?kind } } "
    "GROUP BY ?kind'": _adhoc_query,
    ".venv/bin/ekg query - '<' queries/select/counts.rq": _stdin_query,
    ".venv/bin/ekg related 10.1111/papr.12829": _related,
    ".venv/bin/ekg paths ketamine 'opioid withdrawal' --co-mentions": _paths,
    ".venv/bin/ekg serve": _serve,
    ".venv/bin/ekg export --format jsonld --out out/graph.jsonld": _export,
    ".venv/bin/ekg push http://127.0.0.1:7878/store --dry-run": _push_dry_run,
    ".venv/bin/ekg build --dask local examples/ -o shards/": _dask_build,
    ".venv/bin/ekg load shards/": _load,
    ".venv/bin/ekg remove 10.1111/papr.12829": _remove,
}


# --- the tests -----------------------------------------------------------------------------


def test_every_readme_command_has_a_case_and_every_case_a_command():
    keys = [key(c) for c in readme_commands()]
    assert [k for k in keys if k not in CASES] == [], "README commands without a test case"
    assert [k for k in CASES if k not in keys] == [], "test cases of commands no longer shown"


def test_quick_start_installs_first_and_its_test_command_is_what_ci_runs():
    first, second = sh_blocks()[:2]
    assert [key(c) for c in readme_commands(first)[:2]] == [
        "python3 -m venv .venv", ".venv/bin/pip install -e ."]
    ci_last = [line for line in CI_SCRIPT.read_text(encoding="utf-8").splitlines() if line][-1]
    assert second.strip() == ci_last.strip()


@pytest.mark.parametrize("command", [key(c) for c in readme_commands()])
def test_readme_command(tour, command):
    case = CASES.get(command)
    assert case is not None, f"no test case for the README command {command!r}"
    case(tour, shlex.split(command))
