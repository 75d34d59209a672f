"""Which chemicals of a sentence are *given*, and which are only measured or used as a model.

A chemical the recogniser finds gets the role ``intervention`` from the vocabulary, but many
sentences name a chemical that nobody was given to treat or cause anything:

* a measured analyte — "serum sodium", "urinary formate excretion", "plasma levels of X",
  "X concentrations", "X as a marker", "X metabolism": what the study measured, an outcome;
* a diagnostic agent — a tracer whose uptake is imaged, a contrast medium, a reagent, a stress
  agent of an imaging test ("X stress echocardiography", "X scintigraphy"): how it measured.
  A substance whose MeSH pharmacological actions are *all* diagnostic (radiopharmaceuticals,
  contrast media, indicators and reagents, dyes) is never the intervention of a claim;
* an experimental model's inducer — in an animal or in-vitro study, or a sentence that names the
  model, "X-induced Y" is the disease model the tested agent was given against: the finding is
  the agent's effect on Y, never "X causes Y".

Such a mention keeps its concept and place but gets the role ``other`` in that sentence, so no
claim rule (questions, effects, mechanisms, adverse pairs) takes it as a subject. Deciding it once
here, before the rules run, gives every rule the same answer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

from kg.extract.model import Mention
from kg.extract.sentences import SentenceMentions
from kg.rdf.namespaces import MESH

__all__ = [
    "DIAGNOSTIC_ACTIONS",
    "EXPERIMENTAL_DESIGNS",
    "assign_subject_roles",
    "diagnostic_only",
    "is_measured",
    "is_model_inducer",
    "names_model",
]

DIAGNOSTIC_ACTIONS: frozenset[str] = frozenset(str(MESH) + ui for ui in (
    "D064907",  # Diagnostic Uses of Chemicals
    "D003287",  # Contrast Media
    "D019275",  # Radiopharmaceuticals
    "D007202",  # Indicators and Reagents
    "D005456",  # Fluorescent Dyes
    "D049408",  # Luminescent Agents
    "D002863",  # Chromogenic Compounds
    "D004396",  # Coloring Agents
    "D000345",  # Affinity Labels
    "D019920",  # Photoaffinity Labels
    "D003432",  # Cross-Linking Reagents
    "D007364",  # Intercalating Agents
    "D013439",  # Sulfhydryl Reagents
))
"""MeSH pharmacological actions that say a substance is used to measure or show, not to treat."""

EXPERIMENTAL_DESIGNS: frozenset[str] = frozenset({"animal-study", "in-vitro-study"})
"""Designs whose "X-induced Y" is the disease model the study tests its agent on."""

_SAMPLE = (r"(?:serum|plasma|urine|urinary|blood|whole[- ]blood|salivary|saliva|faecal|fecal|"
           r"stool|intracellular|circulating|cerebrospinal(?: fluid)?|CSF|"
           r"hair|breath|erythrocyte|red[- ]cell|platelet)")
_QUANTITY = (r"(?:levels?|concentrations?|amounts?|excretion|uptake|clearance|content|output|"
             r"values?|secretion|measurements?|measures?|assays?|determinations?|changes?|"
             r"metabolism|kinetics|turnover|retention|balance|status|distribution|profiles?|"
             r"(?:bio)?markers?|scans?|scintigraph\w*|imaging|tomograph\w*)")
_WORD = (r"(?:(?!(?:after|with|by|following|to|from|than|versus|vs|during|on|under|of|in|for|"
         r"plus|and|or|was|were|is|are)\b)[\w-]+\s+)")
"""A word inside the measured phrase ("serum *total* cholesterol"), not one that starts another."""
_MEASURED_BEFORE = re.compile(
    rf"(?:\b{_SAMPLE}\s+|\b{_QUANTITY}\s+(?:of|in)\s+|\b(?:measur|assay|monitor|quantif|"
    rf"determination|radiolabel|labell?ed)\w*\s+(?:of\s+)?)(?:{_WORD}{{0,2}}(?:and\s+)?)?$",
    re.IGNORECASE)
_MEASURED_AFTER = re.compile(
    rf"[\s-]*(?:\d+\w?[\s-]*)?(?:and\s+[\w-]+\s+)?(?:{_SAMPLE}\s+)?(?:{_QUANTITY}|"
    r"stress|tests?|testing|challenge|perfusion|echocardiograph\w*|PET|SPECT|"
    r"(?:was|were|is|are)\s+(?:measured|assayed|determined|quantified|monitored|used as)|"
    r"as an? (?:\w+\s+)?(?:bio)?markers?)\b",
    re.IGNORECASE)
_VALUE = re.compile(
    r"\s*(?:\([^)]{1,15}\)\s*)?(?:(?:of|was|were|at|above|below)\s+)?(?:[<>≤≥=:]\s*)?"
    r"(?:[<>≤≥]\s*\d[\d.,]*\s*%|\d[\d.,]*\s*(?:(?:[–-]|to)\s*\d[\d.,]*\s*%|(?:[–-]|to)?"
    r"\s*\d*[\d.,]*\s*(?:mmol|µmol|umol|nmol|pmol|mEq|[mµunp]?g\s*/\s*[dm]?[lL]\b|"
    r"[mµ]?IU\s*/\s*[mdL])))",
    re.IGNORECASE)
"""A measured value after the chemical: a concentration ("X 5.2 mmol/l", "X (HbA1c) 5.7–6.5%");
a dose ("X 0.5 mg/kg", "X 2%") is not one."""
_INDUCED = re.compile(r"[\s-]*(?:induced|evoked|provoked|elicited|triggered|challenged)\b",
                      re.IGNORECASE)
_INDUCED_LINK = re.compile(r"[\s-]*(?:induced|evoked|provoked|elicited|triggered|challenged)"
                           r"\s+(?:(?!(?:and|or|but|was|were|in|of)\b)[\w-]+\s+){0,2}")
_MODEL = re.compile(r"\b(?:models?|paradigms?|preclinical|in vitro|ex vivo|in vivo)\b",
                    re.IGNORECASE)


def assign_subject_roles(sentences: Sequence[SentenceMentions], mentions: Iterable[Mention],
                         design: str) -> tuple[SentenceMentions, ...]:
    """The sentences with measured, diagnostic and model-inducing chemicals given role
    ``other`` (``mentions`` holds the record's vocabulary-derived mentions too: a substance's
    MeSH pharmacological actions)."""
    actions = _actions_by_substance(mentions)
    experimental = design in EXPERIMENTAL_DESIGNS
    return tuple(_reassign(s, actions, experimental) for s in sentences)


def _reassign(sentence: SentenceMentions, actions: Mapping[str, frozenset[str]],
              experimental: bool) -> SentenceMentions:
    changed = [replace(m, role="other") if _not_given(sentence, m, actions, experimental)
               else m for m in sentence.mentions]
    if all(a is b for a, b in zip(changed, sentence.mentions, strict=True)):
        return sentence
    return replace(sentence, mentions=tuple(changed))


def _not_given(sentence: SentenceMentions, mention: Mention,
               actions: Mapping[str, frozenset[str]], experimental: bool) -> bool:
    """True for an intervention mention that this sentence measures, uses to show something,
    or names as a model's inducer."""
    if mention.role != "intervention":
        return False
    return (diagnostic_only(actions.get(mention.concept, frozenset()))
            or is_measured(sentence, mention)
            or is_model_inducer(sentence, mention, experimental))


