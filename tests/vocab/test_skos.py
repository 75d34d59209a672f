"""SKOS / OBO vocabularies and the curated overlay."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.vocab.mesh import MeshFormatError
from kg.vocab.overlay import compile_overlay, load_overlay
from kg.vocab.skos import load_obo, load_skos, load_vocabulary
from tests.vocab.tiny import DATA, tiny_compiled

ROLE = "https://w3id.org/evidence-kg/id/role/"


def test_skos_concepts_with_labels_roles_and_matches() -> None:
    concepts = load_skos(DATA / "sample_skos.ttl").by_ui()
    assert set(concepts) == {"GE-1", "kinesiophobia"}  # deprecated and unlabelled left out
    exposure = concepts["GE-1"]
    assert exposure.label == "graded exposure"
    assert exposure.synonyms == ("graded exposure therapy", "graded-exposure")  # English only
    assert exposure.role == "intervention"
    assert exposure.close_matches == ("http://id.nlm.nih.gov/mesh/D000072861",)
    assert concepts["kinesiophobia"].exact_matches == ("http://id.nlm.nih.gov/mesh/D010698",)


def test_obo_terms_synonyms_xrefs_and_prefix_roles() -> None:
    concepts = load_vocabulary(DATA / "sample.obo").by_ui()
    assert set(concepts) == {"MONDO:0000001", "CHEBI:6121"}  # the obsolete term is skipped
    disorder = concepts["MONDO:0000001"]
    assert disorder.iri == "http://purl.obolibrary.org/obo/MONDO_0000001"
    assert disorder.synonyms == ("sample disease",)  # RELATED synonyms are too loose
    assert disorder.role == "condition"
    assert disorder.close_matches == ("http://id.nlm.nih.gov/mesh/D004194",)
    ketamine = load_obo(DATA / "sample.obo").by_ui()["CHEBI:6121"]
    assert ketamine.role == "intervention" and "ketamine hydrochloride" in ketamine.synonyms


def test_rdf_xml_with_entities_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "bomb.rdf"
    bad.write_text('<?xml version="1.0"?><!DOCTYPE rdf:RDF [<!ENTITY a "aaaa">]>'
                   '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>')
    with pytest.raises(MeshFormatError, match="entities"):
        load_skos(bad)


def test_broken_turtle_names_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "broken.ttl"
    bad.write_text("@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n<a> skos:prefLabel")
    with pytest.raises(MeshFormatError, match=r"broken\.ttl"):
        load_skos(bad)


REQUIRED = {
    "ketamine": ("intervention", "D007649", None),
    "continuous-infusion": ("intervention", None, "D007262"),
    "cognitive-behavioural-therapy": ("intervention", "D015928", None),
    "opioid-tapering": ("intervention", None, "D000084862"),
    "multimodal-analgesia": ("intervention", None, "D000698"),
    "complex-regional-pain-syndrome": ("condition", "D020918", None),
    "opioid-dependence": ("condition", "D009293", None),
    "opioid-withdrawal": ("condition", None, "D013375"),
    "nmda-receptor-antagonism": ("mechanism", None, "D018691"),
    "central-sensitization": ("mechanism", "D059333", None),
    "catecholamine-hypersensitivity": ("mechanism", None, "D002395"),
    "opioid-abstinence": ("outcome", None, None),
    "withdrawal-symptoms": ("outcome", "D013375", None),
    "functional-status": ("outcome", "D000085542", None),
}


def test_domain_overlay_covers_the_required_concepts() -> None:
    concepts = {c.iri.rsplit("/", 1)[-1]: c for c in load_overlay().concepts}
    for slug, (role, exact, close) in REQUIRED.items():
        concept = concepts[slug]
        assert concept.iri == f"https://w3id.org/evidence-kg/id/concept/{slug}"
        assert concept.role == role, slug
        assert concept.synonyms, slug
        if exact:
            assert f"http://id.nlm.nih.gov/mesh/{exact}" in concept.exact_matches, slug
        if close:
            assert f"http://id.nlm.nih.gov/mesh/{close}" in concept.close_matches, slug
    assert "cognitive behavioural therapy" == concepts["cognitive-behavioural-therapy"].label


def test_overlay_exact_matches_become_the_mesh_concept() -> None:
    base = tiny_compiled()
    overlay = compile_overlay(load_overlay(), base)
    ketamine = overlay.targets[overlay.lookup("ketamine hydrochloride")[0][0]]
    assert ketamine.iri == "http://id.nlm.nih.gov/mesh/D007649"
    assert ketamine.mechanisms == (("D018691", "Excitatory Amino Acid Antagonists"),)
    symptoms = overlay.targets[overlay.lookup("withdrawal symptom")[0][0]]
    assert (symptoms.iri, symptoms.role) == ("http://id.nlm.nih.gov/mesh/D013375", "outcome")
    curated = overlay.targets[overlay.lookup("catecholamine supersensitivity")[0][0]]
    assert curated.iri.endswith("/concept/catecholamine-hypersensitivity")


def test_overlay_names_mesh_iris_even_without_mesh() -> None:
    overlay = compile_overlay(load_overlay(), None)
    cbt = overlay.targets[overlay.lookup("CBT")[0][0]]
    assert cbt.iri == "http://id.nlm.nih.gov/mesh/D015928"
    assert cbt.role == "intervention"
