"""Namespaces used in the graph: the project's own and the public vocabularies it aligns to.

One module owns them so that mapping, shapes tests, queries and exports agree on prefixes.
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS as _DCTERMS
from rdflib.namespace import OWL as _OWL
from rdflib.namespace import PROV as _PROV
from rdflib.namespace import RDF as _RDF
from rdflib.namespace import RDFS as _RDFS
from rdflib.namespace import SKOS as _SKOS
from rdflib.namespace import XSD as _XSD

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

class CachedNamespace(Namespace):
    """A Namespace whose terms are built once: mapping builds millions of triples, and rdflib
    creates (and validates) a new URIRef on every attribute access."""

    _cache: dict[str, URIRef]

    def __new__(cls, value: str) -> CachedNamespace:
        ns = super().__new__(cls, value)
        ns._cache = {}
        return ns

    def term(self, name: str) -> URIRef:
        try:
            return self._cache[name]
        except KeyError:
            ref = self._cache[name] = URIRef(str(self) + name)
            return ref

    def __getitem__(self, key: str) -> URIRef:
        return self.term(key)

    def __getattr__(self, name: str) -> URIRef:
        if name.startswith("__"):
            raise AttributeError(name)
        return self.term(name)


EKG = CachedNamespace("https://w3id.org/evidence-kg/ontology#")
"""Classes and properties of the project ontology (``ontology/ekg.ttl``)."""
EKGR = CachedNamespace("https://w3id.org/evidence-kg/id/")
"""Resources the project mints: graphs, persons, journals, claims, evidence, mentions."""
SDO = CachedNamespace("https://schema.org/")
FABIO = CachedNamespace("http://purl.org/spar/fabio/")
BIBO = CachedNamespace("http://purl.org/ontology/bibo/")
MESH = CachedNamespace("http://id.nlm.nih.gov/mesh/")
MESHV = CachedNamespace("http://id.nlm.nih.gov/mesh/vocab#")
SH = CachedNamespace("http://www.w3.org/ns/shacl#")
VOID = CachedNamespace("http://rdfs.org/ns/void#")
DCAT = CachedNamespace("http://www.w3.org/ns/dcat#")

DCTERMS = CachedNamespace(str(_DCTERMS))
PROV = CachedNamespace(str(_PROV))
SKOS = CachedNamespace(str(_SKOS))
OWL = CachedNamespace(str(_OWL))
RDF = CachedNamespace(str(_RDF))
RDFS = CachedNamespace(str(_RDFS))
XSD = CachedNamespace(str(_XSD))

PREFIXES: dict[str, Namespace] = {
    "ekg": EKG, "ekgr": EKGR, "schema": SDO, "dcterms": DCTERMS, "prov": PROV, "skos": SKOS,
    "fabio": FABIO, "bibo": BIBO, "mesh": MESH, "meshv": MESHV, "owl": OWL, "rdf": RDF,
    "rdfs": RDFS, "xsd": XSD, "sh": SH, "void": VOID, "dcat": DCAT,
}


def bind_prefixes(graph: object) -> None:
    """Bind the project's prefixes on an rdflib Graph/Dataset so serialisations are readable."""
    for prefix, ns in PREFIXES.items():
        graph.namespace_manager.bind(prefix, ns, override=True, replace=True)  # type: ignore[attr-defined]
