"""What a review or trial says beyond its design: included designs, allocation, weak evidence.

A review's level follows the designs it included, which its search, methods and results sentences
name ("we included 12 randomised trials", "most were case series"); a randomised trial may be
parallel-group, cluster or crossover; and a review's own conclusion may call its evidence weak,
which lowers its level and the certainty its findings start from.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from kg.extract.design_wording import NOT_NEGATED, RANDOMISED
from kg.extract.sentences import SentenceMentions

__all__ = ["find_included_designs", "find_subtype", "states_weak_evidence"]

_RANDOMISED = re.compile(NOT_NEGATED + r"\b" + RANDOMISED + r"\b|\brandomly (?:assigned|allocated)",
                         re.IGNORECASE)


_R, _NOT_NEG = RANDOMISED, NOT_NEGATED


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


_INCLUDED: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("randomised-controlled-trial", _rx(_NOT_NEG + r"\b" + _R + r"\b(?! (?:and|or) non)"
                                        r"|" + _NOT_NEG + r"\bRCTs?\b")),
    ("non-randomised-controlled", _rx(r"\bnon-?\s?" + _R + r"|\bquasi-?experimental|"
                                      r"\bcontrolled before")),
    ("cohort", _rx(r"\bcohort|\bobservational|\blongitudinal|\b(?:prospective|retrospective) "
                   r"stud")),
    ("case-control", _rx(r"\bcase[- ]control")),
    ("cross-sectional", _rx(r"\bcross[- ]sectional|\bsurveys\b")),
    ("case-series", _rx(r"\bcase series|\bcase reports?\b|\bcase studies\b")),
    ("animal-study", _rx(r"\banimal (?:studies|models?|experiments?)|\bpreclinical stud")),
)


def find_included_designs(sentences: Sequence[SentenceMentions]) -> tuple[str, ...]:
    """Designs a review says it searched for or included (search, methods and results)."""
    text = " ".join(s.text for s in sentences if s.role not in ("title", "background"))
    return tuple(design for design, pattern in _INCLUDED if pattern.search(text))


_SUBTYPES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("crossover", _rx(r"\bcross-?over\b")),
    ("cluster", _rx(r"\bcluster[- ]" + _R + r"|\bcluster (?:trial|RCT)|\b" + _R
                    + r" by (?:cluster|practice|school|ward|village|hospital)")),
    ("parallel", _rx(r"\bparallel[- ](?:group|arm|design)")),
)


def find_subtype(sentences: Sequence[SentenceMentions], design: str) -> str | None:
    """Crossover, cluster or parallel-group for a randomised trial; "randomised" for an animal
    or in-vitro experiment that says it randomised (its design stays non-human)."""
    text = " ".join(s.text for s in sentences if s.role != "background")
    if design == "randomised-controlled-trial":
        return next((name for name, pattern in _SUBTYPES if pattern.search(text)), None)
    if design in ("animal-study", "in-vitro-study") and _RANDOMISED.search(text):
        return "randomised"
    return None


_WEAK = _rx(
    r"\b(?:weak|low[- ](?:quality|certainty|level)|very[- ]low|limited|insufficient|"
    r"inconclusive|poor[- ]quality|scarce|sparse|scant|inadequate|little|no (?:high|good|"
    r"robust|conclusive|strong)[- ]?(?:quality)?)\s+(?:\w+\s+){0,2}?(?:evidence|data)\b"
    r"|\bevidence (?:is|was|remains|are|were) (?:\w+ )?(?:weak|limited|insufficient|"
    r"inconclusive|lacking|scarce|sparse|of (?:low|very low|poor) (?:quality|certainty))"
    r"|\black of (?:\w+ ){0,2}evidence\b|\binsufficient to (?:draw|support|determine)")


def states_weak_evidence(sentences: Sequence[SentenceMentions]) -> str | None:
    """The words of a conclusion that calls the evidence weak, low-quality or insufficient.

    Conclusions are the sentences so labelled and, whatever its label, the abstract's last
    sentence (where abstracts conclude when they have no headings).
    """
    body = [s for s in sentences if s.role != "title"]
    last = body[-1:] if body else []
    for sentence in [s for s in body if s.role == "conclusions"] + last:
        match = _WEAK.search(sentence.text)
        if match:
            return match.group(0)
    return None
