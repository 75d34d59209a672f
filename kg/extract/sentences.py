"""Sentence splitting with character offsets, aware of the abbreviations abstracts use.

Claims keep the sentence that states them and its offsets in the section text, so a reader can
highlight the evidence; a splitter that breaks at "e.g." or "et al." would cut a claim from its
subject. A rule-based splitter is enough for abstracts (short, edited prose) and needs no model.

A boundary is a ``.``, ``!`` or ``?`` (optionally followed by closing quotes/brackets) followed by
whitespace and then something that can start a sentence (a capital, a digit, an opening bracket
or quote). It is *not* a boundary when the word before the stop is a known abbreviation
("e.g.", "vs.", "et al.", "Fig.", "approx.") or a single capital initial ("J. Smith"). Decimals
("0.35 mg") never split because no whitespace follows the point.

Every sentence also gets its rhetorical role (``sentence_roles``): claims count as a study's
findings only where its results or conclusions state them, never from its title, aims or
background. Headings decide where they can (``kg.extract.headings``); a trained sequence
classifier decides the rest (``kg.extract.sentence_roles``).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass

from kg.extract.headings import heading_roles, inline_heading_roles, role_for_heading
from kg.extract.model import Mention, SentenceRole
from kg.extract.sentence_roles import classify_sentences
from kg.records.model import Record

__all__ = [
    "ABBREVIATIONS", "ROLE_WEIGHTS", "Sentence", "SentenceMentions", "heading_roles",
    "record_sentences", "role_for_heading", "section_weight", "sentence_roles",
    "split_sentences",
]

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


@dataclass(frozen=True, slots=True)
class SentenceMentions:
    """One sentence of a record with the text-mined mentions inside it.

    ``section`` is named as mentions name it ("title", an abstract label, or "abstract");
    ``sentence`` offsets count in that section's text. ``role`` is the sentence's rhetorical
    role (``sentence_roles``) and ``weight`` follows from it (``ROLE_WEIGHTS``).
    """

    section: str
    sentence: Sentence
    mentions: tuple[Mention, ...]
    weight: float
    index: int
    role: SentenceRole = "results"

    @property
    def text(self) -> str:
        return self.sentence.text

    def local(self, mention: Mention) -> tuple[int, int]:
        """The mention's offsets relative to the sentence start."""
        offset = self.sentence.start
        return (mention.start or 0) - offset, (mention.end or 0) - offset


ROLE_WEIGHTS: dict[SentenceRole, float] = {
    "title": 0.9, "background": 0.6, "objective": 0.6, "methods": 0.8,
    "results": 1.0, "conclusions": 1.0,
}
"""How much a claim stated in a sentence of each role counts: results and conclusions report the
study's findings, methods describe what was done, backgrounds and aims restate earlier work."""

_UNKNOWN_WEIGHT = 0.8


def section_weight(label: str | None, nlm_category: str | None = None) -> float:
    """The weight of a section's sentences when its heading names one role (else 0.8)."""
    if label == "title":
        return ROLE_WEIGHTS["title"]
    role = role_for_heading(label, nlm_category)
    return ROLE_WEIGHTS[role] if role else _UNKNOWN_WEIGHT


def sentence_roles(record: Record) -> tuple[tuple[str, Sentence, SentenceRole], ...]:
    """``(section name, sentence, role)`` for every sentence of the record, in reading order.

    The title is ``title``; a section whose heading names one role gives it to all its
    sentences, and so does a heading written into an unlabelled text ("RESULTS: ..."); the other
    abstract sentences (no heading, an uninformative one such as "Abstract", or a mixed one such
    as "Methods and results", kept to the roles it names) are classified together as one
    sequence (``kg.extract.sentence_roles``), so context crosses sections.
    """
    title = [("title", s, "title") for s in split_sentences(record.title or "")]
    parts = [(part.label or "abstract", split_sentences(part.text),
              heading_roles(part.label, part.nlm_category)) for part in record.abstract]
    allowed = [_allowed(sentences, roles) for _, sentences, roles in parts]
    flat = [roles for part_allowed in allowed for roles in part_allowed]
    texts = [s.text for _, sentences, _ in parts for s in sentences]
    if all(len(roles) == 1 for roles in flat):
        decided = [roles[0] for roles in flat]
    else:
        decided = classify_sentences(texts, flat)
    named = [(name, s) for name, sentences, _ in parts for s in sentences]
    abstract = [(name, s, role) for (name, s), role in zip(named, decided, strict=True)]
    return tuple(title + abstract)


def _allowed(sentences: tuple[Sentence, ...],
             roles: tuple[SentenceRole, ...]) -> list[tuple[SentenceRole, ...]]:
    """Each sentence's allowed roles: its section heading's, else headings written into the text."""
    if roles:
        return [roles] * len(sentences)
    return inline_heading_roles([s.text for s in sentences])


def record_sentences(record: Record,
                     mentions: Iterable[Mention]) -> tuple[SentenceMentions, ...]:
    """The record's sentences in reading order, each with its role, weight and mentions."""
    by_section: dict[str, list[Mention]] = {}
    for mention in mentions:
        if mention.section is not None and mention.start is not None and mention.end is not None:
            by_section.setdefault(mention.section, []).append(mention)
    for section_mentions in by_section.values():
        section_mentions.sort(key=lambda m: (m.start or 0, -(m.end or 0)))
    starts = {name: [m.start or 0 for m in found] for name, found in by_section.items()}
    out: list[SentenceMentions] = []
    for name, sentence, role in sentence_roles(record):
        inside = _inside(by_section.get(name, []), starts.get(name, []), sentence)
        out.append(SentenceMentions(name, sentence, inside, ROLE_WEIGHTS[role], len(out), role))
    return tuple(out)


def _inside(mentions: list[Mention], starts: list[int],
            sentence: Sentence) -> tuple[Mention, ...]:
    """The mentions (sorted by start) lying within ``sentence``, found by binary search so a
    long section costs mentions + sentences, not their product."""
    low, high = bisect_left(starts, sentence.start), bisect_left(starts, sentence.end)
    return tuple(m for m in mentions[low:high] if _within(m, sentence))


def _within(mention: Mention, sentence: Sentence) -> bool:
    return sentence.start <= (mention.start or 0) and (mention.end or 0) <= sentence.end
