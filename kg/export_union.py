"""The union of several graphs as triples, each triple once.

A triple format (N-Triples, Turtle, RDF/XML) cannot say which graph a triple came from, so a
triple that two graphs hold (a concept typed in both the shared and the vocabulary graph) would
be written twice. RDF graphs are sets, so that is not wrong, but a repeated line is noise to
``sort | uniq -d``, to line counts and to diffs. Finding the repeats is one query that Oxigraph
answers with an index lookup per quad; only the repeated triples are held in memory, so a graph
without repeats is still dumped straight from the store.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence

import pyoxigraph as ox

__all__ = ["GraphName", "Repeats", "find_repeats", "union_triples"]

GraphName = ox.NamedNode | ox.DefaultGraph
Repeats = dict[GraphName, frozenset[ox.Triple]]
"""Per graph, the triples to leave out because another selected graph writes them."""

# Each quad whose triple another graph also holds (the default graph included).
_REPEATED = """SELECT ?g ?s ?p ?o WHERE {
  { GRAPH ?g { ?s ?p ?o }
    FILTER EXISTS { { GRAPH ?h { ?s ?p ?o } FILTER (?h != ?g) } UNION { ?s ?p ?o } } }
  UNION { ?s ?p ?o FILTER EXISTS { GRAPH ?h { ?s ?p ?o } } }
}"""


def _keeper_order(graph: GraphName) -> tuple[bool, str]:
    """The default graph first, then named graphs by IRI: the graph that keeps a repeat."""
    return (isinstance(graph, ox.NamedNode), str(graph))


def find_repeats(store: ox.Store, graphs: Sequence[GraphName] | None) -> Repeats:
    """For each selected graph (all when None), the triples another selected graph keeps.

    Each repeated triple stays in exactly one graph (the first by ``_keeper_order``), so the
    choice does not depend on the order graphs are written in.
    """
    if graphs is not None and len(set(graphs)) < 2:
        return {}
    selected = None if graphs is None else set(graphs)
    holders: dict[ox.Triple, list[GraphName]] = defaultdict(list)
    for row in store.query(_REPEATED):  # type: ignore[union-attr]
        graph = row["g"] or ox.DefaultGraph()
        if selected is None or graph in selected:
            holders[ox.Triple(row["s"], row["p"], row["o"])].append(graph)
    drop: dict[GraphName, set[ox.Triple]] = defaultdict(set)
    for triple, names in holders.items():
        for graph in sorted(names, key=_keeper_order)[1:]:
            drop[graph].add(triple)
    return {graph: frozenset(triples) for graph, triples in drop.items()}


def union_triples(quads: Iterable[ox.Quad], repeats: Repeats) -> Iterator[ox.Triple]:
    """The triples of ``quads`` without their graph names, each repeat only from its keeper."""
    for q in quads:
        triple = ox.Triple(q.subject, q.predicate, q.object)
        skip = repeats.get(q.graph_name)
        if skip is None or triple not in skip:
            yield triple
