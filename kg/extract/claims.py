"""Claims from a record's title and abstract: who did what to which condition, and how surely.

``extract(record, mentions)`` is what the pipeline calls: it classifies the study design and
returns an ``Extraction`` whose claims each quote their sentence. Rules, not a trained model, so
every claim can be explained by the cue that produced it:

* effect claims (intervention → condition or outcome): ``treats`` (improves, relieves, "for"
  in a title), ``prevents``, ``no_effect`` ("had no effect on"); null results ("no significant
  difference") are ``treats`` with direction ``no_difference`` and negated positive cues
  ("did not reduce") are ``treats`` with direction ``refutes``, so that evidence for and against
  one intervention–condition pair rolls up together;
* combined interventions ("ketamine ... in combination with CBT", "ketamine and CBT" when
  joined directly) become one subject with its parts;
* mechanism claims (``acts_through``, ``implicated_in``) — see ``kg.extract.mechanisms``;
* adverse claims (``causes``) — see ``kg.extract.adverse``, scored over the whole abstract.

A concept in the population phrase ("a patient with CRPS") is the object only when the sentence
names no other condition or outcome: otherwise it describes who was treated, not what improved.
"""

from __future__ import annotations

from collections.abc import Sequence

from kg.extract.adverse import adverse_claims
from kg.extract.cues import (
    COMBINATION,
    DIRECT_JOIN,
    Cue,
    find_effect_cues,
    is_delivery_mode,
    is_population_context,
    nominal_cue,
)
from kg.extract.curated import CuratedClaim, apply_curated
from kg.extract.design import assess_design
from kg.extract.evidence import (
    RecordContext,
    make_claim,
    merge_claims,
    read_context,
    resolve_overlaps,
)
from kg.extract.hierarchy import Broader, default_broader
from kg.extract.mechanisms import mechanism_claims
from kg.extract.model import Claim, DesignAssessment, Extraction, Mention
from kg.extract.sentences import SentenceMentions, record_sentences
from kg.records.model import Record

__all__ = ["effect_claims", "extract", "extract_claims", "group_interventions"]

_COMPARISON = ("versus", " vs", "compared", "comparison", " or ", " than ")


def extract(record: Record, mentions: Sequence[Mention], broader: Broader | None = None,
            curated: Sequence[CuratedClaim] = ()) -> Extraction:
    """Design, claims and the given mentions of one record (the pipeline's entry point).

    ``broader`` defaults to the MeSH hierarchy (``kg.extract.hierarchy``) when MeSH is found.
    ``curated`` claims (``kg.extract.curated.load_curated``) for this record are added, and
    the overriding ones replace the text-mined claims they correct.
    """
    design = assess_design(record)
    claims = extract_claims(record, mentions, design, broader or default_broader())
    if curated:
        claims = apply_curated(claims, curated, record, design)
    return Extraction(mentions=tuple(mentions), claims=claims, design=design)


def extract_claims(record: Record, mentions: Sequence[Mention], design: DesignAssessment,
                   broader: Broader | None = None) -> tuple[Claim, ...]:
    """All claims of a record, merged so each (subject, relation, object, direction) is one.

    ``broader(a, b)`` says concept ``a`` is an ancestor of ``b`` (MeSH trees); adverse scoring
    uses it to prefer "cardiac arrhythmia" over a co-mentioned "heart disease".
    """
    sentences = record_sentences(record, mentions)
    ctx = read_context(record, sentences, design)
    found: list[Claim] = []
    therapeutic: set[tuple[str, str]] = set()
    for sentence in sentences:
        found.extend(mechanism_claims(sentence, ctx))
        effects = effect_claims(sentence, ctx)
        found.extend(effects)
        therapeutic |= _indications(sentence, effects)
    found.extend(adverse_claims(sentences, ctx, broader, frozenset(therapeutic)))
    return merge_claims(found)


