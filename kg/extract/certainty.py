"""The certainty one finding starts from: its design's starting point, less what its abstract shows.

GRADE rates a *body* of evidence; one sentence of one abstract cannot be "GRADE high". What one
finding can carry is where GRADE would start it (randomised evidence high, observational low,
case reports and series very low; a review from the designs it included) and the reasons its
own abstract gives to lower that start one step each: no control group (risk of bias), open
label (risk of bias), a small sample (imprecision), animals, cells or healthy volunteers instead
of patients (indirectness), and a review whose authors call their evidence weak. The rolled-up
certainty of a claim across all its findings is computed over the store, not here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from kg.extract.design_details import states_weak_evidence
from kg.extract.design_table import GRADES, REVIEW_DESIGNS
from kg.extract.model import Certainty, DesignAssessment
from kg.extract.sentences import SentenceMentions

__all__ = ["SMALL_SAMPLE", "assess_certainty", "lower_certainty"]

SMALL_SAMPLE = 50
"""Fewer participants than this make any effect estimate imprecise (GRADE's optimal information
size is larger still for most outcomes, so this flags only the clearly small)."""

_UNCONTROLLED = frozenset({"case-report", "case-series", "uncontrolled-before-after"})
_CONTROLLED_TRIALS = frozenset({"randomised-controlled-trial", "non-randomised-controlled"})
_SINGLE_ARM = re.compile(r"\bsingle[- ](?:arm|group)\b|\buncontrolled\b|\bno control group\b"
                         r"|\bwithout (?:a )?control group\b", re.IGNORECASE)
_OPEN_LABEL = re.compile(r"\bopen[- ]label\b|\bunblinded\b|\bnon-?blinded\b|\bnot blinded\b",
                         re.IGNORECASE)
_HEALTHY = re.compile(r"\bhealthy (?:\w+ )?(?:volunteers|subjects|adults|participants|"
                      r"individuals|men|women|controls? only)\b", re.IGNORECASE)


def lower_certainty(starting: str, steps: int) -> str:
    """``starting`` lowered ``steps`` steps on GRADE's scale, never below very low."""
    return GRADES[min(len(GRADES) - 1, GRADES.index(starting) + max(0, steps))]


def assess_certainty(design: DesignAssessment, sentences: Sequence[SentenceMentions],
                     n: int | None) -> Certainty:
    """The starting certainty of a finding of this study, its downgrades and their result."""
    text = " ".join(s.text for s in sentences if s.role != "background")
    downgrades = tuple(name for name, check in _CHECKS
                       if check(design, text, n, sentences))
    return Certainty(design.grade, downgrades, lower_certainty(design.grade, len(downgrades)))


def _no_control(design: DesignAssessment, text: str, n: int | None,
                sentences: Sequence[SentenceMentions]) -> bool:
    if design.design in _UNCONTROLLED:
        return True
    return design.design not in REVIEW_DESIGNS and bool(_SINGLE_ARM.search(text))


def _no_blinding(design: DesignAssessment, text: str, n: int | None,
                 sentences: Sequence[SentenceMentions]) -> bool:
    return design.design in _CONTROLLED_TRIALS and bool(_OPEN_LABEL.search(text))


def _small(design: DesignAssessment, text: str, n: int | None,
           sentences: Sequence[SentenceMentions]) -> bool:
    return n is not None and n < SMALL_SAMPLE


def _animal(design: DesignAssessment, text: str, n: int | None,
            sentences: Sequence[SentenceMentions]) -> bool:
    return design.design == "animal-study"


def _in_vitro(design: DesignAssessment, text: str, n: int | None,
              sentences: Sequence[SentenceMentions]) -> bool:
    return design.design == "in-vitro-study"


def _healthy(design: DesignAssessment, text: str, n: int | None,
             sentences: Sequence[SentenceMentions]) -> bool:
    return design.design not in REVIEW_DESIGNS and bool(_HEALTHY.search(text))


def _weak_review(design: DesignAssessment, text: str, n: int | None,
                 sentences: Sequence[SentenceMentions]) -> bool:
    return design.design in REVIEW_DESIGNS and states_weak_evidence(sentences) is not None


_Check = Callable[[DesignAssessment, str, "int | None", Sequence[SentenceMentions]], bool]
_CHECKS: tuple[tuple[str, _Check], ...] = (
    ("no-control-group", _no_control),
    ("no-blinding", _no_blinding),
    ("small-sample", _small),
    ("indirect-animal", _animal),
    ("indirect-in-vitro", _in_vitro),
    ("indirect-healthy-volunteers", _healthy),
    ("weak-evidence-stated", _weak_review),
)
"""Each downgrade (a slug of ``kg.extract.model.DOWNGRADES``) and the test that finds it."""
