"""Structured-abstract headings map to sentence roles, part by part."""

from __future__ import annotations

import pytest

from kg.extract.headings import (
    heading_roles,
    inline_heading_roles,
    normalise_heading,
    role_for_heading,
)
from kg.records.registry import read_file


@pytest.mark.parametrize("label, role", [
    ("Background", "background"), ("INTRODUCTION", "background"), ("Importance", "background"),
    ("Objectives", "objective"), ("Aim of the study", "objective"), ("[Purpose]", "objective"),
    ("Materials and Methods", "methods"), ("PATIENTS & METHODS", "methods"),
    ("Design, setting, and participants", "methods"), ("Main outcome measures", "methods"),
    ("Outcomes", "methods"), ("Trial registration", "methods"), ("Funding", "methods"),
    ("Findings", "results"), ("Case presentation", "results"), ("CASE", "results"),
    ("Abstract.Results", "results"), ("Synopsis.Résumé.Résultats", "results"),
    ("Evidence synthesis", "results"),
    ("Interpretation", "conclusions"), ("Discussion", "conclusions"),
    ("Significance", "conclusions"), ("Clinical relevance", "conclusions"),
    ("Conclusions/Interpretation", "conclusions"), ("Limitations", "conclusions"),
])
def test_single_role_headings(label, role):
    assert heading_roles(label) == (role,)
    assert role_for_heading(label) == role


@pytest.mark.parametrize("label, roles", [
    ("Background and aims", ("background", "objective")),
    ("Methods and findings", ("methods", "results")),
    ("Results and discussion", ("results", "conclusions")),
])
def test_mixed_headings_name_every_role_in_order(label, roles):
    assert heading_roles(label) == roles
    assert role_for_heading(label) is None
    assert role_for_heading(label, roles[-1].upper()) == roles[-1]  # NLM's pick, when allowed


@pytest.mark.parametrize("label", ["Abstract", "SUMMARY", "Highlights", "Key points",
                                   "Editorial commentary", "Unlabelled", "", None])
def test_uninformative_headings_name_no_role(label):
    assert heading_roles(label) == ()
    assert role_for_heading(label, "UNASSIGNED") is None


def test_nlm_category_decides_only_what_the_label_cannot():
    assert heading_roles("Abstract", "RESULTS") == ("results",)
    assert heading_roles("Zusammenfassung", "CONCLUSIONS") == ("conclusions",)
    assert heading_roles("Case", "METHODS") == ("results",)  # a case report's case is its finding
    assert heading_roles("Summary background data") == ("background",)


def test_normalise_heading_strips_containers():
    assert normalise_heading(" Expanded abstract.Methods: ") == "METHODS"
    assert normalise_heading("CLINICAL TRIAL REGISTRATION—") == "CLINICAL TRIAL REGISTRATION"


def test_seed_record_headings(seed_path):
    record = next(iter(read_file(seed_path)))
    roles = [role_for_heading(p.label, p.nlm_category) for p in record.abstract]
    assert roles == ["background", "results", "conclusions"]


def test_inline_headings_start_runs_of_their_roles():
    sentences = ["BACKGROUND: Neck pain is common.", "It costs a lot.",
                 "PATIENTS AND METHODS: Forty adults stretched daily.",
                 "Results: Pain fell.", "Conclusion: Stretching helps."]
    assert inline_heading_roles(sentences) == [
        ("background",), ("background",), ("methods",), ("results",), ("conclusions",)]


@pytest.mark.parametrize("sentences", [
    ["Neck pain is common.", "Results: pain fell.", "Conclusion: stretching helps."],
    ["Background: neck pain is common.", "Stretching was tried.", "Pain fell."],
    ["Background: neck pain.", "Outcomes were as follows: pain fell.", "It helps."],
    [],
])
def test_inline_headings_need_a_structured_text(sentences):
    assert inline_heading_roles(sentences) == [()] * len(sentences)
