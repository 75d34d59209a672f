"""Pickled results kept in the user's cache folder, written atomically, one version per source.

Compiling the matcher and reading MeSH's tree numbers both take seconds, in every process that
needs them (each build worker too); reading their pickles back takes a fraction of that. A
file's name carries a tag of what it was made from and a key of everything it depends on, so a
changed input never reads a stale result, and a new version replaces its own older ones only.

Only ever load pickles from a cache folder the user owns.
"""

from __future__ import annotations

import os
import pickle
import tempfile
from pathlib import Path

__all__ = ["load_pickle", "save_pickle"]


def load_pickle(path: Path, kind: type) -> object | None:
    """The cached value of type ``kind``, or None when absent, unreadable or of another type."""
    if not path.is_file():
        return None
    try:
        with path.open("rb") as handle:
            value = pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        return None
    return value if isinstance(value, kind) else None


def save_pickle(folder: Path, stem: str, key: str, value: object) -> Path:
    """Write ``folder/<stem><key>.pickle`` atomically (temp file + rename), then drop older
    files of the same stem."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{stem}{key}.pickle"
    with tempfile.NamedTemporaryFile("wb", dir=folder, delete=False, suffix=".tmp") as handle:
        pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(handle.name, target)
    for old in folder.glob(f"{stem}*.pickle"):
        if old != target:
            old.unlink(missing_ok=True)
    return target
