"""How strongly a sentence lets a claim be stated: cause, association, or no effect at all.

An effect relation (``treats``, ``prevents``, ``causes``) says the intervention *did* something.
Two kinds of sentence cannot carry that:

* **associations**: "X was associated with Y", "X is a risk factor for Y", "X correlated with
  Y", "X plays a role in Y", an odds ratio from a cohort or case-control study. These report
  that two things go together or that one takes part in the other; confounding is not ruled
  out, so the claim is ``associated_with``. A finding of an
  observational design (cohort, case-control, cross-sectional) is an association whatever its
  verb: the design cannot separate cause from confounding. A randomised trial that words its
  arm comparison as "associated with" keeps its effect relation (randomisation is what makes a
  comparison causal).
* **counts without a comparison or test**: "in the treated group there were two strokes",
  "five-year survival of the 20 treated patients was 95%". A number of events in one group,
  with no other group, no change and no test, is not an effect: no supports or refutes can be
  read from it, so it gives no claim.

Causal wording the authors chose ("X-induced Y", "caused by", "due to") is left to the rules that
read it; a null result stays a null result of the weaker relation.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

from kg.extract.context import fold_hyphens
from kg.extract.cues import find_effect_cues
from kg.extract.model import Claim, DesignAssessment, Evidence
from kg.extract.sentences import SentenceMentions
from kg.extract.significance import significance

__all__ = ["OBSERVATIONAL", "is_association_wording", "is_count_without_test", "temper_claims"]

OBSERVATIONAL = frozenset({"cohort", "prospective-cohort", "retrospective-cohort",
                           "case-control", "cross-sectional"})
"""Designs that observe exposures rather than assign them: their findings are associations."""

_EFFECTS = frozenset({"treats", "prevents", "causes"})
_RANDOMISED = frozenset({"randomised-controlled-trial"})


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


_ASSOCIATION = _rx(
    r"\b(?:associated with|associations? (?:between|of|with)|(?:positive|negative|inverse|"
    r"independent|significant|strong|weak) associations?|risk factors?|correlat(?:ed|es|ion|"
    r"ions) (?:with|between)|(?:positively|negatively|inversely) (?:correlated|related|linked)"
    r"|linked (?:to|with)|links? between|predictors? of|predictive of|odds ratios?"
    r"|plays? (?:\w+ ){0,3}?roles? in|contribut(?:es|e|ed|ing) to|involved in|implicated in)\b"
    r"|(?-i:\ba?ORs?\s*(?:Q\d)?\s*[=:]\s*\d)")
_CAUSAL = _rx(r"(?<=\w)-(?:induced|related|associated)\b|\b(?:caused|induced|provoked|"
              r"triggered) by\b|\bdue to\b|\bsecondary to\b")
_COMPARED = _rx(r"\bthan\b|\bversus\b|\bvs\b|\bcompared\b|\bplacebo\b|\bsham\b"
                r"|\b(?:control|comparison|usual care) (?:group|arm)\b|\brandomi[sz]ed\b")
_COUNT = _rx(r"\d\s*%|\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten) (?:[\w-]+ )?"
             r"(?:cases?|deaths?|events?|episodes?|patients?|participants?|subjects?|women|men|"
             r"children|people|persons?|strokes?|infections?|recurrences?|relapses?)\b"
             r"|\b(?:rates?|incidences?|proportions?|percentages?) (?:\w+ ){0,6}?(?:was|were)\b")
_CHANGE = _rx(r"\b(?:than|versus|vs|compared|fewer|less|lower|higher|more|greater|increas\w*|"
              r"decreas\w*|reduc\w*|improv\w*|wors\w*|declin\w*|rose|fell|dropped|from \S+ to)\b")
_TEMPORAL = _rx(r"\b(?:after|following|since|within \d+ \w+ of)\b")
_AFTER_PAIR = 60  # characters after the pair read for its odds ratio or interval
_BARE_CUES = _rx(r"^(?:treated|managed|controlled) |^treatment with|^therapy with|^response to")
"""Cues that say who was treated with what, not what the treatment did."""


def is_association_wording(text: str) -> bool:
    """True when ``text`` words a relation as going together ("associated with", "risk
    factor", "correlated", an odds ratio), not as an effect."""
    return bool(_ASSOCIATION.search(fold_hyphens(text)))


def is_count_without_test(text: str) -> bool:
    """True when ``text`` reports counts or proportions with no comparison, change, test or
    effect wording: "two strokes in the treated group", "survival was 95%"."""
    folded = fold_hyphens(text)
    if not _COUNT.search(folded) or _CHANGE.search(folded) or _TEMPORAL.search(folded):
        return False
    if significance(folded) != "unstated" or _CAUSAL.search(folded):
        return False
    return all(_BARE_CUES.match(folded[c.start:c.end]) for c in find_effect_cues(folded))


def temper_claims(claims: Iterable[Claim], design: DesignAssessment,
                  sentences: Sequence[SentenceMentions] = ()) -> list[Claim]:
    """Each effect claim at the strength its sentence and design allow (one evidence each, as
    extracted): associations become ``associated_with``, counts without a test go.

    ``sentences`` (the record's, with their mentions) let association wording count only where
    it links the claim's subject and object, not in another clause of the same sentence.
    """
    where = {(s.section, s.sentence.start): s for s in sentences}
    out: list[Claim] = []
    for claim in claims:
        tempered = _temper(claim, design, where)
        if tempered is not None:
            out.append(tempered)
    return out


def _temper(claim: Claim, design: DesignAssessment,
            where: Mapping[tuple[str, int], SentenceMentions]) -> Claim | None:
    if claim.relation not in _EFFECTS or len(claim.evidence) != 1:
        return claim
    evidence = claim.evidence[0]
    if evidence.kind == "studied-for":
        return claim
    if claim.direction in ("supports", "refutes") and is_count_without_test(evidence.sentence):
        return None
    if claim.direction == "refutes":
        return claim
    linking = _linking_text(claim, where.get((evidence.section or "", evidence.start or 0)))
    if not _association(evidence, evidence.sentence if linking is None else linking, design):
        return claim
    return replace(claim, relation="associated_with")


def _linking_text(claim: Claim, sentence: SentenceMentions | None) -> str | None:
    """The words from the subject's mention to the object's nearest one, and a little after
    within the clause (an odds ratio follows its pair); empty when a ";" parts them, None
    when the mentions are not found."""
    if sentence is None:
        return None
    parts = set(claim.subject_parts or (claim.subject,))
    subjects = [sentence.local(m) for m in sentence.mentions if m.concept in parts]
    objects = [sentence.local(m) for m in sentence.mentions if m.concept == claim.object]
    if not subjects or not objects:
        return None
    start, end = min(((min(a[0], b[0]), max(a[1], b[1])) for a in subjects for b in objects),
                     key=lambda span: span[1] - span[0])
    if ";" in sentence.text[start:end]:
        return ""  # the pair spans two clauses: neither clause's wording links them
    return sentence.text[start:end] + sentence.text[end:end + _AFTER_PAIR].split(";")[0]


def _association(evidence: Evidence, linking: str, design: DesignAssessment) -> bool:
    """True when the evidence can only carry an association: observational findings, and
    association wording linking the pair unless a randomised trial words its arm comparison
    so."""
    text = fold_hyphens(evidence.sentence)
    if _CAUSAL.search(text):
        return False
    finding = evidence.kind == "finding"
    if finding and design.design in OBSERVATIONAL:
        return True
    if not _ASSOCIATION.search(fold_hyphens(linking)):
        return False
    return not (finding and design.design in _RANDOMISED and _COMPARED.search(text))
