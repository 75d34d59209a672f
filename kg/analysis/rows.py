"""Streaming SELECT rows as plain Python values, the raw material of every projection.

Projections read hundreds of thousands of rows; turning each term into an rdflib object first
costs more than the query (measured: 0.28 s native against 0.69 s through rdflib terms for 50k
mention rows). On Oxigraph the rows are read straight from the native solutions; any other
backend goes through the ``Store`` protocol. IRIs become ``str``, typed literals their value.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

import pyoxigraph as ox
from rdflib import Literal, URIRef
from rdflib.term import Node

from kg.query import load_internal_query
from kg.store.base import Store

__all__ = ["Value", "first_row", "stream_rows"]

Value = str | int | float | bool | None

_XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGERS = {f"{_XSD}{t}" for t in ("integer", "int", "long", "short", "nonNegativeInteger",
                                     "positiveInteger", "gYear")}


def stream_rows(store: Store, name: str,
                bindings: Mapping[str, Node] | None = None) -> Iterator[tuple[Value, ...]]:
    """Rows of the internal query ``name`` over the union of graphs, as Python values."""
    sparql = load_internal_query(name)
    native = getattr(store, "native", None)
    if isinstance(native, ox.Store) and not bindings:
        solutions = native.query(sparql, use_default_graph_as_union=True)
        assert isinstance(solutions, ox.QuerySolutions)
        for solution in solutions:  # values in SELECT order; 2x faster than lookup by name
            yield tuple(_from_ox(term) for term in solution)
        return
    result = store.query(sparql, bindings, union=True)
    for row in result.rows:
        yield tuple(_from_rdflib(t) for t in row)


def first_row(store: Store, name: str, bindings: Mapping[str, Node]) -> dict[str, Value]:
    """The first row of a bound query as a dict (empty when there is none)."""
    result = store.query(load_internal_query(name), bindings, union=True)
    if not result.rows:
        return {}
    return {v: _from_rdflib(t) for v, t in zip(result.variables, result.rows[0], strict=True)}


def _from_ox(term: object) -> Value:
    if type(term) is ox.NamedNode:  # the common case first: most values are IRIs
        return term.value
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        return _typed(term.value, term.datatype.value)
    return str(term.value)  # type: ignore[attr-defined]


def _from_rdflib(term: Node | None) -> Value:
    if term is None:
        return None
    if isinstance(term, Literal):
        return _typed(str(term), str(term.datatype) if term.datatype else "")
    if isinstance(term, URIRef):
        return str(term)
    return str(term)


def _typed(lexical: str, datatype: str) -> Value:
    if datatype == f"{_XSD}boolean":
        return lexical in ("true", "1")
    if datatype in _INTEGERS:
        try:
            return int(lexical)
        except ValueError:
            return None
    if datatype in (f"{_XSD}decimal", f"{_XSD}double", f"{_XSD}float"):
        try:
            return float(lexical)
        except ValueError:
            return None
    return lexical

