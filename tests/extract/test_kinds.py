"""Evidence kind from the sentence role: findings, the study's question, citations."""

from __future__ import annotations

import pytest

from kg.extract.design import assessment_for
from kg.extract.kinds import evidence_kind, mechanism_kind

RCT = assessment_for("randomised-controlled-trial", "test", "text")
CASE = assessment_for("case-report", "test", "text")


@pytest.mark.parametrize("role, kind", [
    ("results", "finding"), ("conclusions", "finding"), ("background", "cited"),
    ("title", "studied-for"), ("objective", "studied-for"), ("methods", "studied-for"),
])
def test_effect_statement_kinds(role, kind):
    assert evidence_kind(role, RCT) == kind


def test_a_case_description_is_the_case_reports_result():
    assert evidence_kind("methods", CASE) == "finding"
    assert evidence_kind("title", CASE) == "studied-for"


def test_mechanisms_are_findings_only_when_reported_plainly():
    assert mechanism_kind("results", hedged=False) == "finding"
    assert mechanism_kind("conclusions", hedged=True) == "cited"
    assert mechanism_kind("background", hedged=False) == "cited"
