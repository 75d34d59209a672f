"""What surrounds a claim: population and size, follow-up, treatment, dose, hedging, negation.

A claim's weight depends on how many people it rests on and for how long they were followed, so
evidence carries ``n``, the population phrase, an ISO 8601 follow-up duration, how long the
treatment lasted (a different thing: "a 5-day infusion" is treatment, "at 12-month follow-up" is
follow-up) and the dose or regimen as printed. A review's size is its count of included studies;
its ``n`` is the pooled participants only when the abstract states them. These are read with
small patterns: abstracts state them in a few set ways ("n = 40", "40 patients",
"a 52-year-old woman", "1-year follow-up", "at 6 months", "0.35 mg/kg/h", "5-day continuous
infusion"). Text is matched after folding Unicode hyphens, which keeps offsets (one character
for one), so the printed text can still be quoted.
"""

from __future__ import annotations

import re

from kg.extract.design_table import REVIEW_DESIGNS
from kg.extract.hedging import is_hedged  # re-exported: the one hedge rule

__all__ = [
    "duration_days",
    "find_doses",
    "find_follow_up",
    "find_included_studies",
    "find_pooled_participants",
    "find_population",
    "find_sample_size",
    "find_study_size",
    "find_treatment_duration",
    "fold_hyphens",
    "is_hedged",
    "is_negated",
]

_HYPHENS = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2212"), "-")
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "hundred": 100,
}
_NUM = r"(\d+(?:[.,]\d+)?|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")"
_PEOPLE = (r"(?:patients?|subjects?|participants?|persons?|people|individuals?|volunteers?|"
           r"cases?|children|infants?|adults?|women|men|adolescents?|neonates?|smokers?|"
           r"users?|veterans?|residents?|rats?|mice|dogs?|rabbits?|animals?)")
_ADJECTIVES = (r"(?:(?!(?:in|of|with|and|or|to|for|from|per|at|on|by|mg|g|ml|kg|years?|months?|"
               r"weeks?|days?|hours?|times?)\b)[a-z][\w-]*\s+){0,3}?")
_SAMPLE = (
    re.compile(r"\bn\s*=\s*(\d[\d,]*)", re.IGNORECASE),
    re.compile(r"\b" + _NUM + r"\s+" + _ADJECTIVES + _PEOPLE + r"\b", re.IGNORECASE),
    re.compile(r"\b(a|an|one)\s+\d+[- ](?:year|month|week|day)[- ]old\b", re.IGNORECASE),
)
_UNIT_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365}
_FOLLOW = (
    re.compile(r"\b" + _NUM + r"[- ](day|week|month|year)s?[- ](?:of\s+)?follow[- ]?up",
               re.IGNORECASE),
    re.compile(r"\bfollow[- ]?up\b[^.;]{0,40}?\b" + _NUM + r"\s+(day|week|month|year)s?",
               re.IGNORECASE),
    re.compile(r"\b(?:at|after|for|over|within|during)\s+(?:the\s+)?(?:first\s+)?(?:up to\s+)?"
               + _NUM + r"[- ](day|week|month|year)s?\b", re.IGNORECASE),
    re.compile(r"\b" + _NUM + r"\s+(day|week|month|year)s?\s+later\b", re.IGNORECASE),
    re.compile(r"\b(?:at|after)\s+(?:\d+\s*(?:,|and|or)\s*)+" + _NUM
               + r"\s+(day|week|month|year)s?\b", re.IGNORECASE),
)
_UNIT = r"(day|week|month|year)s?"
_COURSE = (r"(?:infusions?|courses?|regimens?|treatments?|therapy|therapies|programm?es?|"
           r"interventions?|supplementation|administration|cycles?|training|sessions?|"
           r"dosing|use|exposure|tapers?|trials? of)")
