"""The dataset description: VoID statistics and a DCAT record, regenerated on each build.

A consumer that finds the graph on a server (or in a dump) reads this first: how many
statements, which classes with how many entities, which vocabularies, under which licence and
software version. It lives in its own named graph (``VOID_GRAPH``) so that re-pushing it replaces
it like any other graph, and its numbers never count itself. Every node gets an IRI (no blank
nodes), so two descriptions of the same data are identical, and ``dcterms:modified`` is the
newest source graph's generation time rather than the clock, so a build that changes nothing
leaves the description unchanged too.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox
from rdflib import Literal, URIRef

from kg import __version__
from kg.export import EXPORT_PREFIXES, atomic_write
from kg.query import load_internal_query
from kg.rdf.iris import content_hash
from kg.rdf.namespaces import DCAT, DCTERMS, EKG, EKGR, OWL, PREFIXES, RDF, VOID, XSD
from kg.store.base import GraphWrite, Triple
from kg.store.convert import to_ox
from kg.store.oxigraph import OxigraphStore

__all__ = [
    "DATASET",
    "DEFAULT_LICENCE",
    "VOID_GRAPH",
    "describe_dataset",
    "vocabulary_of",
    "write_dataset_description",
]

VOID_GRAPH = URIRef(f"{EKGR}graph/void")
DATASET = URIRef(f"{EKGR}dataset")
DEFAULT_LICENCE = URIRef("https://creativecommons.org/licenses/by/4.0/")
_TITLE = "evidence-kg: an evidence knowledge graph for biomedical literature"
_DESCRIPTION = ("Bibliographic records, the concepts they mention, and claims with their "
                "evidence, study design and level; one named graph per source record.")
_RIGHTS = ("The licence covers the graph's structure and annotations; titles and abstracts "
           "of articles remain under their publishers' terms.")
_DISTRIBUTIONS = (("graph.nq", "application/n-quads", "http://www.w3.org/ns/formats/N-Quads"),
                  ("graph.trig", "application/trig", "http://www.w3.org/ns/formats/TriG"))
_NAMESPACES = sorted((str(ns) for ns in PREFIXES.values()), key=len, reverse=True)


def vocabulary_of(iri: str) -> str:
    """The namespace of a class or property: a known prefix, else up to the last ``#`` or ``/``."""
    for ns in _NAMESPACES:
        if iri.startswith(ns) and len(iri) > len(ns):
            return ns
    cut = max(iri.rfind("#"), iri.rfind("/"))
    return iri[: cut + 1] if cut > 0 else iri


def _integer(n: object) -> Literal:
    return Literal(int(str(n)), datatype=XSD.integer)


def _partitions(store: OxigraphStore, query: str, kind: str, key: URIRef,
                count: URIRef) -> list[Triple]:
    """One partition node per class or property, identified by a hash of its IRI."""
    out: list[Triple] = []
    rows = store.query(load_internal_query(query), union=False).rows
    for term, n in rows:
        node = URIRef(f"{DATASET}/{kind}/{content_hash(term)}")
        link = VOID.classPartition if kind == "class" else VOID.propertyPartition
        out += [(DATASET, link, node), (node, RDF.type, VOID.Dataset), (node, key, term),
                (node, count, _integer(n))]  # type: ignore[list-item]
    return out


def _used_terms(triples: Iterable[Triple]) -> set[str]:
    return {str(o) for _, p, o in triples if p in (VOID["class"], VOID.property)}


def _distributions() -> list[Triple]:
    out: list[Triple] = []
    for name, media, feature in _DISTRIBUTIONS:
        node = URIRef(f"{DATASET}/distribution/{name.rsplit('.', 1)[-1]}")
        out += [(DATASET, DCAT.distribution, node), (node, RDF.type, DCAT.Distribution),
                (node, DCTERMS.title, Literal(name)), (node, DCAT.mediaType, Literal(media)),
                (node, DCTERMS.conformsTo, URIRef(feature)),
                (DATASET, VOID.feature, URIRef(feature))]
    return out


def _header(licence: URIRef, version: str) -> list[Triple]:
    return [
        (DATASET, RDF.type, VOID.Dataset), (DATASET, RDF.type, DCAT.Dataset),
        (DATASET, DCTERMS.title, Literal(_TITLE, lang="en")),
        (DATASET, DCTERMS.description, Literal(_DESCRIPTION, lang="en")),
        (DATASET, DCTERMS.license, licence), (DATASET, DCTERMS.rights, Literal(_RIGHTS, lang="en")),
        (DATASET, DCAT.version, Literal(version)), (DATASET, OWL.versionInfo, Literal(version)),
        (DATASET, VOID.uriSpace, Literal(str(EKGR))),
    ]


def _statistics(store: OxigraphStore) -> list[Triple]:
    void_graph = ox.NamedNode(str(VOID_GRAPH))
    graphs = [g for g in store.named_graphs() if g != VOID_GRAPH]
    triples = len(store.native) - sum(1 for _ in store.native.quads_for_pattern(
        None, None, None, void_graph))
    totals = store.query(load_internal_query("void-totals"), union=False).dicts()[0]
    out: list[Triple] = [(DATASET, VOID.triples, _integer(triples)),
                         (DATASET, EKG.namedGraphs, _integer(len(graphs))),
                         (DATASET, VOID.entities, _integer(totals["entities"] or 0))]
    if totals["modified"] is not None:
        out.append((DATASET, DCTERMS.modified, totals["modified"]))
    return out


def describe_dataset(store: OxigraphStore, *, licence: URIRef = DEFAULT_LICENCE,
                     version: str = __version__) -> list[Triple]:
    """The VoID + DCAT description of everything in ``store`` except the description itself."""
    out = _header(licence, version) + _statistics(store) + _distributions()
    classes = _partitions(store, "void-classes", "class", VOID["class"], VOID.entities)
    properties = _partitions(store, "void-properties", "property", VOID.property, VOID.triples)
    out += classes + properties
    out += [(DATASET, VOID.classes, _integer(len(classes) // 4)),
            (DATASET, VOID.properties, _integer(len(properties) // 4))]
    vocabularies = {vocabulary_of(t) for t in _used_terms(classes + properties)}
    out += [(DATASET, VOID.vocabulary, URIRef(ns)) for ns in sorted(vocabularies)]
    return out


def _write_turtle(triples: list[Triple], path: Path) -> None:
    items = [ox.Triple(to_ox(s), to_ox(p), to_ox(o))  # type: ignore[arg-type]
             for s, p, o in sorted(triples, key=lambda t: (str(t[0]), str(t[1]), str(t[2])))]
    atomic_write(path, lambda out: ox.serialize(items, out, ox.RdfFormat.TURTLE,
                                                 prefixes=EXPORT_PREFIXES))


def write_dataset_description(store: OxigraphStore, out_dir: Path, *,
                              licence: URIRef = DEFAULT_LICENCE) -> Path:
    """Describe the dataset, store the description in ``VOID_GRAPH`` and write ``void.ttl``."""
    triples = describe_dataset(store, licence=licence)
    store.put_graphs([GraphWrite(VOID_GRAPH, tuple(triples))])
    path = out_dir / "void.ttl"
    _write_turtle(triples, path)
    return path
