"""The store contract every backend meets (embedded Oxigraph, in-memory rdflib, …).

Backends are interchangeable behind this Protocol so the same behavioural tests run against each,
and the pipeline never knows which one it writes to.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Literal, Protocol

from rdflib import URIRef
from rdflib.term import Node

__all__ = ["GraphWrite", "Quad", "QueryResult", "Store", "Triple"]

Triple = tuple[Node, Node, Node]
Quad = tuple[Node, Node, Node, Node]


@dataclass(frozen=True, slots=True)
class GraphWrite:
    """Replace (or create) one named graph with exactly these triples, or (``add``) add them.

    ``add`` is for the shared graph of content-identified nodes, which many records extend.
    """

    graph: URIRef
    triples: tuple[Triple, ...]
    add: bool = False
    marker: tuple[Triple, ...] = ()
    """Written last and atomically: a graph whose marker is present was written completely."""


@dataclass(slots=True)
class QueryResult:
    """A SPARQL result in rdflib terms, whatever engine produced it."""

    kind: Literal["select", "ask", "construct"]
    variables: list[str] = field(default_factory=list)
    rows: list[tuple[Node | None, ...]] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[Triple] = field(default_factory=list)

    def dicts(self) -> list[dict[str, Node | None]]:
        """Rows as dictionaries keyed by variable name (handy in tests and JSON output)."""
        return [dict(zip(self.variables, row, strict=True)) for row in self.rows]


class Store(Protocol):
    """A quad store with named graphs, written one whole graph at a time."""

    def put_graphs(self, writes: Iterable[GraphWrite]) -> None:
        """Replace each graph atomically: readers see the old graph or the new one, never half."""
        ...

    def drop_graph(self, graph: URIRef) -> None: ...

    def named_graphs(self) -> list[URIRef]: ...

    def graph_triples(self, graph: URIRef) -> Iterator[Triple]: ...

    def quads(self) -> Iterator[Quad]: ...

    def count(self, graph: URIRef | None = None) -> int: ...

    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None, *,
              union: bool = True) -> QueryResult:
        """Run a query; ``bindings`` are substituted as terms, never pasted into the text.

        Every bound variable must be projected by the query (Oxigraph's substitution rule).
        """
        ...

    def remove_triples(self, graph: URIRef, triples: Iterable[Triple]) -> None:
        """Remove exactly these triples from one graph, atomically."""
        ...

    def update(self, sparql: str) -> None:
        """Run a SPARQL update written by the project (queries/update, queries/internal)."""
        ...

    def close(self) -> None: ...