_TREATMENT = (
    re.compile(r"\b" + _NUM + r"[- ]" + _UNIT + r"[- ](?:[\w-]+\s+){0,3}?" + _COURSE + r"\b",
               re.IGNORECASE),
    re.compile(r"\b" + _NUM + r"\s+" + _UNIT + r"\s+of\s+(?:[\w-]+\s+){0,2}?" + _COURSE + r"\b",
               re.IGNORECASE),
    re.compile(r"\b(?:treated|treatment|therapy|received|receiving|given|administered|took|"
               r"taking|supplemented|infused|daily|twice|weekly|dosed)\b(?:(?!follow)[^.;]){0,50}?"
               r"\bfor\s+"
               r"(?:the\s+)?(?:first\s+)?" + _NUM + r"[- ]" + _UNIT + r"\b", re.IGNORECASE),
)
"""How long the intervention lasted: "a 5-day infusion", "12 weeks of treatment",
"treated daily for 6 weeks" (the last number and unit are the duration)."""
_STUDIES = r"(?:studies|trials|RCTs|articles|reports|publications|papers|reviews|cohorts)"
_INCLUDED = (
    re.compile(r"\b" + _NUM + r"\s+(?:[\w-]+\s+){0,3}?" + _STUDIES + r"\s*(?:\(|were included|"
               r"was included|met|were eligible|fulfilled|involving|including|enrolling|"
               r"comprising|with a total|totall?ing|were analy[sz]ed|were pooled|contribut)",
               re.IGNORECASE),
    re.compile(r"\b(?:included|including|identified|yielded|retrieved|pooled|across)\s+"
               + _NUM + r"\s+(?:[\w-]+\s+){0,3}?" + _STUDIES + r"\b", re.IGNORECASE),
)
_POOLED = re.compile(r"(?:\(|\binvolving|\bincluding|\bwith|\benrolling|\bcomprising|"
                     r"\btotal of|\btotall?ing)\s*(?:a total of\s+)?(\d[\d,]*)\s+"
                     r"(?:[\w-]+\s+){0,2}?(?:participants|patients|subjects|people|individuals|"
                     r"women|men|children|adults|infants)\b", re.IGNORECASE)
_POOLED_N = re.compile(_STUDIES + r"\s*\(\s*n\s*=\s*(\d[\d,]*)\s*(?:participants|patients)?\)",
                       re.IGNORECASE)
_DOSES = (
    re.compile(r"\b\d+(?:\.\d+)?\s?(?:-|to)?\s?(?:\d+(?:\.\d+)?\s?)?"
               r"(?:mg|mcg|µg|ug|g|ng|ml|mL|IU|units?|mmol|mEq)"
               r"(?:\s?/\s?(?:kg|m2|m²|day|d|h|hr|hour|min|dose))*\b"
               r"(?:\s+(?:daily|twice daily|per day|a day|weekly|once|bid|tid))?", re.IGNORECASE),
    re.compile(r"\b" + _NUM + r"[- ](?:day|hour|week)s?\s+(?:\w+\s+){0,3}?"
               r"(?:infusions?|courses?|regimens?|treatments?|cycles?)\b", re.IGNORECASE),
)
_NEGATION = re.compile(
    r"\b(?:no|not|never|neither|nor|without|absence of|failed to|did not|does not|do not|"
    r"was not|were not|cannot|lack of)\b|n't\b", re.IGNORECASE)


def fold_hyphens(text: str) -> str:
    """Unicode hyphens and dashes as ASCII ``-``, one character for one (offsets unchanged)."""
    return text.translate(_HYPHENS)


def _number(token: str) -> float | None:
    token = token.lower().replace(",", "")
    if token in _NUMBER_WORDS:
        return float(_NUMBER_WORDS[token])
    try:
        return float(token)
    except ValueError:
        return None


def find_sample_size(text: str) -> int | None:
    """The largest number of people (or animals) the text says were studied, or None.

    The largest rather than the first, because abstracts give the total before or after the arms
    ("120 patients ... 60 in each group"); "a 52-year-old man" or "a patient" count as one.
    """
    text = fold_hyphens(text)
    found: list[float] = []
    for pattern in _SAMPLE:
        for match in pattern.finditer(text):
            value = _number(match.group(1))
            if value is not None and value == int(value) and 0 < value < 10_000_000:
                found.append(value)
    return int(max(found)) if found else None


def find_study_size(text: str, design: str) -> tuple[int | None, int | None]:
    """``(n, included studies)`` for a study of this design.

    A review's n is the participants it pooled, when stated, and its size is its count of
    included studies; a primary study's n is the people it studied (a case report: one).
    """
    if design in REVIEW_DESIGNS:
        return find_pooled_participants(text), find_included_studies(text)
    n = find_sample_size(text)
    return (1 if n is None and design == "case-report" else n), None


