"""Cue phrases that turn co-occurring concepts into a relation, and where they sit in a sentence.

Two concepts in one sentence are not yet a claim: "ketamine improves pain in CRPS" is, "CRPS is
challenging to treat even outside an opioid taper" is not. A cue is a phrase with a relation, a
direction and a *voice*: active cues put the intervention before the cue and the condition or
outcome after it ("X reduced Y"), passive cues the other way round ("Y improved after X").
Keeping the voice lets the claim builder pair the right subject with the right object without a
parser. Cues are matched on hyphen-folded text so offsets stay those of the printed sentence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from kg.extract.context import fold_hyphens

__all__ = [
    "COMBINATION",
    "Cue",
    "find_dependence_cues",
    "find_effect_cues",
    "find_implication_cues",
    "has_action_cue",
    "is_delivery_mode",
    "is_population_context",
    "nominal_cue",
]


@dataclass(frozen=True, slots=True)
class Cue:
    """A relation cue found in a sentence: ``[start, end)`` in the sentence text."""

    start: int
    end: int
    relation: str
    direction: str
    voice: str  # "active": subject before, object after; "passive": the reverse;
    # "nominal": the object right before the cue ("pain relief"), the subject before both
    strength: float  # how sure the cue alone makes the relation (0..1)
    negated: bool = False


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


_NULL = _rx(
    r"\bno (?:statistically )?significant (?:\w+ ){0,2}?(?:difference|effect|change|improvement|"
    r"benefit|reduction|increase|decrease)s?|\bnot significantly (?:\w+ )?(?:different|"
    r"improved?|reduced?|changed?|affect\w*)|\bdid not (?:significantly )?differ|\b(?:was|were) "
    r"(?:similar|comparable)|\bno (?:clinically )?(?:meaningful |relevant )?(?:effect|benefit)")
_NO_EFFECT = _rx(r"\b(?:had|has|have|showed|with) no (?:\w+ )?effects? (?:on|upon)\b|\bdid not "
                 r"(?:affect|alter|influence|change|modify)\b")
_ACTIVE_TREAT = _rx(
    r"\b(?:improv(?:e|es|ed|ing|ement in)|reliev(?:e|es|ed|ing)|alleviat(?:e|es|ed|ing)|"
    r"ameliorat(?:e|es|ed|ing)|attenuat(?:e|es|ed|ing)|reduc(?:e|es|ed|ing|tions? (?:in|of))|"
    r"decreas(?:e|es|ed|ing)|lower(?:s|ed|ing)?|resolv(?:e|es|ed|ing)|minimi[sz](?:e|es|ed|ing)|"
    r"relief of|success(?:ful|fully)?|effective(?:ly| in| for| against)?|efficacious|"
    r"efficacy (?:in|for|of)|benefi(?:t|ts|ted|cial)(?: in| for)?|treat(?:s|ing)?(?! with)|"
    r"(?:in|for) the (?:treatment|management|therapy) of|therapy for|"
    r"restor(?:e|es|ed|ing)|normali[sz](?:e|es|ed|ing)|remission of)\b")
_PASSIVE_TREAT = _rx(
    r"\b(?:improved|resolved|relieved|decreased|reduced|disappeared|subsided|regressed|"
    r"responded|treated|managed|controlled|remitted|abated) (?:\w+ ){0,2}?(?:with|after|"
    r"following|by|to|on)\b|\bresponse to\b|\btreatment with\b|\btherapy with\b")
_PREVENT = _rx(
    r"\b(?:prevent(?:s|ed|ing|ion of)?|prophyla(?:xis|ctic)(?: of| against)?|"
    r"protect(?:s|ed|ive|ion)? (?:\w+ )?against|reduc(?:e|es|ed|ing) the (?:risk|incidence|"
    r"occurrence|rate) of)\b")
_ACTIVE_HARM = _rx(
    r"\b(?:(?:a |an |the )?(?:increased |higher |greater )?risks? of|induc(?:ed|es|e|ing)|"
    r"caus(?:ed|es|e|ing)|provok(?:ed|es|e)|precipitat(?:ed|es|e)|"
    r"(?:side[- ]effects?|adverse (?:events?|effects?|reactions?)|toxicit(?:y|ies)) "
    r"(?:such as|including|of|like)|psychotomimetic|associated with (?:an? )?(?:high|higher|"
    r"increased|greater|elevated|excess) (?:risk|incidence|rate|frequency|occurrence)s? of)")
_PASSIVE_HARM = _rx(r"\b(?:induced|caused|provoked|precipitated|triggered) by\b|"
                    r"\b(?:attributed|attributable|related|due) to\b|\bsecondary to\b|"
                    r"\bassociated with\b")
_NOMINAL = _rx(r"^[\s-]*(?:relief|reduction|improvement|control|remission|resolution)\b")
_NEGATION_BEFORE = _rx(r"\b(?:not|no|never|failed to|did not|does not|do not|cannot|unable to|"
                       r"neither|nor|without)\s+(?:\w+\s+){0,2}$")
_DIFFICULTY = _rx(r"\b(?:challenging|difficult|hard|refractory|resistant|unable) to\b|"
                  r"\b(?:has|have) not been (?:previously )?(?:described|reported|studied)")

_IMPLICATED = _rx(
    r"\b(?:implicated in|involved in|involv(?:es?|ing|ement of)|plays? (?:\w+ ){0,2}?role|"
    r"role (?:of|for) |contribut(?:es?|ing) to|underl(?:ies|ie|ying)|mediat(?:es?|ing)|"
    r"driv(?:es?|ing)|(?:is|are) (?:a |the )?(?:\w+ )?mechanisms? (?:of|for|in))")
_PRESENT_IN = _rx(r"\b(?:is|are|was|were) (?:\w+ )?(?:found|seen|observed|present|common|"
                  r"prominent|reported) in\b")
_DEPENDS = _rx(r"\b(?:rests? on|depends? on|dependent on|relies? on|mediated by|driven by|"
               r"results? from|arises? from|underlain by)\b|(?<=\w)-dependent\b")
_ACTION = _rx(
    r"\b(?:antagonist|agonist|inhibitor|blocker|modulator|activator|antagonism|blockade|"
    r"inhibition|via|through|acts?|acting|blocks?|blocking|inhibits?|inhibiting|"
    r"antagoni[sz]es?|antagoni[sz]ing|binds?|binding|targets?|targeting|mediated by|"
    r"mechanism)\b")
_MODE = _rx(r"\b(?:infusions?|injections?|administration|route|dosage|drug therapy|regimen|"
            r"pharmaceutical preparations)\b")
_POPULATION_BEFORE = _rx(
    r"\b(?:patients?|subjects?|participants?|individuals?|persons?|people|children|adults?|"
    r"women|men|cases?|those|population)\s+(?:\w+\s+){0,2}?(?:with|having|suffering from|"
    r"diagnosed with|who (?:had|have|has))\s+(?:[\w-]+\s+){0,5}\(?$|\bin the setting of\s+$|"
    r"\b(?:treat\w*|therap\w*|given|receiv\w*|prescrib\w*|indicated|used|administered)\b"
    r"[^.;]{0,50}?\b(?:for|against)\s+(?:[\w'-]+\s+){0,4}$")
_POPULATION_AFTER = _rx(r"^[\s)]*(?:patients?|subjects?|sufferers|cases)\b")

COMBINATION = _rx(r"\b(?:in combination with|combined with|combination of|together with|"
                  r"along with|followed by|plus|in addition to|adjunct(?:ive)? to)\b|\s\+\s")
"""Explicit cues that two interventions were given as one combined intervention."""
DIRECT_JOIN = _rx(r"^\W*(?:and|plus|with|&|\+)\W*$")
"""Text between two intervention mentions that joins them directly ("ketamine and CBT")."""


def find_effect_cues(sentence: str, blocked: Sequence[tuple[int, int]] = ()) -> list[Cue]:
    """Effect cues of a sentence (treats / prevents / causes / no effect), in text order,
    non-overlapping.

    Null-result phrases are matched first so "no significant improvement" is not read as an
    improvement; a positive cue preceded by a negation ("did not reduce") is marked negated
    (the claim rules read it as a null result, ``kg.extract.findings``).
    Sentences that only say something is hard to treat or not yet described give no cue, and
    words inside a concept's own name (``blocked``: "Therapy for" in "... Therapy for pain")
    are not cues.
    """
    text = fold_hyphens(sentence)
    if _DIFFICULTY.search(text):
        return []
    cues: list[Cue] = []
    taken: list[tuple[int, int]] = list(blocked)
    for pattern, relation, direction, voice, strength in (
        (_NO_EFFECT, "no_effect", "supports", "active", 0.7),
        (_NULL, "treats", "no_difference", "active", 0.7),
        (_PREVENT, "prevents", "supports", "active", 0.8),
        (_ACTIVE_HARM, "causes", "supports", "active", 0.75),
        (_PASSIVE_HARM, "causes", "supports", "passive", 0.75),
        (_PASSIVE_TREAT, "treats", "supports", "passive", 0.75),
        (_ACTIVE_TREAT, "treats", "supports", "active", 0.8),
    ):
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            negated = direction == "supports" and relation != "no_effect" and bool(
                _NEGATION_BEFORE.search(text[max(0, m.start() - 30):m.start()]))
            cues.append(Cue(m.start(), m.end(), relation, "refutes" if negated else direction,
                            voice, strength, negated))
            taken.append(m.span())
    return sorted(cues, key=lambda c: c.start)


def nominal_cue(sentence: str, end: int) -> Cue | None:
    """A cue right after a concept that names its improvement ("pain relief", "... control")."""
    match = _NOMINAL.match(fold_hyphens(sentence[end:end + 20]))
    if not match or _DIFFICULTY.search(fold_hyphens(sentence)):
        return None
    negated = bool(_NEGATION_BEFORE.search(fold_hyphens(sentence[max(0, end - 60):end])))
    return Cue(end, end + match.end(), "treats", "refutes" if negated else "supports",
               "nominal", 0.7, negated)


def find_implication_cues(sentence: str) -> list[tuple[int, int, bool]]:
    """``(start, end, forward)`` of "implicated in / involved in / plays a role" cues, which
    relate a mechanism and a condition on either side, and of "(signs of) X are found in Y"
    cues (``forward``: the mechanism before, the condition after)."""
    text = fold_hyphens(sentence)
    return [(*m.span(), False) for m in _IMPLICATED.finditer(text)] + [
        (*m.span(), True) for m in _PRESENT_IN.finditer(text)]


def find_dependence_cues(sentence: str) -> list[tuple[int, int]]:
    """Spans of cues that name what depends on a mechanism: "X rests on Y", "X is mediated by
    Y", "Y-dependent X" (the mechanism Y is implicated in X)."""
    return [m.span() for m in _DEPENDS.finditer(fold_hyphens(sentence))]


def has_action_cue(text: str) -> bool:
    """True when ``text`` says how a drug acts ("antagonist", "via", "blocks", "acts on")."""
    return bool(_ACTION.search(fold_hyphens(text)))


def is_delivery_mode(label: str) -> bool:
    """True for concepts that say how something was given (infusion), not what was given."""
    return bool(_MODE.search(label))


def is_population_context(sentence: str, start: int, end: int | None = None) -> bool:
    """True when the words around a concept make it the population or the indication.

    "patients with CRPS", "given ketamine for CRPS", "CRPS patients" (``end`` given): the
    concept says who was treated or why, not what the treatment did.
    """
    text = fold_hyphens(sentence)
    if _POPULATION_BEFORE.search(text[max(0, start - 80):start]):
        return True
    return end is not None and bool(_POPULATION_AFTER.match(text[end:end + 20]))
