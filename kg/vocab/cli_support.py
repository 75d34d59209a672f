"""What ``ekg vocab`` does: fetch NLM's MeSH, install a MeSH file, describe the vocabulary.

Users get MeSH the way they would anyway — NLM's descriptor file, downloaded over HTTPS when the
machine is online, or a file they already have. Either lands in ``<cache dir>/mesh/``, where the
default vocabulary looks (``kg.vocab.locate``), and is compiled into the matcher cache at once so
the next ``ekg build`` starts fast. Nothing here runs during parsing or tests.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from pathlib import Path
from typing import Any

from kg.errors import KGError
from kg.vocab.compiled import compile_vocabulary
from kg.vocab.default import default_vocabulary, reset_defaults
from kg.vocab.locate import find_corpora_dir, find_mesh_source, stored_mesh_dir
from kg.vocab.mesh import MeshFormatError, find_mesh_files, load_mesh

__all__ = ["MESH_URL", "fetch_mesh", "install_vocab", "vocab_info"]

MESH_URL = "https://nlmpubs.nlm.nih.gov/projects/mesh/MESH_FILES/xmlmesh/desc{year}.gz"
"""NLM's descriptor XML, gzipped (~300 MB unpacked); a new year appears each November."""


def fetch_mesh(dest_dir: Path | None = None, year: int | None = None) -> Path:
    """Download ``desc{year}.gz`` into ``dest_dir`` (default the cache's ``mesh/``) and return it.

    Raises KGError with the way out (``ekg vocab load PATH``) when the download fails.
    """
    import httpx

    year = year or dt.date.today().year
    dest_dir = dest_dir or stored_mesh_dir()
    dest_dir.mkdir(parents=True, exist_ok=True)
    url = MESH_URL.format(year=year)
    target = dest_dir / f"desc{year}.xml.gz"
    try:
        with httpx.stream("GET", url, follow_redirects=True, timeout=60.0) as response:
            response.raise_for_status()
            with tempfile.NamedTemporaryFile("wb", dir=dest_dir, delete=False) as handle:
                for chunk in response.iter_bytes(1 << 20):
                    handle.write(chunk)
    except httpx.HTTPError as exc:
        raise KGError(
            f"cannot download MeSH {year} from {url} ({exc}); if this machine is offline, "
            "copy NLM's desc20XX.xml(.gz) or d20XX.bin here and run `ekg vocab load PATH`"
        ) from exc
    Path(handle.name).replace(target)
    return target


def install_vocab(path: Path) -> Path:
    """Check that ``path`` is MeSH, keep it in the cache's ``mesh/``, compile it; the cache file.

    ``path`` is a descriptor XML, an ASCII ``.bin`` or the compact TSV (gzipped or not), or a
    folder holding one. Earlier MeSH files in the cache's ``mesh/`` are replaced.
    """
    path = path.expanduser()
    if not path.exists():
        raise KGError(f"{path}: no such file or folder")
    files = find_mesh_files(path) if path.is_dir() else [path]
    if not files:
        raise MeshFormatError(f"{path}: no MeSH descriptor file found in this folder")
    if len(load_mesh(path)) == 0:
        raise MeshFormatError(f"{path}: no MeSH descriptors in it")
    store = stored_mesh_dir()
    if store.resolve() != (path.resolve() if path.is_dir() else path.resolve().parent):
        _replace_files(store, files)
    compiled = compile_vocabulary(store, find_corpora_dir())
    reset_defaults()
    return Path(compiled.cache_file or store)


def _replace_files(store: Path, files: list[Path]) -> None:
    """Empty ``store`` of earlier MeSH files and copy ``files`` in."""
    store.mkdir(parents=True, exist_ok=True)
    for old in store.iterdir():
        if old.is_file():
            old.unlink()
    for file in files:
        shutil.copy2(file, store / file.name)


def vocab_info() -> dict[str, Any]:
    """What the default vocabulary is made of, for ``ekg vocab info``."""
    vocab = default_vocabulary()
    base = vocab.base
    return {
        "mesh source": str(find_mesh_source() or "none (curated overlay only)"),
        "concepts": base.concepts,
        "keys": len(base.matcher.keys),
        "learned from": ", ".join(base.learned_from) or "nothing",
        "overlay concepts": len(vocab.overlay.targets),
        "fingerprint": base.fingerprint,
        "cache file": base.cache_file or "-",
    }
