"""Reading the characters around a match: codes, "non-", verbs, organisations, dose units."""

from __future__ import annotations

import pytest

from kg.extract.grounding import (
    is_code_piece,
    is_dose_unit,
    is_negated_modifier,
    judge_spans,
    organisation_ranges,
)
from kg.extract.spans import Found
from kg.vocab.matcher import Target
from kg.vocab.normalise import tokenise

DRUG = Target("mesh:D1", "D1", "Drugamine", "intervention", "D")
DISORDER = Target("mesh:D2", "D2", "Low Mood Disorder", "condition", "C")


def _piece(text: str, part: str) -> bool:
    start = text.index(part)
    return is_code_piece(text, start, start + len(part))


@pytest.mark.parametrize(("text", "part"), [
    ("Carriers of XYZ2 variants", "XYZ"),  # a gene symbol: letters glued to a digit
    ("the abc123def allele", "abc"),  # a variant name
    ("QRS-TU-118 cells grew", "QRS"),  # a cell line: capitals then more capitals
    ("given 4-KLM orally", "KLM"),  # a compound code after a digit
    ("bound to KLM-25 in vitro", "KLM"),  # a protein numbered after a hyphen
])
def test_a_piece_of_a_code_is_not_a_name(text: str, part: str) -> None:
    assert _piece(text, part)


@pytest.mark.parametrize(("text", "part"), [
    ("KLM was given", "KLM"),
    ("KLM-induced relaxation", "KLM"),  # a lower-case word after the hyphen: a compound
    ("CRPS-I was diagnosed", "CRPS"),  # a roman numeral is a subtype, not a code
    ("(KLM) and", "KLM"),
])
def test_a_whole_word_is_a_name(text: str, part: str) -> None:
    assert not _piece(text, part)


def test_non_negates_the_next_word_only() -> None:
    text = "chronic non-cancer pain and non drug measures, not cancer"
    assert is_negated_modifier(text, text.index("cancer"))
    assert is_negated_modifier(text, text.index("drug"))
    assert not is_negated_modifier(text, text.rindex("cancer"))
    assert not is_negated_modifier("anon cancer", 5)


@pytest.mark.parametrize("tail", [" milligram equivalents", " equivalents", "-equivalent dose",
                                  " mg equivalent", " equianalgesic dose"])
def test_dose_units(tail: str) -> None:
    assert is_dose_unit("drugamine" + tail, len("drugamine"))


def test_a_drug_followed_by_other_words_is_not_a_unit() -> None:
    assert not is_dose_unit("drugamine was equivalent", len("drugamine"))
    assert not is_dose_unit("drugamine", len("drugamine"))


def test_organisation_names() -> None:
    text = ("Guidance from the Northern Society of Nerve Block and Pain Care and the Royal "
            "College of Healers was followed; an association between pain and mood was seen.")
    names = [text[a:b] for a, b in organisation_ranges(text)]
    assert names == ["the Northern Society of Nerve Block and Pain Care",
                     "the Royal College of Healers"]


def test_a_title_in_title_case_has_no_organisations() -> None:
    assert organisation_ranges("Association of Drugamine Use With Pain in Older Adults") == []


def _judge(text: str, *spans: tuple[str, Target]) -> list[tuple[str, bool]]:
    tokens = tokenise(text)
    starts = {t.start: i for i, t in enumerate(tokens)}
    found = []
    for surface, target in spans:
        first = starts[text.index(surface)]
        last = first + len(tokenise(surface))
        found.append(Found(first, last, target, 0.9))
    kept = judge_spans(text, tokens, found)
    return [(text[tokens[s.first].start:tokens[s.last - 1].end], s.nested) for s in kept]


def test_judge_drops_verbs_organisations_and_negations_and_keeps_units_as_other() -> None:
    text = "Drugamine depressed the reflex; 40 mg of drugamine equivalents."
    assert _judge(text, ("Drugamine", DRUG), ("depressed", DISORDER),
                  ("drugamine", DRUG)) == [("Drugamine", False), ("drugamine", True)]
    assert _judge("Depressed patients improved.", ("Depressed", DISORDER)) == [
        ("Depressed", False)]
    assert _judge("A drugamine-controlled design.", ("drugamine", DRUG)) == []
    text = "Members of the Pain Society met. Non-depressed controls."
    assert _judge(text, ("Pain", DISORDER), ("depressed", DISORDER)) == []


INFLAMMATION = Target("mesh:D3", "D3", "Swelling Disease", "condition", "C")


def test_depression_of_a_function_is_a_lowering_not_the_disorder() -> None:
    assert _judge("Drugamine caused depression of the cough reflex.",
                  ("Drugamine", DRUG), ("depression", DISORDER)) == [("Drugamine", False)]
    assert _judge("Depression of elderly people was common.", ("Depression", DISORDER)) == [
        ("Depression", False)]
    assert _judge("Depression was common.", ("Depression", DISORDER)) == [("Depression", False)]


def test_an_adjective_qualifying_the_next_disease_is_not_a_disease_of_its_own() -> None:
    allergic = Target("mesh:D4", "D4", "Drug Allergy", "condition", "C")
    text = "It sustains allergic airway swelling in children."
    assert _judge(text, ("allergic", allergic), ("swelling", INFLAMMATION)) == [
        ("swelling", False)]
    text = "Allergic reactions and swelling were rare."
    assert _judge(text, ("Allergic", allergic), ("swelling", INFLAMMATION)) == [
        ("Allergic", False), ("swelling", False)]


def test_a_substance_after_anti_is_not_given() -> None:
    assert _judge("Anti-drugamine therapy helped.", ("drugamine", DRUG)) == []
    assert _judge("Drugamine helped.", ("Drugamine", DRUG)) == [("Drugamine", False)]
