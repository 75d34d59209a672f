"""Building claims and their evidence from a sentence, shared by every kind of claim rule.

Study-level facts (sample size, population, follow-up, doses) are read once per record into a
``RecordContext``; each rule then only decides *which* concepts are related and how, and this
module turns that decision into a ``Claim`` with one ``Evidence`` that quotes the sentence.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache

from kg.extract.certainty import assess_certainty
from kg.extract.context import (
    find_doses,
    find_follow_up,
    find_population,
    find_study_size,
    find_treatment_duration,
    is_hedged,
)
from kg.extract.kinds import evidence_kind
from kg.extract.model import Certainty, Claim, DesignAssessment, Evidence, EvidenceKind, Mention
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


@dataclass(frozen=True, slots=True)
class RecordContext:
    """What the whole record says about its study, read once and quoted by each claim."""

    design: DesignAssessment
    n: int | None
    population: str | None
    follow_up: str | None
    sentences: tuple[SentenceMentions, ...]
    doses: dict[str, tuple[int, int, str]] = field(default_factory=dict)
    treatment_duration: str | None = None  # ISO 8601, how long the intervention lasted
    included_studies: int | None = None  # a review's included studies (its n is people)
    certainty: Certainty | None = None  # where its findings start (kg.extract.certainty)

    def dose_for(self, concepts: Iterable[str], here: SentenceMentions | None = None) -> str | None:
        """The dose phrase nearest to a mention of one of ``concepts``: this sentence first,
        then the first sentence that doses one of them (read once per record, in ``doses``)."""
        wanted = set(concepts)
        found = _nearest_dose(here, wanted) if here is not None else None
        if found:
            return found[1]
        first = min((self.doses[c] for c in wanted if c in self.doses), default=None)
        return first[2] if first else None


def read_context(record: Record, sentences: tuple[SentenceMentions, ...],
                 design: DesignAssessment) -> RecordContext:
    """Sample size, population and longest follow-up stated anywhere in title or abstract.

    The population phrase is taken from the most findings-like section that states one: a
    background's "patients with CRPS" speaks of others, the case section's "a patient with
    CRPS" of the study's own.
    """
    text = "\n".join(s.text for s in sentences)
    n, included = find_study_size(text, design.design)
    stated = [(-s.weight, s.index, p) for s in sentences if (p := find_population(s.text))]
    population = min(stated)[2] if stated else None
    return RecordContext(design, n, population, find_follow_up(text), sentences,
                         _dose_index(sentences), find_treatment_duration(text), included,
                         assess_certainty(design, sentences, n))


def _dose_index(sentences: tuple[SentenceMentions, ...]) -> dict[str, tuple[int, int, str]]:
    """Concept → (sentence index, gap, dose) of the first sentence with a dose near it.

    Built once per record so that each claim's dose look-up costs its concepts, not the
    record's sentences: extraction stays linear in the length of the text.
    """
    index: dict[str, tuple[int, int, str]] = {}
    for sentence in sentences:
        concepts = {m.concept for m in sentence.mentions} - index.keys()
        for concept in concepts:
            found = _nearest_dose(sentence, {concept})
            if found:
                index[concept] = (sentence.index, *found)
    return index


def _nearest_dose(sentence: SentenceMentions, concepts: set[str]) -> tuple[int, str] | None:
    """(gap, dose text) of the dose phrase closest to a mention of one of ``concepts``."""
    spans = [sentence.local(m) for m in sentence.mentions if m.concept in concepts]
    if not spans:
        return None
    best: tuple[int, str] | None = None
    for start, end, text in _doses_of(sentence.text):
        for m_start, m_end in spans:
            gap = max(0, start - m_end, m_start - end)
            if gap <= _DOSE_REACH and (best is None or gap < best[0]):
                best = (gap, text)
    return best


@lru_cache(maxsize=256)
def _doses_of(text: str) -> tuple[tuple[int, int, str], ...]:
    """Dose phrases of a sentence, found once however many concepts ask."""
    return tuple(find_doses(text))


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
               negated: bool = False, study_facts: bool = True,
               kind: EvidenceKind | None = None) -> Claim:
    """One claim with one evidence quoting ``sentence``; several subjects make a combination.

    ``kind`` defaults to what the sentence's role makes an effect statement
    (``kg.extract.kinds``). ``study_facts`` adds n, population, follow-up and dose: they
    describe the study's own patients, so only findings carry them (not mechanisms, cited
    statements or the study's question); a population the sentence itself names is kept.
    """
    kind = kind or evidence_kind(sentence.role, ctx.design)
    own_study = study_facts and kind == "finding"
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
        role=sentence.role, kind=kind,
        certainty=ctx.certainty if kind == "finding" else None,
        treatment_duration=ctx.treatment_duration if own_study else None,
        included_studies=ctx.included_studies if own_study else None,
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
    """One claim per (subject, relation, object, direction), its evidence gathered in order.

    Evidence is collected in lists with a seen-set per claim, so a claim stated in thousands of
    sentences merges in linear time.
    """
    first: dict[tuple[str, str, str, str], Claim] = {}
    evidence: dict[tuple[str, str, str, str], list[Evidence]] = {}
    seen: dict[tuple[str, str, str, str], set[tuple[object, ...]]] = {}
    for claim in claims:
        key = (claim.subject, claim.relation, claim.object, claim.direction)
        first.setdefault(key, claim)
        keys, kept = seen.setdefault(key, set()), evidence.setdefault(key, [])
        for e in claim.evidence:
            where = (e.section, e.start, e.agent)
            if where not in keys:
                keys.add(where)
                kept.append(e)
    return tuple(replace(c, evidence=tuple(evidence[k])) for k, c in first.items())