def effect_claims(sentence: SentenceMentions, ctx: RecordContext) -> list[Claim]:
    """treats / prevents / no_effect claims of one sentence, one per subject–object pair."""
    mentions = resolve_overlaps(sentence.mentions)
    drugs = [m for m in mentions if m.role == "intervention" and not is_delivery_mode(m.label)]
    targets = [m for m in mentions if m.role in ("condition", "outcome")]
    if not drugs or not targets:
        return []
    groups = group_interventions(sentence, drugs)
    claims: list[Claim] = []
    seen: set[tuple[tuple[str, ...], str]] = set()
    blocked = [sentence.local(m) for m in mentions]
    cues = find_effect_cues(sentence.text, sentence.section == "title", blocked)
    cues += [c for t in targets if (c := nominal_cue(sentence.text, sentence.local(t)[1]))]
    for cue in cues:
        subject = _subject_for(sentence, groups, cue)
        if subject is None:
            continue
        for obj in _objects_for(sentence, targets, cue):
            key = (tuple(m.concept for m in subject), obj.concept)
            if key in seen or obj.concept in key[0]:
                continue
            seen.add(key)
            claims.append(make_claim(subject, cue.relation, obj, cue.direction, sentence=sentence,
                                     ctx=ctx, confidence=cue.strength, negated=cue.negated))
    return claims


def _indications(sentence: SentenceMentions, effects: list[Claim]) -> set[tuple[str, str]]:
    """(intervention, condition) pairs this sentence presents as treatment: the claims' own
    pairs and, for each treating intervention, the population's condition ("... relief in
    patients with CRPS")."""
    treating = {c.subject for c in effects
                if c.relation in ("treats", "prevents") and c.direction == "supports"}
    pairs = {(c.subject, c.object) for c in effects if c.subject in treating}
    population = [m.concept for m in sentence.mentions if m.role == "condition"
                  and is_population_context(sentence.text, *sentence.local(m))]
    return pairs | {(s, p) for s in treating for p in population}


def group_interventions(sentence: SentenceMentions,
                        drugs: list[Mention]) -> list[list[Mention]]:
    """Interventions of a sentence grouped into combinations, in text order.

    An explicit cue ("in combination with", "plus", "followed by") joins the sentence's first
    intervention before it with the first one after it, and absorbs those in between (regimen
    details); interventions joined only by "and"/"with" are combined unless the sentence compares.
    """
    text = sentence.text
    groups: list[list[Mention]] = [[d] for d in _distinct(drugs)]
    for cue in COMBINATION.finditer(text):
        before = [g for g in groups if sentence.local(g[0])[1] <= cue.start()]
        after = [g for g in groups if sentence.local(g[0])[0] >= cue.end()]
        if before and after:
            head, tail = before[0], after[0]
            inside = groups[groups.index(head) + 1:groups.index(tail)]
            groups = [g for g in groups if g is not tail and all(g is not i for i in inside)]
            head.extend(tail)
    if not any(word in text.lower() for word in _COMPARISON):
        groups = _join_direct(sentence, groups)
    return groups


def _distinct(drugs: list[Mention]) -> list[Mention]:
    """First mention of each concept only: "ketamine ... ketamine" is one intervention."""
    seen: set[str] = set()
    return [d for d in drugs if not (d.concept in seen or seen.add(d.concept))]  # type: ignore[func-returns-value]


def _join_direct(sentence: SentenceMentions, groups: list[list[Mention]]) -> list[list[Mention]]:
    out: list[list[Mention]] = []
    for group in groups:
        if out:
            gap = sentence.text[sentence.local(out[-1][-1])[1]:sentence.local(group[0])[0]]
            if DIRECT_JOIN.match(gap):
                out[-1] = out[-1] + group
                continue
        out.append(list(group))
    return out


def _subject_for(sentence: SentenceMentions, groups: list[list[Mention]],
                 cue: Cue) -> list[Mention] | None:
    """Active cue: the first intervention group before it; passive: the first one after it;
    nominal: the first one before the object the cue follows."""
    if cue.voice in ("active", "nominal"):
        found = [g for g in groups if sentence.local(g[0])[1] <= cue.start]
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
