"""Opening the configured store: the embedded on-disk Oxigraph store unless told otherwise."""

from __future__ import annotations

from pathlib import Path

from kg.errors import StoreError
from kg.resources import default_store_dir
from kg.store.intent import recover_pending
from kg.store.lock import StoreBusyError, check_not_busy, writer_pid
from kg.store.oxigraph import OxigraphStore

__all__ = ["open_store"]


def open_store(location: str | Path | None = None, *, read_only: bool = False,
               must_exist: bool = False) -> OxigraphStore:
    """The store at ``location`` (default ``$EKG_STORE`` or ``./store``).

    A store another process is writing is refused with :class:`StoreBusyError` (exit 2 from
    the CLI), to a reader as to a second writer: reading it meanwhile is undefined behaviour.
    A bulk load a killed writer left unfinished is undone first (:mod:`kg.store.intent`).
    """
    path = Path(location) if location else default_store_dir()
    if (read_only or must_exist) and not path.exists():
        raise StoreError(f"no store at {path}: run `ekg build PATH…` first, or pass --store")
    if read_only:
        check_not_busy(path)
    try:
        if path.exists():
            recover_pending(path)
        return OxigraphStore(path, read_only=read_only)
    except StoreError as exc:
        pid = writer_pid(path)
        if pid is None:
            raise
        raise StoreBusyError(f"cannot open store at {path}: it is locked by process "
                             f"{pid or '(unknown)'}, which is writing it (e.g. `ekg build`); "
                             "try again when it has finished") from exc
