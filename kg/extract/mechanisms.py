"""Mechanism claims: an intervention *acts through* a mechanism, a mechanism is *implicated in* a
condition.

These two relations make the graph explain itself: "ketamine → NMDA-receptor antagonism" and
"NMDA receptor → implicated in opioid withdrawal" give the path a user asks about ("how could
ketamine help an opioid taper?"). Only what the article states counts: ``acts_through`` needs
wording that ties the drug to the mechanism ("ketamine, an NMDA-receptor antagonist"), and only
for the interventions the study is about, so a co-medication's mechanism is no claim of the
article; a drug's MeSH pharmacological action is the vocabulary's knowledge and never reaches
here. Mechanism statements keep their hedge and carry no study facts (n, follow-up); they are
findings only when results or conclusions state them plainly (``kg.extract.kinds``).
"""

from __future__ import annotations

import re
from collections.abc import Collection

from kg.extract.context import fold_hyphens, is_hedged
from kg.extract.cues import (
    find_dependence_cues,
    find_implication_cues,
    has_action_cue,
    is_delivery_mode,
)
from kg.extract.evidence import RecordContext, make_claim, resolve_overlaps
from kg.extract.kinds import mechanism_kind
from kg.extract.model import Claim, EvidenceKind, Mention
from kg.extract.sentences import SentenceMentions

__all__ = ["is_drug_class", "is_test_readout", "mechanism_claims"]

_APPOSITIVE = re.compile(r"^\s*(?:,|\(|-)\s*(?:a|an|the|which is|is)?\b", re.IGNORECASE)
_EXAMPLE = re.compile(r"\b(?:such as|including|like|e\.g\.|by|of)\W*$", re.IGNORECASE)
_REACH = 20  # characters around a mechanism mention that may hold "antagonist", "blockade"
_READOUT = re.compile(r"[\s-]*(?:models?|paradigms?|tests?|assays?|tasks?)\b", re.IGNORECASE)
_EXAMPLE_GAP = 25  # characters between "antagonists such as" and the drug it names
_CLASS = re.compile(r"\b(?:antagonists|agonists|inhibitors|blockers|blocking agents|activators|"
                    r"modulators|inducers|agents|drugs|ligands)$", re.IGNORECASE)


def mechanism_claims(sentence: SentenceMentions, ctx: RecordContext,
                     studied: Collection[str] | None = None) -> list[Claim]:
    """acts_through and implicated_in claims stated in one sentence.

    ``studied``: the interventions the study is about (None: any); others get no
    ``acts_through`` claim.
    """
    mentions = [m for m in resolve_overlaps(sentence.mentions) if m.derived_from is None]
    mechanisms = [m for m in mentions if m.role == "mechanism" and not is_test_readout(
        sentence, m)]
    if not mechanisms:
        return []
    kind = mechanism_kind(sentence.role, is_hedged(sentence.text))
    return (_acts_through(sentence, ctx, mentions, mechanisms, studied, kind)
            + _implicated_in(sentence, ctx, mentions, mechanisms, kind)
            + _depended_on(sentence, ctx, mentions, kind))


def _acts_through(sentence: SentenceMentions, ctx: RecordContext, mentions: list[Mention],
                  mechanisms: list[Mention], studied: Collection[str] | None,
                  kind: EvidenceKind) -> list[Claim]:
    interventions = [m for m in mentions if m.role == "intervention"
                     and not is_delivery_mode(m.label)]
    claims: list[Claim] = []
    for mech in mechanisms:  # the drug the wording ties to it, then only if it is studied
        for drug, strength in _drugs_acting_through(sentence, interventions, mech):
            if studied is not None and drug.concept not in studied:
                continue
            claims.append(make_claim([drug], "acts_through", mech, "supports", sentence=sentence,
                                     ctx=ctx, confidence=strength, study_facts=False,
                                     kind=kind))
    return claims


