"""The curated overlay (``ontology/vocab/*.ttl``) compiled into its own small matcher.

The overlay is read on every start (it is small and curators edit it), and it is matched beside
the MeSH matcher rather than merged into it, so the big compiled cache never depends on a file a
curator just changed. A curated concept with ``skos:exactMatch`` to a concept the base vocabulary
knows is recognised *as* that concept — same IRI, label and pharmacological actions — with the
curated role; a concept with only close matches keeps its own IRI.
"""

from __future__ import annotations

from pathlib import Path

from kg.vocab.compiled import CompiledVocabulary
from kg.vocab.locate import overlay_dir
from kg.vocab.matcher import Candidate, Matcher, MatcherBuilder, Target, make_term_keys
from kg.vocab.model import Concept, Vocabulary
from kg.vocab.skos import load_skos

__all__ = ["OVERLAY_WEIGHT", "compile_overlay", "load_overlay"]

OVERLAY_WEIGHT = 0.95
"""Curated synonyms are trusted more than MeSH entry terms but less than certainty."""


def load_overlay(folder: Path | None = None) -> Vocabulary:
    """All ``*.ttl`` vocabularies of ``folder`` (default ``ontology/vocab``) as one Vocabulary."""
    folder = folder if folder is not None else overlay_dir()
    files = sorted(folder.glob("*.ttl")) if folder.is_dir() else []
    return Vocabulary.merge("overlay", (load_skos(f) for f in files))


def compile_overlay(overlay: Vocabulary, base: CompiledVocabulary | None) -> Matcher:
    """A matcher over the curated labels, pointing at base concepts where they are exact."""
    builder = MatcherBuilder()
    for concept in overlay.concepts:
        target = builder.add_target(_target(concept, base))
        for name in concept.names():
            for key, factor in make_term_keys(name):
                if key:
                    builder.offer(key, Candidate(target, round(OVERLAY_WEIGHT * factor, 3)))
    return builder.build()


def _target(concept: Concept, base: CompiledVocabulary | None) -> Target:
    """The Target of an exact match (the base's, with the curated role), else the concept's own.

    Without MeSH loaded, an exact match still names the MeSH IRI: the identifier is stable and
    the graph then agrees with one built where MeSH was available.
    """
    role = concept.role or "other"
    for iri in concept.exact_matches:
        known = base.target(iri) if base is not None else None
        if known is not None:
            return Target(known.iri, known.ui, known.label, role, known.trees, known.mechanisms)
    if concept.exact_matches:
        iri = concept.exact_matches[0]
        return Target(iri, iri.rstrip("/").rsplit("/", 1)[-1], concept.label, role)
    return Target(concept.iri, concept.ui, concept.label, role)