def _actions_by_substance(mentions: Iterable[Mention]) -> dict[str, frozenset[str]]:
    """Substance concept → the MeSH pharmacological actions the vocabulary derived for it."""
    found: dict[str, set[str]] = {}
    for m in mentions:
        if m.derived_from is not None:
            found.setdefault(m.derived_from, set()).add(m.concept)
    return {k: frozenset(v) for k, v in found.items()}


def diagnostic_only(actions: frozenset[str]) -> bool:
    """True when a substance has pharmacological actions and every one is diagnostic."""
    return bool(actions) and actions <= DIAGNOSTIC_ACTIONS


def is_measured(sentence: SentenceMentions, mention: Mention) -> bool:
    """True for "serum X", "levels of X", "X excretion", "X uptake", "X stress testing"."""
    start, end = sentence.local(mention)
    text = sentence.text
    return bool(_MEASURED_BEFORE.search(text[max(0, start - 45):start])
                or _MEASURED_AFTER.match(text, end) or _VALUE.match(text, end))


def is_model_inducer(sentence: SentenceMentions, mention: Mention, experimental: bool) -> bool:
    """True for X in "X-induced Y" when the study is experimental or the sentence names a
    model: X makes the disease the tested agent is given against."""
    end = sentence.local(mention)[1]
    if not _INDUCED.match(sentence.text, end):
        return False
    return (experimental or names_model(sentence.text)) and _induces_disease(sentence, end)


def _induces_disease(sentence: SentenceMentions, end: int) -> bool:
    """True when a condition or outcome follows "X-induced" (a disease model), not a process
    the study measures ("X-induced proliferation": X is the stimulus under study)."""
    for m in sentence.mentions:
        start = sentence.local(m)[0]
        if start >= end and m.role in ("condition", "outcome"):
            return bool(_INDUCED_LINK.fullmatch(sentence.text, end, start))
    return False


def names_model(text: str) -> bool:
    """True for a sentence that speaks of an experimental model ("in a model of", "in vitro")."""
    return bool(_MODEL.search(text))
