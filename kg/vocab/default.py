"""The process-wide default vocabulary, loaded lazily on first use and then shared.

``recognise(record)`` must not take a vocabulary argument (the pipeline calls it per record in
worker processes), so each process loads the compiled matcher once — from the on-disk cache when
it is there — and the curated overlay once. Tests and the CLI can install their own.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from kg.vocab.compiled import CompiledVocabulary, compile_vocabulary
from kg.vocab.locate import find_corpora_dir, find_mesh_source
from kg.vocab.matcher import Matcher
from kg.vocab.overlay import compile_overlay, load_overlay

__all__ = ["Defaults", "default_vocabulary", "label_of", "reset_defaults",
           "set_default_vocabulary"]


@dataclass(frozen=True, slots=True)
class Defaults:
    """The base (MeSH + learned) compiled vocabulary and the curated overlay matcher."""

    base: CompiledVocabulary
    overlay: Matcher
    overlay_fingerprint: str


_LOCK = threading.Lock()
_DEFAULTS: Defaults | None = None


def default_vocabulary() -> Defaults:
    """The shared vocabulary: MeSH found as ``kg.vocab.locate`` documents, plus the overlay."""
    global _DEFAULTS
    if _DEFAULTS is None:
        with _LOCK:
            if _DEFAULTS is None:
                base = compile_vocabulary(find_mesh_source(), find_corpora_dir())
                _DEFAULTS = _with_overlay(base)
    return _DEFAULTS


def set_default_vocabulary(base: CompiledVocabulary) -> Defaults:
    """Install ``base`` (with the overlay compiled against it) as this process's default."""
    global _DEFAULTS
    with _LOCK:
        _DEFAULTS = _with_overlay(base)
    return _DEFAULTS


def reset_defaults() -> None:
    """Forget the loaded vocabulary; the next use loads it again (after ``ekg vocab load``)."""
    global _DEFAULTS
    with _LOCK:
        _DEFAULTS = None


def _with_overlay(base: CompiledVocabulary) -> Defaults:
    """``base`` with the overlay read now and compiled against it."""
    overlay = load_overlay()
    return Defaults(base, compile_overlay(overlay, base), overlay.fingerprint)


def label_of(iri: str) -> str | None:
    """The preferred label of a concept IRI in the loaded vocabulary (overlay first)."""
    vocab = default_vocabulary()
    for target in vocab.overlay.targets:
        if target.iri == iri:
            return target.label
    found = vocab.base.target(iri)
    return found.label if found else None
