"""NegEx-style negation, hedging and outcome cues."""

from __future__ import annotations

import pytest

from kg.extract.negation import SectionContext, is_hedged, is_negated, is_outcome_context


@pytest.mark.parametrize(("before", "after", "negated"), [
    ("There were no ", " after the infusion.", True),
    ("The patient denied ", ".", True),
    ("Treated without ", ".", True),
    ("in the absence of ", ".", True),
    ("", " was ruled out.", True),
    ("", " were not observed in any patient.", True),
    ("No change in pain, but ", " increased.", False),  # "but" ends the scope
    ("Ketamine reduced ", ".", False),
    ("It was not clear whether the long list of symptoms included ", ".", False),  # too far
    ("After irradiation no solid ", " were seen in the treated field.", True),
    ("The drug did not reduce ", ".", True),  # the cue's negation: the claim decides (null)
    ("Fewer patients reported ", ", but no rash was seen.", False),
])
def test_negation(before: str, after: str, negated: bool) -> None:
    assert is_negated(before, after) is negated


@pytest.mark.parametrize(("sentence", "hedged"), [
    ("CRPS may involve catecholamine hypersensitivity.", True),
    ("These findings suggest a role for central sensitization.", True),
    ("Ketamine was possibly effective.", True),
    ("It is possible that ketamine acts centrally.", True),
    ("Ketamine reduced pain scores.", False),
    ("This was possible through a combination of ketamine and CBT.", False),
])
def test_hedging(sentence: str, hedged: bool) -> None:
    assert is_hedged(sentence) is hedged


@pytest.mark.parametrize(("before", "outcome"), [
    ("to minimize ", True),
    ("a major improvement in ", True),
    ("reduced the incidence of ", True),
    ("patients with ", False),
])
def test_outcome_context(before: str, outcome: bool) -> None:
    assert is_outcome_context(before) is outcome


def test_section_context_works_per_sentence() -> None:
    text = "Pain was absent. Nausea was common."
    context = SectionContext(text)
    nausea = text.index("Nausea")
    assert context.sentence_of(nausea).text == "Nausea was common."
    assert not context.assess(nausea, nausea + 6).negated
