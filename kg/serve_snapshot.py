"""The data ``ekg serve`` answers from: a frozen copy of the store, taken while nobody writes it.

pyoxigraph: opening a store read-only while another process writes it is undefined behaviour
(a reader can see a write half done, or fail on files a compaction deleted), and a read-only
store is a snapshot of the moment it was opened anyway. So the server never reads the live
folder during a build. When the store's files have changed and no process holds its write lock
(:mod:`kg.store.lock`), the server copies it: immutable table files (``*.sst``) are hard-linked,
the few files a later writer could touch (manifest, write-ahead log, options) are copied. The
copy is kept only if the folder was unchanged and unlocked from before the copy to after it.

Every worker answers each query from the snapshot the pool names with the job, so all workers
answer from the same state, and a record is either wholly in that state or not at all. While a
build runs, the server keeps answering from the last snapshot; the next one is taken once the
build has released the store. The three newest snapshots are kept (a worker may still be
reading an older one); the rest, and those of servers that died, are removed. A store folder
the server may not write into is served live, as before (reopened when its files change).
"""

from __future__ import annotations

import errno
import os
import shutil
import threading
from contextlib import suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from kg.atomic import process_alive
from kg.errors import StoreError
from kg.store.intent import PENDING, recover_pending
from kg.store.lock import writer_pid

__all__ = ["SNAPSHOTS", "Snapshot", "SnapshotKeeper", "remove_stale_snapshots"]

SNAPSHOTS = ".ekg-serve-snapshots"
"""Folder inside the store that holds the servers' snapshots (RocksDB ignores folders)."""
_KEEP = 3
_SKIP = frozenset({"LOCK", SNAPSHOTS})
_NOT_WRITABLE = frozenset({errno.EACCES, errno.EPERM, errno.EROFS, errno.EXDEV})

Stamp = tuple[tuple[str, int, int], ...]


@dataclass(frozen=True, slots=True)
class Snapshot:
    """A frozen copy of the store: where it is and when it was taken (ISO 8601, UTC)."""

    path: str
    taken: str


def _stamp(store: Path) -> Stamp:
    """Name, mtime and size of each file of the store (not the lock, logs or snapshots)."""
    found = []
    for entry in os.scandir(store):
        if entry.name not in _SKIP and not entry.name.startswith("LOG"):
            try:
                info = entry.stat()
            except FileNotFoundError:  # removed by a writer's compaction just now
                found.append((entry.name, -1, -1))
                continue
            found.append((entry.name, info.st_mtime_ns, info.st_size))
    return tuple(sorted(found))


def _copy(store: Path, stamp: Stamp, target: Path) -> None:
    target.mkdir(parents=True)
    for name, _, _ in stamp:
        if name.endswith(".sst"):
            os.link(store / name, target / name)
        else:
            shutil.copy2(store / name, target / name)


def _recovered(store: Path, stamp: Stamp) -> Stamp:
    """Undo an interrupted bulk load before copying, so no snapshot holds half a record."""
    if not (store / PENDING).is_file():
        return stamp
    with suppress(StoreError):
        recover_pending(store)
    return _stamp(store)


def remove_stale_snapshots(store: Path) -> int:
    """Delete the snapshots of servers that are no longer running (named ``PID.N``)."""
    removed = 0
    for folder in (store / SNAPSHOTS).glob("*.*"):
        pid = folder.name.split(".", 1)[0]
        if pid.isdigit() and not process_alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)
            removed += 1
    return removed


class SnapshotKeeper:
    """Takes and names the snapshot a server's workers answer from (thread-safe)."""

    def __init__(self, store: Path) -> None:
        self.store = store
        self.root = store / SNAPSHOTS
        self._lock = threading.Lock()
        self._stamp: Stamp | None = None
        self._taken: list[Snapshot] = []
        self._count = 0
        remove_stale_snapshots(store)

    def current(self) -> Snapshot | None:
        """The newest snapshot, refreshed first when the store changed and nobody writes it;
        None while no snapshot could be taken yet (a build has held the store all along)."""
        with self._lock:
            stamp = _stamp(self.store)
            if stamp != self._stamp and writer_pid(self.store) is None:
                self._take(_recovered(self.store, stamp))
            return self._taken[-1] if self._taken else None

    def _take(self, stamp: Stamp) -> None:
        self._count += 1
        target = self.root / f"{os.getpid()}.{self._count}"
        try:
            _copy(self.store, stamp, target)
        except OSError as exc:
            shutil.rmtree(target, ignore_errors=True)
            if exc.errno not in _NOT_WRITABLE:
                return  # a file went away under a writer meanwhile: retry later
            target = self.store  # a store folder the server may not write: served live
        if _stamp(self.store) != stamp or writer_pid(self.store) is not None:
            shutil.rmtree(target, ignore_errors=True)  # a writer came in meanwhile: retry later
            return
        self._stamp = stamp
        self._taken.append(Snapshot(str(target), datetime.now(UTC).isoformat(timespec="seconds")))
        for old in self._taken[:-_KEEP]:
            if Path(old.path) != self.store:
                shutil.rmtree(old.path, ignore_errors=True)
        del self._taken[:-_KEEP]

    def close(self) -> None:
        """Remove this server's snapshots."""
        with self._lock:
            for snap in self._taken:
                if Path(snap.path) != self.store:
                    shutil.rmtree(snap.path, ignore_errors=True)
            self._taken.clear()
