"""Fixtures for catalogue tests: the hand-made example graph in an in-memory Oxigraph store."""

from __future__ import annotations

import pytest

from kg.query import CatalogueQuery, bind_params
from kg.store.base import QueryResult
from kg.store.oxigraph import OxigraphStore
from tests.queries.example_graph import build_example_store


@pytest.fixture(scope="module")
def example_store() -> OxigraphStore:
    return build_example_store()


def run(store: OxigraphStore, query: CatalogueQuery, **given: str) -> QueryResult:
    """Run a catalogue query with string parameters, bound the way the CLI binds them."""
    return store.query(query.text, bind_params(query, given))


def values(result: QueryResult, column: str) -> list[str]:
    """One column as plain strings (empty for unbound), in result order."""
    return ["" if d[column] is None else str(d[column]) for d in result.dicts()]
