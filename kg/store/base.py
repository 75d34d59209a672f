"""The store contract every backend meets (embedded Oxigraph, in-memory rdflib, …).

Backends are interchangeable behind this Protocol so the same behavioural tests run against each,
and the pipeline never knows which one it writes to.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Literal, Protocol

from rdflib import URIRef
from rdflib.term import Node

from kg.errors import StoreError

__all__ = ["GraphWrite", "Quad", "QueryResult", "Store", "Triple", "open_nquads"]

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

    def load_nquads(self, files: Iterable[Path]) -> None:
        """Add the quads of N-Quads files (``*.gz`` read compressed) in bulk.

        The fast path for shards a distributed build wrote: no transaction (a failed load is
        repeated whole) and nothing replaced, so callers drop the graphs a shard rewrites first.
        """
        ...

    def close(self) -> None: ...


@contextmanager
def open_nquads(path: Path) -> Iterator[IO[bytes]]:
    """An N-Quads file as bytes, decompressed when it ends in ``.gz``; a syntax error, a bad
    gzip stream or an unreadable file while loading it is a StoreError naming the file, so every
    backend's ``load_nquads`` fails the same way."""
    try:
        with gzip.open(path, "rb") if path.suffix == ".gz" else path.open("rb") as data:
            yield data
    except (SyntaxError, OSError, EOFError) as exc:
        raise StoreError(f"cannot load {path}: {exc}") from exc
