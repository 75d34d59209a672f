"""The snapshots ``ekg serve`` answers from: none while a writer holds the store, whole once it
has let go (unflushed writes of a killed writer included), few kept, dead servers' removed."""

from __future__ import annotations

import signal
import subprocess
import sys

import pyoxigraph as ox

from kg.serve_snapshot import SNAPSHOTS, SnapshotKeeper, remove_stale_snapshots

GRAPH = ox.NamedNode("urn:example:g")


def _quads(n: int, tag: str = "x") -> list[ox.Quad]:
    return [ox.Quad(ox.NamedNode(f"urn:example:s{i}"), ox.NamedNode("urn:example:p"),
                    ox.Literal(f"{tag} {i}"), GRAPH) for i in range(n)]


def _count(path: str) -> int:
    return len(ox.Store.read_only(path))


def test_no_snapshot_while_a_writer_holds_the_store_then_a_whole_one(tmp_path):
    store = tmp_path / "store"
    writer = ox.Store(str(store))
    writer.extend(_quads(50))
    keeper = SnapshotKeeper(store)
    assert keeper.current() is None
    writer.flush()
    del writer
    snapshot = keeper.current()
    assert snapshot is not None and _count(snapshot.path) == 50
    assert keeper.current() is snapshot, "unchanged store, same snapshot"
    keeper.close()
    assert not list((store / SNAPSHOTS).iterdir())


def test_a_killed_writers_unflushed_writes_are_in_the_snapshot(tmp_path):
    store = tmp_path / "store"
    script = ("import os, signal, sys, pyoxigraph as ox\n"
              "s = ox.Store(sys.argv[1])\n"
              "s.extend(ox.Quad(ox.NamedNode(f'urn:example:s{i}'), ox.NamedNode('urn:example:p'),"
              " ox.Literal(str(i)), ox.NamedNode('urn:example:g')) for i in range(300))\n"
              "os.kill(os.getpid(), signal.SIGKILL)\n")
    done = subprocess.run([sys.executable, "-c", script, str(store)], check=False, timeout=60)
    assert done.returncode == -signal.SIGKILL
    snapshot = SnapshotKeeper(store).current()
    assert snapshot is not None and _count(snapshot.path) == 300


def test_three_snapshots_are_kept_and_dead_servers_ones_removed(tmp_path):
    store = tmp_path / "store"
    keeper: SnapshotKeeper | None = None
    for version in range(5):
        writer = ox.Store(str(store))
        writer.extend(_quads(10 + version, str(version)))
        writer.flush()
        del writer
        keeper = keeper or SnapshotKeeper(store)
        assert _count(keeper.current().path) == sum(10 + v for v in range(version + 1))
    assert len(list((store / SNAPSHOTS).iterdir())) == 3
    dead = store / SNAPSHOTS / "999999999.1"  # beyond any pid_max
    dead.mkdir()
    assert remove_stale_snapshots(store) == 1 and not dead.exists()
    assert len(list((store / SNAPSHOTS).iterdir())) == 3
