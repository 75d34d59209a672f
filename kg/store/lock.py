"""Who is writing a store: the process holding Oxigraph's lock, read from ``/proc/locks``.

Oxigraph (RocksDB) takes a POSIX lock on the store's ``LOCK`` file for as long as a process has
the store open for writing, so a second writer is refused. A *reader* is not: pyoxigraph says
that opening a store read-only while another process writes it is undefined behaviour (the
reader may see a half-written state or fail on files a compaction removed). So readers ask
first, and a busy store is a clear "store is busy" error, not a half answer.

The question is answered from ``/proc/locks`` rather than by probing the lock with ``fcntl``:
closing any descriptor of ``LOCK`` releases *all* of this process's POSIX locks on it, so a
probe from a process that also writes the store would silently unlock it. Where ``/proc/locks``
does not exist (not Linux) nobody is reported as writing, as before.
"""

from __future__ import annotations

import os
from pathlib import Path

from kg.errors import StoreError

__all__ = ["StoreBusyError", "check_not_busy", "writer_pid"]

_PROC_LOCKS = Path("/proc/locks")


class StoreBusyError(StoreError):
    """Another process has the store open for writing (a build, an update, a load)."""


def _lock_id(store: Path) -> str | None:
    """``MAJOR:MINOR:INODE`` of the store's LOCK file as ``/proc/locks`` writes it."""
    try:
        info = (store / "LOCK").stat()
    except OSError:
        return None
    return f"{os.major(info.st_dev):02x}:{os.minor(info.st_dev):02x}:{info.st_ino}"


def writer_pid(store: str | Path) -> int | None:
    """The process holding the write lock of the store at ``store`` (this one included), or
    None when no process does."""
    wanted = _lock_id(Path(store))
    if wanted is None:
        return None
    try:
        lines = _PROC_LOCKS.read_text().splitlines()
    except OSError:
        return None
    for line in lines:
        fields = line.split()
        if "->" not in fields and len(fields) > 5 and fields[5] == wanted:
            return int(fields[4]) if fields[4].isdigit() else 0
    return None


def check_not_busy(store: str | Path) -> None:
    """Raise :class:`StoreBusyError` when another process is writing the store.

    A writer in this very process is let through: it is the caller's own doing (a library
    user, or a test, reading what it is writing), and refusing it would change nothing safer.
    """
    pid = writer_pid(store)
    if pid is not None and pid != os.getpid():
        raise StoreBusyError(
            f"the store at {store} is busy: another process (pid {pid or 'unknown'}) is "
            "writing it, e.g. `ekg build`; try again when it has finished")
