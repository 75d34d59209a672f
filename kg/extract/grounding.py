"""When a dictionary match is not a mention of its concept: the characters around it say so.

A vocabulary match is a string match. The text around it often shows the string is part of
something else, and then grounding it would put a false concept into the graph:

* a piece of a code — "MSH" in "MSH2", "val" in "val158met", "MDA" in "MDA-MB-231", "ASA" in
  "5-ASA": gene symbols, variants, cell lines and compound codes glue letters to digits or to
  other capitals, so a match that starts or ends inside such a word names something else;
* an antagonist — "leukotriene" in "anti-leukotriene therapy", "TNF" in "anti-TNF agents": the
  drug works *against* the substance, which nobody was given;
* a negated co-ordination — "cancer" in "non-cancer pain" is pain that is *not* cancer pain.
  Names that begin with "non" themselves ("non-small cell lung cancer", "non-steroidal
  anti-inflammatory drugs") are whole vocabulary terms, so they are the match and never reach
  this rule;
* a verb — "depressed" in "halothane depressed contractility": a participle right after a drug
  or a pronoun, or right before a determiner, is an action, not a disorder; likewise a lowering
  — "depression of the ventilatory response" lowers a function, it is no depressive disorder;
* a modifier — "allergic" in "allergic airway inflammation" says which inflammation; grounded
  alone it would become a different disease (drug allergy), so an adjective right before
  another disease of the sentence is part of that disease's name, not a disease of its own;
* an organisation — "Regional Anesthesia" in "American Society of Regional Anesthesia and Pain
  Medicine", "Association" in "American Heart Association";
* a design — "placebo" in "placebo-controlled trial" says how the trial was built;
* a dose unit — "morphine" in "330 mg of daily morphine equivalents" measures an opioid dose; no
  morphine was given. It stays a mention (the unit names morphine) with role ``other``.
"""

from __future__ import annotations

import re
from dataclasses import replace

from kg.extract.spans import Found, names_entity
from kg.vocab.normalise import Token

__all__ = ["is_code_piece", "is_dose_unit", "is_lowering", "is_negated_modifier", "judge_spans",
           "organisation_ranges"]

_DASH = "-‐‑‒–"
_CODE_BEFORE = re.compile(rf"(?:\d|[A-Z]{{2,}})[{_DASH}]$")
_CODE_AFTER = re.compile(rf"[{_DASH}](?:[A-Z]{{2,}}|\d{{2,}})")
_ACRONYM = re.compile(r"^[A-Z]{2,}$")
_CONTROLLED = re.compile(rf"[{_DASH}]controlled\b", re.IGNORECASE)
_NON = re.compile(rf"\bnon[{_DASH}\s]?$", re.IGNORECASE)
_ANTI = re.compile(rf"\banti[{_DASH}]?$", re.IGNORECASE)
_DOSE_UNIT = re.compile(
    rf"[{_DASH}\s]*(?:milligrams?|mg)?[{_DASH}\s]*(?:equivalen(?:t|ts|ce)|equianalgesic)\b",
    re.IGNORECASE)
_NEXT_WORD = re.compile(r"\s+([^\W\d_]+)")
_LOWERING = re.compile(r"\s+of\s+(?:the\s+|a\s+|an\s+)?([^\W\d_]+)", re.IGNORECASE)
_ADJECTIVE = re.compile(r"^[^\W\d_]+(?:ic|ical)$", re.IGNORECASE)
_MODIFIED = re.compile(r"\s+(?:[^\W\d_]+\s+)?$")  # "allergic (airway) inflammation"
_DESCRIBED = frozenset({
    "patient", "patients", "subject", "subjects", "individual", "individuals", "person",
    "persons", "people", "woman", "women", "man", "men", "mother", "mothers", "adolescent",
    "adolescents", "child", "children", "adult", "adults", "elderly", "outpatient",
    "outpatients", "inpatient", "inpatients", "mood", "group", "groups", "cohort", "participant",
    "participants", "veteran", "veterans", "population", "sample", "youth", "case", "cases",
    "volunteers", "rat", "rats", "mouse", "mice", "animals", "and", "or", "but", "at",
})
"""Words after an ``-ed`` disorder word that show it describes people (or a mood)."""
_COUNTER_IONS = frozenset({
    "sodium", "potassium", "calcium", "magnesium", "acetate", "chloride", "hydrochloride",
    "sulfate", "sulphate", "phosphate", "citrate", "bromide", "maleate", "fumarate",
    "tartrate", "mesylate", "succinate",
})
"""Words that, next to another chemical's name, make it a salt ("heparin sodium")."""
_CAPITAL = r"[A-Z][" + _DASH + r"\w'’]*"
_ORG_HEAD = (r"(?:Society|Association|College|Academy|Federation|Organi[sz]ation|Foundation"
             r"|Institutes?|Council|Consortium|Agency|Collaboration|Alliance|Task Force)")
_TITLE_LOWER = frozenset({"after", "among", "across", "against", "between", "during", "through",
                          "under", "versus", "within", "without"})
_ORG_HEAD_WORD = re.compile(rf"\b{_ORG_HEAD}\b")
_ORGANISATION = re.compile(
    rf"(?:\bthe\s+(?:{_CAPITAL}\s+)*|(?:{_CAPITAL}\s+)+){_ORG_HEAD}\b"
    rf"(?:\s+(?:(?:of|for|on|in)(?:\s+the)?|and|&)(?:\s+{_CAPITAL})+)*")


