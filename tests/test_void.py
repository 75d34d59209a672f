"""The VoID + DCAT dataset description: its numbers match the store, it never counts itself, and
regenerating it over unchanged data gives the same graph."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from export_examples import CTX, build_example_store, example_mapped
from rdflib import Literal, URIRef

from kg import __version__
from kg.rdf.namespaces import DCAT, DCTERMS, EKG, PROV, RDF, VOID, XSD
from kg.store.base import GraphWrite
from kg.store.oxigraph import OxigraphStore
from kg.void import (
    DATASET,
    DEFAULT_LICENCE,
    VOID_GRAPH,
    describe_dataset,
    vocabulary_of,
    write_dataset_description,
)


@pytest.fixture
def store() -> OxigraphStore:
    return build_example_store()


def value(triples, s, p):
    found = [o for s2, p2, o in triples if s2 == s and p2 == p]
    assert len(found) == 1, (s, p, found)
    return found[0]


def partitions(triples, key, count) -> dict[URIRef, int]:
    nodes = {o for s, p, o in triples if p in (VOID.classPartition, VOID.propertyPartition)}
    return {value(triples, n, key): int(value(triples, n, count)) for n in nodes
            if any(s == n and p == key for s, p, _ in triples)}


def test_totals_match_the_store(store):
    triples = describe_dataset(store)
    assert int(value(triples, DATASET, VOID.triples)) == store.count()
    assert int(value(triples, DATASET, EKG.namedGraphs)) == len(store.named_graphs()) == 5
    assert value(triples, DATASET, DCTERMS.license) == DEFAULT_LICENCE
    assert str(value(triples, DATASET, DCAT.version)) == __version__
    assert (DATASET, RDF.type, VOID.Dataset) in triples
    assert (DATASET, RDF.type, DCAT.Dataset) in triples
    modified = value(triples, DATASET, DCTERMS.modified)
    assert modified.datatype == XSD.dateTime and str(modified).startswith(CTX.generated_at[:19])


def test_entities_per_class_and_triples_per_property(store):
    triples = describe_dataset(store)
    classes = partitions(triples, VOID["class"], VOID.entities)
    assert classes[EKG.Article] == 4
    assert classes[EKG.SourceRecord] == 4
    assert classes[PROV.SoftwareAgent] >= 1
    assert int(value(triples, DATASET, VOID.classes)) == len(classes)
    properties = partitions(triples, VOID.property, VOID.triples)
    assert sum(properties.values()) == store.count()
    assert properties[DCTERMS.title] == 4
    assert int(value(triples, DATASET, VOID.properties)) == len(properties)


def test_vocabularies_used(store):
    used = {o for s, p, o in describe_dataset(store) if p == VOID.vocabulary}
    assert {URIRef(str(EKG)), URIRef(str(DCTERMS)), URIRef(str(PROV))} <= used
    assert URIRef("http://rdfs.org/ns/void#") not in used  # the description is not counted


def test_vocabulary_of_unknown_namespaces():
    assert vocabulary_of("https://example.org/onto#Thing") == "https://example.org/onto#"
    assert vocabulary_of("https://example.org/terms/thing") == "https://example.org/terms/"
    assert vocabulary_of(str(EKG.Article)) == str(EKG)


def test_written_to_its_graph_and_file_and_stable(store, tmp_path):
    path = write_dataset_description(store, tmp_path)
    first = set(store.graph_triples(VOID_GRAPH))
    total = store.count()
    write_dataset_description(store, tmp_path)
    assert set(store.graph_triples(VOID_GRAPH)) == first  # same data, same description
    assert store.count() == total
    stored = {ox.Triple(q.subject, q.predicate, q.object) for q in
              store.native.quads_for_pattern(None, None, None, ox.NamedNode(VOID_GRAPH))}
    parsed = {ox.Triple(q.subject, q.predicate, q.object)
              for q in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE)}
    assert parsed == stored
    described = describe_dataset(store)
    assert int(value(described, DATASET, VOID.triples)) == total - len(first)


def test_regenerated_numbers_follow_the_data(store, tmp_path):
    write_dataset_description(store, tmp_path)
    gone = example_mapped()[0]
    store.drop_graph(gone.graph)
    write_dataset_description(store, tmp_path)
    triples = set(store.graph_triples(VOID_GRAPH))
    assert (DATASET, EKG.namedGraphs, Literal(4, datatype=XSD.integer)) in triples
    store.put_graphs([GraphWrite(gone.graph, gone.triples)])
    write_dataset_description(store, tmp_path)
    triples = set(store.graph_triples(VOID_GRAPH))
    assert (DATASET, EKG.namedGraphs, Literal(5, datatype=XSD.integer)) in triples
