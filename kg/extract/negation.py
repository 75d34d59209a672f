"""Negation, hedging and outcome context of a mention, from the words around it (NegEx-style).

"no withdrawal symptoms" must not become evidence *for* withdrawal symptoms, and "CRPS may involve
catecholamine hypersensitivity" is a hypothesis, not a finding. Following NegEx (Chapman et al.
2001), a negation cue negates the concepts that follow it within a few words of the same sentence,
up to a word that ends its scope ("but", "however"); a few cues work backwards ("… was ruled out").
Hedging is a sentence-level property (``kg.extract.hedging``): a sentence with "may", "suggests",
"possibly" hedges every concept in it. A condition after "reduce", "minimise", "improvement in"
is what was *measured*: its role in the claim is an outcome.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from kg.extract.hedging import is_hedged
from kg.extract.sentences import Sentence, split_sentences

__all__ = ["Context", "SectionContext", "is_hedged", "is_negated", "is_outcome_context"]

_PRE_NEGATION = re.compile(
    r"\b(?:no|not|without|absence of|absent|denied|denies|deny|ruled out|rule out|negative for|"
    r"free of|lack of|lacked|lacking|never|neither|nor|none of|cannot|did not|does not|"
    r"do not|failed to|unlikely)\b", re.IGNORECASE)
_POST_NEGATION = re.compile(
    r"^[\s,]*(?:\S+\s+){0,2}?(?:(?:was|were|is|are|has been|have been)\s+"
    r"(?:ruled out|excluded|absent|not (?:observed|detected|found|seen|present|noted)))\b",
    re.IGNORECASE)
_SCOPE_END = re.compile(
    r"\b(?:but|however|although|though|except|whereas|yet|which|who|while|apart from|aside from)"
    r"\b|[;:]", re.IGNORECASE)
_OUTCOME_CUE = re.compile(
    r"\b(?:reduc\w*|decreas\w*|minimi[sz]\w*|improv\w*|reliev\w*|relief of|prevent\w*|"
    r"incidence of|severity of|scores? of|rates? of|risk of|alleviat\w*|attenuat\w*|"
    r"lower\w*|worsen\w*|resolution of|free of|remission of)\W+(?:\w+\W+){0,2}$", re.IGNORECASE)
_WINDOW_WORDS = 6
_REACH = 200  # characters around a mention that negation, hedge and outcome cues may use


@dataclass(frozen=True, slots=True)
class Context:
    """What the words around a mention say about it."""

    negated: bool
    hedged: bool
    outcome: bool


class SectionContext:
    """Sentences of one section, split once, for all the mentions found in it."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.sentences: tuple[Sentence, ...] = split_sentences(text)
        self._starts = [s.start for s in self.sentences]
        self._hedged: dict[int, bool] = {}

    def sentence_of(self, start: int) -> Sentence:
        """The sentence holding offset ``start`` (the whole text when none does).

        A binary search over the sentence starts: a long text with thousands of mentions must
        not cost mentions × sentences.
        """
        i = bisect_right(self._starts, start) - 1
        if i >= 0 and start < self.sentences[i].end:
            return self.sentences[i]
        return Sentence(self.text, 0, len(self.text))

    def assess(self, start: int, end: int) -> Context:
        """Negation, hedging and outcome context of the span ``[start, end)``.

        Only the last ``_REACH`` characters before and after the mention are read: every cue
        looks a few words away, and a text without sentence stops must stay linear.
        """
        sentence = self.sentence_of(start)
        before = self.text[max(sentence.start, start - _REACH):start]
        after = self.text[end:min(sentence.end, end + _REACH)]
        hedged = self._hedged.get(sentence.start)
        if hedged is None:
            hedged = self._hedged[sentence.start] = is_hedged(sentence.text)
        return Context(is_negated(before, after), hedged, is_outcome_context(before))


def _window(before: str) -> str:
    """The last few words before a mention, cut at the last scope-ending word."""
    words = before.split()[-_WINDOW_WORDS:]
    text = " ".join(words)
    ends = list(_SCOPE_END.finditer(text))
    return text[ends[-1].end():] if ends else text


def is_negated(before: str, after: str) -> bool:
    """True when a negation cue governs the mention (before it, or the few post-cues after)."""
    return bool(_PRE_NEGATION.search(_window(before)) or _POST_NEGATION.match(after))


def is_outcome_context(before: str) -> bool:
    """True when the words just before a condition say it was reduced, improved, measured."""
    return bool(_OUTCOME_CUE.search(" ".join(before.split()[-4:]) + " "))
