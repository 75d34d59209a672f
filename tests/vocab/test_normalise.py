"""Normalisation: what must meet in a key does, what must not does not, offsets survive."""

from __future__ import annotations

import pytest

from kg.vocab.normalise import invert_term, normalise_term, tokenise


@pytest.mark.parametrize(("a", "b"), [
    ("N‐methyl‐D‐aspartate", "N-Methyl-D-Aspartate"),  # U+2010 hyphens
    ("N‑methyl‑D‑aspartate", "N methyl D aspartate"),  # U+2011, spaces
    ("complex regional pain syndromes", "Complex Regional Pain Syndrome"),
    ("cognitive behavioural therapy", "Cognitive Behavioral Therapy"),
    ("central sensitisation", "Central Sensitization"),
    ("haemorrhages", "Hemorrhage"),
    ("oedema", "Edema"),
    ("tumours", "Tumor"),
    ("β-blockers", "beta blocker"),
    ("Alzheimer's disease", "Alzheimer Disease"),
    ("CI581", "CI-581"),
    ("therapies", "therapy"),
])
def test_variants_meet(a: str, b: str) -> None:
    assert normalise_term(a) == normalise_term(b)


@pytest.mark.parametrize(("a", "b"), [
    ("NO", "no"),  # nitric oxide is not the word "no"
    ("AIDS", "aids"),
    ("complex pain", "complex, pain"),  # punctuation is kept
])
def test_distinct_things_stay_apart(a: str, b: str) -> None:
    assert normalise_term(a) != normalise_term(b)


def test_tokens_keep_original_offsets() -> None:
    text = "Ketamine, an N‐methyl‐D‐aspartate‐(NMDA)‐receptor antagonist"
    tokens = tokenise(text)
    assert [text[t.start:t.end] for t in tokens][:5] == ["Ketamine", ",", "an", "N", "methyl"]
    nmda = next(t for t in tokens if t.key == "NMDA")
    assert text[nmda.start:nmda.end] == "NMDA"


def test_shouted_titles_lose_their_acronym_case() -> None:
    shouted = "KETAMINE FOR COMPLEX REGIONAL PAIN SYNDROME IN ADULTS"
    assert [t.key for t in tokenise(shouted)][:2] == ["ketamine", "for"]
    assert normalise_term("AIDS") == "AIDS"  # vocabulary terms are never treated as shouting


@pytest.mark.parametrize(("term", "natural"), [
    ("Receptors, N-Methyl-D-Aspartate", "N-Methyl-D-Aspartate Receptors"),
    ("Anesthetics, Dissociative", "Dissociative Anesthetics"),
    ("Amino Acids, Excitatory, Antagonists", None),  # two commas: order unknown
    ("2,4-Dichlorophenoxyacetic Acid", None),  # a comma inside a chemical name
    ("Ketamine", None),
])
def test_inverted_mesh_terms(term: str, natural: str | None) -> None:
    assert invert_term(term) == natural
