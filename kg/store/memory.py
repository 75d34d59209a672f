"""An in-memory store on rdflib's Dataset: the reference backend for tests and comparisons.

Slow on real workloads (bench/store_compare.py measures how slow), but it is pure rdflib and so
an independent check that the Oxigraph backend behaves the same.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, Graph, URIRef, Variable
from rdflib.term import Node

from kg.store.base import GraphWrite, Quad, QueryResult, Triple, open_nquads
from kg.store.convert import from_ox_quad

__all__ = ["MemoryStore"]


class MemoryStore:
    def __init__(self) -> None:
        self._ds = Dataset(default_union=True)

    def put_graphs(self, writes: Iterable[GraphWrite]) -> None:
        for w in writes:
            if not w.add:
                self._ds.remove_graph(self._ds.graph(w.graph))
            g = self._ds.graph(w.graph)
            for triple in w.triples + w.marker:
                g.add(triple)

    def drop_graph(self, graph: URIRef) -> None:
        self._ds.remove_graph(self._ds.graph(graph))

    def named_graphs(self) -> list[URIRef]:
        return sorted(g.identifier for g in self._ds.graphs()  # type: ignore[misc]
                      if isinstance(g.identifier, URIRef) and len(g) > 0)

    def graph_triples(self, graph: URIRef) -> Iterator[Triple]:
        yield from self._ds.graph(graph)  # type: ignore[misc]

    def quads(self) -> Iterator[Quad]:
        for s, p, o, g in self._ds.quads((None, None, None, None)):
            yield s, p, o, g.identifier if isinstance(g, Graph) else g  # type: ignore[misc]

    def count(self, graph: URIRef | None = None) -> int:
        if graph is None:
            return sum(1 for _ in self._ds.quads((None, None, None, None)))
        return len(self._ds.graph(graph))

    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None, *,
              union: bool = True) -> QueryResult:
        init = {Variable(k): v for k, v in (bindings or {}).items()}
        res = self._ds.query(sparql, initBindings=init)
        if res.type == "ASK":
            return QueryResult(kind="ask", boolean=bool(res.askAnswer))
        if res.type == "SELECT":
            names = [str(v) for v in res.vars or []]
            return QueryResult(kind="select", variables=names,
                               rows=[tuple(row) for row in res])  # type: ignore[arg-type]
        return QueryResult(kind="construct", triples=list(res))  # type: ignore[arg-type]

    def remove_triples(self, graph: URIRef, triples: Iterable[Triple]) -> None:
        g = self._ds.graph(graph)
        for triple in triples:
            g.remove(triple)

    def update(self, sparql: str) -> None:
        self._ds.update(sparql)

    def load_nquads(self, files: Iterable[Path]) -> None:
        """Parsed by Oxigraph (the same parser as the default backend), added quad by quad."""
        for path in files:
            with open_nquads(Path(path)) as data:
                for quad in ox.parse(data, ox.RdfFormat.N_QUADS):
                    self._ds.add(from_ox_quad(quad))  # type: ignore[arg-type]

    def close(self) -> None:
        return None
