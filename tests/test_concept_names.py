from __future__ import annotations

import pytest
from rdflib import RDF, Literal, URIRef

from kg.names import ConceptLookupError, find_concepts, name_key, resolve_concept
from kg.rdf.namespaces import EKG, EKGR, MESH, SKOS
from kg.store.base import GraphWrite
from kg.store.oxigraph import OxigraphStore

KETAMINE, OVERLAY_KETAMINE = MESH.D007649, URIRef(f"{EKGR}concept/ketamine")
CRPS, OVERLAY_CRPS = MESH.D020918, URIRef(f"{EKGR}concept/complex-regional-pain-syndrome")
POSTOP = MESH.D010149
COLD_TEMPERATURE, COMMON_COLD = MESH.D003080, MESH.D003139
HEADACHE, UNUSED_HEADACHE = MESH.D006261, URIRef(f"{EKGR}concept/headache-other")


def _label(concept: URIRef, text: str, alt: bool = False) -> tuple:
    return (concept, SKOS.altLabel if alt else SKOS.prefLabel, Literal(text))


def _mention(n: int, concept: URIRef) -> list[tuple]:
    m = URIRef(f"https://example.org/mention/{n}")
    return [(m, EKG.denotes, concept), (m, EKG.role, URIRef(f"{EKGR}role/condition"))]


@pytest.fixture(scope="module")
def store() -> OxigraphStore:
    vocabulary = [
        _label(KETAMINE, "Ketamine"), _label(OVERLAY_KETAMINE, "ketamine"),
        (OVERLAY_KETAMINE, SKOS.exactMatch, KETAMINE),
        _label(CRPS, "Complex Regional Pain Syndromes"),
        _label(OVERLAY_CRPS, "complex regional pain syndrome"),
        (OVERLAY_CRPS, SKOS.exactMatch, CRPS), _label(POSTOP, "Pain, Postoperative"),
        _label(COLD_TEMPERATURE, "Cold"), _label(COMMON_COLD, "Common Cold"),
        _label(COMMON_COLD, "cold", alt=True),
        _label(HEADACHE, "Headache"), _label(UNUSED_HEADACHE, "headaches"),
    ] + [(c, RDF.type, SKOS.Concept) for c in (KETAMINE, CRPS, POSTOP, HEADACHE)]
    used = [t for i, c in enumerate((KETAMINE, KETAMINE, CRPS, POSTOP, COLD_TEMPERATURE,
                                     COMMON_COLD, HEADACHE)) for t in _mention(i, c)]
    st = OxigraphStore()
    st.put_graphs([GraphWrite(URIRef(f"{EKGR}graph/vocabulary"), tuple(vocabulary)),
                   GraphWrite(URIRef(f"{EKGR}graph/one"), tuple(used))])
    return st


@pytest.mark.parametrize(("text", "key"), [
    ("Complex Regional Pain Syndromes", "complex regional pain syndrome"),
    ("NMDA-receptor  antagonism", "nmda receptor antagonism"),
    ("Therapies", "therapy"), ("Analgesics, Opioid", "analgesic opioid"), ("stress", "stress"),
])
def test_name_key_ignores_case_hyphens_and_plurals(text, key):
    assert name_key(text) == key


def test_an_overlay_concept_and_its_exact_mesh_match_are_one_concept(store):
    assert resolve_concept(store, "ketamine") == KETAMINE
    [found] = find_concepts(store, "KETAMINE")
    assert found.iri == str(KETAMINE) and found.equivalents == (str(OVERLAY_KETAMINE),)
    assert found.mentions == 2 and found.role == "condition"


@pytest.mark.parametrize("name", ["complex regional pain syndrome",
                                  "Complex Regional Pain Syndromes",
                                  "complex-regional pain syndromes"])
def test_variants_of_a_label_name_the_concept_the_graph_uses(store, name):
    assert resolve_concept(store, name) == CRPS


def test_mesh_inverted_labels_read_straight(store):
    assert resolve_concept(store, "postoperative pain") == POSTOP


def test_a_concept_the_graph_uses_wins_over_an_unused_one(store):
    assert resolve_concept(store, "headache") == HEADACHE
    assert {m.iri for m in find_concepts(store, "headache")} == {str(HEADACHE),
                                                                 str(UNUSED_HEADACHE)}


def test_two_different_used_concepts_are_ambiguous(store):
    with pytest.raises(ConceptLookupError, match="names 2 different concepts") as info:
        resolve_concept(store, "cold")
    assert "mesh:D003080" in str(info.value) and "mesh:D003139" in str(info.value)


def test_curies_and_mesh_uis_are_taken_as_given(store):
    assert resolve_concept(store, "mesh:D020918") == CRPS
    assert resolve_concept(store, "D020918") == CRPS
    assert resolve_concept(store, "concept:headache-other") == UNUSED_HEADACHE


def test_an_unused_curie_gives_way_to_its_exact_match_the_graph_uses(store):
    assert resolve_concept(store, "concept:ketamine") == KETAMINE
    assert resolve_concept(store, str(OVERLAY_CRPS)) == CRPS


def test_an_unknown_name_says_so(store):
    with pytest.raises(ConceptLookupError, match="no concept named"):
        resolve_concept(store, "no such condition")
    assert find_concepts(store, "  ") == []
