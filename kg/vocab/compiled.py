"""Compiling a vocabulary into a matcher once, and keeping it on disk.

Compiling MeSH (~30k descriptors, ~130k keys) and learning from the training corpora takes
seconds; loading the compiled matcher back takes under a second. The cache file name is a hash
of everything the result depends on — the MeSH files' contents, the training files' contents and
the source code of the modules that compile — so a new MeSH year, new training data or changed
code never reads a stale matcher, and nothing needs to be invalidated by hand.

The cache is a pickle: only ever load it from a cache folder the user owns.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from kg.vocab import corpora, learn, matcher, mesh, normalise, roles
from kg.vocab.learn import LEARN_SPLITS, find_learning_files, learn_weights, read_learning_docs
from kg.vocab.locate import cache_dir
from kg.vocab.matcher import Matcher, MatcherBuilder, Target
from kg.vocab.mesh import fingerprint_files, load_mesh
from kg.vocab.pickle_cache import load_pickle, save_pickle

__all__ = ["CompiledVocabulary", "compile_vocabulary", "fingerprint_code"]

_CODE_MODULES = (corpora, learn, matcher, mesh, normalise, roles)
_PREFIX = "matcher-"


@dataclass(slots=True)
class CompiledVocabulary:
    """A ready matcher and what it was made from."""

    matcher: Matcher
    fingerprint: str
    mesh_source: str | None = None
    learned_from: tuple[str, ...] = ()
    concepts: int = 0
    cache_file: str | None = None
    _by_iri: dict[str, Target] | None = field(default=None, repr=False)

    def target(self, iri: str) -> Target | None:
        """The run-time Target of a concept IRI, or None when the vocabulary lacks it."""
        if self._by_iri is None:
            self._by_iri = {t.iri: t for t in self.matcher.targets}
        return self._by_iri.get(iri)


def fingerprint_code() -> str:
    """Hash of the source of the modules whose output the cache holds."""
    digest = hashlib.sha256()
    for module in _CODE_MODULES:
        digest.update(Path(module.__file__ or "").read_bytes())
    return digest.hexdigest()[:16]


def compile_vocabulary(mesh_source: Path | None, corpora_dir: Path | None = None, *,
                       splits: tuple[str, ...] = LEARN_SPLITS,
                       cache: Path | None = None) -> CompiledVocabulary:
    """The compiled matcher for ``mesh_source`` (+ learning from ``corpora_dir``), cached."""
    mesh_files = _mesh_files(mesh_source)
    learn_files = find_learning_files(corpora_dir, splits) if corpora_dir else []
    key = hashlib.sha256("|".join((
        fingerprint_code(), fingerprint_files(mesh_files) if mesh_files else "-",
        fingerprint_files([p for _, p in learn_files]) if learn_files else "-",
    )).encode()).hexdigest()[:20]
    folder = cache if cache is not None else cache_dir()
    stem = f"{_PREFIX}{_source_tag(mesh_source, learn_files)}-"
    cached = _load(folder / f"{stem}{key}.pickle")
    if cached is not None:
        return cached
    compiled = _compile(mesh_source, learn_files, key)
    _save(folder, stem, key, compiled)
    return compiled


def _source_tag(source: Path | None, learn_files: list[tuple[str, Path]]) -> str:
    """Short tag of what the cache was made from, so it replaces only its own older versions."""
    parts = [str(source.resolve()) if source else "none", *(str(p) for _, p in learn_files)]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:8]


def _mesh_files(source: Path | None) -> list[Path]:
    """The files the cache key hashes: the source file, or the MeSH files of a folder."""
    if source is None:
        return []
    return mesh.find_mesh_files(source) if source.is_dir() else [source]


def _compile(mesh_source: Path | None, learn_files: list[tuple[str, Path]],
             key: str) -> CompiledVocabulary:
    """Load, compile and (when training files exist) learn weights."""
    builder = MatcherBuilder()
    concepts = {}
    if mesh_source is not None:
        vocabulary = load_mesh(mesh_source)
        concepts = vocabulary.by_ui()
        builder.add_concepts(vocabulary.concepts)
    if learn_files:
        docs = read_learning_docs(learn_files)
        builder = builder.with_extra(learn_weights(builder, concepts, docs))
    return CompiledVocabulary(
        builder.build(), key, str(mesh_source) if mesh_source else None,
        tuple(p.name for _, p in learn_files), len(concepts))


def _load(path: Path) -> CompiledVocabulary | None:
    """A cached compiled vocabulary, or None when absent or unreadable (then recompiled)."""
    return load_pickle(path, CompiledVocabulary)  # type: ignore[return-value]


def _save(folder: Path, stem: str, key: str, compiled: CompiledVocabulary) -> Path:
    """Write atomically and drop older matchers made from the same source."""
    compiled.cache_file = str(folder / f"{stem}{key}.pickle")
    return save_pickle(folder, stem, key, compiled)
