"""Direction, significance and relation typing of effect claims, sentence by sentence.

Every sentence here is written for the test; the mentions are placed by hand so only the claim
rules are tested.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from kg.extract.claims import extract_claims
from kg.extract.design import assessment_for
from kg.extract.direction import (
    change_of,
    changed_before,
    effect_of,
    is_beneficial,
    limited_efficacy,
)
from kg.extract.model import Claim, Mention
from kg.extract.negation import SectionContext
from tests.extract.test_claims import MESH, _find, _record, mentions_in

RCT = assessment_for("randomised-controlled-trial", "test", "text")
HRT, INSOMNIA = MESH + "D006728", MESH + "D007319"
KETAMINE, PAIN, NEURALGIA = MESH + "D007649", MESH + "D010146", MESH + "D009437"
RADIOTHERAPY, NEOPLASMS = MESH + "D011878", MESH + "D009369"
PSYCHOSIS, ADDICTION = MESH + "D011605", MESH + "D019966"

VOCABULARY = [
    ("hormone therapy", "mesh:D006728", "Hormone Replacement Therapy", "intervention"),
    ("HRT", "mesh:D006728", "Hormone Replacement Therapy", "intervention"),
    ("insomnia", "mesh:D007319", "Sleep Initiation and Maintenance Disorders", "condition"),
    ("ketamine", "mesh:D007649", "Ketamine", "intervention"),
    ("placebo", "mesh:D010919", "Placebos", "intervention"),
    ("pain", "mesh:D010146", "Pain", "condition"),
    ("nerve pain", "mesh:D009437", "Neuralgia", "condition"),
    ("radiotherapy", "mesh:D011878", "Radiotherapy", "intervention"),
    ("tumours", "mesh:D009369", "Neoplasms", "condition"),
    ("psychotomimetic effects", "mesh:D011605", "Psychoses, Substance-Induced", "condition"),
    ("addiction", "mesh:D019966", "Substance-Related Disorders", "condition"),
    ("quality of life", "mesh:D011788", "Quality of Life", "outcome"),
]


def claims_of(text: str, section: str = "Results", title: str = "") -> tuple[Claim, ...]:
    """Claims of one sentence in a section of that name, with every vocabulary word marked."""
    texts = {section: text, "title": title}
    spec = [(name, *row) for name in texts for row in VOCABULARY]
    record = _record(title, (section, text))
    return extract_claims(record, [_negex(m, texts) for m in mentions_in(texts, spec)], RCT)


def _negex(mention: Mention, texts: dict[str, str]) -> Mention:
    """The mention with the negation the recogniser would find around it."""
    context = SectionContext(texts[mention.section or ""])
    negated = context.assess(mention.start or 0, mention.end or 0).negated
    return replace(mention, negated=negated)


def pairs(claims: tuple[Claim, ...]) -> set[tuple[str, str, str, str]]:
    return {(c.subject, c.relation, c.object, c.direction) for c in claims}


def test_fewer_cases_of_a_harm_is_a_benefit_not_a_cause():
    claims = claims_of("Significantly fewer women given hormone therapy reported insomnia "
                       "than women given placebo.")
    assert (HRT, "treats", INSOMNIA, "supports") in pairs(claims)
    assert not _find(claims, "causes")


def test_more_cases_of_a_side_condition_is_caused():
    claims = claims_of("More women in the HRT group reported insomnia (P = 0.01).")
    assert (HRT, "causes", INSOMNIA, "supports") in pairs(claims)
    assert not _find(claims, "treats")


def test_worse_outcome_of_the_indication_refutes_the_treatment():
    claims = claims_of("Pain was higher with ketamine than with placebo (P = 0.02).",
                       title="Ketamine for pain after surgery")
    assert (KETAMINE, "treats", PAIN, "refutes") in pairs(claims)
    assert not _find(claims, "causes")


def test_negated_outcome_gives_no_claim():
    claims = claims_of("After radiotherapy no tumours were seen in the treated field.")
    assert not [c for c in claims if c.subject == RADIOTHERAPY]


def test_limited_efficacy_refutes_and_causes_nothing():
    claims = claims_of("The efficacy of ketamine is limited for nerve pain.", "Conclusions")
    assert (KETAMINE, "treats", NEURALGIA, "refutes") in pairs(claims)
    assert not _find(claims, "causes")


def test_resulting_reductions_are_a_benefit():
    claims = claims_of("Ketamine resulted in significant reductions in pain.")
    assert pairs(claims) == {(KETAMINE, "treats", PAIN, "supports")}


@pytest.mark.parametrize("text", [
    "Pain did not differ between ketamine and placebo.",
    "Pain scores were similar with ketamine and placebo (P = 0.48).",
    "Ketamine lowered pain slightly, but not significantly.",
])
def test_null_results_are_no_difference_claims(text):
    claims = claims_of(text)
    assert pairs(claims) == {(KETAMINE, "treats", PAIN, "no_difference")}
    assert claims[0].evidence[0].kind == "finding"


def test_harms_the_abstract_reports_are_caused():
    harms = claims_of("Ketamine produced more psychotomimetic effects than placebo.")
    assert (KETAMINE, "causes", PSYCHOSIS, "supports") in pairs(harms)
    risk = claims_of("Repeated ketamine use carries a risk of addiction.", "Conclusions")
    assert (KETAMINE, "causes", ADDICTION, "supports") in pairs(risk)


def test_efficacy_wording_never_gives_causes():
    claims = claims_of("Ketamine improved quality of life and relieved pain.")
    assert {c.relation for c in claims} == {"treats"}


def test_cooccurrence_without_relation_wording_gives_no_claim():
    assert not claims_of("Ketamine and pain diaries were collected every week.")


# --- the pieces --------------------------------------------------------------------------

def _mention(label: str, role: str = "condition") -> Mention:
    return Mention(MESH + "D000001", label, role)  # type: ignore[arg-type]


@pytest.mark.parametrize("sentence, word, change", [
    ("Fewer patients reported nausea.", "nausea", "down"),
    ("Nausea was more common.", "Nausea", "up"),
    ("Mobility improved markedly.", "Mobility", "better"),
    ("Nausea made the trial all the more remarkable.", "Nausea", None),
    ("Increased intracranial pressure was seen.", "Increased intracranial pressure", None),
])
def test_change_of(sentence, word, change):
    start = sentence.index(word)
    assert change_of(sentence, start, start + len(word)) == change


def test_polarity_of_outcomes():
    assert is_beneficial(_mention("Quality of Life", "outcome"))
    assert not is_beneficial(_mention("Insomnia"))
    assert effect_of("down", _mention("Insomnia")) == "benefit"
    assert effect_of("down", _mention("Survival Rate", "outcome")) == "harm"


def test_limited_efficacy_wording():
    assert limited_efficacy("Its effectiveness remains poor in older adults.")
    assert not limited_efficacy("Its effectiveness was shown in older adults.")


def test_a_drug_named_as_what_was_measured_is_not_the_intervention():
    claims = claims_of("Daily ketamine dose was lower and pain scores fell in the exercise arm.")
    assert not [c for c in claims if c.subject == KETAMINE]


def test_a_comparative_reaches_every_outcome_of_its_list():
    claims = claims_of("Fewer women given hormone therapy reported night pain (P<0.001), "
                       "headache (P=0.002) and insomnia (P<0.001) than with placebo.")
    assert (HRT, "treats", INSOMNIA, "supports") in pairs(claims)
    assert not _find(claims, "causes")


def test_an_induced_condition_is_named_not_compared():
    claims = claims_of("The new compound was equivalent to the old one in ketamine-induced "
                       "psychotomimetic effects.", "Conclusions")
    assert (KETAMINE, "causes", PSYCHOSIS, "supports") in pairs(claims)


def test_a_change_of_the_intervention_itself_is_not_its_effect():
    sentence = "Our data indicate that reductions in HRT may characterise forms of insomnia."
    assert not claims_of(sentence, "Conclusions")
    assert pairs(claims_of("Insomnia was less frequent in the HRT group (P = 0.01).")) == {
        (HRT, "treats", INSOMNIA, "supports")}


@pytest.mark.parametrize(("before", "changed"), [
    ("reductions in ", True),
    ("higher serum levels of ", True),
    ("increased ", True),
    ("patients given ", False),
    ("lower doses of ", False),
])
def test_changed_before(before: str, changed: bool):
    text = before + "ketamine"
    assert changed_before(text, len(before)) is changed


@pytest.mark.parametrize(("sentence", "expected"), [
    ("The time to pain relapse was longer with ketamine than with placebo (P = 0.01).",
     (KETAMINE, "treats", PAIN, "supports")),
    ("Time to first pain was shorter with ketamine than with placebo (P = 0.01).",
     (KETAMINE, "causes", PAIN, "supports")),
])
def test_a_time_to_an_outcome_turns_its_polarity(sentence: str, expected: tuple) -> None:
    assert pairs(claims_of(sentence)) == {expected}
