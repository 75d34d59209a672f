"""Effect claims of results, conclusions and background sentences, with their direction.

A sentence yields a claim for an intervention and a condition or outcome only when its wording
relates them: an effect cue ("reduced", "relief of", "had no effect on", "prevented") with the
intervention on its subject side, or a comparison ("fewer ... insomnia in the treated group",
"pain did not differ between ketamine and placebo") about the intervention the sentence is about.
Co-occurrence alone is no claim.

The relation and direction then follow from ``kg.extract.direction`` and
``kg.extract.significance``: null results are ``no_difference`` (also "did not reduce", "had no
effect on": absence of a shown effect), benefits support ``treats``/``prevents``, harms are
``causes`` (or refute the treatment of what the intervention is given for), and "the efficacy of
X is limited" refutes. An outcome whose own existence is negated ("no tumours were observed")
gives no claim. Whether the claim is the study's finding or the literature's (``cited``) is the
sentence role's decision (``kg.extract.kinds``).

A sentence that credits the previous sentence's result to interventions ("This was achieved
with X followed by Y") gives those interventions the previous sentence's good outcomes.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from kg.extract.cues import (
    Cue,
    find_effect_cues,
    is_delivery_mode,
    is_population_context,
    nominal_cue,
)
from kg.extract.direction import (
    Verdict,
    change_of,
    changed_before,
    effect_of,
    is_beneficial,
    limited_efficacy,
    verdict,
)
from kg.extract.evidence import RecordContext, make_claim, resolve_overlaps
from kg.extract.grouping import agents_before, group_interventions, is_comparator, primary_group
from kg.extract.model import Claim, Mention
from kg.extract.sentences import SentenceMentions
from kg.extract.significance import significance

__all__ = ["COMPARISON_STRENGTH", "credited_claims", "decide", "effect_claims", "harm_questions"]

COMPARISON_STRENGTH = 0.7
"""How sure a comparison without an effect verb makes the intervention–outcome pairing."""
_CREDIT = re.compile(
    r"^\W*(?:this|these|such|that)\s+(?:\w+\s+){0,2}?(?:was|were|is|are|has been|have been)\s+"
    r"(?:\w+\s+)?(?:possible|achieved|accomplished|attained|obtained|made possible|"
    r"attributable|attributed|due)\s+(?:\w+\s+)?(?:through|with|by|using|to|thanks to)\b",
    re.IGNORECASE)

_ARM_BEFORE = re.compile(
    r"\b(?:with|after|by|in|on|receiving|received|given|than|versus|vs|between|following|among|"
    r"under)\s+(?:the\s+|a\s+|an\s+)?(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
_ARM_AFTER = re.compile(r"^[\s-]*(?:\w+\s+)?(?:groups?|arms?|treated|recipients|users|patients|"
                        r"subjects|participants|cohort|condition)\b", re.IGNORECASE)

_MEASURE = re.compile(r"\s*(?:doses?|dosages?|dosing|use|consumption|intake|requirements?|"
                      r"levels?|concentrations?|exposure|prescri\w+)\b", re.IGNORECASE)

Pair = tuple[list[Mention], Mention, Cue | None]
_CHANGED_REACH = 30  # characters after a cue within which a drug named is the thing changed


def effect_claims(sentence: SentenceMentions, ctx: RecordContext,
                  indications: Collection[str] = ()) -> list[Claim]:
    """treats / prevents / causes claims of one sentence, one per subject–object pair.

    ``indications``: concepts the record gives its interventions for (its question's
    conditions, its population's): a harm to one of them refutes the treatment.
    """
    mentions = resolve_overlaps(sentence.mentions)
    drugs = [m for m in mentions if m.role == "intervention" and not is_delivery_mode(m.label)
             and not _is_measure(sentence, m)]
    targets = [m for m in mentions if m.role in ("condition", "outcome")]
    if not drugs or not targets:
        return []
    groups = group_interventions(sentence, drugs)
    pairs = _cue_pairs(sentence, groups, targets, mentions)
    pairs += _comparison_pairs(sentence, groups, targets, {p[1].concept for p in pairs})
    claims: list[Claim] = []
    for subject, obj, cue in pairs:
        found = decide(sentence, obj, cue, obj.concept in indications)
        if found is not None:
            claims.append(make_claim(
                subject, found.relation, obj, found.direction, sentence=sentence, ctx=ctx,
                confidence=cue.strength if cue else COMPARISON_STRENGTH,
                negated=found.direction in ("refutes", "no_difference")))
    return claims


def harm_questions(sentence: SentenceMentions, ctx: RecordContext) -> list[Claim]:
    """``causes`` claims a title, aim or methods sentence words as harm ("X-induced Y", "Y
    secondary to X"): what the study is about, so direction ``unstated``, not a finding."""
    mentions = resolve_overlaps(sentence.mentions)
    drugs = [m for m in mentions if m.role == "intervention" and not is_delivery_mode(m.label)]
    targets = [m for m in mentions if m.role in ("condition", "outcome") and not m.negated]
    if not drugs or not targets:
        return []
    pairs = _cue_pairs(sentence, group_interventions(sentence, drugs), targets, mentions)
    return [make_claim(subject, "causes", obj, "unstated", sentence=sentence, ctx=ctx,
                       confidence=cue.strength, kind="studied-for")
            for subject, obj, cue in pairs
            if cue is not None and cue.relation == "causes" and not cue.negated]


def _is_measure(sentence: SentenceMentions, drug: Mention) -> bool:
    """True for a drug named as what was measured ("opioid dose", "morphine consumption"): an
    outcome of the study, not the intervention compared."""
    return bool(_MEASURE.match(sentence.text, sentence.local(drug)[1]))


def decide(sentence: SentenceMentions, obj: Mention, cue: Cue | None,
           indication: bool = False) -> Verdict | None:
    """The relation and direction the sentence gives ``obj``, or None for no claim."""
    text = sentence.text
    start, end = sentence.local(obj)
    base = cue.relation if cue is not None and cue.relation in ("prevents", "causes") else "treats"
    if cue is not None and base == "causes" and text[max(0, cue.start - 1)] == "-":
        return None if obj.negated else Verdict("causes", "supports")  # "X-induced Y" names it
    if significance(text, (start, end)) == "not_significant" or (cue is not None and (
            cue.relation == "no_effect" or cue.direction == "no_difference" or cue.negated)):
        return Verdict(base, "no_difference")
    if limited_efficacy(text):
        return Verdict(base, "refutes")
    if obj.negated:
        return None  # "no solid tumours were observed": the outcome did not occur at all
    change = change_of(text, start, end)
    if change is not None:
        effect = effect_of(change, obj, text[:start])
        if base == "causes":  # "a lower risk of X" is prevention, "a higher risk of X" harm
            return Verdict("causes" if effect == "harm" else "prevents", "supports")
        return verdict(effect, base, indication or is_beneficial(obj), text)
    return Verdict(cue.relation, cue.direction) if cue is not None else None


def _cue_pairs(sentence: SentenceMentions, groups: list[list[Mention]], targets: list[Mention],
               mentions: list[Mention]) -> list[Pair]:
    """(subject, object, cue) for each effect cue: the subject on the cue's subject side, the
    objects on its object side (population phrases only when nothing else is there)."""
    blocked = [sentence.local(m) for m in mentions]
    cues = find_effect_cues(sentence.text, blocked)
    cues += [c for t in targets if (c := nominal_cue(sentence.text, sentence.local(t)[1]))]
    pairs: list[Pair] = []
    seen: set[tuple[tuple[str, ...], str]] = set()
    for cue in cues:
        subject = _subject_for(sentence, groups, cue)
        if subject is None or _changes_an_intervention(sentence, groups, cue):
            continue
        for obj in _objects_for(sentence, targets, cue):
            key = (tuple(m.concept for m in subject), obj.concept)
            if key not in seen and obj.concept not in key[0]:
                seen.add(key)
                pairs.append((subject, obj, cue))
    return pairs


def _changes_an_intervention(sentence: SentenceMentions, groups: list[list[Mention]],
                             cue: Cue) -> bool:
    """True when an active cue's own object is an intervention ("reductions in X levels may
    characterise Y", "lowering X"): the cue says how X changed, not what X did to Y."""
    if cue.voice != "active":
        return False
    after = sentence.text[cue.end:cue.end + _CHANGED_REACH]
    for group in groups:
        start = sentence.local(group[0])[0] - cue.end
        if 0 <= start < len(after) and len(after[:start].split()) <= 1:
            return True
    return False


def _comparison_pairs(sentence: SentenceMentions, groups: list[list[Mention]],
                      targets: list[Mention], paired: set[str]) -> list[Pair]:
    """Outcomes compared without an effect verb ("fewer women in the X group reported Y",
    "Y did not differ") when the intervention the sentence is about is named as a compared arm,
    and the objects of "the efficacy of X is limited for Y", paired with that intervention."""
    arms = [g for g in groups if not is_comparator(sentence, g) and _is_arm(sentence, g)]
    subject = arms[0] if arms else primary_group(sentence, groups)
    if subject is None:
        return []
    arm, limited = bool(arms), limited_efficacy(sentence.text)
    pairs: list[Pair] = []
    plain = [t for t in targets if not is_population_context(sentence.text, *sentence.local(t))]
    for target in plain:
        if target.concept in paired or target.concept in {m.concept for m in subject}:
            continue
        start, end = sentence.local(target)
        if _subject_changed(sentence, subject, start):
            continue
        compared = arm and (change_of(sentence.text, start, end) is not None or significance(
            sentence.text, (start, end)) == "not_significant")
        if compared or limited:
            paired.add(target.concept)
            pairs.append((subject, target, None))
    return pairs


def _subject_changed(sentence: SentenceMentions, subject: list[Mention], target: int) -> bool:
    """True when the comparative before the target is the subject's own change ("reductions
    in X may characterise Y"): Y is not compared between arms, X is what differed."""
    first = sentence.local(subject[0])[0]
    return first < target and changed_before(sentence.text, first)


def _is_arm(sentence: SentenceMentions, group: list[Mention]) -> bool:
    """True when the intervention is named as a compared arm ("with X", "in the X group",
    "between X and placebo", "X-treated"), not as a mere word of the sentence."""
    start, end = sentence.local(group[0])[0], sentence.local(group[-1])[1]
    return bool(_ARM_BEFORE.search(sentence.text[max(0, start - 40):start])
                or _ARM_AFTER.match(sentence.text[end:end + 30]))


def credited_claims(sentence: SentenceMentions, previous: SentenceMentions | None,
                    ctx: RecordContext) -> list[Claim]:
    """"This was possible through X followed by Y": X + Y treat the good outcomes of the
    previous sentence (the sentence quoted is the crediting one)."""
    if previous is None or previous.section != sentence.section or not _CREDIT.search(
            sentence.text):
        return []
    drugs = [m for m in resolve_overlaps(sentence.mentions)
             if m.role == "intervention" and not is_delivery_mode(m.label)]
    subject = primary_group(sentence, group_interventions(sentence, drugs)) if drugs else None
    if subject is None:
        return []
    return [make_claim(subject, "treats", obj, "supports", sentence=sentence, ctx=ctx,
                       confidence=COMPARISON_STRENGTH)
            for obj in _good_outcomes(previous)]


def _good_outcomes(sentence: SentenceMentions) -> list[Mention]:
    """Outcomes a sentence reports as reached or improved, once each."""
    out: dict[str, Mention] = {}
    for m in resolve_overlaps(sentence.mentions):
        if m.role not in ("condition", "outcome") or m.negated or m.concept in out:
            continue
        change = change_of(sentence.text, *sentence.local(m))
        good = effect_of(change, m) == "benefit" if change else is_beneficial(m)
        if good:
            out[m.concept] = m
    return list(out.values())


def _subject_for(sentence: SentenceMentions, groups: list[list[Mention]],
                 cue: Cue) -> list[Mention] | None:
    """Active cue: the first intervention group before it (the nearest for a harm cue);
    passive: the first one after it; nominal: the first one before the object it follows."""
    if cue.voice in ("active", "nominal"):
        found = agents_before(sentence, groups, cue.start)  # its clause, no comparator
        if cue.relation == "causes":  # "X-induced", "the risk of": the nearest exposure
            found = found[::-1]
    else:
        found = [g for g in groups if sentence.local(g[0])[0] >= cue.end]
    return found[0] if found else None


def _objects_for(sentence: SentenceMentions, targets: list[Mention], cue: Cue) -> list[Mention]:
    """Conditions/outcomes on the object side of the cue; population phrases only as fallback."""
    if cue.voice == "nominal":
        return [t for t in targets if sentence.local(t)[1] == cue.start]
    if cue.voice == "active":
        side = [t for t in targets if sentence.local(t)[0] >= cue.end]
    else:
        side = [t for t in targets if sentence.local(t)[1] <= cue.start]
    plain = [t for t in side if not is_population_context(sentence.text, sentence.local(t)[0])]
    return plain or side
