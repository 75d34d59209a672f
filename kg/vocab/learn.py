"""Learning surface forms and their precision from annotated *training* text.

A dictionary knows what a term can mean, not how often it does: "lead" is a metal in MeSH and a
verb in abstracts; "hypertensive" names hypertension though no vocabulary lists it. Annotated
corpora answer both. From the training and development splits of BC5CDR and NCBI disease this
module derives, at cache-build time (never committed, never from a test split):

* a lexicon: each annotated surface form (normalised key) → the concept annotators gave it;
* a precision per key: in how many of the documents where the recogniser matches the key is that
  concept among the document's gold concepts — the document-level measure the corpora use —
  smoothed towards the vocabulary's prior weight so a key seen once is not trusted blindly.

An all-capitals short form is judged only in documents that do not define it in brackets: a
definition decides its meaning there anyway, and what the weight must say is whether the short
form means that concept when a text uses it *without* defining it ("ATP", "AIDS": yes; "SNP",
"MDA": not reliably). Its prior is ``WEIGHT_ACRONYM``, below the threshold, so one undefined use
lifts it and none leaves it silent.

Only keys whose concept is a chemical or a disease are judged, and a corpus only judges the types
it annotates (NCBI: diseases). Procedures, mechanisms and outcomes keep their vocabulary weights.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from kg.rdf.iris import mesh_iri
from kg.vocab.corpora import (
    AnnotatedDoc,
    classify_entity,
    collect_gold_concepts,
    locate_corpus_file,
    read_pubtator,
)
from kg.vocab.matcher import (
    WEIGHT_ACRONYM,
    WEIGHT_LABEL,
    MatcherBuilder,
    Target,
    is_acronym_key,
)
from kg.vocab.model import Concept
from kg.vocab.normalise import normalise_term, tokenise

__all__ = [
    "LEARN_SPLITS", "LearnedDoc", "find_learning_files", "learn_weights", "read_learning_docs",
]

LEARN_SPLITS: tuple[str, ...] = ("train", "dev")
"""Splits the default vocabulary learns from. Test splits are refused outright."""

_PRIOR_STRENGTH = 1.0
"""Pseudo-documents at the prior weight: how much one training document may move a key."""

_ACRONYM_PRIOR = (0.2, 2.0)
"""Prior precision and strength of an all-capitals short form judged on undefined uses."""

_CHARGES = ("-", "−", "–")
"""An ion's charge ("O2-" is superoxide): the key drops the dash, so it would match "O2"."""

_BRACKETED = re.compile(r"\(([^()\s]{2,10})\)")


@dataclass(frozen=True, slots=True)
class LearnedDoc:
    """A training document and the entity types its corpus annotates."""

    doc: AnnotatedDoc
    types: frozenset[str]


def find_learning_files(corpora_dir: Path, splits: Iterable[str] = LEARN_SPLITS
                   ) -> list[tuple[str, Path]]:
    """(corpus, path) of the training splits that exist under ``corpora_dir``."""
    out = []
    for split in splits:
        if split == "test":
            raise ValueError("the recogniser never learns from a test split")
        for corpus in ("bc5cdr", "ncbi"):
            path = locate_corpus_file(corpora_dir, corpus, split)
            if path.is_file():
                out.append((corpus, path))
    return out


def read_learning_docs(files: Iterable[tuple[str, Path]]) -> list[LearnedDoc]:
    """All documents of the given files, each with the types its corpus annotates."""
    docs = []
    for corpus, path in files:
        types = frozenset({"Disease"} if corpus == "ncbi" else {"Chemical", "Disease"})
        docs.extend(LearnedDoc(doc, types) for doc in read_pubtator(path))
    return docs


def learn_weights(builder: MatcherBuilder, concepts: dict[str, Concept],
                  docs: list[LearnedDoc]) -> dict[str, list[tuple[Target, float]]]:
    """Learned key → ranked (target, precision) for every chemical/disease key seen in ``docs``."""
    lexicon = _annotated_lexicon(builder, concepts, docs)
    probe = builder.with_extra({k: [(t, 1.0)] for k, t in lexicon.items()})
    matcher = probe.build()
    seen: Counter[str] = Counter()
    right: Counter[str] = Counter()
    for item in docs:
        gold = collect_gold_concepts(item.doc)
        found: dict[str, tuple[str, str]] = {}
        defined = _defined_short_forms(item.doc.text)
        for span in matcher.find(tokenise(item.doc.text)):
            target = matcher.targets[span.candidates[0][0]]
            kind = classify_entity(target)
            if kind in item.types and span.key not in defined:
                found[span.key] = (kind, target.ui)
        for key, concept in found.items():
            seen[key] += 1
            right[key] += concept in gold
    weights = _weights(probe, seen, right, set(lexicon))
    for key in [k for k in weights if is_acronym_key(k) and _ambiguous(builder, k)]:
        weights[key] = [(t, min(w, WEIGHT_ACRONYM)) for t, w in weights[key]]
    return weights


