"""Design from the study's own wording: random allocation decides a trial, "non-randomised"
must name the design, an aim filed under a background heading still speaks of the study, and a
record that is only a title can name a review by its topic. Sentences are the project's own."""

from __future__ import annotations

import pytest

from kg.extract.design import assess_design, design_from_text
from kg.records.model import AbstractSection, Record, SourceInfo

_SOURCE = SourceInfo("test", 0, None, "text", "0" * 64)


def design_of(title: str, *sections: tuple[str, str]) -> str:
    """The design of a record with these headed abstract sections and no publication types."""
    record = Record(source=_SOURCE, title=title,
                    abstract=tuple(AbstractSection(text, label) for label, text in sections))
    return assess_design(record).design


@pytest.mark.parametrize("methods", [
    "Eighty adults were randomly categorised into two groups of forty.",
    "Wards were allocated at random to the new rota or the old one.",
    "Allocation used a computer-generated random sequence held by a pharmacist.",
    "Children were randomly and equally assigned to the game or to a leaflet.",
    "Each volunteer drank both juices, in random order, a week apart.",
])
def test_random_allocation_wording_is_a_trial(methods: str) -> None:
    assert design_of("Exercise for knee pain", ("METHODS", methods)) == (
        "randomised-controlled-trial")


def test_random_allocation_outranks_a_quasi_experimental_label() -> None:
    assert design_of("Teaching inhaler use", (
        "METHODS", "This quasi-experimental study enrolled sixty nurses. The nurses were "
        "randomly assigned to two groups of thirty.")) == "randomised-controlled-trial"


@pytest.mark.parametrize("methods", [
    "This quasi-experimental study compared two wards before and after the change.",
    "A non-randomised controlled trial compared the two clinics.",
    "Patients were quasi-randomised by day of admission.",
])
def test_allocation_not_by_chance_is_not_a_trial(methods: str) -> None:
    assert design_of("Ward routines", ("METHODS", methods)) == "non-randomised-controlled"


def test_non_randomised_patients_beside_a_randomised_study() -> None:
    assert design_of("Stroke prevention", (
        "METHODS", "This open, randomised, multicentre study enrolled 300 patients. We also "
        "describe non-randomised patients screened in the same clinics.")) == (
        "randomised-controlled-trial")


def test_an_aim_under_a_background_heading_speaks_of_the_study() -> None:
    assert design_of("Equity in a village programme", (
        "BACKGROUND", "The aim of this study is to weigh equity in the village programme, a "
        "cluster-randomised trial in twelve districts."), (
        "METHODS", "Semi-structured interviews were held with mothers.")) == (
        "randomised-controlled-trial")


@pytest.mark.parametrize("title", [
    "Management of gout in older adults.",
    "Advances in the care of burns.",
    "Aspirin: receptor interactions and clinical relevance.",
])
def test_a_title_only_record_names_a_review_by_its_topic(title: str) -> None:
    found = design_from_text(title, "")
    assert found is not None and found[0] == "narrative-review"


def test_a_topic_title_does_not_override_an_abstract() -> None:
    found = design_from_text("Management of gout in older adults.",
                             "Ninety patients were randomly assigned to diet or to a drug.")
    assert found is not None and found[0] == "randomised-controlled-trial"
