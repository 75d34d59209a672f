"""A full disk or a read-only place: exit 2 with a message, old files kept, orphans cleaned.

A full disk is simulated (``ENOSPC`` from the writer) since a small tmpfs needs privileges;
the read-only place is real: ``/proc`` refuses new files even to root.
"""

from __future__ import annotations

import errno
import importlib
import os
import tempfile
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from kg.cli import _COMMAND_MODULES, app
from kg.commands.build import remove_orphan_bulk_files
from kg.export import ExportError, atomic_write, remove_stale_temp_files
from kg.store.oxigraph import OxigraphStore

RECORD = "TY  - JOUR\nTI  - Reading habits of students\nDO  - 10.9999/walk.1\nER  - \n"


def _cli() -> typer.Typer:
    for module in _COMMAND_MODULES:
        importlib.import_module(module)
    return app


def _no_space(*args: object, **kwargs: object) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


@pytest.fixture
def built(tmp_path: Path) -> dict[str, Path]:
    """A first successful build: store and exported files on disk."""
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "walk.ris").write_text(RECORD)
    paths = {"in": tmp_path / "in", "store": tmp_path / "store", "out": tmp_path / "out"}
    result = CliRunner().invoke(_cli(), ["build", str(paths["in"]), "--store",
                                         str(paths["store"]), "--out", str(paths["out"])])
    assert result.exit_code == 0, result.output
    return paths


def _build(paths: dict[str, Path]) -> object:
    return CliRunner().invoke(_cli(), ["build", str(paths["in"]), "--store",
                                       str(paths["store"]), "--out", str(paths["out"]),
                                       "--force"])


def test_build_on_a_full_disk_exits_2_and_keeps_the_old_exports(built, monkeypatch):
    before = (built["out"] / "graph.trig").read_bytes()
    monkeypatch.setattr(tempfile, "mkstemp", _no_space)
    result = _build(built)
    output = " ".join(result.output.split())
    assert result.exit_code == 2
    assert "No space left on device" in output and "Traceback" not in output
    assert (built["out"] / "graph.trig").read_bytes() == before
    assert not [p for p in built["out"].iterdir() if p.name.startswith(".")]


def test_build_when_the_store_cannot_write_exits_2(built, monkeypatch):
    monkeypatch.setattr(OxigraphStore, "put_graphs", _no_space)
    result = _build(built)
    assert result.exit_code == 2 and "No space left on device" in " ".join(result.output.split())
    assert isinstance(result.exception, SystemExit)


def test_build_into_an_impossible_store_location_exits_2(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    (tmp_path / "r.ris").write_text(RECORD)
    result = CliRunner().invoke(_cli(), ["build", str(tmp_path / "r.ris"), "--store",
                                         str(blocker / "store"), "--out", str(tmp_path / "o")])
    assert result.exit_code == 2 and "cannot open store" in result.output
    assert isinstance(result.exception, SystemExit)


def test_export_into_a_read_only_place_exits_2(built):
    if not Path("/proc/self").exists():
        pytest.skip("no /proc")
    result = CliRunner().invoke(_cli(), ["export", "--store", str(built["store"]),
                                         "--out", "/proc/ekg-export/graph.nq", "-f", "nq"])
    assert result.exit_code == 2 and "cannot write" in result.output
    assert isinstance(result.exception, SystemExit)


def test_atomic_write_on_a_full_disk_raises_export_error_and_keeps_the_file(tmp_path):
    path = tmp_path / "graph.nq"
    path.write_bytes(b"old")

    def fill(out: object) -> None:
        out.write(b"partial")  # type: ignore[attr-defined]
        _no_space()

    with pytest.raises(ExportError, match="No space left on device"):
        atomic_write(path, fill)
    assert path.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == ["graph.nq"]


def test_temporary_files_of_dead_writers_are_removed(tmp_path):
    path = tmp_path / "graph.trig"
    dead = tmp_path / ".graph.trig.999999999.tmp1"  # beyond any pid_max
    alive = tmp_path / f".graph.trig.{os.getpid()}.tmp2"
    other = tmp_path / ".notes.txt.999999999.tmp3"
    for p in (dead, alive, other):
        p.write_bytes(b"half")
    assert remove_stale_temp_files(path) == 1
    assert not dead.exists() and alive.exists() and other.exists()
    atomic_write(path, lambda out: out.write(b"new"))
    assert path.read_bytes() == b"new" and alive.exists()


def test_orphan_bulk_files_are_removed_by_the_next_build(built):
    orphan = built["store"] / "bulk-0123456789.sst"
    orphan.write_bytes(b"left by a killed load")
    assert _build(built).exit_code == 0
    assert not orphan.exists()
    assert remove_orphan_bulk_files(built["store"]) == 0


def test_a_second_writer_is_refused_while_the_store_is_in_use(built):
    holder = OxigraphStore(built["store"])
    try:
        result = _build(built)
        assert result.exit_code == 2 and "cannot open store" in " ".join(result.output.split())
    finally:
        holder.close()
