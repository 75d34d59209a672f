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
from collections.abc import Iterable
from dataclasses import dataclass

from kg.extract.model import Mention, SentenceRole
from kg.records.model import Record

__all__ = [
    "ABBREVIATIONS", "Sentence", "SentenceMentions", "record_sentences", "role_for_heading",
    "section_texts", "section_weight", "split_sentences",
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
    ``sentence`` offsets count in that section's text. ``weight`` says how much a claim stated
    here counts: results and conclusions report findings, backgrounds restate earlier ones.
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


_SECTION_WEIGHTS: tuple[tuple[re.Pattern[str], float], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), weight) for pattern, weight in (
        (r"result|finding|conclu|case|discussion|interpretation|outcome|summary|comment", 1.0),
        (r"method|design|setting|patient|participant|intervention|measure|material", 0.8),
        (r"background|introduction|objective|aim|purpose|context|rationale|importance|goal", 0.6),
    ))


def section_weight(label: str | None, nlm_category: str | None = None) -> float:
    """How much a sentence of this section counts (title 0.9, unknown labels 0.8)."""
    if label == "title":
        return 0.9
    for text in (label, nlm_category):
        for pattern, weight in _SECTION_WEIGHTS:
            if text and pattern.search(text):
                return weight
    return 0.8


_NLM_ROLES: dict[str, SentenceRole] = {
    "background": "background", "objective": "objective", "methods": "methods",
    "results": "results", "conclusions": "conclusions",
}
_HEADING_ROLES: tuple[tuple[re.Pattern[str], SentenceRole], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), role) for pattern, role in (
        (r"conclu|interpretation|implication|summary|comment|discussion", "conclusions"),
        (r"result|finding|outcome|case", "results"),
        (r"method|design|setting|patient|participant|intervention|measure|material|procedure",
         "methods"),
        (r"objective|aim|purpose|goal|question|hypothes", "objective"),
        (r"background|introduction|context|rationale|importance", "background"),
    ))


def role_for_heading(label: str | None, nlm_category: str | None = None) -> SentenceRole | None:
    """The structured-abstract role an author's heading (or NLM's category) names, or None."""
    if nlm_category and nlm_category.strip().lower() in _NLM_ROLES:
        return _NLM_ROLES[nlm_category.strip().lower()]
    for pattern, role in _HEADING_ROLES:
        if label and pattern.search(label):
            return role
    return None


def _fallback_role(i: int, count: int) -> SentenceRole:
    """Position alone, for unlabelled abstracts: first background, last two conclusions."""
    if count >= 3 and i >= count - 2:
        return "conclusions"
    if count >= 3 and i == 0:
        return "background"
    return "results"


def section_texts(record: Record) -> list[tuple[str, str, float]]:
    """``(section name, text, weight)`` for the title and each abstract section, in order."""
    out: list[tuple[str, str, float]] = []
    if record.title:
        out.append(("title", record.title, section_weight("title")))
    for part in record.abstract:
        name = part.label or "abstract"
        out.append((name, part.text, section_weight(part.label, part.nlm_category)))
    return out


def record_sentences(record: Record,
                     mentions: Iterable[Mention]) -> tuple[SentenceMentions, ...]:
    """The record's sentences in reading order, each with the spanned mentions inside it.

    In an unlabelled abstract the last two sentences usually state the conclusion, so they get
    the weight of a conclusions section and the first sentence that of a background.
    """
    by_section: dict[str, list[Mention]] = {}
    for mention in mentions:
        if mention.section is not None and mention.start is not None and mention.end is not None:
            by_section.setdefault(mention.section, []).append(mention)
    out: list[SentenceMentions] = []
    headings = {p.label or "abstract": role_for_heading(p.label, p.nlm_category)
                for p in record.abstract}
    for name, text, weight in section_texts(record):
        sentences = split_sentences(text)
        for i, sentence in enumerate(sentences):
            inside = tuple(sorted(
                (m for m in by_section.get(name, ()) if _within(m, sentence)),
                key=lambda m: (m.start or 0, -(m.end or 0))))
            w = _position_weight(name, weight, i, len(sentences))
            role = "title" if name == "title" else (
                headings.get(name) or _fallback_role(i, len(sentences)))
            out.append(SentenceMentions(name, sentence, inside, w, len(out), role))
    return tuple(out)


def _within(mention: Mention, sentence: Sentence) -> bool:
    return sentence.start <= (mention.start or 0) and (mention.end or 0) <= sentence.end


def _position_weight(section: str, weight: float, i: int, count: int) -> float:
    if section != "abstract" or count < 3:
        return weight
    if i >= count - 2:
        return 1.0
    return 0.6 if i == 0 else weight
