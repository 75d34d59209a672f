"""Building claims and their evidence from a sentence, shared by every kind of claim rule.

Study-level facts (sample size, population, follow-up, doses) are read once per record into a
``RecordContext``; each rule then only decides *which* concepts are related and how, and this
module turns that decision into a ``Claim`` with one ``Evidence`` that quotes the sentence.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from kg.extract.context import (
    find_doses,
    find_follow_up,
    find_population,
    find_sample_size,
    is_hedged,
)
from kg.extract.model import Claim, DesignAssessment, Evidence, Mention
from kg.extract.sentences import SentenceMentions
from kg.rdf.iris import mint_combination_iri
from kg.records.model import Record

__all__ = [
    "EXTRACTOR",
    "EXTRACTOR_VERSION",
    "RecordContext",
    "make_claim",
    "merge_claims",
    "read_context",
    "resolve_overlaps",
]

EXTRACTOR = "ekg-claims"
EXTRACTOR_VERSION = "1"
_DOSE_REACH = 60  # characters between a dose phrase and the drug it doses
_FINDINGS_WEIGHT = 0.7  # sentences weighing less are background (kg.extract.sentences)


@dataclass(frozen=True, slots=True)
class RecordContext:
    """What the whole record says about its study, read once and quoted by each claim."""

    design: DesignAssessment
    n: int | None
    population: str | None
    follow_up: str | None
    sentences: tuple[SentenceMentions, ...]

    def dose_for(self, concepts: Iterable[str], here: SentenceMentions | None = None) -> str | None:
        """The dose phrase nearest to a mention of one of ``concepts``: this sentence first."""
        wanted = set(concepts)
        order = [here] if here is not None else []
        order += [s for s in self.sentences if s is not here]
        for sentence in order:
            found = _nearest_dose(sentence, wanted)
            if found:
                return found
        return None


def read_context(record: Record, sentences: tuple[SentenceMentions, ...],
                 design: DesignAssessment) -> RecordContext:
    """Sample size, population and longest follow-up stated anywhere in title or abstract.

    The population phrase is taken from the most findings-like section that states one: a
    background's "patients with CRPS" speaks of others, the case section's "a patient with
    CRPS" of the study's own.
    """
    text = "\n".join(s.text for s in sentences)
    n = find_sample_size(text)
    if n is None and design.design == "case-report":
        n = 1
    stated = [(-s.weight, s.index, p) for s in sentences if (p := find_population(s.text))]
    population = min(stated)[2] if stated else None
    return RecordContext(design, n, population, find_follow_up(text), sentences)


def _nearest_dose(sentence: SentenceMentions, concepts: set[str]) -> str | None:
    spans = [sentence.local(m) for m in sentence.mentions if m.concept in concepts]
    if not spans:
        return None
    best: tuple[int, str] | None = None
    for start, end, text in find_doses(sentence.text):
        for m_start, m_end in spans:
            gap = max(0, start - m_end, m_start - end)
            if gap <= _DOSE_REACH and (best is None or gap < best[0]):
                best = (gap, text)
    return best[1] if best else None


def resolve_overlaps(mentions: Sequence[Mention]) -> list[Mention]:
    """Keep the longest of overlapping mentions ("opioid withdrawal" over "opioid").

    Mentions with exactly the same span but different concepts all stay: a drug mention and the
    mechanism derived from it at the same place are both meant, and so are the parts of a
    composite mention ("renal and hepatic failure").
    """
    ordered = sorted(mentions, key=lambda m: (-((m.end or 0) - (m.start or 0)), m.start or 0))
    kept: list[Mention] = []
    for m in ordered:
        clash = [k for k in kept if (k.start or 0) < (m.end or 0) and (m.start or 0) < (k.end or 0)]
        if all(k.start == m.start and k.end == m.end and k.concept != m.concept for k in clash):
            kept.append(m)
    return sorted(kept, key=lambda m: (m.start or 0, m.end or 0))


def make_claim(subject: Sequence[Mention], relation: str, obj: Mention, direction: str, *,
               sentence: SentenceMentions, ctx: RecordContext, confidence: float,
               negated: bool = False, study_facts: bool = True) -> Claim:
    """One claim with one evidence quoting ``sentence``; several subjects make a combination.

    ``study_facts`` adds n, population, follow-up and dose: they describe the study's own
    patients, so background statements (mechanisms, or a background section restating earlier
    findings) do not carry them; a population the sentence itself names is always kept.
    """
    own_study = study_facts and sentence.weight >= _FINDINGS_WEIGHT
    parts = tuple(dict.fromkeys(m.concept for m in subject))
    labels = list(dict.fromkeys(m.label for m in subject))
    hedged = is_hedged(sentence.text)
    evidence = Evidence(
        sentence=sentence.text, section=sentence.section, start=sentence.sentence.start,
        end=sentence.sentence.end, design=ctx.design, confidence=_confidence(
            confidence, sentence.weight, hedged, [*subject, obj]),
        negated=negated, hedged=hedged,
        population=_population(sentence, ctx, study_facts, own_study),
        n=ctx.n if own_study else None,
        follow_up=ctx.follow_up if own_study else None,
        dose=ctx.dose_for(parts, sentence) if own_study else None,
        extractor=EXTRACTOR, extractor_version=EXTRACTOR_VERSION,
    )
    combined = len(parts) > 1
    return Claim(
        subject=str(mint_combination_iri(parts)) if combined else parts[0],
        relation=relation,  # type: ignore[arg-type]
        object=obj.concept, direction=direction,  # type: ignore[arg-type]
        evidence=(evidence,), subject_label=" + ".join(labels), object_label=obj.label,
        subject_parts=parts if combined else (),
    )


def _population(sentence: SentenceMentions, ctx: RecordContext, study_facts: bool,
                own_study: bool) -> str | None:
    if not study_facts:
        return None
    return find_population(sentence.text) or (ctx.population if own_study else None)


def _confidence(cue: float, weight: float, hedged: bool, mentions: Sequence[Mention]) -> float:
    """Cue strength × section weight × the weakest mention's confidence, less when hedged."""
    value = cue * weight * min((m.confidence for m in mentions), default=1.0)
    return round(max(0.01, min(0.99, value * (0.8 if hedged else 1.0))), 3)


def merge_claims(claims: Iterable[Claim]) -> tuple[Claim, ...]:
    """One claim per (subject, relation, object, direction), its evidence gathered in order."""
    merged: dict[tuple[str, str, str, str], Claim] = {}
    for claim in claims:
        key = (claim.subject, claim.relation, claim.object, claim.direction)
        if key not in merged:
            merged[key] = claim
            continue
        old = merged[key]
        seen = {(e.section, e.start, e.agent) for e in old.evidence}
        extra = tuple(e for e in claim.evidence if (e.section, e.start, e.agent) not in seen)
        merged[key] = Claim(old.subject, old.relation, old.object, old.direction,
                            old.evidence + extra, old.subject_label, old.object_label,
                            old.subject_parts)
    return tuple(merged.values())
