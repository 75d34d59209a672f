"""Sentence splitting with character offsets, aware of the abbreviations abstracts use.

Claims keep the sentence that states them and its offsets in the section text, so a reader can
highlight the evidence; a splitter that breaks at "e.g." or "et al." would cut a claim from its
subject. A rule-based splitter is enough for abstracts (short, edited prose) and needs no model.

A boundary is a ``.``, ``!`` or ``?`` (optionally followed by closing quotes/brackets) followed by
whitespace and then something that can start a sentence (a capital, a digit, an opening bracket
or quote). It is *not* a boundary when the word before the stop is a known abbreviation
("e.g.", "vs.", "et al.", "Fig.", "approx.") or a single capital initial ("J. Smith"). Decimals
("0.35 mg") never split because no whitespace follows the point.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["ABBREVIATIONS", "Sentence", "split_sentences"]

ABBREVIATIONS: frozenset[str] = frozenset({
    "e.g", "i.e", "vs", "al", "fig", "figs", "approx", "ca", "cf", "no", "nos",
    "dr", "mr", "mrs", "prof", "st", "resp", "ref", "refs", "vol", "pp", "ed", "eds",
    "inc", "ltd", "co", "corp", "jr", "sr", "etc", "viz", "incl", "esp",
    "b.i.d", "t.i.d", "q.i.d", "i.v", "i.m", "s.c", "p.o", "u.s", "u.k", "sp", "spp",
})
"""Lower-cased words (without the final stop) after which a stop does not end a sentence.

Units ("mg", "min") are deliberately absent: abstracts end sentences on "... 5 mg." far more often
than they write "5 mg. daily"; "etc." is here because it usually sits mid-sentence in lists.
"""

_BOUNDARY = re.compile(r"[.!?][\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence and its ``[start, end)`` character offsets in the text it was split from."""

    text: str
    start: int
    end: int


def split_sentences(text: str) -> tuple[Sentence, ...]:
    """Split ``text`` into sentences whose offsets index ``text`` exactly (stripped of spaces)."""
    sentences: list[Sentence] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        if _is_abbreviation(text, match.start()):
            continue
        _append(sentences, text, start, match.end())
        start = match.end()
    _append(sentences, text, start, len(text))
    return tuple(sentences)


def _is_abbreviation(text: str, stop: int) -> bool:
    """True when the stop at ``stop`` closes an abbreviation or an initial, not a sentence."""
    if text[stop] != ".":
        return False
    word_match = _WORD_BEFORE.search(text[max(0, stop - 20):stop])
    if not word_match:
        return False
    word = word_match.group(1)
    lowered = word.lower().rstrip(".")
    if lowered in ABBREVIATIONS:
        return True
    if "." in word and len(word) <= 6 and all(len(p) <= 2 for p in word.split(".")):
        return True  # dotted abbreviations such as "i.v" or "U.S"
    return len(word) == 1 and word.isupper() and not _preceded_by_digit_or_word(text, stop - 1)


def _preceded_by_digit_or_word(text: str, index: int) -> bool:
    """A lone capital that follows a number or word ("group A.", "vitamin D.") ends a sentence."""
    before = text[max(0, index - 12):index].rstrip()
    return bool(before) and (before[-1].isdigit() or bool(re.search(r"[a-z]{3,}$", before)))


def _append(out: list[Sentence], text: str, start: int, end: int) -> None:
    """Add ``text[start:end]`` without its surrounding whitespace, if anything is left."""
    chunk = text[start:end]
    left = len(chunk) - len(chunk.lstrip())
    right = len(chunk.rstrip())
    if right > left:
        out.append(Sentence(chunk[left:right], start + left, start + right))
