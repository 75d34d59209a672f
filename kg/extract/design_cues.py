"""Reading a study's design from its own wording, sentence by sentence.

An abstract names many designs that are not its own: a review's search sentence names the designs
it looked for, its results name the designs it found, a background sentence recalls earlier
trials. So a design word counts only where the article speaks of itself: in the title, in an
objective or methods sentence that is not a search or eligibility sentence, or in any sentence
that refers to the study itself ("this trial", "we conducted a survey", "were randomly
assigned"). Reviews are recognised before primary designs, so a review that names trials is
still a review; the designs it names elsewhere become its included designs. The wording itself
is tabled in ``kg.extract.design_wording``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from kg.extract.design_wording import (
    CASE_CUES,
    CONTROLLED_CUE,
    LITERATURE_SEARCH,
    NARRATIVE_CUE,
    NOT_NEGATED,
    OPINION_CUE,
    PRIMARY_CUES,
    RANDOM_ALLOCATION,
    RANDOMISED,
    REVIEW_CUES,
    TITLE_CUES,
    TOPIC_TITLE,
    rx,
)
from kg.extract.sentences import SentenceMentions

__all__ = [
    "NOT_NEGATED",
    "RANDOMISED",
    "RANDOM_ALLOCATION",
    "DesignCue",
    "find_design_cue",
    "is_search_sentence",
]



_ANIMAL = rx(r"\b(?:in|of|to|with|on) (?:\w+ ){0,2}(?:rats|mice|dogs|rabbits|pigs|piglets|"
              r"monkeys|primates|guinea pigs|cats|sheep|zebrafish|rodents|hamsters|horses|"
              r"cattle|calves|ferrets)\b|\b(?:rats|mice|rodents|animals) (?:were|received|"
              r"treated|underwent)|\b(?:rat|mouse|murine|rodent|porcine|canine|ovine) model\b")
_IN_VITRO = rx(r"\bin vitro\b(?! fertili)|\bcell lines?\b|\bcultured (?:\w+ )?cells"
                r"|\bcell cultures?\b")
_HUMAN = rx(r"\b(?:patients?|volunteers|participants|women|men|children|adults|infants|"
             r"humans?|subjects)\b")
_TITLE_ANIMAL = rx(r"\b(?:rats?|mice|mouse|murine|rodents?|canine|dogs|rabbits|pigs)\b")

_STRONG_SELF = rx(r"\b(?:this|the present|the current|our|we|here(?:in)?|it (?:is|was))\b"
                   r"[^.;:]{0,100}$")
_WEAK_SELF = rx(r"(?:\b(?:a|an|was|were|is|as|in|all|of|total)\b[^.;:]{0,30}"
                 r"|\b(?:design|methods?|setting|study design)\s*[:.]?\s*)$")
_SELF_START = rx(r"(?:we|were|was|being|been|are|randomly|this|our)\b")
_SELF_AFTER = rx(r"^[^.;]{0,80}\bwe\b")
_WANTED = rx(r"\b(?:needed|warranted|required|future|further|should be|are lacking)\b")
_STUDIES = r"(?:studies|trials|articles|reviews|publications|papers|reports|RCTs)"
_SEARCH = rx(
    r"\bsearch(?:ed|es|ing)?\b|\bdatabases\b|\bmedline\b|\bpubmed\b|\bembase\b|\bcinahl\b"
    r"|\bcochrane (?:library|central|register|database)|\bweb of science\b|\bscopus\b"
    r"|\bpsycinfo\b|\bgrey literature|\bhand-?search|\beligible " + _STUDIES + r"|\b"
    + _STUDIES + r" (?:were|was) (?:included|"
    r"eligible|selected|identified|retrieved|screened)|\bincluded (?:\w+ ){0,3}" + _STUDIES
    + r"|\b" + _STUDIES + r" (?:were |was )?(?:included|eligible) if\b")

_CRITERIA = rx(r"\b(?:inclusion|selection|eligibility) criteria\b")
"""A criteria sentence names the designs a review sought; a trial's names its patients."""
_STATISTICS = rx(r"\bp\s?[<=>≤]|\d\s?%|\b95\s?% CI\b|\bconfidence interval|\bn\s?=\s?\d")
"""Results with statistics: a study's own data, so "… is discussed" there is not a review."""
_OWN_ROLES = frozenset({"title", "objective", "methods"})
_QUASI = rx(r"\bquasi-?\s?experimental\b")
_ALLOCATED = rx(RANDOM_ALLOCATION)
_AIM = rx(r"\b(?:the (?:aim|objective|purpose|goal)s? of (?:this|the present|our)|"
           r"(?:this|the present|our) (?:study|trial|paper|report|analysis) (?:aims?|aimed|"
           r"sought|seeks|evaluates|examines|assesses|investigates|reports|describes))\b")
"""An aim sentence speaks of the study even where its authors filed it under a background
heading."""


@dataclass(frozen=True, slots=True)
class DesignCue:
    """A design named by the study's own wording, with the words and the sentence role."""

    design: str
    text: str
    role: str


