"""MeSH tree numbers by descriptor UI, read from MeSH once and then from the cache folder.

Claim rules ask whether one concept is broader than another (``kg.extract.hierarchy``), which
needs the tree numbers of every descriptor. Reading them means parsing the whole MeSH source:
seconds, in every process that extracts claims (each build worker too). The result is kept as a
pickle keyed on the MeSH files' contents and on this code, like the compiled matcher.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from kg.vocab import mesh
from kg.vocab.locate import cache_dir
from kg.vocab.pickle_cache import load_pickle, save_pickle

__all__ = ["load_tree_numbers"]

_PREFIX = "trees-"


def load_tree_numbers(source: Path, cache: Path | None = None) -> dict[str, tuple[str, ...]]:
    """Tree numbers of each descriptor (and supplementary record) that has some, by UI."""
    files = mesh.find_mesh_files(source) if source.is_dir() else [source]
    if not files:
        return {}
    key = hashlib.sha256("|".join((
        mesh.fingerprint_files(files), _fingerprint_code())).encode()).hexdigest()[:20]
    tag = hashlib.sha256(str(source.resolve()).encode()).hexdigest()[:8]
    folder = cache if cache is not None else cache_dir()
    cached = load_pickle(folder / f"{_PREFIX}{tag}-{key}.pickle", dict)
    if cached is not None:
        return cached  # type: ignore[return-value]
    trees = {c.ui: c.tree_numbers for c in mesh.load_mesh(source).concepts if c.tree_numbers}
    try:
        save_pickle(folder, f"{_PREFIX}{tag}-", key, trees)
    except OSError:
        pass  # a read-only cache folder: read MeSH again next time
    return trees


def _fingerprint_code() -> str:
    """The reader's code and this module's: a changed reader never serves old tree numbers."""
    digest = hashlib.sha256()
    for path in (Path(mesh.__file__ or ""), Path(__file__)):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
