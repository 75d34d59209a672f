"""Study details: participants versus included studies, follow-up versus treatment duration."""

from __future__ import annotations

import pytest

from kg.extract.context import (
    find_follow_up,
    find_included_studies,
    find_pooled_participants,
    find_study_size,
    find_treatment_duration,
)


@pytest.mark.parametrize("text, follow_up, treatment", [
    ("A 5-day infusion of ketamine was given; pain was lower at 12-month follow-up.",
     "P12M", "P5D"),
    ("Patients were treated daily for 6 weeks and followed for 1 year.", "P12M", "P6W"),
    ("Twelve weeks of treatment with drug X were completed.", None, "P12W"),
    ("Patients were treated and followed for 2 years.", "P24M", None),
    ("During the 5\u2011day infusion, heart rate was stable.", None, "P5D"),
    ("Outcomes were assessed at 3 and 6 months.", "P6M", None),
])
def test_follow_up_is_not_treatment_duration(text, follow_up, treatment):
    assert find_follow_up(text) == follow_up
    assert find_treatment_duration(text) == treatment


def test_review_size_is_studies_and_pooled_participants():
    text = ("We searched five databases. Of 140 articles screened, 23 studies (1,204 "
            "participants) met the inclusion criteria.")
    assert find_included_studies(text) == 23
    assert find_pooled_participants(text) == 1204
    assert find_study_size(text, "systematic-review") == (1204, 23)


def test_a_review_without_pooled_participants_has_no_n():
    text = "We included 9 trials; trials needed at least 50 patients per arm."
    assert find_study_size(text, "systematic-review") == (None, 9)


def test_a_primary_study_counts_people_not_studies():
    text = "We enrolled 80 patients; earlier 23 studies were inconclusive."
    assert find_study_size(text, "randomised-controlled-trial") == (80, None)
    assert find_study_size("We describe her course.", "case-report") == (1, None)


def test_seed_details(seed_path):
    from kg.records.catalog import CatalogReader

    record = next(r for r in CatalogReader().read(seed_path.read_bytes(), str(seed_path)))
    text = f"{record.title}\n{record.abstract_text}"
    assert find_study_size(text, "case-report") == (1, None)
    assert find_follow_up(text) == "P12M"
    assert find_treatment_duration(text) == "P5D"


def test_pooled_participants_written_as_n():
    assert find_study_size("Twelve RCTs (n = 800) were included.", "systematic-review") == (
        800, 12)
