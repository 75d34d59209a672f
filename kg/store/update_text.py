"""SPARQL Update text for whole-graph data operations, written from RDF terms.

The one place where update text is assembled: every term is an Oxigraph term object, written by
Oxigraph's own N-Triples serialiser (escaped), so no untrusted text is ever pasted. Used to
replace a graph atomically in the embedded store, to remove curator triples, and to fill
staging graphs on servers that only speak SPARQL Update.
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox
from rdflib.term import Node

from kg.store.convert import to_ox

__all__ = ["data_block", "delete_data", "drop_graph", "insert_data", "ox_triples"]

OxTerm = ox.NamedNode | ox.BlankNode | ox.Literal


def ox_triples(triples: Iterable[tuple[Node, Node, Node]]) -> list[tuple[OxTerm, OxTerm, OxTerm]]:
    """rdflib triples as Oxigraph terms."""
    return [(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in triples]


def data_block(triples: Iterable[tuple[object, object, object]]) -> str:
    """``s p o .`` lines for Oxigraph terms (or ``ox.Triple`` objects)."""
    lines = []
    for t in triples:
        s, p, o = (t.subject, t.predicate, t.object) if isinstance(t, ox.Triple) else t
        lines.append(f"{s} {p} {o} .")
    return "\n".join(lines)


def drop_graph(graph: ox.NamedNode) -> str:
    return "DROP SILENT GRAPH " + str(graph)


def insert_data(graph: ox.NamedNode, triples: Iterable[tuple[object, object, object]]) -> str:
    return "INSERT DATA { GRAPH " + str(graph) + " {\n" + data_block(triples) + "\n} }"


def delete_data(graph: ox.NamedNode, triples: Iterable[tuple[object, object, object]]) -> str:
    return "DELETE DATA { GRAPH " + str(graph) + " {\n" + data_block(triples) + "\n} }"
