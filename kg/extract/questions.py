"""The study's question: which intervention a title, aim or methods sentence studies for what.

"Inhaled budesonide-formoterol as needed in mild asthma" and "we aimed to assess ketamine in
CRPS" say what the study is about, not what it found. They become ``studied_for`` claims with
direction ``unstated`` and ``studied-for`` evidence without study facts (no n, follow-up, dose,
level): they let a reader find every study of an intervention for a condition, whatever it
found, and they never count as support.

The subject is the intervention the sentence is about (not placebo or a comparator named after
"versus"); the objects are the conditions and outcomes it names that are not negated. A title
worded as a harm ("X-induced Y", "toxicity of X") asks about a harm, not a use: it gives no
``studied_for`` claim (``kg.extract.adverse`` reads it as a ``causes`` question).
"""

from __future__ import annotations

import re

from kg.extract.cues import is_delivery_mode, is_population_context
from kg.extract.direction import is_harm_wording
from kg.extract.evidence import RecordContext, make_claim, resolve_overlaps
from kg.extract.grouping import group_interventions, primary_group
from kg.extract.model import Claim, Mention
from kg.extract.sentences import SentenceMentions

__all__ = ["QUESTION_STRENGTH", "question_claims"]

_USE = re.compile(r"\b(?:for|in|on|against|treat\w*|therap\w*|manag\w*|prevent\w*|versus|vs|"
                  r"reduc\w*|improv\w*|reliev\w*|control\w*)\b", re.IGNORECASE)
_AFTER = re.compile(r"\b(?:after|following|associated|related|due to|caused|secondary to|"
                    r"during|receiving|exposure)\b", re.IGNORECASE)
QUESTION_STRENGTH = 0.6
"""How sure a question sentence alone makes the pairing of its intervention and condition."""


def _asks_use(sentence: SentenceMentions, subject: list[Mention], target: Mention) -> bool:
    """True when the sentence asks about using the intervention for the target: the target is
    the population ("patients with Y ... X"), or follows the intervention with use wording in
    between ("X for Y", "X versus placebo in Y", "X to reduce Y") and no harm wording
    ("X-induced Y", "Y after X", "toxicity of X in Y": a harm question, which the adverse
    claims read)."""
    start, end = sentence.local(target)
    if is_population_context(sentence.text, start, end):
        return True
    s_start, s_end = sentence.local(subject[0])[0], sentence.local(subject[-1])[1]
    if s_end > start:
        return False
    between = sentence.text[s_end:start]
    before = sentence.text[max(0, s_start - 20):start]
    return bool(_USE.search(between)) and not (is_harm_wording(before) or _AFTER.search(between))


def question_claims(sentence: SentenceMentions, ctx: RecordContext) -> list[Claim]:
    """``studied_for`` claims of a title, objective or methods sentence."""
    mentions = resolve_overlaps(sentence.mentions)
    drugs = [m for m in mentions if m.role == "intervention" and not is_delivery_mode(m.label)]
    targets = [m for m in mentions if m.role in ("condition", "outcome") and not m.negated]
    subject = primary_group(sentence, group_interventions(sentence, drugs)) if drugs else None
    if subject is None:
        return []
    studied = {m.concept for m in subject}
    seen: set[str] = set()
    claims: list[Claim] = []
    for target in targets:
        if target.concept in seen or target.concept in studied or not _asks_use(
                sentence, subject, target):
            continue
        seen.add(target.concept)
        claims.append(make_claim(subject, "studied_for", target, "unstated", sentence=sentence,
                                 ctx=ctx, confidence=QUESTION_STRENGTH, study_facts=False,
                                 kind="studied-for"))
    return claims
