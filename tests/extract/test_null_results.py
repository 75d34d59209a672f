"""Null results worded without a test ("similar in both groups", "none in either arm") and
significant results that a neighbouring null clause must not swallow. Sentences are the
project's own."""

from __future__ import annotations

import pytest

from kg.extract.significance import significance


@pytest.mark.parametrize("sentence", [
    "Wound infections were similar in both arms.",
    "The two diets gave similar rates of weight regain at one year.",
    "Comparable proportions of children in each group needed rescue inhaler use.",
    "There were no falls in either group during the trial.",
    "No cases of delirium occurred in either arm.",
    "None of the participants in both groups stopped treatment because of rash.",
    "Grip strength remained stable in the splint group and in the physiotherapy group.",
    "Neither group lost weight over the twelve weeks.",
    "Sleep duration did not change with melatonin or with placebo.",
    "The new inhaler was non-inferior to the standard inhaler for lung function.",
    "Equal numbers of patients in each arm were readmitted.",
    "The cream and the tablet produced similar itch relief.",
    "Both exercise plans lowered blood pressure to a similar extent.",
])
def test_null_wording_without_a_test(sentence: str) -> None:
    assert significance(sentence) == "not_significant"


def test_a_significant_clause_after_a_null_one_keeps_its_own_verdict() -> None:
    sentence = ("Hospital stay did not differ between arms (P = 0.40), but more catheters were "
                "replaced in the routine arm (P = 0.002).")
    focus = sentence.index("more catheters")
    assert significance(sentence, (focus - 4, focus + 14)) == "significant"
    assert significance(sentence, (0, 13)) == "not_significant"


@pytest.mark.parametrize("sentence", [
    "Pain fell more with the splint than with rest (P = 0.01).",
    "Fewer falls occurred with the exercise programme (rate ratio 0.70, 95% CI 0.55 to 0.89).",
    "Similar to earlier trials, the drug significantly lowered blood pressure (P < 0.001).",
])
def test_significant_results_stay_significant(sentence: str) -> None:
    assert significance(sentence) == "significant"