def is_search_sentence(text: str) -> bool:
    """True for a review's search, selection or eligibility sentence (names designs it sought)."""
    return bool(_SEARCH.search(text))


def find_design_cue(sentences: Sequence[SentenceMentions]) -> DesignCue | None:
    """The design the study states of itself: reviews first, then primary designs, then
    non-human subjects, then a narrative review; None when nothing names one."""
    own = [s for s in sentences if not is_search_sentence(s.text)]
    found = _first_cue([s for s in own if not _CRITERIA.search(s.text)], REVIEW_CUES)
    if found:
        return found
    searched = _first_cue(sentences, (("systematic-review", LITERATURE_SEARCH),), loose=True)
    if searched and not _first_cue(own, CASE_CUES):
        return searched
    subject = _non_human(sentences)
    primary = _first_cue(own, PRIMARY_CUES) or _first_cue(
        own, (("randomised-controlled-trial", CONTROLLED_CUE),), loose=True)
    if subject and (primary is None or primary.design != "guideline"):
        return subject
    primary = _randomly_allocated(own, primary)
    if primary:
        return primary
    titles = [s for s in sentences if s.role == "title"]
    return (_first_cue(own, (("expert-opinion", OPINION_CUE),), loose=True)
            or _first_cue(titles, TITLE_CUES)
            or _first_cue(own, (("narrative-review", NARRATIVE_CUE),),
                          loose=not any(_STATISTICS.search(s.text) for s in sentences))
            or _topic_title(sentences, titles))


def _topic_title(sentences: Sequence[SentenceMentions],
                 titles: Sequence[SentenceMentions]) -> DesignCue | None:
    """A record that is only its title names a review by its topic wording ("Management of
    X", "Advances in Y", "X: clinical relevance"); with an abstract, the abstract decides."""
    if len(titles) != len(sentences):
        return None
    return _first_cue(titles, (("narrative-review", TOPIC_TITLE),))


def _randomly_allocated(sentences: Sequence[SentenceMentions],
                        primary: DesignCue | None) -> DesignCue | None:
    """A "quasi-experimental" study whose participants were randomly assigned is a randomised
    trial: the allocation, not the label, decides (unlike "non-" or "quasi-randomised", which
    say it was not by chance)."""
    if primary is None or primary.design != "non-randomised-controlled" or not _QUASI.search(
            primary.text):
        return primary
    return _first_cue(sentences, (("randomised-controlled-trial", _ALLOCATED),)) or primary


def _first_cue(sentences: Sequence[SentenceMentions],
               cues: Sequence[tuple[str, re.Pattern[str]]],
               loose: bool = False) -> DesignCue | None:
    """The first design (by table order) that some sentence states of the study itself;
    ``loose`` cues need no self-reference, only a sentence that is not background."""
    whole = "\n".join(s.text for s in sentences)
    for design, pattern in cues:
        if pattern is not NARRATIVE_CUE and not pattern.search(whole):
            continue  # one search rules out most cues; only a hit is checked sentence by sentence
        for sentence in sentences:
            match = pattern.search(sentence.text)
            if match and (_not_background(sentence) if loose
                          else _speaks_of_itself(sentence, match)):
                return DesignCue(design, match.group(0), sentence.role)
    return None


def _speaks_of_itself(sentence: SentenceMentions, match: re.Match[str]) -> bool:
    """Title, objective and methods sentences describe the study; elsewhere only words that
    refer to the study itself do ("this trial", "we conducted a", "patients were randomised"),
    and never a sentence that asks for more studies ("further trials are needed")."""
    if sentence.role in _OWN_ROLES or _AIM.search(sentence.text):
        return True
    if _WANTED.search(sentence.text):
        return False
    start = match.start()
    before = sentence.text[:start]
    if _STRONG_SELF.search(before) or _SELF_START.match(match.group(0)) or (
            _SELF_AFTER.search(sentence.text[match.end():])):
        return True
    guessed = sentence.section == "abstract"  # roles of an unlabelled abstract are guesses
    if sentence.role == "background" and not guessed:
        return False
    return start == 0 or bool(_WEAK_SELF.search(before))


def _not_background(sentence: SentenceMentions) -> bool:
    return sentence.role != "background" or sentence.section == "abstract"


def _non_human(sentences: Sequence[SentenceMentions]) -> DesignCue | None:
    """Animal or in-vitro study: its subjects are named and no human subjects are (a title that
    names the animal wins over people named in passing)."""
    title = next((s.text for s in sentences if s.role == "title"), "")
    text = " ".join(s.text for s in sentences)
    titled = _TITLE_ANIMAL.search(title)
    if _HUMAN.search(text) and not titled:
        return None
    if not titled:
        match = _IN_VITRO.search(text)
        if match:
            return DesignCue("in-vitro-study", match.group(0), "subjects")
    match = _ANIMAL.search(text) or titled
    return DesignCue("animal-study", match.group(0), "subjects") if match else None
