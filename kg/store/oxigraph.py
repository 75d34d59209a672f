"""The default store: Oxigraph on disk, embedded (no server), through pyoxigraph.

Chosen for speed (see bench/store_compare.py): its SPARQL engine and parsers are an order of
magnitude faster than rdflib's on this graph shape.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

import pyoxigraph as ox
from rdflib import URIRef
from rdflib.term import Node

from kg.errors import StoreError
from kg.store.base import GraphWrite, Quad, QueryResult, Triple, open_nquads
from kg.store.convert import from_ox, from_ox_quad, to_ox
from kg.store.intent import clear_pending, note_pending
from kg.store.update_text import delete_data, drop_graph, insert_data, ox_triples

__all__ = ["OxigraphStore"]



class OxigraphStore:
    """Embedded Oxigraph store at ``path`` (None: in memory, for tests and benchmarks)."""

    def __init__(self, path: str | Path | None = None, *, read_only: bool = False) -> None:
        try:
            if path is None:
                self._store = ox.Store()
            elif read_only:
                self._store = ox.Store.read_only(str(path))
            else:
                Path(path).mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(str(path))
        except OSError as exc:
            raise StoreError(f"cannot open store at {path}: {exc}") from exc
        self.path = path
        self._read_only = read_only

    def put_graphs(self, writes: Iterable[GraphWrite]) -> None:
        """New graphs go through the bulk loader, then their markers in one transaction; the
        graphs are noted in the store's intent log first (:mod:`kg.store.intent`), so a crash
        mid-load leaves graphs without marker that the next opening of the store drops whole.
        Existing graphs are replaced by one transactional update each."""
        fresh: list[ox.Quad] = []
        markers: list[ox.Quad] = []
        for w in writes:
            g = ox.NamedNode(str(w.graph))
            if not w.add and self._store.contains_named_graph(g):
                self._replace(g, w.triples + w.marker)
                continue
            fresh.extend(_quads(w.triples, g))
            markers.extend(_quads(w.marker, g))
        if not fresh:
            return
        if self.path is not None:
            note_pending(Path(self.path), _marked(markers))
        self._store.bulk_extend(fresh)
        if markers:
            self._store.extend(markers)
        if self.path is not None:
            clear_pending(Path(self.path))

    def _replace(self, g: ox.NamedNode, triples: tuple[Triple, ...]) -> None:
        """One update, so one transaction: the old graph or the new one, never half."""
        self._store.update(drop_graph(g) + " ;\n" + insert_data(g, ox_triples(triples)))

    def remove_triples(self, graph: URIRef, triples: Iterable[Triple]) -> None:
        """Remove exactly these triples from one graph (in one transaction)."""
        self._store.update(delete_data(ox.NamedNode(str(graph)), ox_triples(triples)))

    def drop_graph(self, graph: URIRef) -> None:
        g = ox.NamedNode(str(graph))
        if self._store.contains_named_graph(g):
            self._store.remove_graph(g)

    def named_graphs(self) -> list[URIRef]:
        return sorted(URIRef(g.value) for g in self._store.named_graphs()
                      if isinstance(g, ox.NamedNode))

    def graph_triples(self, graph: URIRef) -> Iterator[Triple]:
        for q in self._store.quads_for_pattern(None, None, None, ox.NamedNode(str(graph))):
            yield from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)  # type: ignore[misc]

    def quads(self) -> Iterator[Quad]:
        for q in self._store.quads_for_pattern(None, None, None, None):
            yield from_ox_quad(q)

    def count(self, graph: URIRef | None = None) -> int:
        if graph is None:
            return len(self._store)
        g = ox.NamedNode(str(graph))
        return sum(1 for _ in self._store.quads_for_pattern(None, None, None, g))

    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None, *,
              union: bool = True) -> QueryResult:
        """Values are bound as terms by Oxigraph's substitution (SEP-0007), which replaces the
        variable everywhere in the query. Oxigraph requires a substituted variable to be
        projected, so every parameter of a catalogue query appears in its SELECT (and GROUP BY)."""
        subs = {ox.Variable(k): to_ox(v) for k, v in (bindings or {}).items()}
        try:
            result = self._run(sparql, union, subs)
        except RuntimeError as exc:
            raise StoreError(f"query failed: {exc}") from exc
        return _convert_result(result)

    def _run(self, sparql: str, union: bool, subs: dict[ox.Variable, object]) -> object:
        try:
            return self._store.query(sparql, use_default_graph_as_union=union,
                                     substitutions=subs or None)  # type: ignore[arg-type]
        except SyntaxError as exc:
            raise StoreError(f"SPARQL syntax error: {exc}") from exc

    def update(self, sparql: str) -> None:
        """Run a SPARQL update (only the project's own, from queries/update or term-built)."""
        self._store.update(sparql)

    def load_nquads(self, files: Iterable[Path]) -> None:
        """Oxigraph's bulk loader, one file at a time: it streams, so memory stays flat."""
        for path in files:
            with open_nquads(Path(path)) as data:
                self._store.bulk_load(data, ox.RdfFormat.N_QUADS)

    def optimize(self) -> None:
        """Compact the on-disk files: after a large load, reads get 2–3× faster (bench/)."""
        self._store.optimize()

    @property
    def native(self) -> ox.Store:
        """The pyoxigraph store, for bulk dumps and the HTTP server."""
        return self._store

    def close(self) -> None:
        """Flush writes (a read-only store has none) and release the store."""
        if not self._read_only:
            self._store.flush()
        del self._store


def _quads(triples: Iterable[Triple], g: ox.NamedNode) -> Iterator[ox.Quad]:
    for s, p, o in triples:
        yield ox.Quad(to_ox(s), to_ox(p), to_ox(o), g)  # type: ignore[arg-type]


def _convert_result(result: object) -> QueryResult:
    if isinstance(result, ox.QueryBoolean):
        return QueryResult(kind="ask", boolean=bool(result))
    if isinstance(result, ox.QuerySolutions):
        names = [v.value for v in result.variables]
        rows = [tuple(from_ox(sol[n]) for n in names) for sol in result]
        return QueryResult(kind="select", variables=names, rows=rows)
    triples = [(from_ox(t.subject), from_ox(t.predicate), from_ox(t.object))
               for t in result]  # type: ignore[attr-defined]
    return QueryResult(kind="construct", triples=triples)  # type: ignore[arg-type]


def _marked(markers: list[ox.Quad]) -> list[tuple[str, str]]:
    """One (graph, marker predicate) pair per graph, for the intent log."""
    seen: dict[str, str] = {}
    for q in markers:
        if isinstance(q.graph_name, ox.NamedNode):
            seen.setdefault(q.graph_name.value, q.predicate.value)
    return list(seen.items())
