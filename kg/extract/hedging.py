"""Whether a sentence speculates ("may reduce", "suggests", "appears to") or reports.

A hedged statement is the authors' guess, not their result, so its evidence is marked ``hedged``
and weighs less. Hedge cues are words of the *proposition*: modal verbs (may, might, could),
speculative verbs (suggest, appear to, seem to, hypothesise, speculate), adverbs (possibly,
probably, perhaps, presumably, potentially) and "likely", "unclear", "it is possible that".
The same words as adjectives of a noun are not hedges: "possible mechanisms were reviewed",
"potential side effects were recorded" report what was done. "May" the month ("in May 2019"),
"could not" (an inability, reported) and "not possible to" are not hedges either.
"""

from __future__ import annotations

import re

__all__ = ["hedge_cue", "is_hedged"]

_HEDGE = re.compile(
    r"\b(?:(?-i:[Mm]ay)(?!\s+\d)|might|could(?!\s+not\b|n't)|possibly|perhaps|probabl[ey]|"
    r"presumabl[ey]|potentially|putative(?:ly)?|conceivabl[ey]|plausibly"
    r"|suggest(?:s|ed|ing|ive of)?|appear(?:s|ed)? to|appear(?:s|ed)? that|seem(?:s|ed)? to"
    r"|(?:un)?likely|unclear|uncertain|suspected|speculat\w*|hypothes[ei]s(?:e[sd]?)? that"
    r"|hypothesi[sz](?:e|es|ed) that|we propose"
    r"|(?:it is|it was|it seems|it remains|remains|is it) possible"
    r"|possible that|has the potential to|have the potential to"
    r"|not (?:yet )?(?:been )?(?:established|known|clear))\b",
    re.IGNORECASE)


def hedge_cue(sentence: str) -> str | None:
    """The first hedge cue of ``sentence`` as printed, or None when it reports plainly."""
    match = _HEDGE.search(sentence)
    return match.group(0) if match else None


def is_hedged(sentence: str) -> bool:
    """True when the sentence speculates rather than reports."""
    return _HEDGE.search(sentence) is not None
