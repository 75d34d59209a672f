"""Where the vocabulary comes from: cache folder, MeSH source and training corpora.

The product must start on a fresh machine with nothing but the repository (it then recognises
the curated overlay only), pick up MeSH wherever a user has it, and never surprise anyone by
downloading. The search order for MeSH is:

1. ``EKG_MESH`` — a MeSH file (XML, ``.bin`` or the compact TSV, gzipped or not) or a folder;
2. ``<cache dir>/mesh/`` — where ``ekg vocab fetch`` / ``ekg vocab load`` put one;
3. ``../shared/data/mesh`` beside the repository (reference data for development);
4. nothing: only the curated overlay is recognised.

The cache folder is ``EKG_CACHE_DIR``, else ``~/.cache/evidence-kg``.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = [
    "cache_dir",
    "find_corpora_dir",
    "find_mesh_source",
    "overlay_dir",
    "repository_root",
    "stored_mesh_dir",
]


def repository_root() -> Path:
    """The folder holding ``kg/`` (an editable install or a checkout)."""
    return Path(__file__).resolve().parents[2]


def cache_dir() -> Path:
    """``EKG_CACHE_DIR`` or ``~/.cache/evidence-kg`` (not created here)."""
    env = os.environ.get("EKG_CACHE_DIR")
    return Path(env).expanduser() if env else Path.home() / ".cache" / "evidence-kg"


def stored_mesh_dir() -> Path:
    """Where ``ekg vocab`` keeps a downloaded or installed MeSH file."""
    return cache_dir() / "mesh"


def _shared_dir() -> Path | None:
    """``../shared`` beside the repository, when present."""
    for root in (repository_root(), Path.cwd()):
        candidate = root.parent / "shared"
        if candidate.is_dir():
            return candidate
    return None


def find_mesh_source() -> Path | None:
    """The MeSH file or folder to load, in the documented order; None when there is none."""
    env = os.environ.get("EKG_MESH")
    if env:
        path = Path(env).expanduser()
        if not path.exists():
            raise FileNotFoundError(f"EKG_MESH points to {path}, which does not exist")
        return path
    stored = stored_mesh_dir()
    if stored.is_dir() and any(p.is_file() for p in stored.iterdir()):
        return stored
    shared = _shared_dir()
    if shared and (shared / "data" / "mesh").is_dir():
        return shared / "data" / "mesh"
    return None


def find_corpora_dir() -> Path | None:
    """Annotated corpora to learn from: ``EKG_CORPORA`` or ``../shared/data/corpora``.

    ``EKG_CORPORA=`` (empty) switches learning off.
    """
    if "EKG_CORPORA" in os.environ:
        value = os.environ["EKG_CORPORA"]
        return Path(value).expanduser() if value else None
    shared = _shared_dir()
    if shared and (shared / "data" / "corpora").is_dir():
        return shared / "data" / "corpora"
    return None


def overlay_dir() -> Path:
    """``ontology/vocab`` of the project (through kg.resources when it can find the project)."""
    try:
        from kg.resources import vocab_dir

        return vocab_dir()
    except Exception:
        return repository_root() / "ontology" / "vocab"