def judge_spans(text: str, tokens: list[Token], spans: list[Found]) -> list[Found]:
    """The spans that do name their concept here (dose units kept with role ``other``)."""
    organisations = organisation_ranges(text)
    places = [(tokens[s.first].start, tokens[s.last - 1].end) for s in spans]
    out: list[Found] = []
    for index, span in enumerate(spans):
        start, end = places[index]
        if _rejected(text, start, end, span) or _inside(start, end, organisations):
            continue
        if _is_counter_ion(text, index, spans, places) or _modifies_next(text, index, spans,
                                                                         places):
            continue
        out.append(replace(span, nested=True) if is_dose_unit(text, end) else span)
    return out


def _inside(start: int, end: int, ranges: list[tuple[int, int]]) -> bool:
    """True when ``[start, end)`` lies within one of ``ranges``."""
    return any(a <= start and end <= b for a, b in ranges)


def _rejected(text: str, start: int, end: int, span: Found) -> bool:
    """True when the span is a code piece, a negated modifier or a participle."""
    if is_code_piece(text, start, end) or is_negated_modifier(text, start):
        return True
    if _ANTI.search(text, max(0, start - 5), start):  # "anti-TNF": against it, not it
        return True
    if _CONTROLLED.match(text, end):  # "placebo-controlled": a design, not a substance given
        return True
    return span.target.role == "condition" and (is_participle(text, start, end)
                                                 or is_lowering(text, start, end))


def is_code_piece(text: str, start: int, end: int) -> bool:
    """True when ``text[start:end]`` is part of a longer alphanumeric code (MSH2, MDA-MB-231)."""
    if (start > 0 and text[start - 1].isalnum()) or (end < len(text) and text[end].isalnum()):
        return True
    if not _ACRONYM.match(text[start:end]):
        return False
    return bool(_CODE_BEFORE.search(text, max(0, start - 12), start)
                or _CODE_AFTER.match(text, end))


def is_negated_modifier(text: str, start: int) -> bool:
    """True after "non-"/"non ": "non-cancer pain" says the pain is not cancer."""
    return bool(_NON.search(text, max(0, start - 5), start))


def is_dose_unit(text: str, end: int) -> bool:
    """True when a drug name is followed by "(milligram) equivalent(s)": a unit of dose."""
    return bool(_DOSE_UNIT.match(text, end))


def is_participle(text: str, start: int, end: int) -> bool:
    """True for a single ``-ed`` word that describes a thing, not a person or a mood.

    "depressed patients", "depressed mood" and "patients who were depressed." name the
    disorder; "halothane depressed myocardial contractility", "depressed enzyme activity" and
    "remained depressed throughout" say that something was lowered.
    """
    word = text[start:end]
    if " " in word or not word.lower().endswith("ed"):
        return False
    following = _NEXT_WORD.match(text, end)
    return following is not None and following.group(1).lower() not in _DESCRIBED


def is_lowering(text: str, start: int, end: int) -> bool:
    """True for "depression of X" where X is a function, not a person: "depression of the
    ventilatory response" says the response was lowered."""
    if text[start:end].lower() != "depression":
        return False
    following = _LOWERING.match(text, end)
    return following is not None and following.group(1).lower() not in _DESCRIBED


def _modifies_next(text: str, index: int, spans: list[Found],
                   places: list[tuple[int, int]]) -> bool:
    """True for a one-word disease adjective ("allergic") that qualifies the next disease of
    the sentence, at most one word away ("allergic airway inflammation")."""
    start, end = places[index]
    if spans[index].target.role != "condition" or not _ADJECTIVE.match(text[start:end]):
        return False
    later = [i for i in range(index + 1, len(spans)) if places[i][0] >= end]
    if not later:
        return False
    following = min(later, key=lambda i: places[i][0])
    return spans[following].target.role == "condition" and bool(
        _MODIFIED.fullmatch(text, end, places[following][0]))


def _is_counter_ion(text: str, index: int, spans: list[Found],
                    places: list[tuple[int, int]]) -> bool:
    """True for "sodium" in "heparin sodium" or "sodium warfarin": part of a salt's name."""
    start, end = places[index]
    if text[start:end].lower() not in _COUNTER_IONS:
        return False
    for other in (index - 1, index + 1):
        if 0 <= other < len(spans) and names_entity(spans[other].target):
            a, b = places[other]
            if text[a:b].lower() in _COUNTER_IONS:
                continue
            gap = text[b:start] if other < index else text[end:a]
            if gap.isspace():
                return True
    return False


def organisation_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges of organisation names ("American College of Cardiology").

    A title written in Title Case is skipped: every word is capitalised there, and "Association
    of Ketamine Use With Pain" is a finding, not a society.
    """
    if not _ORG_HEAD_WORD.search(text) or _title_case(text):
        return []
    return [(m.start(), m.end()) for m in _ORGANISATION.finditer(text)]


def _title_case(text: str) -> bool:
    """True when no longer word but a preposition starts in lower case, as in a Title Case title."""
    words = re.findall(r"[^\W\d_]{5,}", text)
    lower = [w for w in words if w[0].islower() and w not in _TITLE_LOWER]
    return len(words) >= 3 and not lower
