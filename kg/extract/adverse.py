"""Adverse claims: which drug or chemical *causes* which disease in an abstract.

Adverse effects are reported across sentences ("A 42-year-old woman received X. Two days later
she developed Y."), so a sentence rule alone misses many. Every (chemical, disease) pair of the
abstract is scored instead by a small logistic model over named, explainable features: the pair
shares a sentence with an induction cue ("-induced", "caused", "following", "toxicity"), the
pattern "X-induced Y", both in the title, the chemical is the abstract's main one, the disease
names the study population or indication ("patients with Y", "given X for Y": treated, not
caused), a more specific disease of the same MeSH branch is also present, and so on. The weights
were fitted on the BC5CDR training set and the features and threshold chosen on its development
set (``bench/relation_eval.py``); the test set was never used to choose anything.

BC5CDR was selected for drug-induced disease, where document-level evidence alone predicts a
relation; in an ordinary trial it does not. So a drug the abstract presents as a treatment of
the disease (or of the population's condition) needs explicit induction wording for the pair.

A pair becomes a claim only with harm wording about the exposure: "X-induced Y", a cause cue
between the two, or harm wording (adverse, toxicity, risk, developed, after …) in a sentence that
names both with no other chemical between them. A pair whose shared sentences report *less* of the
disease ("significant reductions in pain") or whose disease is only ever negated ("no tumours were
observed") is no harm, whatever the model says.

Each pair that passes becomes a ``causes`` claim whose evidence is the sentence that best states
it (a results or conclusions sentence with a cue first, then a co-occurrence with a cue, else the
disease's own cue sentence) and whose confidence is the model's probability. Its kind follows the
sentence's role (``kg.extract.kinds``): a title such as "X-induced Y" on its own is the study's
question (``studied-for``, direction ``unstated``), not a finding.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from kg.extract.adverse_model import THRESHOLD, score
from kg.extract.context import fold_hyphens
from kg.extract.cues import is_delivery_mode, is_population_context
from kg.extract.direction import change_of, effect_of
from kg.extract.evidence import RecordContext, make_claim, resolve_overlaps
from kg.extract.hierarchy import Broader
from kg.extract.kinds import FINDING_ROLES, evidence_kind
from kg.extract.model import Claim, Mention
from kg.extract.sentences import SentenceMentions
from kg.rdf.namespaces import MESH
from kg.vocab.roles import OUTCOME_UIS

__all__ = ["adverse_claims", "pair_features"]

_CAUSE = re.compile(
    r"induc|associated|caus|following|after|toxic|develop|produc|due to|related|secondary to|"
    r"provok|result|complicat|adverse|side[- ]effect|occur|experienc|risk|evok|elicit|attribut|"
    r"exacerbat|precipit|reaction|abuse|overdos|intoxic|poison|injur|receiving|treated with|"
    r"use of|exposure", re.IGNORECASE)
_STRONG = re.compile(
    r"induc|caus|toxic|adverse|side[- ]effect|complication|secondary to|due to|attributed to|"
    r"associated with|-associated|-related|overdos|intoxic|poison|provok|precipitat",
    re.IGNORECASE)
_HOST = re.compile(r"-induced\b[^.;]{1,80}?\b(?:in|with)\s+(?:a |an |the )?(?:[\w'-]+\s+){0,3}$",
                   re.IGNORECASE)
_TREAT = re.compile(
    r"treatment of|treat(?:ed|ing)? (?:for|of)|therap(?:y|eutic) (?:for|of)|prevent|protect|"
    r"attenuat|revers|ameliorat|alleviat|reliev|improv|efficacy|effective in|benefi|antagoni|"
    r"inhibit|suppress|block|management of|used (?:for|in)|against", re.IGNORECASE)
_HARM = re.compile(
    r"induc|caus|toxic|adverse|side[- ]effect|complication|secondary to|due to|attributed to|"
    r"associated with|-associated|-related|overdos|intoxic|poison|provok|precipitat|risk|"
    r"incidence|psychotomimetic|addict|dependence|abuse|develop|onset|occur|result|follow|after|"
    r"reaction|experienc|produc|elicit|evok|exacerbat|worsen|report",
    re.IGNORECASE)
_NEGATION = re.compile(r"\b(?:no|not|without|absence of|neither|nor|did not|failed to)\b",
                       re.IGNORECASE)
_INDUCED_AFTER = re.compile(r"^\W{0,3}(?:induced|associated|related|evoked|provoked|dependent|"
                            r"caused)", re.IGNORECASE)
_INDUCED_BY = re.compile(r"(?:induced|caused|provoked|produced|evoked|triggered) (?:by|with)"
                         r"\W*(?:\w+\W+){0,3}$", re.IGNORECASE)


_CLOSE = 60  # characters: a cue further from the pair than this may be about something else



@dataclass(slots=True)
class _Pair:
    sentences: int = 0
    cue: bool = False
    treat_only: bool = False
    pattern: bool = False
    between_cue: bool = False
    strong_between: bool = False
    min_gap: int = 99
    negated: bool = False
    harm_sentence: bool = False  # shares a sentence with harm wording about the disease
    benefit: bool = False  # shares a sentence that reports less of the disease
    best: tuple[int, SentenceMentions] | None = None


@dataclass(slots=True)
class _Doc:
    chems: Counter[str] = field(default_factory=Counter)
    diseases: Counter[str] = field(default_factory=Counter)
    title: set[str] = field(default_factory=set)
    population: Counter[str] = field(default_factory=Counter)
    cue_diseases: set[str] = field(default_factory=set)
    strong_diseases: set[str] = field(default_factory=set)
    hosts: set[str] = field(default_factory=set)
    pairs: dict[tuple[str, str], _Pair] = field(default_factory=dict)
    patterned: dict[str, set[str]] = field(default_factory=dict)
    disease_sentence: dict[str, SentenceMentions] = field(default_factory=dict)
    mentions: dict[str, Mention] = field(default_factory=dict)
    negated_only: set[str] = field(default_factory=set)  # diseases never named un-negated


def adverse_claims(sentences: Iterable[SentenceMentions], ctx: RecordContext,
                   broader: Broader | None = None,
                   therapeutic: frozenset[tuple[str, str]] = frozenset()) -> list[Claim]:
    """``causes`` claims for the pairs whose probability reaches ``THRESHOLD``.

    A pair the same abstract presents as treated or prevented (``therapeutic``) also needs
    explicit induction wording close to the pair: drugs do induce what they are given for
    (antidepressant-induced mania), but only such wording should say so against a treatment.
    A treating drug gets no claim from document-level evidence alone unless the disease's own
    sentence has such wording.
    """
    doc = _read(sentences)
    treating = {subject for subject, _ in therapeutic}
    claims: list[Claim] = []
    for (chem, disease), features in _all_features(doc, broader).items():
        pair = doc.pairs.get((chem, disease))
        probability = score(features)
        treated = (chem, disease) in therapeutic or (pair is None and chem in treating)
        if probability < THRESHOLD or (treated and not _induction_stated(doc, pair, disease)):
            continue
        if not _harm_stated(doc, pair, disease) or (pair is None and _names_agent(
                doc.disease_sentence[disease], chem)):
            continue
        where = pair.best[1] if pair and pair.best else doc.disease_sentence[disease]
        kind = evidence_kind(where.role, ctx.design)
        claims.append(make_claim([doc.mentions[chem]], "causes", doc.mentions[disease],
                                 "unstated" if kind == "studied-for" else "supports",
                                 sentence=where, ctx=ctx, confidence=probability,
                                 negated=bool(pair and pair.negated), kind=kind))
    return claims


def _harm_stated(doc: _Doc, pair: _Pair | None, disease: str) -> bool:
    """Harm wording about the exposure, asked of every pair: "X-induced Y", a cause cue
    between the two, or harm wording (adverse, toxicity, risk of …) in a sentence naming both;
    for a disease never named with the drug, such wording in the disease's own sentence. A
    pair whose only shared sentences report less of the disease ("significant reductions in
    pain") or whose disease is only ever negated ("no tumours were observed") is no harm.
    """
    if disease in doc.negated_only:
        return False
    if pair is None:
        return disease in doc.strong_diseases
    if pair.pattern:
        return True
    return (pair.strong_between or pair.harm_sentence) and not pair.benefit


def _names_agent(sentence: SentenceMentions, chem: str) -> bool:
    """True when a sentence names an agent (a drug, a drug class, a mechanism), or the chemical
    only as what it measures: a harm it states is that agent's, not the chemical's."""
    return any(m.role in ("intervention", "mechanism") or m.concept == chem
               for m in sentence.mentions)


def _induction_stated(doc: _Doc, pair: _Pair | None, disease: str) -> bool:
    """Wording that says the disease was induced, asked of drugs the abstract also presents as
    a treatment: the pattern or an explicit cue ("induced", "toxicity", "associated with")
    between the two mentions, or, for a disease never named with the drug, such a cue in a
    sentence naming the disease. Without it the model's document-level evidence (main drug,
    title) would call what a trial treats an adverse effect of its drug.
    """
    if pair is not None:
        return pair.pattern or pair.strong_between
    return disease in doc.strong_diseases


def _read(sentences: Iterable[SentenceMentions]) -> _Doc:
    doc = _Doc()
    for sentence in sentences:
        mentions = resolve_overlaps(sentence.mentions)
        chems = [m for m in mentions if m.role == "intervention" and not is_delivery_mode(m.label)]
        diseases = [m for m in mentions if _is_disease(m)]
        _count(doc, sentence, chems, diseases)
        for chem in chems:
            for disease in diseases:
                _observe_pair(doc, sentence, chem, disease, chems)
    return doc


def _is_disease(mention: Mention) -> bool:
    """Conditions, and outcomes that are MeSH diseases ("reduced X" makes X an outcome) rather
    than measures such as functional status or quality of life."""
    if mention.role == "condition":
        return True
    ui = mention.concept.removeprefix(str(MESH))
    return mention.role == "outcome" and ui != mention.concept and ui not in OUTCOME_UIS


def _count(doc: _Doc, sentence: SentenceMentions, chems: list[Mention],
           diseases: list[Mention]) -> None:
    cue = bool(_CAUSE.search(sentence.text))
    for m in chems + diseases:
        doc.mentions.setdefault(m.concept, m)
        if sentence.section == "title":
            doc.title.add(m.concept)
    doc.chems.update(m.concept for m in chems)
    for d in diseases:
        if d.negated and doc.diseases[d.concept] == 0:
            doc.negated_only.add(d.concept)
        elif not d.negated:
            doc.negated_only.discard(d.concept)
        doc.diseases[d.concept] += 1
        doc.disease_sentence.setdefault(d.concept, sentence)
        if _STRONG.search(sentence.text):
            doc.strong_diseases.add(d.concept)
        if cue:
            doc.cue_diseases.add(d.concept)
            doc.disease_sentence[d.concept] = _better(doc.disease_sentence[d.concept], sentence)
        if is_population_context(sentence.text, *sentence.local(d)):
            doc.population[d.concept] += 1
        if _HOST.search(fold_hyphens(sentence.text)[:sentence.local(d)[0]]):
            doc.hosts.add(d.concept)


def _better(old: SentenceMentions, new: SentenceMentions) -> SentenceMentions:
    """Keep the first sentence that has a cause cue for a disease."""
    return old if _CAUSE.search(old.text) else new


def _observe_pair(doc: _Doc, sentence: SentenceMentions, chem: Mention, disease: Mention,
                  chems: list[Mention]) -> None:
    """Record what one sentence says about a pair. Wording between the two belongs to another
    chemical when one lies in between ("X eases Z-induced Y": the induction is Z's)."""
    text = fold_hyphens(sentence.text)
    c_start, c_end = sentence.local(chem)
    d_start, d_end = sentence.local(disease)
    low, high = min(c_end, d_end), max(c_start, d_start)
    shadowed = any(low <= sentence.local(o)[0] < high for o in chems if o.concept != chem.concept)
    gap = text[low:high]
    between = "" if shadowed else gap
    close = len(gap) < _CLOSE
    pattern = (c_start < d_start and close and bool(_INDUCED_AFTER.search(between))) \
        or (d_start < c_start and bool(_INDUCED_BY.search(between)))
    cue = bool(_CAUSE.search(text))
    pair = doc.pairs.setdefault((chem.concept, disease.concept), _Pair())
    pair.sentences += 1
    pair.cue |= cue
    pair.treat_only |= bool(_TREAT.search(text)) and not cue
    pair.pattern |= pattern
    pair.between_cue |= bool(_CAUSE.search(between))
    pair.strong_between |= close and bool(_STRONG.search(between))
    pair.min_gap = min(pair.min_gap, len(gap.split()))
    pair.negated |= bool(_NEGATION.search(text))
    pair.harm_sentence |= bool(_HARM.search(text)) and not disease.negated and not shadowed
    change = change_of(sentence.text, d_start, d_end)
    pair.benefit |= change is not None and effect_of(change, disease) == "benefit"
    finding = 4 * (sentence.role in FINDING_ROLES and cue)
    rank = finding + 2 * pattern + bool(_CAUSE.search(between)) + cue
    if pair.best is None or rank > pair.best[0]:
        pair.best = (rank, sentence)
    if pattern:
        doc.patterned.setdefault(disease.concept, set()).add(chem.concept)


def pair_features(sentences: Iterable[SentenceMentions], broader: Broader | None = None
                  ) -> dict[tuple[str, str], dict[str, float]]:
    """Feature values of every (chemical, disease) pair of an abstract (for fitting weights)."""
    return _all_features(_read(sentences), broader)


def _all_features(doc: _Doc, broader: Broader | None) -> dict[tuple[str, str], dict[str, float]]:
    if not doc.chems or not doc.diseases:
        return {}
    top = doc.chems.most_common(1)[0][0]
    total = sum(doc.chems.values())
    out: dict[tuple[str, str], dict[str, float]] = {}
    for chem in doc.chems:
        for disease in doc.diseases:
            out[(chem, disease)] = _features(doc, chem, disease, top, total, broader)
    return out


def _features(doc: _Doc, chem: str, disease: str, top: str, total: int,
              broader: Broader | None) -> dict[str, float]:
    pair = doc.pairs.get((chem, disease)) or _Pair()
    hyper = broader is not None and any(
        broader(disease, other) for other in doc.diseases if other != disease)
    population = doc.population[disease]
    return {
        "bias": 1.0, "log_cooc": math.log1p(pair.sentences), "cue": float(pair.cue),
        "treat_only": float(pair.treat_only), "pattern": float(pair.pattern),
        "title_both": float(chem in doc.title and disease in doc.title),
        "chem_title": float(chem in doc.title), "dis_title": float(disease in doc.title),
        "chem_top": float(chem == top), "chem_share": doc.chems[chem] / total,
        "log_dis_count": math.log1p(doc.diseases[disease]), "hyper": float(hyper),
        "log_n_chem": math.log(len(doc.chems)), "pop": float(population > 0),
        "dis_cue": float(disease in doc.cue_diseases), "cooc": float(pair.sentences > 0),
        "between_cue": float(pair.between_cue),
        "log_dist": math.log1p(min(pair.min_gap, 30)) if pair.sentences else 0.0,
        "neg": float(pair.negated),
        "other_pattern": float(bool(doc.patterned.get(disease, set()) - {chem})),
        "pop_share": population / doc.diseases[disease], "host": float(disease in doc.hosts),
        "harm": float(pair.harm_sentence), "benefit": float(pair.benefit),
    }
