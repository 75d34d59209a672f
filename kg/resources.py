"""The one place that finds the project's data folders: ontology/, queries/, examples/.

They live at the repository root (the required layout); an editable install finds them beside the
package, and ``EKG_HOME`` points elsewhere when the package is installed without its repository.
"""

from __future__ import annotations

import os
from pathlib import Path

from kg.errors import KGError

__all__ = [
    "default_out_dir",
    "default_store_dir",
    "examples_dir",
    "ontology_dir",
    "project_root",
    "queries_dir",
    "shapes_dir",
    "shared_dir",
    "vocab_dir",
]


def project_root() -> Path:
    """The folder holding ontology/ and queries/."""
    env = os.environ.get("EKG_HOME")
    candidates = [Path(env)] if env else []
    candidates.append(Path(__file__).resolve().parents[1])
    for root in candidates:
        if (root / "ontology").is_dir() and (root / "queries").is_dir():
            return root
    raise KGError("cannot find ontology/ and queries/: set EKG_HOME to the project folder")


def ontology_dir() -> Path:
    return project_root() / "ontology"


def shapes_dir() -> Path:
    return ontology_dir() / "shapes"


def vocab_dir() -> Path:
    return ontology_dir() / "vocab"


def queries_dir() -> Path:
    return project_root() / "queries"


def examples_dir() -> Path:
    return project_root() / "examples"


def shared_dir() -> Path | None:
    """``../shared`` beside the repository (reference data), when present."""
    path = project_root().parent / "shared"
    return path if path.is_dir() else None


def default_store_dir() -> Path:
    """``EKG_STORE`` or ``./store``: commands run in one folder find the same store."""
    return Path(os.environ.get("EKG_STORE", "store"))


def default_out_dir() -> Path:
    """``EKG_OUT`` or ``./out``."""
    return Path(os.environ.get("EKG_OUT", "out"))
