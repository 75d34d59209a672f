"""Which way a reported result goes for an outcome: benefit, harm, or no difference.

"Significantly fewer women in the treated group reported insomnia" is a benefit of the
treatment, "more nausea with ketamine" a harm, and "pain did not differ" neither. The words
alone are not enough: *fewer* is good for insomnia and bad for survival. So a result is read
in three steps:

1. the *change* an outcome underwent, from the comparative next to it in its clause
   (fewer, lower, reduced … → down; more, higher, increased … → up; improved → better;
   worsened → worse);
2. the outcome's *polarity*: conditions, symptoms and adverse events are things to have less of;
   survival, quality of life, function, remission, abstinence and the like are things to have
   more of;
3. the significance of the comparison (``kg.extract.significance``): a null result is
   ``no_difference`` whichever way the numbers lean.

Null results attach to the effect relation the sentence would otherwise support (``treats``,
or ``prevents`` for prevention wording) with direction ``no_difference``, so that supporting,
refuting and null evidence about one intervention–outcome pair roll up side by side. A harm
becomes ``causes`` (the intervention causes the outcome) unless the outcome is what the
intervention is given for, where it is evidence against the treatment: ``treats`` ``refutes``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from kg.extract.context import fold_hyphens
from kg.extract.model import Mention
from kg.rdf.namespaces import MESH

__all__ = [
    "Change",
    "Effect",
    "Verdict",
    "change_of",
    "changed_before",
    "effect_of",
    "is_beneficial",
    "is_harm_wording",
    "limited_efficacy",
    "verdict",
]

Change = Literal["down", "up", "better", "worse"]
Effect = Literal["benefit", "harm"]


@dataclass(frozen=True, slots=True)
class Verdict:
    """The relation and direction a finding gives one intervention–outcome pair."""

    relation: str
    direction: str


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


_DOWN = (r"fewer|less|lower(?:ed)?|reduc(?:ed|es|e|ing|tions?)|decreas(?:ed|es|e|ing)|"
         r"declin(?:ed|es|e)|drop(?:ped)?|fell|falls?|shorter|diminish(?:ed)?|smaller|"
         r"attenuat(?:ed|es|ion)|suppress(?:ed|ion)|minimi[sz](?:ed|e)|lowering")
_UP = (r"more|higher|increas(?:ed|es|e|ing)|greater|elevat(?:ed|ion)|rais(?:ed|es)|rose|"
       r"longer|larger|excess|augment(?:ed|ation)|enhanc(?:ed|ement)")
_BETTER = (r"improv(?:ed|es|e|ing|ements?)|reliev(?:ed|es|e)|relief|alleviat(?:ed|es|e)|"
           r"ameliorat(?:ed|es|e)|resol(?:ved|ves|ution)|recover(?:ed|y)|normali[sz](?:ed|ation)")
_WORSE = r"worse(?:ned|ning)?|exacerbat(?:ed|es|ion)|aggravat(?:ed|es|ion)|deteriorat(?:ed|ion)"
_CHANGES: tuple[tuple[Change, re.Pattern[str]], ...] = tuple(
    (change, _rx(r"\b(?:" + words + r")\b")) for change, words in (
        ("worse", _WORSE), ("better", _BETTER), ("down", _DOWN), ("up", _UP)))
_REACH = 80  # characters around an outcome searched for its comparative
_WORDS_BEFORE = 8  # "fewer women in the combined treatment group reported insomnia"
_WORDS_AFTER = 3  # "pain scores were significantly lower"
_LIST_REACH = 300  # characters of a reported list searched back for its comparative
_LISTED = re.compile(
    r"\b(?P<word>fewer|less|more|lower|higher|greater)\b(?:\s+\S+){0,8}?\s+(?:reported|had|"
    r"experienced|developed|showed|suffered from|complained of)\s+(?P<items>(?:[^;.]|\.(?=\d))*)$",
    re.IGNORECASE)
_LIST_BREAK = re.compile(r"\b(?:but|whereas|while|than|however|although|which|who|that)\b|"
                         r"\b(?:was|were|is|are|had|has|have|did)\b", re.IGNORECASE)
_TIME_REACH = 40
_TIME_TO = _rx(r"\b(?:time|days|weeks|months|years|delay|interval|latency) (?:to|until|before)"
               r" (?:the )?(?:first |onset of |[\w-]+ )?$")
_GOVERN_REACH = 40
_GOVERNS = _rx(r"\b(?:" + "|".join((_DOWN, _UP, _BETTER, _WORSE)) + r")\s+(?:(?:serum|plasma|"
               r"blood|tissue)\s+)?(?:(?:levels?|amounts?|concentrations?|expression|activity)"
               r"\s+)?(?:in|of)?\s*(?:the\s+|serum\s+|plasma\s+)?$")
_INTENSIFIER = re.compile(r"(?:more|less)\s+\w+(?:able|ible|ful|ive|ous|ly)\b", re.IGNORECASE)
_HARM = _rx(
    r"\b(?:adverse|side[- ]effects?|toxicit(?:y|ies)|toxic|induced|risk of|incidence of|"
    r"psychotomimetic|addict\w*|dependence|complications?|intolerance|harms?|safety)\b")
_GOOD = _rx(
    r"\b(?:quality of life|function\w*|survival|surviv\w+|abstinence|remission|recovery|"
    r"response|responders?|well-?being|satisfaction|adherence|healing|cessation|performance|"
    r"mobility|cognition|memory|independence|success|efficacy|analgesia|sleep quality|"
    r"weight loss|bone (?:mineral )?density|employment|return to work)\b")
_GOOD_UIS = frozenset({"D000085542", "D000076604", "D011788", "D016896", "D017060", "D015996"})
_LIMITED = _rx(
    r"\b(?:efficacy|effectiveness|benefit|effect)s?\b[^.;]{0,40}?\b(?:is|was|are|were|remains?|"
    r"remained|appears?|seems?)\s+(?:\w+\s+)?(?:limited|poor|modest at best|insufficient|"
    r"lacking|unproven|questionable)\b|\b(?:limited|poor|insufficient|lack of|no proven)\s+"
    r"(?:\w+\s+)?(?:efficacy|effectiveness|benefit)\b")


def is_beneficial(outcome: Mention) -> bool:
    """True for outcomes one wants more of (survival, quality of life, abstinence …)."""
    if outcome.concept.removeprefix(str(MESH)) in _GOOD_UIS:
        return True
    return bool(_GOOD.search(outcome.label) or (outcome.text and _GOOD.search(outcome.text)))


def change_of(text: str, start: int, end: int) -> Change | None:
    """The change the outcome at ``[start, end)`` of sentence ``text`` underwent: the nearest
    comparative in its clause at most ``_WORDS_BEFORE`` words before it ("fewer women in the
    treated group reported insomnia") or ``_WORDS_AFTER`` after it ("pain was lower")."""
    folded = fold_hyphens(text)
    best: tuple[int, Change] | None = None
    for change, pattern in _CHANGES:
        for match in pattern.finditer(folded, max(0, start - _REACH), min(len(folded),
                                                                           end + _REACH)):
            gap = _words_between(folded, match, start, end)
            if gap is None or _crosses_clause(folded, match.start(), start, end) or (
                    _INTENSIFIER.match(folded, match.start())):
                continue
            if best is None or gap < best[0]:
                best = (gap, change)
    return best[1] if best else _listed_change(folded, start)


def changed_before(text: str, start: int) -> bool:
    """True when a change word governs the words at ``start`` ("reductions in X", "higher X
    levels", "increased levels of X"): X is what changed, so the change is not X's effect."""
    before = fold_hyphens(text[max(0, start - _GOVERN_REACH):start])
    return bool(_GOVERNS.search(before))


def _listed_change(text: str, start: int) -> Change | None:
    """The change of a list the outcome ends ("fewer women reported hot flushes (P<0.001),
    night sweats, ... and insomnia"): the comparative before the reporting verb, when only
    list items lie between that verb and the outcome."""
    match = _LISTED.search(text[max(0, start - _LIST_REACH):start])
    if match is None or _LIST_BREAK.search(match.group("items")):
        return None
    word = match.group("word")
    return next(change for change, pattern in _CHANGES if pattern.fullmatch(word))


def _words_between(text: str, match: re.Match[str], start: int, end: int) -> int | None:
    """Words between a comparative and the outcome, or None when too far on that side (or
    inside the outcome's own name, "increased intracranial pressure")."""
    if match.end() <= start:
        words = len(text[match.end():start].split())
        return words if words <= _WORDS_BEFORE else None
    if match.start() >= end:
        words = len(text[end:match.start()].split())
        return words if words <= _WORDS_AFTER else None
    return None


def _crosses_clause(text: str, at: int, start: int, end: int) -> bool:
    """True when a ";", "but", "whereas" lies between the comparative and the outcome."""
    low, high = (at, start) if at < start else (end, at)
    return bool(re.search(r";|\bbut\b|\bwhereas\b|\bwhile\b|\bhowever\b", text[low:high],
                          re.IGNORECASE))


def effect_of(change: Change, outcome: Mention, before: str = "") -> Effect:
    """Benefit or harm of a change, given whether the outcome is one to have more of.

    ``before``: the words just before the outcome. A *time to* an outcome ("time to relapse
    was longer", "time to recovery was shorter") turns its polarity round: waiting longer for
    a relapse is good, waiting longer for recovery is bad.
    """
    if change in ("better", "worse"):
        return "benefit" if change == "better" else "harm"
    wanted = is_beneficial(outcome) != bool(_TIME_TO.search(fold_hyphens(before[-_TIME_REACH:])))
    return "benefit" if (change == "up") == wanted else "harm"


def is_harm_wording(text: str) -> bool:
    """True when ``text`` words a harm ("-induced", "toxicity", "adverse", "risk of" …)."""
    return bool(_HARM.search(fold_hyphens(text)))


def limited_efficacy(text: str) -> bool:
    """True for "the efficacy of X is limited", "poor efficacy": evidence against a treatment."""
    return bool(_LIMITED.search(fold_hyphens(text)))


def verdict(effect: Effect, base: str, wanted: bool, text: str) -> Verdict:
    """The claim a benefit or harm makes: ``base`` (treats / prevents) supported; a harm to
    what the intervention is given for or to an outcome one wants more of (``wanted``) refutes
    it unless the sentence words it as a harm; any other harm is caused."""
    if effect == "benefit":
        return Verdict(base, "supports")
    if wanted and not is_harm_wording(text):
        return Verdict(base, "refutes")
    return Verdict("causes", "supports")
