"""The design wording tables: random allocation and title-only review topics, on own phrases."""

from __future__ import annotations

import re

import pytest

from kg.extract.design_wording import RANDOM_ALLOCATION, TOPIC_TITLE


@pytest.mark.parametrize(("text", "random"), [
    ("were randomly allocated to", True),
    ("were allocated at random to", True),
    ("a random number table decided the arm", True),
    ("in random order", True),
    ("were selected randomly from the register", False),
    ("were assigned to the morning clinic", False),
])
def test_random_allocation(text: str, random: bool) -> None:
    assert bool(re.search(RANDOM_ALLOCATION, text, re.IGNORECASE)) is random


@pytest.mark.parametrize(("title", "review"), [
    ("Treatment of chronic cough.", True),
    ("Current concepts in ankle sprain.", True),
    ("A boy with a chronic cough.", False),
])
def test_topic_title(title: str, review: bool) -> None:
    assert bool(TOPIC_TITLE.search(title)) is review
