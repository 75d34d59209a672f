"""Hedge cues: speculation is marked, plain reports and adjectival "possible" are not."""

from __future__ import annotations

import pytest

from kg.extract.hedging import hedge_cue, is_hedged
from tests.extract.test_strength import claims_in


@pytest.mark.parametrize("sentence", [
    "Ketamine may reduce pain in these patients.",
    "These findings suggest that ketamine relieves pain.",
    "The benefit might be confined to younger adults.",
    "The splint appears to shorten recovery.",
    "Relief was probably due to the nerve block.",
    "It is possible that the placebo arm improved through regression to the mean.",
    "Long-term safety remains unclear.",
    "Exercise is likely to help.",
    "We hypothesised that sleep would improve.",
])
def test_hedged(sentence: str) -> None:
    assert is_hedged(sentence)


@pytest.mark.parametrize("sentence", [
    "Possible mechanisms of ketamine analgesia were reviewed.",
    "Potential side effects were recorded at every visit.",
    "Ketamine reduced pain at four weeks (P = 0.01).",
    "Patients were enrolled between May 2019 and June 2020.",
    "We could not recruit enough patients, so the trial stopped early.",
    "It was not possible to blind the surgeons.",
])
def test_not_hedged(sentence: str) -> None:
    assert not is_hedged(sentence)


def test_hedge_cue_names_the_words() -> None:
    assert hedge_cue("The drug might help.") == "might"
    assert hedge_cue("The drug helped.") is None


def test_hedged_conclusion_is_marked_and_counts_less() -> None:
    hedged = claims_in("Ketamine may reduce pain in these patients.", section="Conclusions")
    plain = claims_in("Ketamine reduced pain in these patients.", section="Conclusions")
    assert [e.hedged for c in hedged for e in c.evidence] == [True]
    assert [e.hedged for c in plain for e in c.evidence] == [False]
    assert hedged[0].evidence[0].confidence < plain[0].evidence[0].confidence


def test_adjectival_possible_does_not_hedge_a_result() -> None:
    claims = claims_in("Possible mechanisms were examined, and ketamine reduced pain.")
    assert [e.hedged for c in claims for e in c.evidence] == [False]
