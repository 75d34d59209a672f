"""One behavioural suite for every store backend: the ``store`` fixture runs each test on the
embedded on-disk Oxigraph store, the in-memory one and the rdflib memory store."""

from __future__ import annotations

import pytest

from kg.store.memory import MemoryStore
from kg.store.oxigraph import OxigraphStore


@pytest.fixture(params=["oxigraph-disk", "oxigraph-memory", "rdflib-memory"])
def store(request, tmp_path):
    if request.param == "oxigraph-disk":
        s = OxigraphStore(tmp_path / "store")
    elif request.param == "oxigraph-memory":
        s = OxigraphStore(None)
    else:
        s = MemoryStore()
    yield s
    s.close()
