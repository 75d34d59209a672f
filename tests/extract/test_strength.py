"""Strength of effect claims: associations are ``associated_with``, counts without a test give
no effect. Every sentence here is written for the test; mentions are placed by hand."""

from __future__ import annotations

import pytest

from kg.extract.claims import extract_claims
from kg.extract.design import assessment_for
from kg.extract.model import Claim
from kg.extract.strength import is_association_wording, is_count_without_test
from tests.extract.test_claims import _record, mentions_in
from tests.extract.test_direction import VOCABULARY, _negex

VOCAB = [*VOCABULARY,
         ("smoking", "mesh:D012907", "Smoking", "intervention"),
         ("stroke", "mesh:D020521", "Stroke", "condition"),
         ("thrombosis", "mesh:D013927", "Thrombosis", "condition")]


def claims_in(text: str, design: str = "randomised-controlled-trial",
              section: str = "Results") -> tuple[Claim, ...]:
    """Claims of one sentence of a record of ``design``, every vocabulary word marked."""
    texts = {section: text, "title": ""}
    spec = [(name, *row) for name in texts for row in VOCAB]
    mentions = [_negex(m, texts) for m in mentions_in(texts, spec)]
    return extract_claims(_record("", (section, text)), mentions,
                          assessment_for(design, "test", "text"))


def relations(claims: tuple[Claim, ...]) -> set[tuple[str, str, str]]:
    return {(c.subject_label, c.relation, c.object_label) for c in claims}


def test_an_odds_ratio_in_a_cohort_is_an_association() -> None:
    claims = claims_in("Heavy smoking was associated with a higher incidence of stroke "
                       "(OR 2.1, 95% CI 1.3 to 3.4).", "cohort")
    assert relations(claims) == {("Smoking", "associated_with", "Stroke")}
    assert {c.direction for c in claims} == {"supports"}


def test_a_risk_factor_is_an_association_even_in_a_trial_report() -> None:
    claims = claims_in("Smoking is a well-known risk factor for stroke.", section="Background")
    assert ("Smoking", "causes", "Stroke") not in relations(claims)
    assert ("Smoking", "associated_with", "Stroke") in relations(claims)


def test_a_randomised_comparison_keeps_its_effect() -> None:
    claims = claims_in("Ketamine reduced pain more than placebo (P = 0.01).")
    assert relations(claims) == {("Ketamine", "treats", "Pain")}


def test_an_observational_finding_is_an_association_whatever_its_verb() -> None:
    claims = claims_in("In this cohort, ketamine reduced pain (P = 0.01).", "cohort")
    assert relations(claims) == {("Ketamine", "associated_with", "Pain")}


def test_an_observational_null_result_stays_null() -> None:
    claims = claims_in("Pain did not differ between ketamine users and non-users (P = 0.6).",
                       "retrospective-cohort")
    assert {(c.relation, c.direction) for c in claims} <= {("associated_with", "no_difference")}


def test_counts_in_one_arm_without_a_test_give_no_effect() -> None:
    assert not claims_in("In the HRT group there were 2 strokes and 3 cases of thrombosis; in "
                         "the placebo group one patient had thrombosis.")
    assert not claims_in("The two-year survival of the 30 patients treated with radiotherapy "
                         "was 80%.")


def test_an_induced_harm_keeps_its_cause() -> None:
    claims = claims_in("Ketamine-induced psychotomimetic effects were seen in 3 patients.")
    assert {c.relation for c in claims} == {"causes"}


@pytest.mark.parametrize(("text", "association"), [
    ("Obesity was associated with knee pain.", True),
    ("Serum urate correlated with gout flares.", True),
    ("Shift work is a risk factor for insomnia.", True),
    ("Low vitamin D was linked to falls.", True),
    ("Mast cells may play a central role in hives.", True),
    ("Ketamine reduced pain.", False),
    ("Ketamine-induced psychosis was rare.", False),
])
def test_association_wording(text: str, association: bool) -> None:
    assert is_association_wording(text) is association


@pytest.mark.parametrize(("text", "count"), [
    ("Three patients in the drug arm had a rash.", True),
    ("Five-year survival of the 40 treated women was 90%.", True),
    ("Rash occurred in 10% with the drug versus 2% with placebo.", False),
    ("Rash was more frequent with the drug (P = 0.01).", False),
    ("A 60-year-old man developed a rash after the first dose.", False),
])
def test_counts_without_a_test(text: str, count: bool) -> None:
    assert is_count_without_test(text) is count


def test_association_wording_of_another_clause_does_not_weaken_the_pair() -> None:
    claims = claims_in("Ketamine is used to relieve pain; receptor activity also contributes to "
                       "insomnia.", section="Background")
    assert ("Ketamine", "associated_with", "Pain") not in relations(claims)
    linked = claims_in("Ketamine use was associated with insomnia; pain was not recorded.",
                       section="Background")
    assert ("Ketamine", "associated_with", "Sleep Initiation and Maintenance Disorders") in (
        relations(linked))
