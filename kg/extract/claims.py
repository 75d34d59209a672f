"""Claims from a record's title and abstract: who did what to which condition, and how surely.

``extract(record, mentions)`` is what the pipeline calls: it classifies the study design and
returns an ``Extraction`` whose claims each quote their sentence. Rules, not a trained model, so
every claim can be explained by the cue that produced it. What a sentence can say depends on its
rhetorical role (``kg.extract.kinds``):

* title, objective and methods sentences state the study's question: ``studied_for`` claims
  (``kg.extract.questions``), never findings;
* results and conclusions give the study's findings and background sentences the literature's
  (``cited``) claims: ``treats`` / ``prevents`` / ``causes`` with a direction, null results as
  ``no_difference`` (``kg.extract.findings``, ``kg.extract.direction``,
  ``kg.extract.significance``);
* mechanism claims (``acts_through``, ``implicated_in``) — ``kg.extract.mechanisms``, only for
  the interventions the study is about (a co-medication's mechanism is not the article's point);
* adverse claims (``causes``) scored over the whole abstract — ``kg.extract.adverse``.

Mentions the vocabulary derives (``Mention.derived_from``: a drug's MeSH pharmacological action)
are vocabulary knowledge, not article evidence: they give no claim here.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from kg.extract.adverse import adverse_claims
from kg.extract.cues import is_population_context
from kg.extract.curated import CuratedClaim, apply_curated
from kg.extract.design import assess_design
from kg.extract.disease_models import drop_model_harms, model_claims, model_diseases
from kg.extract.evidence import merge_claims, read_context
from kg.extract.findings import credited_claims, effect_claims, harm_questions
from kg.extract.hierarchy import Broader, default_broader, most_specific
from kg.extract.kinds import evidence_kind
from kg.extract.mechanisms import mechanism_claims
from kg.extract.model import Claim, DesignAssessment, Extraction, Mention
from kg.extract.questions import question_claims
from kg.extract.sentences import SentenceMentions, record_sentences
from kg.extract.strength import temper_claims
from kg.extract.subjects import assign_subject_roles
from kg.records.model import Record

__all__ = ["extract", "extract_claims", "studied_interventions"]


def extract(record: Record, mentions: Sequence[Mention], broader: Broader | None = None,
            curated: Sequence[CuratedClaim] = ()) -> Extraction:
    """Design, claims and the given mentions of one record (the pipeline's entry point).

    ``broader`` defaults to the MeSH hierarchy (``kg.extract.hierarchy``) when MeSH is found.
    ``curated`` claims (``kg.extract.curated.load_curated``) for this record are added, and
    the overriding ones replace the text-mined claims they correct.
    """
    sentences = _sentences(record, mentions)  # roles are classified once, for design and claims
    design = assess_design(record, sentences=sentences)
    claims = extract_claims(record, mentions, design, broader or default_broader(), sentences)
    if curated:
        claims = apply_curated(claims, curated, record, design)
    return Extraction(mentions=tuple(mentions), claims=claims, design=design)


def extract_claims(record: Record, mentions: Sequence[Mention], design: DesignAssessment,
                   broader: Broader | None = None,
                   sentences: tuple[SentenceMentions, ...] | None = None) -> tuple[Claim, ...]:
    """All claims of a record, merged so each (subject, relation, object, direction) is one.

    ``broader(a, b)`` says concept ``a`` is an ancestor of ``b`` (MeSH trees); adverse scoring
    uses it to prefer "cardiac arrhythmia" over a co-mentioned "heart disease". A chemical a
    sentence only measures, uses to image or uses to induce a disease model is no subject there
    (``kg.extract.subjects``).
    """
    sentences = _sentences(record, mentions) if sentences is None else sentences
    sentences = assign_subject_roles(sentences, mentions, design.design)  # measured, not given
    ctx = read_context(record, sentences, design)
    asking = [s for s in sentences if evidence_kind(s.role, design) == "studied-for"]
    questions = [c for s in asking for c in question_claims(s, ctx)]
    indications = {c.object for c in questions} | _population_conditions(sentences)
    main = studied_interventions(questions, sentences)
    found: list[Claim] = questions + [c for s in asking for c in harm_questions(s, ctx)]
    therapeutic = {(c.subject, c.object) for c in questions}
    for previous, sentence in zip((None, *sentences), sentences, strict=False):
        found.extend(mechanism_claims(sentence, ctx, main))
        if evidence_kind(sentence.role, design) != "studied-for":
            effects = effect_claims(sentence, ctx, indications)
            effects += credited_claims(sentence, previous, ctx)
            found.extend(effects)
            therapeutic |= _indications(sentence, effects)
    found.extend(adverse_claims(sentences, ctx, broader, frozenset(therapeutic)))
    found.extend(model_claims(sentences, ctx))
    found = drop_model_harms(found, model_diseases(sentences, design.design))
    found = most_specific(found, broader)  # not "inherited disease" beside "Marfan syndrome"
    return merge_claims(temper_claims(found, design, sentences))  # kg.extract.strength


def _sentences(record: Record, mentions: Sequence[Mention]) -> tuple[SentenceMentions, ...]:
    """The record's sentences with the mentions its text states (not vocabulary-derived ones)."""
    return record_sentences(record, [m for m in mentions if m.derived_from is None])


def studied_interventions(questions: Sequence[Claim],
                          sentences: Sequence[SentenceMentions]) -> frozenset[str]:
    """The interventions the study is about: those its question names, else the one it
    mentions most. Co-medications and comparators are not among them."""
    named = {part for c in questions for part in (c.subject_parts or (c.subject,))}
    if named:
        return frozenset(named)
    counts = Counter(m.concept for s in sentences for m in s.mentions
                     if m.role == "intervention")
    return frozenset(c for c, _ in counts.most_common(1))


def _population_conditions(sentences: Sequence[SentenceMentions]) -> set[str]:
    """Conditions named as the population ("patients with CRPS"): what the study treats."""
    return {m.concept for s in sentences for m in s.mentions if m.role == "condition"
            and is_population_context(s.text, *s.local(m))}


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
