"""The named graphs that are not one source record's: shared nodes, MeSH actions, certainty.

Each is written differently, which is why they are named here once: the shared graph and the MeSH
actions graph are extended add-only by every build (content-identified nodes and vocabulary facts
hold whatever record is rebuilt), and the certainty graph is replaced whole after each build.
"""

from __future__ import annotations

from rdflib import Literal, URIRef
from rdflib.term import Node

from kg.rdf.namespaces import EKG, EKGR, MESH, PROV, RDF, RDFS

__all__ = [
    "CERTAINTY_GRAPH",
    "MESH_ACTIONS_GRAPH",
    "MESH_SOURCE",
    "SHARED_GRAPH",
    "mesh_actions_description",
]

SHARED_GRAPH = URIRef(f"{EKGR}graph/shared")
"""Named graph of content-identified nodes; written add-only, pruned of orphans after builds."""

MESH_ACTIONS_GRAPH = URIRef(f"{EKGR}graph/mesh-actions")
"""MeSH pharmacological actions (drug → mechanism): vocabulary facts attributed to MeSH, written
add-only and never pruned, since they do not depend on what any article says."""

CERTAINTY_GRAPH = URIRef(f"{EKGR}graph/certainty")
"""The rolled-up certainty of each claim over all its findings, replaced whole after a build."""

MESH_SOURCE = URIRef(str(MESH))
"""The MeSH RDF dataset (NLM), which the pharmacological actions are derived from."""


def mesh_actions_description() -> tuple[tuple[Node, Node, Node], ...]:
    """Provenance of the MeSH actions graph, stated on the graph IRI inside that graph: derived
    from MeSH, not from any article."""
    g = MESH_ACTIONS_GRAPH
    return ((g, RDF.type, EKG.VocabularyGraph), (g, RDF.type, PROV.Entity),
            (g, RDFS.label, Literal("MeSH pharmacological actions")),
            (g, PROV.wasDerivedFrom, MESH_SOURCE))
