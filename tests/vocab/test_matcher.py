"""The compiled matcher: keys, leftmost-longest spans, ranking, pickling."""

from __future__ import annotations

import pickle

from kg.vocab.matcher import (
    WEIGHT_ACRONYM,
    MatcherBuilder,
    Target,
    compile_matcher,
    is_acronym_key,
)
from kg.vocab.model import Concept
from kg.vocab.normalise import tokenise
from tests.vocab.tiny import tiny_vocabulary

TEXT = ("Ketamine (CI-581) blocks N-methyl-D-aspartate receptors in complex regional pain "
        "syndromes; Males with tumours and central sensitisation took the lead.")


def _found(matcher, text: str) -> dict[str, str]:
    tokens = tokenise(text)
    out = {}
    for span in matcher.find(tokens):
        surface = text[tokens[span.first].start:tokens[span.last - 1].end]
        out[surface] = matcher.targets[span.candidates[0][0]].ui
    return out


def test_spans_are_leftmost_longest_and_grounded() -> None:
    found = _found(compile_matcher(tiny_vocabulary().concepts), TEXT)
    assert found == {
        "Ketamine": "D007649",
        "CI-581": "D007649",
        "N-methyl-D-aspartate receptors": "D016194",  # inverted MeSH term, plural
        "complex regional pain syndromes": "D020918",  # not "pain"
        "tumours": "D009369",  # category heading without a tree number
        "central sensitisation": "D059333",
    }  # "Males" (no role) and "lead" (a stop word) are not recognised


def test_roles_and_mechanisms_are_on_the_target() -> None:
    matcher = compile_matcher(tiny_vocabulary().concepts)
    targets = {t.ui: t for t in matcher.targets}
    assert targets["D007649"].role == "intervention"
    assert targets["D007649"].mechanisms == (("D018691", "Excitatory Amino Acid Antagonists"),)
    assert targets["D016194"].role == "mechanism"
    assert targets["C000629870"].trees == "S"


def test_extra_keys_replace_and_silence_vocabulary_terms() -> None:
    builder = MatcherBuilder()
    builder.add_concepts(tiny_vocabulary().concepts)
    hypertension = Target("http://id.nlm.nih.gov/mesh/D006973", "D006973", "Hypertension",
                          "condition", "C")
    ketamine = builder.targets[builder.index_of["http://id.nlm.nih.gov/mesh/D007649"]]
    matcher = builder.with_extra({"hypertensive": [(hypertension, 0.9)],
                                  "ketalar": [(ketamine, 0.0)]}).build()
    found = _found(matcher, "Hypertensive patients took Ketalar.")
    assert found == {"Hypertensive": "D006973"}
    assert builder.build().lookup("hypertensive") == ()  # the builder itself is unchanged


def test_matcher_survives_pickling_with_plain_candidates() -> None:
    matcher = compile_matcher(tiny_vocabulary().concepts)
    restored = pickle.loads(pickle.dumps(matcher))
    assert _found(restored, TEXT) == _found(matcher, TEXT)
    target, weight, learned = restored.lookup("ketamine")[0]
    assert restored.targets[target].ui == "D007649" and weight == 0.9 and learned is False


def test_empty_matcher_finds_nothing() -> None:
    assert compile_matcher([]).find(tokenise("ketamine")) == []


def test_acronyms_start_below_the_threshold() -> None:
    drug = Concept("mesh:D1", "D1", "Examplamine", ("EXA", "exa-7"), ("D02.1",))
    matcher = compile_matcher([drug])
    assert is_acronym_key("EXA") and not is_acronym_key("exa") and not is_acronym_key("EXA 7")
    assert not is_acronym_key("EXAMP")  # longer short forms rarely collide
    assert matcher.lookup("EXA")[0][1] == WEIGHT_ACRONYM < 0.5
    assert matcher.lookup("examplamine")[0][1] == 0.9
