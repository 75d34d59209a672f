"""Schwartz–Hearst abbreviation definitions."""

from __future__ import annotations

import pytest

from kg.extract.abbreviations import find_abbreviations


@pytest.mark.parametrize(("text", "short", "long"), [
    ("patients with complex regional pain syndrome (CRPS) were", "CRPS",
     "complex regional pain syndrome"),
    ("a potent N‐methyl‐D‐aspartate‐(NMDA)‐receptor antagonist", "NMDA", "N‐methyl‐D‐aspartate"),
    ("with cognitive behavioral therapy (CBT) to", "CBT", "cognitive behavioral therapy"),
    ("in Parkinson's disease (PD).", "PD", "Parkinson's disease"),
    ("on peritoneal dialysis (PD) for years", "PD", "peritoneal dialysis"),
    ("levels of 5-hydroxytryptamine (5-HT) rose", "5-HT", "5-hydroxytryptamine"),
    ("tumor necrosis factor-alpha (TNF-alpha) release", "TNF-alpha",
     "tumor necrosis factor-alpha"),
])
def test_definitions_are_found(text: str, short: str, long: str) -> None:
    (found,) = find_abbreviations(text)
    assert (found.short, found.long) == (short, long)
    assert text[found.long_start:found.long_end] == long
    assert text[found.short_start:found.short_end] == short


@pytest.mark.parametrize("text", [
    "in 20 patients (n = 20) we",
    "as shown before (Table 1).",
    "the drug (ketamine) was",  # lower case: a gloss, not an abbreviation
    "a new syndrome (XYZ) appeared",  # letters that spell nothing before it
    "end of clause. Then (CRPS) alone",
])
def test_non_definitions_are_ignored(text: str) -> None:
    assert find_abbreviations(text) == []


@pytest.mark.parametrize(("text", "short", "long"), [
    ("two BAC (bacterial artificial chromosome) vectors", "BAC",
     "bacterial artificial chromosome"),
    ("given SNP (sodium nitroprusside) at", "SNP", "sodium nitroprusside"),
])
def test_reversed_definitions_are_found(text: str, short: str, long: str) -> None:
    (found,) = find_abbreviations(text)
    assert (found.short, found.long) == (short, long)
    assert text[found.long_start:found.long_end] == long
    assert text[found.short_start:found.short_end] == short


@pytest.mark.parametrize("text", [
    "the MDA (see the methods section) was",  # a remark, not a spelled-out form
    "on day 3 (two weeks later) we",
    "CRPS (regional pain) improved",  # the words do not start with its first letter
])
def test_remarks_in_brackets_are_not_reversed_definitions(text: str) -> None:
    assert find_abbreviations(text) == []
