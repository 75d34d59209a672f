"""Span choice: longest first, entities inside non-entity names, local abbreviations."""

from __future__ import annotations

from kg.extract.spans import Found, apply_abbreviations, names_entity, select_spans
from kg.vocab.matcher import Target
from kg.vocab.normalise import tokenise

DRUG = Target("mesh:D1", "D1", "drug", "intervention", "D")
DISEASE = Target("mesh:D2", "D2", "disease", "condition", "C")
RECEPTOR = Target("mesh:D3", "D3", "receptor", "mechanism", "D")
CURATED = Target("ekg:x", "x", "curated", "intervention")


def test_entities_are_diseases_and_chemicals() -> None:
    assert names_entity(DRUG) and names_entity(DISEASE)
    assert not names_entity(RECEPTOR) and not names_entity(CURATED)


def test_longest_wins_and_overlay_breaks_ties() -> None:
    hits = [Found(0, 1, DISEASE, 0.9), Found(0, 3, DISEASE, 0.6), Found(2, 4, DRUG, 0.9),
            Found(4, 5, DRUG, 0.9, priority=1), Found(4, 5, CURATED, 0.9, priority=0)]
    chosen = select_spans(hits, 0.5)
    assert [(s.first, s.last, s.target.ui) for s in chosen] == [(0, 3, "D2"), (4, 5, "x")]


def test_weak_hits_do_not_block_shorter_ones() -> None:
    chosen = select_spans([Found(0, 3, DISEASE, 0.3), Found(1, 2, DRUG, 0.8)], 0.5)
    assert [(s.first, s.last) for s in chosen] == [(1, 2)]


def test_an_entity_inside_a_non_entity_name_is_nested() -> None:
    chosen = select_spans([Found(0, 2, RECEPTOR, 0.9), Found(0, 1, DRUG, 0.9),
                           Found(0, 2, DISEASE, 0.4)], 0.5)
    assert [(s.first, s.last, s.nested) for s in chosen] == [(0, 1, True), (0, 2, False)]
    inside_disease = select_spans([Found(0, 3, DISEASE, 0.9), Found(1, 2, DRUG, 0.9)], 0.5)
    assert [(s.first, s.last) for s in inside_disease] == [(0, 3)]


def test_abbreviation_rewrites_only_standalone_uses() -> None:
    text = "foo bar baz (FBB) then FBB and FBB receptor"
    tokens = tokenise(text)
    long_form = Found(0, 3, DISEASE, 0.9)
    receptor = Found(9, 11, RECEPTOR, 0.9)  # "FBB receptor"
    found = apply_abbreviations([text], [tokens], [[long_form, receptor]])[0]
    surfaces = [(text[tokens[s.first].start:tokens[s.last - 1].end], s.target.ui) for s in found]
    # the definition's own short form and the standalone use get the long form's concept;
    # the FBB inside "FBB receptor" stays part of the longer name
    assert surfaces == [("foo bar baz", "D2"), ("FBB", "D2"), ("FBB", "D2"),
                        ("FBB receptor", "D3")]
