"""Which interventions of a sentence act together, and which one the sentence is about.

"Ketamine in combination with CBT" is one combined intervention; "ketamine versus placebo" is
an intervention and its comparator. Every claim rule needs the same answer, so it lives here.
"""

from __future__ import annotations

import re

from kg.extract.cues import COMBINATION, DIRECT_JOIN
from kg.extract.model import Mention
from kg.extract.sentences import SentenceMentions

__all__ = ["agents_before", "group_interventions", "is_comparator", "primary_group"]

_COMPARISON = ("versus", " vs", "compared", "comparison", " or ", " than ", "between")
_COMPARATOR_BEFORE = re.compile(
    r"\b(?:versus|vs\.?|compared (?:with|to)|than|relative to|or|instead of|unlike|"
    r"rather than|in contrast to|as opposed to)\s+(?:\w+\s+){0,3}$",
    re.IGNORECASE)
_FIXED_DOSE = re.compile(r"^[-/‐‑–]$")
"""Two drugs glued by a hyphen or slash ("budesonide-formoterol", "X/Y"): a fixed-dose
combination, one intervention even in a comparison ("X-Y versus Z")."""
_PLACEBO = re.compile(r"\bplacebos?\b|\bsham\b|\busual care\b|\bno treatment\b", re.IGNORECASE)


def group_interventions(sentence: SentenceMentions,
                        drugs: list[Mention]) -> list[list[Mention]]:
    """Interventions of a sentence grouped into combinations, in text order.

    An explicit cue ("in combination with", "plus", "followed by") joins the sentence's first
    intervention before it with the first one after it, and absorbs those in between (regimen
    details); interventions joined only by "and"/"with" are combined unless the sentence compares.
    """
    text = sentence.text
    groups: list[list[Mention]] = [[d] for d in _distinct(drugs)]
    for cue in COMBINATION.finditer(text):
        before = [g for g in groups if sentence.local(g[0])[1] <= cue.start()]
        after = [g for g in groups if sentence.local(g[0])[0] >= cue.end()]
        if before and after:
            head, tail = before[0], after[0]
            inside = groups[groups.index(head) + 1:groups.index(tail)]
            groups = [g for g in groups if g is not tail and all(g is not i for i in inside)]
            head.extend(tail)
    groups = _join_direct(sentence, groups, _FIXED_DOSE)  # "budesonide-formoterol" is one
    if not any(word in text.lower() for word in _COMPARISON):
        groups = _join_direct(sentence, groups)
    return groups


def is_comparator(sentence: SentenceMentions, group: list[Mention]) -> bool:
    """True for a placebo or sham, or a group named after "versus", "than", "compared with"."""
    start = sentence.local(group[0])[0]
    return _is_placebo(group) or bool(
        _COMPARATOR_BEFORE.search(sentence.text[max(0, start - 40):start]))


_CLAUSE_BREAK = re.compile(
    r";|:\s|\b(?:whereas|while|although|however)\b|\bbut\b(?!\s+(?:not\b|\w+\s*,))"
    r"|\b(?:was|were|is|are|had|has|have|did|took|received|given|\w+ed)\b[^;]*?,\s+and\b",
    re.IGNORECASE)
"""Where a clause ends: ", and" only after a verb ("X was given, and Y reduced"), so that a
list ("X, Y, and Z supplementation reduced") stays one clause; "but" not inside a phrase
("a small, but robust, effect", "X but not Y")."""


def agents_before(sentence: SentenceMentions, groups: list[list[Mention]],
                  cue_start: int) -> list[list[Mention]]:
    """The groups that can be the agent of a cue at ``cue_start``: before it, in its clause
    (no ";", "whereas", "but", ", and" between them), and not a comparator ("compared with X",
    "unlike X", placebo): "X was given to all; Y reduced pain" credits Y alone, and "compared
    with X, Y reduced pain" never credits X."""
    out = []
    for group in groups:
        start = sentence.local(group[0])[0]
        if start >= cue_start:
            continue
        inside = [m for m in group if not _CLAUSE_BREAK.search(
            sentence.text, sentence.local(m)[1], cue_start)]  # "X, and Y reduced": Y alone
        if inside and not is_comparator(sentence, inside):
            out.append(inside if sentence.local(inside[0])[1] <= cue_start else group)
    return out


def _is_placebo(group: list[Mention]) -> bool:
    """A placebo, sham or usual-care arm: a comparator, never part of a combination."""
    return bool(_PLACEBO.search(" ".join(m.label for m in group)))


def primary_group(sentence: SentenceMentions,
                  groups: list[list[Mention]]) -> list[Mention] | None:
    """The intervention a comparison or a study question is about: the first that is not a
    comparator (placebo, or named after "versus" / "than")."""
    return next((g for g in groups if not is_comparator(sentence, g)), None)


def _distinct(drugs: list[Mention]) -> list[Mention]:
    """First mention of each concept only: "ketamine ... ketamine" is one intervention."""
    seen: set[str] = set()
    return [d for d in drugs if not (d.concept in seen or seen.add(d.concept))]  # type: ignore[func-returns-value]


def _join_direct(sentence: SentenceMentions, groups: list[list[Mention]],
                 join: re.Pattern[str] = DIRECT_JOIN) -> list[list[Mention]]:
    """Neighbouring groups with only ``join`` text between them as one (placebo never)."""
    out: list[list[Mention]] = []
    for group in groups:
        if out and not _is_placebo(group) and not _is_placebo(out[-1]):
            gap = sentence.text[sentence.local(out[-1][-1])[1]:sentence.local(group[0])[0]]
            if join.match(gap):
                out[-1] = out[-1] + group
                continue
        out.append(list(group))
    return out
