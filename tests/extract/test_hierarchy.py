"""The MeSH hierarchy in claim rules: a sentence's claim is about its most specific object."""

from __future__ import annotations

from kg.extract.design import assessment_for
from kg.extract.hierarchy import broader_from_trees, most_specific
from kg.extract.model import Claim, Evidence

MESH = "http://id.nlm.nih.gov/mesh/"
INHERITED, SYNDROME, DEAFNESS = MESH + "D1", MESH + "D2", MESH + "D3"
TREES = {INHERITED: ("C16.320",), SYNDROME: ("C16.320.400",), DEAFNESS: ("C09.218",)}
DESIGN = assessment_for("other", "test", "text")


def _claim(obj: str, start: int, subject: str = MESH + "G1") -> Claim:
    evidence = Evidence(sentence="s", section="abstract", start=start, end=start + 1,
                        design=DESIGN)
    return Claim(subject, "causes", obj, "supports", (evidence,))


def test_a_broader_object_of_the_same_sentence_is_dropped() -> None:
    claims = [_claim(INHERITED, 0), _claim(SYNDROME, 0), _claim(DEAFNESS, 0)]
    kept = most_specific(claims, broader_from_trees(TREES))
    assert [c.object for c in kept] == [SYNDROME, DEAFNESS]


def test_a_broader_object_elsewhere_or_of_another_subject_stays() -> None:
    claims = [_claim(INHERITED, 0), _claim(SYNDROME, 40), _claim(INHERITED, 80, MESH + "G2"),
              _claim(SYNDROME, 80)]
    assert most_specific(claims, broader_from_trees(TREES)) == claims
    assert most_specific(claims, None) == claims