def _drugs_acting_through(sentence: SentenceMentions, interventions: list[Mention],
                          mech: Mention) -> list[tuple[Mention, float]]:
    """The interventions a mechanism mention belongs to, with how sure the wording makes it.

    Before the mechanism: the sentence head in apposition ("Ketamine, a ... NMDA-receptor
    antagonist") or the nearest intervention before it. After: "antagonists such as ketamine".
    """
    text = fold_hyphens(sentence.text)
    m_start, m_end = sentence.local(mech)
    cue_here = has_action_cue(text[max(0, m_start - _REACH):m_end + _REACH])
    before = [d for d in interventions if sentence.local(d)[1] <= m_start]
    after = [d for d in interventions if sentence.local(d)[0] >= m_end]
    if before:
        head = before[0]
        between = text[sentence.local(head)[1]:m_start]
        if _APPOSITIVE.match(between) and (cue_here or has_action_cue(between)):
            return [(head, 0.8)]
        nearest = before[-1]
        if cue_here or has_action_cue(text[sentence.local(nearest)[1]:m_start]):
            return [(nearest, 0.7)]
    gap = text[m_end:sentence.local(after[0])[0]] if after else ""
    if after and cue_here and len(gap) <= _EXAMPLE_GAP and _EXAMPLE.search(gap):
        return [(after[0], 0.7)]
    return []


def is_test_readout(sentence: SentenceMentions, mention: Mention) -> bool:
    """True for a mechanism named as an experiment's readout ("the prepulse inhibition model",
    "a long-term potentiation assay"): what was measured, not what a drug acts through."""
    return bool(_READOUT.match(sentence.text, sentence.local(mention)[1]))


def is_drug_class(mention: Mention) -> bool:
    """True for a class of drugs ("P2Y receptor antagonists", "kinase inhibitors"): what a drug
    *is* (``acts_through`` it when the sentence says so), never a mechanism implicated in a
    condition nor a condition a mechanism is implicated in."""
    return bool(_CLASS.search(mention.label))


def _implicated_in(sentence: SentenceMentions, ctx: RecordContext, mentions: list[Mention],
                   mechanisms: list[Mention], kind: EvidenceKind) -> list[Claim]:
    """Mechanism implicated in condition when an implication cue lies between the two (for
    "found in" cues, the mechanism before it)."""
    conditions = [m for m in mentions if m.role == "condition" and not is_drug_class(m)]
    claims: list[Claim] = []
    seen: set[tuple[str, str]] = set()
    for cue_start, cue_end, forward in find_implication_cues(sentence.text):
        for mech in [m for m in mechanisms if not is_drug_class(m)]:
            for cond in conditions:
                if (mech.concept, cond.concept) in seen or not _spans_cue(
                        sentence, mech, cond, cue_start, cue_end) or (
                        forward and sentence.local(mech)[0] > cue_start):
                    continue
                seen.add((mech.concept, cond.concept))
                claims.append(make_claim([mech], "implicated_in", cond, "supports",
                                         sentence=sentence, ctx=ctx, confidence=0.75,
                                         study_facts=False, kind=kind))
    return claims


def _depended_on(sentence: SentenceMentions, ctx: RecordContext, mentions: list[Mention],
                 kind: EvidenceKind) -> list[Claim]:
    """Mechanism implicated in what depends on it: "X rests on Y" (X: the first condition or
    mechanism before the cue, Y: the first mechanism after it) and "Y-dependent X" (the two
    mentions next to the cue), so "drug tolerance … rests on NMDA receptor-dependent
    plasticity" says the NMDA receptor is implicated in drug tolerance."""
    claims: list[Claim] = []
    phenomena = [m for m in mentions
                 if m.role in ("mechanism", "condition") and not is_drug_class(m)]
    for start, end in find_dependence_cues(sentence.text):
        before = [m for m in phenomena if sentence.local(m)[1] <= start]
        after = [m for m in phenomena if sentence.local(m)[0] >= end]
        if sentence.text[start] == "-":  # "Y-dependent X": adjacent on both sides
            before = [m for m in before if sentence.local(m)[1] == start]
            after = [m for m in after if sentence.local(m)[0] - end <= 1]
        if not before or not after:
            continue
        mech, what = (before[-1], after[0]) if sentence.text[start] == "-" else (
            after[0], before[0])
        if mech.role != "mechanism" or mech.concept == what.concept:
            continue
        claims.append(make_claim([mech], "implicated_in", what, "supports", sentence=sentence,
                                 ctx=ctx, confidence=0.7, study_facts=False, kind=kind))
    return claims


def _spans_cue(sentence: SentenceMentions, a: Mention, b: Mention, start: int, end: int) -> bool:
    """True when the cue lies between the two mentions, in either order."""
    a_start, a_end = sentence.local(a)
    b_start, b_end = sentence.local(b)
    return (a_end <= start and end <= b_start) or (b_end <= start and end <= a_start)