def _weights(probe: MatcherBuilder, seen: Counter[str], right: Counter[str],
             learned: set[str]) -> dict[str, list[tuple[Target, float]]]:
    """Smoothed document-level precision of each judged key, for its top candidate."""
    out: dict[str, list[tuple[Target, float]]] = {}
    for key, n in seen.items():
        slot = probe.table[key]
        top = max(slot.values(), key=lambda c: c.weight)
        prior, strength = _prior(key, key in learned, top.weight)
        weight = (right[key] + prior * strength) / (n + strength)
        out[key] = [(probe.targets[top.target], weight)]
    return out


def _prior(key: str, learned: bool, vocabulary_weight: float) -> tuple[float, float]:
    """What a key's precision is smoothed towards, and with how many pseudo-documents.

    An acronym needs at least two undefined uses with the right concept to pass the threshold.
    """
    if is_acronym_key(key):
        return _ACRONYM_PRIOR
    return (0.7 if learned else vocabulary_weight), _PRIOR_STRENGTH


def _ambiguous(builder: MatcherBuilder, key: str) -> bool:
    """True when the vocabulary itself gives an acronym, or its lower-case form, two concepts.

    "SNP" is a MeSH entry of Nitroprusside while "SNPs" (key "snp") names Single Nucleotide
    Polymorphism: no training count can say which an undefined "SNP" means in the next record.
    """
    concepts = set(builder.table.get(key, {})) | set(builder.table.get(key.lower(), {}))
    return len(concepts) > 1


def _defined_short_forms(text: str) -> set[str]:
    """Keys of the all-capitals short forms a document defines in brackets ("(SNP)")."""
    keys = (normalise_term(m.group(1)) for m in _BRACKETED.finditer(text))
    return {k for k in keys if is_acronym_key(k)}


def _annotated_lexicon(builder: MatcherBuilder, concepts: dict[str, Concept],
                       docs: list[LearnedDoc]) -> dict[str, Target]:
    """Each annotated surface key → the target annotators gave it most often."""
    counts: dict[str, Counter[tuple[str, str]]] = defaultdict(Counter)
    surfaces: dict[str, Counter[str]] = defaultdict(Counter)
    for item in docs:
        for ann in item.doc.annotations:
            if len(ann.ids) != 1 or ann.text.rstrip(")").endswith(_CHARGES):
                continue
            key = normalise_term(ann.text)
            if key and (len(key) >= 3 or key.isupper()):
                counts[key][(ann.type, ann.ids[0])] += 1
                surfaces[ann.ids[0]][ann.text] += 1
    lexicon = {}
    for key, counter in counts.items():
        (kind, ui), _ = counter.most_common(1)[0]
        target = _target_for(builder, concepts, ui, kind, surfaces[ui])
        if not _names_other_concept(builder, key, target):
            lexicon[key] = target
    return lexicon


def _names_other_concept(builder: MatcherBuilder, key: str, target: Target) -> bool:
    """True when ``key`` is the preferred name of another concept: annotators' habits
    ("analgesia" tagged as a disease) must not rename a descriptor outside the corpus."""
    return any(c.weight >= WEIGHT_LABEL and builder.targets[c.target].iri != target.iri
               for c in builder.table.get(key, {}).values())


def _target_for(builder: MatcherBuilder, concepts: dict[str, Concept], ui: str, kind: str,
                surfaces: Counter[str]) -> Target:
    """The builder's target for ``ui``, or a new one (a supplementary record MeSH table lacks)."""
    iri = str(mesh_iri(ui))
    index = builder.index_of.get(iri)
    if index is not None and classify_entity(builder.targets[index]) == kind:
        return builder.targets[index]
    concept = concepts.get(ui)
    label = concept.label if concept else surfaces.most_common(1)[0][0]
    trees = "".join(sorted({t[0] for t in concept.tree_numbers})) if concept else ""
    if kind == "Chemical":
        return Target(iri, ui, label, "intervention", trees + "S" if "D" not in trees else trees)
    return Target(iri, ui, label, "condition", trees)
