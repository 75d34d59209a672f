"""Study design classification and the evidence level it starts from."""

from __future__ import annotations

import pytest

from kg.extract.design import (
    DESIGNS,
    GRADES,
    assess_design,
    assessment_for,
    design_from_object_types,
    design_from_text,
    fabio_class_for,
)
from kg.records.model import AbstractSection, MeshHeading, Record, SourceInfo

FABIO = "http://purl.org/spar/fabio/"


def _record(title: str = "A study", abstract: str = "", publication_types: tuple[str, ...] = (),
            object_types: tuple[str, ...] = (), headings: tuple[str, ...] = ()) -> Record:
    return Record(
        source=SourceInfo("x.txt", 0, 1, "test", "0" * 64), title=title,
        abstract=(AbstractSection(abstract),) if abstract else (),
        publication_types=publication_types, object_types=object_types,
        mesh_headings=tuple(MeshHeading(f"D{i:06d}", h) for i, h in enumerate(headings)))


def test_controlled_list_is_complete_and_consistent():
    expected = {"randomised-controlled-trial", "systematic-review", "cohort", "case-control",
                "case-series", "case-report", "cross-sectional", "narrative-review", "guideline",
                "animal-study", "in-vitro-study", "expert-opinion", "other"}
    assert set(DESIGNS) == expected
    for info in DESIGNS.values():
        assert 1 <= info.ocebm_level <= 5
        assert info.grade in GRADES
        assert info.fabio is None or info.fabio.startswith(FABIO)


@pytest.mark.parametrize("slug, level, grade", [
    ("systematic-review", 1, "high"), ("randomised-controlled-trial", 2, "high"),
    ("cohort", 3, "low"), ("case-control", 4, "low"), ("case-series", 4, "very-low"),
    ("case-report", 4, "very-low"), ("animal-study", 5, "very-low"),
    ("expert-opinion", 5, "very-low"),
])
def test_levels_for_treatment_benefit(slug, level, grade):
    assessment = assessment_for(slug, "test", "text")
    assert (assessment.ocebm_level, assessment.grade) == (level, grade)
    assert assessment.question == "treatment-benefit"


def test_other_question_types_change_the_level():
    assert assessment_for("cohort", "t", "text", question="prognosis").ocebm_level == 2
    assert assessment_for("cross-sectional", "t", "text", question="diagnosis").ocebm_level == 2
    assert assessment_for("case-report", "t", "text", question="prognosis").ocebm_level == 4


def test_fabio_classes():
    assert fabio_class_for("case-report") == FABIO + "ClinicalCaseReport"
    assert fabio_class_for("narrative-review") == FABIO + "ReviewArticle"
    assert fabio_class_for("randomised-controlled-trial") == FABIO + "ClinicalTrialReport"
    assert fabio_class_for("other") is None
    assert fabio_class_for("no-such-design") is None


def test_publication_type_wins_and_reason_is_written_out():
    a = assess_design(_record(publication_types=("Journal Article", "Case Reports", "Review"),
                              abstract="We conducted a randomized controlled trial."))
    assert a.design == "case-report"
    assert a.source == "publication-type"
    assert a.reason.startswith("case report → OCEBM level 4, GRADE very low")
    assert "Case Reports" in a.reason


@pytest.mark.parametrize("types, slug", [
    (("Randomized Controlled Trial",), "randomised-controlled-trial"),
    (("Meta-Analysis", "Review"), "systematic-review"),
    (("Systematic Review",), "systematic-review"),
    (("Practice Guideline",), "guideline"),
    (("Review",), "narrative-review"),
    (("Editorial",), "expert-opinion"),
])
def test_publication_types(types, slug):
    assert assess_design(_record(publication_types=types)).design == slug


def test_review_with_systematic_cue_is_a_systematic_review():
    a = assess_design(_record(publication_types=("Review",),
                              abstract="We performed a systematic review of 12 trials."))
    assert a.design == "systematic-review"


def test_weak_publication_type_yields_to_text():
    record = _record(publication_types=("Observational Study",),
                     abstract="In this case-control study of 200 women ...")
    assert assess_design(record).design == "case-control"
    assert assess_design(_record(publication_types=("Observational Study",))).design == "cohort"


def test_catalogue_object_types():
    assert design_from_object_types(["ObjectType-Case Study-2", "ObjectType-Article-3"]) == (
        "case-report", "Case Study")
    a = assess_design(_record(object_types=("ObjectType-Feature-4", "ObjectType-Case Study-2")))
    assert (a.design, a.source) == ("case-report", "catalogue")


@pytest.mark.parametrize("title, abstract, slug", [
    ("", "Patients were randomly assigned to ketamine or placebo.",
     "randomised-controlled-trial"),
    ("", "A double-blind placebo-controlled study of ketamine.", "randomised-controlled-trial"),
    ("", "We present a case of a woman with CRPS.", "case-report"),
    ("Ketamine for pain: a case report", "", "case-report"),
    ("", "A 45-year-old man developed a rash.", "case-report"),
    ("", "We describe five patients treated with ketamine.", "case-series"),
    ("", "A retrospective cohort of 1200 adults was followed.", "cohort"),
    ("", "A meta-analysis of 14 trials.", "systematic-review"),
    ("Ketamine reduces allodynia in rats", "Rats received ketamine.", "animal-study"),
    ("", "Ketamine was given to mice with nerve injury.", "animal-study"),
    ("", "Cultured cells were exposed to ketamine in vitro.", "in-vitro-study"),
    ("", "A cross-sectional survey of 300 nurses.", "cross-sectional"),
])
def test_text_cues(title, abstract, slug):
    found = design_from_text(title, abstract)
    assert found is not None and found[0] == slug


def test_animal_background_in_a_human_study_is_not_an_animal_study():
    found = design_from_text("", "Ketamine helped in mice; we report a case of a patient.")
    assert found is not None and found[0] == "case-report"


def test_title_cue_beats_abstract_cue():
    found = design_from_text("A systematic review", "We present a case from our clinic.")
    assert found is not None and found[0] == "systematic-review"


def test_animal_check_tags_and_unknown():
    assert assess_design(_record(headings=("Animals", "Rats"))).design == "animal-study"
    unknown = assess_design(_record(headings=("Animals", "Humans")))
    assert (unknown.design, unknown.ocebm_level, unknown.grade) == ("other", 5, "very-low")


def test_text_hints_can_be_switched_off():
    record = _record(abstract="We present a case of CRPS.")
    assert assess_design(record).design == "case-report"
    assert assess_design(record, text_hints=False).design == "other"


def test_seed_is_a_case_report(seed_path):
    from kg.records.catalog import CatalogReader

    record = next(r for r in CatalogReader().read(seed_path.read_bytes(), str(seed_path)))
    a = assess_design(record)
    assert (a.design, a.ocebm_level, a.grade) == ("case-report", 4, "very-low")
    assert "case report → OCEBM level 4, GRADE very low" in a.reason
