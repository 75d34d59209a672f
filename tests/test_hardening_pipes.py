"""A reader that closes the pipe early (``ekg … | head -1``) ends the command quietly: exit 0,
nothing on standard error, no traceback."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pyoxigraph as ox
import pytest

from tests.hardening_crash_helpers import ekg_command

QUADS = 4_000  # ~500 KB of N-Quads, past a pipe's 64 KiB buffer: the writer meets the close


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pipes") / "store"
    st = ox.Store(str(path))
    graph = ox.NamedNode("https://w3id.org/evidence-kg/id/graph/pipe-test")
    st.extend(ox.Quad(ox.NamedNode(f"urn:example:s{i}"), ox.NamedNode("urn:example:says"),
                      ox.Literal(f"line number {i} of a long answer"), graph)
              for i in range(QUADS))
    st.flush()
    del st
    return path


def _first_line_then_close(args: list[str]) -> tuple[bytes, int, str]:
    """Run ``ekg ARGS``, read one line of its output, close the pipe, as ``head -1`` does."""
    proc = subprocess.Popen(ekg_command(args), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    line = proc.stdout.readline()
    proc.stdout.close()
    err = proc.stderr.read().decode(errors="replace")
    return line, proc.wait(timeout=120), err


@pytest.mark.parametrize("fmt", ["nq", "trig"])
def test_export_to_a_closed_pipe_exits_quietly(store: Path, fmt: str) -> None:
    line, code, err = _first_line_then_close(["export", "-o", "-", "-f", fmt,
                                              "--store", str(store)])
    assert line, "the first line arrived"
    assert (code, err) == (0, "")


@pytest.mark.parametrize("fmt", ["csv", "table"])
def test_query_to_a_closed_pipe_exits_quietly(store: Path, fmt: str) -> None:
    line, code, err = _first_line_then_close(["query", "-e", "SELECT * { ?s ?p ?o }", "-f", fmt,
                                              "--store", str(store)])
    assert line, "the first line arrived"
    assert (code, err) == (0, "")
