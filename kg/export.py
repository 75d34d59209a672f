"""Writing the dataset to files: atomically (temporary file, fsync, rename), gzip on ``.gz``.

An interrupted export never leaves a truncated file under the final name.
"""

from __future__ import annotations

import gzip
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO

import pyoxigraph as ox

from kg.rdf.namespaces import PREFIXES
from kg.store.oxigraph import OxigraphStore

__all__ = ["FORMATS", "atomic_write", "export_store"]

FORMATS: dict[str, ox.RdfFormat] = {
    "trig": ox.RdfFormat.TRIG,
    "nq": ox.RdfFormat.N_QUADS,
    "turtle": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML,
}


def atomic_write(path: Path, write: Callable[[IO[bytes]], None]) -> None:
    """Write through ``write`` into a temporary file beside ``path``, then rename over it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as raw:
            if path.suffix == ".gz":
                with gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as gz:
                    write(gz)  # type: ignore[arg-type]
            else:
                write(raw)
            raw.flush()
            os.fsync(raw.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def export_store(store: OxigraphStore, path: Path, fmt: str) -> None:
    """Dump the whole dataset (all named graphs) in a quad format."""
    prefixes = {k: str(v) for k, v in PREFIXES.items()}
    rdf_format = FORMATS[fmt]

    def write(out: IO[bytes]) -> None:
        if rdf_format.supports_datasets:
            store.native.dump(out, rdf_format, prefixes=prefixes if fmt == "trig" else None)
        else:
            raise ValueError(f"{fmt} holds one graph: choose a graph to export")

    atomic_write(path, write)
