"""Replacing a file whole or not at all, on any disk: temporary file, fsync, rename.

Every file the project writes for users (exports, the dataset description) goes through
``atomic_write``, so an interrupted or failed write never leaves a truncated file under the
final name, a full disk or a read-only folder is a clear ``ExportError`` rather than a
traceback, and the temporary files of killed runs are cleaned by the next write.
"""

from __future__ import annotations

import gzip
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO

from kg.errors import ExportError

__all__ = ["atomic_write", "process_alive", "remove_stale_temp_files"]


def _file_mode(path: Path) -> int:
    """The mode a plain ``open`` would give (mkstemp makes private files), or the old file's."""
    if path.exists():
        return path.stat().st_mode & 0o777
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def atomic_write(path: Path, write: Callable[[IO[bytes]], None]) -> None:
    """Write through ``write`` into a temporary file beside ``path``, then rename over it.

    The data is fsynced before the rename and the folder after it, so after a crash the path
    holds the old file or the complete new one. A full disk or a read-only folder is an
    ExportError that says so (the old file stays); temporary files that killed runs left
    beside ``path`` are removed first.
    """
    try:
        _atomic_write(path, write)
    except OSError as exc:
        where = f" ({exc.filename})" if exc.filename else ""
        raise ExportError(f"cannot write {path}: {exc.strerror or exc}{where}; any previous "
                          f"{path.name} is left as it was") from exc


def process_alive(pid: int) -> bool:
    """Whether process ``pid`` still runs (one we may not signal runs too)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_stale_temp_files(path: Path) -> int:
    """Delete the hidden ``.NAME.PID.*`` temporary files of ``path`` whose writing process is
    gone (a killed export); files of a live process are left to it."""
    removed = 0
    for tmp in path.parent.glob(f".{path.name}.*"):
        pid = tmp.name[len(path.name) + 2:].split(".", 1)[0]
        if pid.isdigit() and not process_alive(int(pid)):
            tmp.unlink(missing_ok=True)
            removed += 1
    return removed


def _atomic_write(path: Path, write: Callable[[IO[bytes]], None]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temp_files(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as raw:
            if path.suffix == ".gz":
                with gzip.GzipFile(path.name[:-3], "wb", 6, raw, mtime=0) as gz:
                    write(gz)  # type: ignore[arg-type]
            else:
                write(raw)
            raw.flush()
            os.fsync(raw.fileno())
        os.chmod(tmp, _file_mode(path))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _fsync_folder(path.parent)


def _fsync_folder(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
