"""Opening the configured store: the embedded on-disk Oxigraph store unless told otherwise."""

from __future__ import annotations

from pathlib import Path

from kg.errors import StoreError
from kg.resources import default_store_dir
from kg.store.oxigraph import OxigraphStore

__all__ = ["open_store"]


def open_store(location: str | Path | None = None, *, read_only: bool = False,
               must_exist: bool = False) -> OxigraphStore:
    """The store at ``location`` (default ``$EKG_STORE`` or ``./store``)."""
    path = Path(location) if location else default_store_dir()
    if (read_only or must_exist) and not path.exists():
        raise StoreError(f"no store at {path}: run `ekg build PATH…` first, or pass --store")
    return OxigraphStore(path, read_only=read_only)
