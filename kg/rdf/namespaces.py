"""Namespaces used in the graph: the project's own and the public vocabularies it aligns to.

One module owns them so that mapping, shapes tests, queries and exports agree on prefixes.
"""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

__all__ = [
    "BIBO",
    "DCAT",
    "DCTERMS",
    "EKG",
    "EKGR",
    "FABIO",
    "MESH",
    "MESHV",
    "OWL",
    "PREFIXES",
    "PROV",
    "RDF",
    "RDFS",
    "SDO",
    "SH",
    "SKOS",
    "VOID",
    "XSD",
    "bind_prefixes",
]

EKG = Namespace("https://w3id.org/evidence-kg/ontology#")
"""Classes and properties of the project ontology (``ontology/ekg.ttl``)."""
EKGR = Namespace("https://w3id.org/evidence-kg/id/")
"""Resources the project mints: graphs, persons, journals, claims, evidence, mentions."""
SDO = Namespace("https://schema.org/")
FABIO = Namespace("http://purl.org/spar/fabio/")
BIBO = Namespace("http://purl.org/ontology/bibo/")
MESH = Namespace("http://id.nlm.nih.gov/mesh/")
MESHV = Namespace("http://id.nlm.nih.gov/mesh/vocab#")
SH = Namespace("http://www.w3.org/ns/shacl#")
VOID = Namespace("http://rdfs.org/ns/void#")
DCAT = Namespace("http://www.w3.org/ns/dcat#")

PREFIXES: dict[str, Namespace] = {
    "ekg": EKG, "ekgr": EKGR, "schema": SDO, "dcterms": DCTERMS, "prov": PROV, "skos": SKOS,
    "fabio": FABIO, "bibo": BIBO, "mesh": MESH, "meshv": MESHV, "owl": OWL, "rdf": RDF,
    "rdfs": RDFS, "xsd": XSD, "sh": SH, "void": VOID, "dcat": DCAT,
}


def bind_prefixes(graph: object) -> None:
    """Bind the project's prefixes on an rdflib Graph/Dataset so serialisations are readable."""
    for prefix, ns in PREFIXES.items():
        graph.namespace_manager.bind(prefix, ns, override=True, replace=True)  # type: ignore[attr-defined]
