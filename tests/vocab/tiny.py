"""A tiny vocabulary compiled from the hand-written samples in tests/data/vocab (no ../shared)."""

from __future__ import annotations

from pathlib import Path

from kg.vocab.compiled import CompiledVocabulary
from kg.vocab.default import Defaults
from kg.vocab.matcher import compile_matcher
from kg.vocab.mesh import load_mesh
from kg.vocab.model import Vocabulary
from kg.vocab.overlay import compile_overlay, load_overlay

DATA = Path(__file__).resolve().parents[1] / "data" / "vocab"
SAMPLE_FILES = ("desc_sample.xml", "d_sample.bin", "mesh_sample_descriptors.tsv",
                "mesh_sample_scr_with_pharmacological_actions.tsv")


def tiny_vocabulary() -> Vocabulary:
    """All four sample files as one MeSH vocabulary."""
    return Vocabulary.merge("mesh", (load_mesh(DATA / name) for name in SAMPLE_FILES))


def tiny_compiled() -> CompiledVocabulary:
    vocabulary = tiny_vocabulary()
    return CompiledVocabulary(compile_matcher(vocabulary.concepts), "tiny", "tests",
                              concepts=len(vocabulary))


def tiny_defaults(overlay_dir: Path | None = None, *, with_mesh: bool = True) -> Defaults:
    """Defaults over the tiny MeSH (or none) and the project's overlay (or ``overlay_dir``)."""
    base = tiny_compiled() if with_mesh else CompiledVocabulary(compile_matcher([]), "empty")
    overlay = load_overlay(overlay_dir)
    return Defaults(base, compile_overlay(overlay, base), overlay.fingerprint)
