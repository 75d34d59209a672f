from __future__ import annotations

from dataclasses import replace

import pytest

from kg.extract.certainty import lower_certainty as lower_grade
from kg.extract.model import Certainty
from kg.rdf.grading import certainty_of
from tests.factories import CASE_REPORT, RCT, make_extraction


@pytest.mark.parametrize(("grade", "steps", "expected"), [
    ("high", 0, "high"), ("high", 1, "moderate"), ("high", 3, "very-low"),
    ("low", 5, "very-low"), ("moderate", -1, "moderate"),
])
def test_lower_grade_steps_down_and_stops_at_very_low(grade, steps, expected):
    assert lower_grade(grade, steps) == expected


def _evidence(**changes):
    return replace(make_extraction().claims[0].evidence[0], **changes)


def test_certainty_without_rating_is_rated_from_its_downgrades():
    c = certainty_of(_evidence(design=RCT, certainty=Certainty("high", ("no-blinding",))))
    assert (c.starting, c.downgrades, c.rating) == ("high", ("no-blinding",), "moderate")


def test_stated_rating_is_kept():
    c = certainty_of(_evidence(certainty=Certainty("high", ("small-sample",), "high")))
    assert c.rating == "high"


@pytest.mark.parametrize(("design", "grade"), [(RCT, "high"), (CASE_REPORT, "very-low")])
def test_evidence_without_certainty_starts_from_its_design(design, grade):
    assert certainty_of(_evidence(design=design, certainty=None)) == Certainty(grade, (), grade)
