"""The vocabulary model: one ``Concept`` shape for MeSH, SKOS, OBO and the curated overlay.

Every loader produces the same frozen dataclass, so the matcher, the roles and the recogniser
never care where a concept came from; a ``Vocabulary`` is a named bag of concepts plus the
fingerprint of the files it was read from (what the compiled-matcher cache is keyed on).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from kg.extract.model import ROLES, Role

__all__ = ["Concept", "Vocabulary", "check_role"]


@dataclass(frozen=True, slots=True)
class Concept:
    """A concept with its names, its place in the source hierarchy and hints for its role.

    ``pharmacological_actions`` are ``(ui, name)`` pairs (MeSH PA descriptors) so a drug can
    give a mechanism; ``role`` is an explicit role (curated vocabularies say it), while MeSH
    concepts leave it None and get theirs from ``tree_numbers`` (``kg.vocab.roles``).
    ``exact_matches``/``close_matches`` hold IRIs of equivalent / related concepts elsewhere.
    """

    iri: str
    ui: str
    label: str
    synonyms: tuple[str, ...] = ()
    tree_numbers: tuple[str, ...] = ()
    pharmacological_actions: tuple[tuple[str, str], ...] = ()
    role: Role | None = None
    source: str = "mesh"
    exact_matches: tuple[str, ...] = ()
    close_matches: tuple[str, ...] = ()
    permuted: tuple[str, ...] = field(default=(), compare=False)

    def names(self) -> Iterator[str]:
        """Preferred label first, then synonyms and permuted forms, without repeats."""
        seen: set[str] = set()
        for name in (self.label, *self.synonyms, *self.permuted):
            if name and name not in seen:
                seen.add(name)
                yield name


def check_role(value: str) -> Role:
    """``value`` as a Role, accepting a role IRI (``…/id/role/condition``) or a bare name."""
    name = value.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1].strip().lower()
    if name not in ROLES:
        raise ValueError(f"unknown role {value!r}; expected one of {', '.join(ROLES)}")
    return name  # type: ignore[return-value]


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """Concepts read from one or more files, and a fingerprint of those files' contents."""

    name: str
    concepts: tuple[Concept, ...]
    fingerprint: str = ""
    sources: tuple[str, ...] = ()

    def __len__(self) -> int:
        return len(self.concepts)

    def by_ui(self) -> dict[str, Concept]:
        """Concepts keyed by their identifier (``D007649``, ``CHEBI:6121`` …)."""
        return {c.ui: c for c in self.concepts}

    @staticmethod
    def merge(name: str, parts: Iterable[Vocabulary]) -> Vocabulary:
        """One vocabulary from several; a later part's concept replaces an earlier one's UI."""
        parts = list(parts)
        merged: dict[str, Concept] = {}
        for part in parts:
            merged.update((c.ui, c) for c in part.concepts)
        fingerprint = "+".join(p.fingerprint for p in parts)
        sources = tuple(s for p in parts for s in p.sources)
        return Vocabulary(name, tuple(merged.values()), fingerprint, sources)
