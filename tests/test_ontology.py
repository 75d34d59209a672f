"""The ontology declares every term the code writes; controlled values, shapes and code agree."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SH, SKOS

from kg.extract.design import DESIGNS, GRADES
from kg.extract.model import (
    AGENTS,
    DIRECTIONS,
    DOWNGRADES,
    EVIDENCE_KINDS,
    RELATIONS,
    ROLES,
    SENTENCE_ROLES,
)
from kg.rdf.namespaces import BIBO, DCTERMS, EKG, EKGR, FABIO, MESHV, PROV, SDO
from kg.rdf.terms import (
    agent_kind_iri,
    design_iri,
    direction_iri,
    downgrade_iri,
    evidence_kind_iri,
    grade_iri,
    relation_iri,
    role_iri,
    sentence_role_iri,
)

ROOT = Path(__file__).resolve().parents[1]
ONTOLOGY = ROOT / "ontology"
STANDINGS = ("retracted", "retraction-notice", "erratum", "has-erratum", "expression-of-concern")
_TERM_IN_PY = re.compile(r"EKG\.([A-Za-z_][A-Za-z0-9_]*)|EKG\[[\"'](\w+)[\"']\]")
_TERM_IN_TEXT = re.compile(r"(?<![\w/#])ekg:([A-Za-z_][A-Za-z0-9_]*)|"
                           + re.escape(str(EKG)) + r"([A-Za-z_][A-Za-z0-9_]*)")


@cache
def _ontology() -> Graph:
    return Graph().parse(ONTOLOGY / "ekg.ttl")


@cache
def _controlled() -> Graph:
    return Graph().parse(ONTOLOGY / "controlled.ttl")


@cache
def _shapes() -> Graph:
    g = Graph()
    for path in sorted((ONTOLOGY / "shapes").glob("*.ttl")):
        g.parse(path)
    return g


def _terms_in(paths: list[Path], pattern: re.Pattern[str]) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for path in paths:
        for m in pattern.finditer(path.read_text(encoding="utf-8")):
            found.setdefault(m.group(1) or m.group(2), set()).add(path.name)
    return found


def _undeclared(terms: dict[str, set[str]]) -> dict[str, set[str]]:
    onto = _ontology()
    return {t: where for t, where in terms.items()
            if onto.value(EKG[t], RDFS.label) is None or onto.value(EKG[t], RDFS.comment) is None}


def test_every_ekg_term_the_mapping_writes_is_declared_with_label_and_comment():
    used = _terms_in(sorted((ROOT / "kg" / "rdf").glob("*.py")), _TERM_IN_PY)
    assert len(used) > 60  # the scan found the mapping's vocabulary
    assert _undeclared(used) == {}


def test_every_ekg_term_in_code_queries_and_shapes_is_declared():
    code = _terms_in(sorted((ROOT / "kg").rglob("*.py")), _TERM_IN_PY)
    texts = [*sorted((ROOT / "queries").rglob("*.rq")),
             *sorted((ONTOLOGY / "shapes").glob("*.ttl"))]
    for term, where in _terms_in(texts, _TERM_IN_TEXT).items():
        code.setdefault(term, set()).update(where)
    assert _undeclared(code) == {}


def test_every_class_and_property_has_label_and_comment():
    onto = _ontology()
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
    declared = {s for k in kinds for s in onto.subjects(RDF.type, k) if isinstance(s, URIRef)}
    assert len(declared) > 100
    for term in declared:
        assert str(term).startswith(str(EKG)), term
        assert onto.value(term, RDFS.label) is not None, term
        assert onto.value(term, RDFS.comment) is not None, term


REQUIRED_CLASSES = ("Article", "Person", "CollectiveAuthor", "Authorship", "Journal",
                    "AbstractSection", "Intervention", "CombinedIntervention", "Condition",
                    "Mechanism", "Outcome", "StudyDesign", "EvidenceClaim", "Evidence", "Mention",
                    "SourceRecord")


@pytest.mark.parametrize("name", REQUIRED_CLASSES)
def test_required_classes_are_owl_classes(name):
    assert (EKG[name], RDF.type, OWL.Class) in _ontology()


@pytest.mark.parametrize(("term", "parent"), [
    (EKG.Article, SDO.ScholarlyArticle), (EKG.Person, SDO.Person), (EKG.Person, PROV.Agent),
    (EKG.Journal, SDO.Periodical), (EKG.Journal, FABIO.Journal),
    (EKG.Intervention, SKOS.Concept), (EKG.Condition, SKOS.Concept),
    (EKG.Mechanism, SKOS.Concept), (EKG.Outcome, SKOS.Concept), (EKG.StudyDesign, SKOS.Concept),
    (EKG.EvidenceClaim, PROV.Entity), (EKG.Evidence, PROV.Entity), (EKG.Mention, PROV.Entity),
    (EKG.SourceRecord, PROV.Entity), (EKG.CombinedIntervention, EKG.Intervention),
    (EKG.VocabularyGraph, PROV.Entity),
])
def test_class_alignment(term, parent):
    assert (term, RDFS.subClassOf, parent) in _ontology()


@pytest.mark.parametrize(("term", "parent"), [
    (EKG.sourceArticle, PROV.wasDerivedFrom), (EKG.doi, BIBO.doi), (EKG.doi, SDO.identifier),
    (EKG.pmid, FABIO.hasPubMedId), (EKG.pmcid, FABIO.hasPubMedCentralId),
    (EKG.investigator, DCTERMS.contributor), (EKG.issnL, FABIO.hasIssnL),
    (EKG.hasPharmacologicalAction, MESHV.pharmacologicalAction),
])
def test_property_alignment(term, parent):
    assert (term, RDFS.subPropertyOf, parent) in _ontology()


def _scheme_members(scheme: str) -> set[URIRef]:
    return set(_controlled().subjects(SKOS.inScheme, URIRef(f"{EKGR}{scheme}")))


@pytest.mark.parametrize(("scheme", "expected"), [
    ("role", {role_iri(r) for r in ROLES}),
    ("relation", {relation_iri(r) for r in RELATIONS}),
    ("direction", {direction_iri(d) for d in DIRECTIONS}),
    ("agent-kind", {agent_kind_iri(a) for a in AGENTS}),
    ("design", {design_iri(d) for d in DESIGNS}),
    ("grade", {grade_iri(g) for g in GRADES}),
    ("standing", {URIRef(f"{EKGR}standing/{s}") for s in STANDINGS}),
    ("sentence-role", {sentence_role_iri(r) for r in SENTENCE_ROLES}),
    ("evidence-kind", {evidence_kind_iri(k) for k in EVIDENCE_KINDS}),
    ("downgrade", {downgrade_iri(d) for d in DOWNGRADES}),
])
def test_controlled_scheme_matches_the_python_model(scheme, expected):
    members = _scheme_members(scheme)
    assert members == expected
    for concept in members:
        assert _controlled().value(concept, SKOS.prefLabel) is not None, concept
        assert (concept, RDF.type, SKOS.Concept) in _controlled()


def test_mapping_standings_are_controlled_values():
    from kg.rdf import mapping

    written = set(mapping._STANDING_BY_PT.values()) | set(mapping._STANDING_BY_CC.values())
    assert written <= set(STANDINGS)


def test_design_fabio_classes_agree_with_the_design_table():
    controlled = _controlled()
    for slug, info in DESIGNS.items():
        fabio = controlled.value(design_iri(slug), EKG.fabioClass)
        assert (str(fabio) if fabio else None) == info.fabio, slug
        assert (design_iri(slug), RDF.type, EKG.StudyDesign) in controlled


_IN_PATHS = {EKG.role: "role", EKG.relation: "relation", EKG.direction: "direction",
             EKG.assertedBy: "agent-kind", EKG.studyDesign: "design",
             EKG.startingCertainty: "grade", EKG.findingCertainty: "grade",
             EKG.rolledUpCertainty: "grade", EKG.standing: "standing",
             EKG.sourceStanding: "standing", EKG.sentenceRole: "sentence-role",
             EKG.evidenceKind: "evidence-kind"}


def test_shapes_sh_in_lists_are_the_controlled_schemes():
    shapes = _shapes()
    checked = 0
    for prop, values in shapes.subject_objects(SH["in"]):
        path = shapes.value(prop, SH.path)
        if path in _IN_PATHS:
            assert set(Collection(shapes, values)) == _scheme_members(_IN_PATHS[path]), path
            checked += 1
    assert checked >= 14  # mention and evidence each check role/agent, design, certainty, kind …


def test_every_shape_result_has_a_message():
    """A curator reads sh:message; pySHACL's default messages are for developers."""
    shapes = _shapes()
    for prop in shapes.objects(None, SH.property):
        parent = shapes.value(None, SH.property, prop)
        if parent == URIRef("https://w3id.org/evidence-kg/shapes#RecordActivityShape"):
            continue  # reached through sh:node: the referring property shape has the message
        assert shapes.value(prop, SH.message) is not None, (parent, shapes.value(prop, SH.path))


def test_the_retired_per_evidence_grade_is_deprecated_and_no_longer_written():
    """GRADE rates a body of evidence: no code or shape writes or requires one per sentence."""
    assert (EKG.gradeCertainty, OWL.deprecated, Literal(True)) in _ontology()
    written = _terms_in(sorted((ROOT / "kg").rglob("*.py")), _TERM_IN_PY)
    shapes = _terms_in(sorted((ONTOLOGY / "shapes").glob("*.ttl")), _TERM_IN_TEXT)
    assert "gradeCertainty" not in written and "gradeCertainty" not in shapes


def test_sentence_roles_align_to_the_discourse_elements_ontology():
    deo = "http://purl.org/spar/deo/"
    matched = {sentence_role_iri(r): _controlled().value(sentence_role_iri(r), SKOS.closeMatch)
               for r in SENTENCE_ROLES}
    assert matched[sentence_role_iri("results")] == URIRef(deo + "Results")
    assert all(m is not None for m in matched.values())