def find_population(text: str) -> str | None:
    """The first phrase naming who was studied ("a patient with complex regional pain ...")."""
    match = re.search(
        r"\b(?:(?:a|an|one|the|\d+|" + "|".join(_NUMBER_WORDS) + r")\s+" + _ADJECTIVES + r")?"
        + _PEOPLE + r"\s+(?:with|having|suffering from|undergoing|receiving)\b"
        r"[^.;:]{0,80}?(?=\s+who\b|\s+(?:was|were|had|received|underwent|taking)\b|[,;.]|$)",
        fold_hyphens(text), re.IGNORECASE)
    return text[match.start():match.end()].strip() if match else None


def find_follow_up(text: str) -> str | None:
    """The longest follow-up stated, as an ISO 8601 duration (months preferred: ``P12M``).

    A duration that is part of a treatment phrase ("treated for 6 weeks", "a 5-day infusion")
    says how long the treatment lasted, not how long patients were followed, and is skipped.
    """
    folded = fold_hyphens(text)
    treatment = [m.span() for p in _TREATMENT for m in p.finditer(folded)]
    matches = [m for p in _FOLLOW for m in p.finditer(folded)
               if not any(s < m.end() and m.start() < e for s, e in treatment)]
    return _longest(matches)


def find_treatment_duration(text: str) -> str | None:
    """How long the intervention lasted, as an ISO 8601 duration (the longest course stated)."""
    folded = fold_hyphens(text)
    return _longest([m for p in _TREATMENT for m in p.finditer(folded)])


def _longest(matches: list[re.Match[str]]) -> str | None:
    """The longest ``(number, unit)`` duration among matches, as ISO 8601 (``P12M``)."""
    best: tuple[float, str] | None = None
    for match in matches:
        value = _number(match.group(1))
        if value is None or value <= 0 or value != int(value):
            continue
        unit = match.group(2).lower()
        days = value * _UNIT_DAYS[unit]
        if best is None or days > best[0]:
            best = (days, _iso_duration(int(value), unit))
    return best[1] if best else None


def find_included_studies(text: str) -> int | None:
    """A review's count of included studies ("23 studies (1,204 participants)"), or None.

    The first count that the text ties to inclusion wins, so "of 140 articles screened, 23
    studies were included" gives 23; records or abstracts screened are not studies.
    """
    folded = fold_hyphens(text)
    for pattern in _INCLUDED:
        for match in pattern.finditer(folded):
            value = _number(match.group(1))
            if value is not None and value == int(value) and 0 < value < 100_000:
                return int(value)
    return None


def find_pooled_participants(text: str) -> int | None:
    """The participants a review pooled, when its abstract states them, or None.

    Only a count tied to the included studies counts ("(1,204 participants)", "involving 900
    patients"): a review's eligibility sentence ("trials with at least 50 patients") is not n.
    """
    folded = fold_hyphens(text)
    match = _POOLED.search(folded) or _POOLED_N.search(folded)
    value = _number(match.group(1)) if match else None
    return int(value) if value is not None and value == int(value) and value > 0 else None


def _iso_duration(value: int, unit: str) -> str:
    """Years become months (``P12M``) so durations compare and read alike; days/weeks stay."""
    if unit == "year":
        return f"P{value * 12}M"
    return {"month": f"P{value}M", "week": f"P{value}W", "day": f"P{value}D"}[unit]


def duration_days(iso: str) -> float:
    """Approximate length in days of a ``PnM``/``PnW``/``PnD``/``PnY`` duration (for ordering)."""
    match = re.fullmatch(r"P(\d+)([YMWD])", iso)
    if not match:
        return 0.0
    return int(match.group(1)) * {"Y": 365, "M": 30, "W": 7, "D": 1}[match.group(2)]


def find_doses(text: str) -> list[tuple[int, int, str]]:
    """Dose and regimen phrases as ``(start, end, text as printed)``, in text order."""
    folded = fold_hyphens(text)
    spans: list[tuple[int, int]] = []
    for pattern in _DOSES:
        spans.extend(m.span() for m in pattern.finditer(folded))
    spans.sort(key=lambda s: (s[0], -s[1]))
    kept: list[tuple[int, int, str]] = []
    for start, end in spans:
        if kept and start < kept[-1][1]:
            continue
        kept.append((start, end, text[start:end].strip()))
    return kept


def is_negated(text: str) -> bool:
    """True when a negation word appears in ``text`` (callers pass the words around a cue)."""
    return bool(_NEGATION.search(text))
