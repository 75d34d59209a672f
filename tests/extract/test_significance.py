"""Significance of a reported comparison: wording, P values, confidence intervals, clauses."""

from __future__ import annotations

import pytest

from kg.extract.significance import clause_around, significance


@pytest.mark.parametrize("sentence", [
    "Headache scores did not differ between the two arms at four weeks.",
    "There was no significant difference in sleep quality between groups.",
    "Relapse rates were similar in both groups (21% v 24%).",
    "The change in fatigue was comparable across arms.",
    "Mean blood pressure fell slightly more on the new drug, but the difference was not "
    "statistically significant.",
    "Nausea was reported by 12% and 15% of participants (P = 0.42).",
    "Length of stay was 4.1 versus 4.4 days (p>0.05).",
    "The odds of readmission were 0.91 (95% CI 0.70 to 1.18).",
    "The mean difference in walking distance was 12 m (95% CI -4 to 28).",
    "The reduction in wound size failed to reach statistical significance.",
    "Anxiety scores were nonsignificantly lower with the app (P = 0.08).",
    "No statistically significant effect on mortality was found.",
    "Neither the low dose nor the high dose changed the hospitalisation rate.",
])
def test_null_results(sentence: str) -> None:
    assert significance(sentence) == "not_significant"


@pytest.mark.parametrize("sentence", [
    "Pain was significantly lower in the intervention arm at six weeks.",
    "The new drug produced a significant reduction in seizure frequency.",
    "Recovery took 3 days less with the splint (P = 0.003).",
    "Readmission fell from 20% to 12% (p<0.001).",
    "The risk of stroke was lower with the anticoagulant (hazard ratio 0.64; 95% CI 0.51 "
    "to 0.81).",
    "Walking distance improved by 40 m (95% CI 22 to 58) more than with usual care.",
    "Exercise was superior to advice alone for back pain.",
])
def test_significant_results(sentence: str) -> None:
    assert significance(sentence) == "significant"


def test_no_statistics_is_unstated() -> None:
    assert significance("Patients in the exercise group walked further.") == "unstated"


def test_p_value_at_alpha_counts_as_significant() -> None:
    assert significance("Fatigue was lower with the drug (P = 0.05).") == "significant"


def test_focus_picks_the_clause_of_the_outcome() -> None:
    sentence = ("Cough improved significantly with the inhaler (P = 0.01), whereas wheeze did "
                "not differ between groups (P = 0.6).")
    wheeze = sentence.index("wheeze")
    cough = sentence.index("Cough")
    assert significance(sentence, (wheeze, wheeze + 6)) == "not_significant"
    assert significance(sentence, (cough, cough + 5)) == "significant"
    assert "wheeze" in clause_around(sentence, (wheeze, wheeze + 6))


@pytest.mark.parametrize("sentence", [
    "Quality of life showed no between-group difference after a year.",
    "Smoking cessation was not associated with the allocated leaflet.",
    "Oral and intravenous iron were equally effective in raising ferritin.",
    "The shorter course was non-inferior to the standard course.",
    "Both arms had similar rates of wound infection.",
    "Sedation with the new agent did not result in fewer delirium days.",
    "Across all secondary outcomes, P values were > 0.05.",
    "Mortality was 8% and 9% (P=0·61).",
    "The risk ratio for falls was 0.97 (95% confidence interval [CI], 0.85-1.11).",
])
def test_more_null_wording(sentence: str) -> None:
    assert significance(sentence) == "not_significant"


def test_lowercase_or_is_not_an_odds_ratio() -> None:
    sentence = "Scores rose by 5 or more points (95% CI 0.5 to 1.5)."
    assert significance(sentence) == "significant"


@pytest.mark.parametrize("sentence, expected", [
    ("Pain fell in both groups over the twelve weeks.", "not_significant"),
    ("Pain fell more in the drug group than in the placebo group.", "unstated"),
    ("Depression improved similarly with either therapy.", "not_significant"),
    ("The injection made little or no difference to mobility.", "not_significant"),
    ("Fractures were fewer with the supplement (RR 0.72, 0.60-0.86).", "significant"),
    ("Fractures were as common with the supplement (RR 0.95, 0.80-1.12).", "not_significant"),
])
def test_within_group_change_and_bare_intervals(sentence: str, expected: str) -> None:
    assert significance(sentence) == expected


def test_focus_takes_the_p_value_printed_after_the_outcome() -> None:
    sentence = "Sleep (P = 0.31) and appetite (P = 0.002) both changed with the drug."
    sleep, appetite = sentence.index("Sleep"), sentence.index("appetite")
    assert significance(sentence, (sleep, sleep + 5)) == "not_significant"
    assert significance(sentence, (appetite, appetite + 8)) == "significant"
    assert significance(sentence) == "significant"
