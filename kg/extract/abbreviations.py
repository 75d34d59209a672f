"""Abbreviations defined in the text itself: "complex regional pain syndrome (CRPS)".

An abstract defines its own short forms and then uses them; what "CRPS" or "PD" means is decided
by that definition, not by a global dictionary (PD is Parkinson disease in one abstract and
peritoneal dialysis in the next). This is the Schwartz & Hearst (2003) algorithm: a short form in
brackets, and a long form before it whose words' initial letters and inner characters spell the
short form from right to left. The reverse order, "SHORT (long form)", is accepted too when the
bracket holds several words that the short form spells from their first word on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Abbreviation", "find_abbreviations"]

_BRACKET = re.compile(r"\(([^()\[\]]{1,14})\)")
_SHORT_FORM = re.compile(r"^[A-Za-z0-9][\w\-/.&+']*(?: [\w\-/.&+']+)?$")
_WORD = re.compile(r"[^\s\-‐‑‒–—/]+")
_CLAUSE_END = re.compile(r"[.;:!?]\s|[()\[\]]")
_REVERSED = re.compile(r"(?<![\w\-])([A-Za-z0-9][\w\-/.&+']{1,9})\s+\(([^()\[\]]{5,80})\)")


@dataclass(frozen=True, slots=True)
class Abbreviation:
    """A short form and the character spans of its definition in the text it was found in."""

    short: str
    long: str
    long_start: int
    long_end: int
    short_start: int
    short_end: int


def find_abbreviations(text: str) -> list[Abbreviation]:
    """Every ``long form (SHORT)`` and ``SHORT (long form)`` definition in ``text``, in order."""
    found = _forward(text) + _reversed(text)
    return sorted(found, key=lambda a: min(a.short_start, a.long_start))


def _reversed(text: str) -> list[Abbreviation]:
    """``BAC (bacterial artificial chromosome)``: the long form in brackets after the short."""
    found = []
    for match in _REVERSED.finditer(text):
        short, long = match.group(1), match.group(2).rstrip()
        if not _is_short_form(short) or " " not in long or len(long) <= len(short):
            continue
        offset = _match_letters(short.lower(), long.lower())
        if offset != 0:  # the long form must start with the short form's first letter
            continue
        found.append(Abbreviation(short, long, match.start(2), match.start(2) + len(long),
                                  match.start(1), match.end(1)))
    return found


def _forward(text: str) -> list[Abbreviation]:
    """``complex regional pain syndrome (CRPS)``: the usual order."""
    found = []
    for match in _BRACKET.finditer(text):
        short = match.group(1).strip()
        if not _is_short_form(short):
            continue
        long_start = _long_form_start(short, text, match.start())
        if long_start is None:
            continue
        long_end = len(text[:match.start()].rstrip(" ‐‑-–"))
        found.append(Abbreviation(short, text[long_start:long_end], long_start, long_end,
                                  match.start(1) + match.group(1).index(short),
                                  match.start(1) + match.group(1).index(short) + len(short)))
    return found


def _is_short_form(short: str) -> bool:
    """2–10 characters, starting with a letter or digit, with a capital, not a plain word."""
    if not 2 <= len(short) <= 10 or not _SHORT_FORM.match(short):
        return False
    letters = [c for c in short if c.isalpha()]
    return bool(letters) and any(c.isupper() for c in letters) and not short.istitle()


def _long_form_start(short: str, text: str, bracket: int) -> int | None:
    """Start of the shortest long form before ``bracket`` that spells ``short`` (or None)."""
    window_start = _clause_start(text, bracket)
    words = list(_WORD.finditer(text, window_start, bracket))
    max_words = min(len(short) + 5, 2 * len(short))
    words = words[-max_words:]
    if not words:
        return None
    candidate = text[words[0].start():bracket]
    offset = _match_letters(short.lower(), candidate.lower())
    if offset is None:
        return None
    start = words[0].start() + offset
    for word in words:  # snap to the start of the word the first letter falls in
        if word.start() <= start < word.end():
            return word.start() if start == word.start() else None
    return None


def _clause_start(text: str, bracket: int) -> int:
    """The long form stays inside its clause: after the last stop or bracket before it."""
    start = 0
    for match in _CLAUSE_END.finditer(text, max(0, bracket - 200), bracket):
        start = match.end()
    return start


def _match_letters(short: str, long: str) -> int | None:
    """Schwartz–Hearst: match ``short`` right to left in ``long``; index where the match starts.

    Every alphanumeric character of the short form must appear in order; the first one must
    begin a word of the long form.
    """
    s_index = len(short) - 1
    l_index = len(long) - 1
    while s_index >= 0:
        char = short[s_index]
        if not char.isalnum():
            s_index -= 1
            continue
        while l_index >= 0 and (long[l_index] != char or (
                s_index == 0 and l_index > 0 and long[l_index - 1].isalnum())):
            l_index -= 1
        if l_index < 0:
            return None
        s_index -= 1
        l_index -= 1
    return l_index + 1
