"""The compiled matcher: every vocabulary term as a normalised key in one Aho–Corasick automaton.

Matching is linear in the text whatever the number of terms (~400k keys for MeSH), so an
abstract takes well under a millisecond to scan. Keys are token sequences wrapped in spaces, so
a match always starts and ends on token boundaries. Each key points to its candidate concepts
ranked by a weight (the estimated precision of that surface form); ``find`` returns the
leftmost-longest non-overlapping spans, as a reader would segment the text.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

import ahocorasick

from kg.extract.model import Role
from kg.vocab.model import Concept
from kg.vocab.normalise import Token, invert_term, normalise_term
from kg.vocab.roles import decide_role

__all__ = [
    "STOP_KEYS",
    "WEIGHT_ACRONYM",
    "Candidate",
    "Matcher",
    "MatcherBuilder",
    "Span",
    "Target",
    "compile_matcher",
    "is_acronym_key",
    "make_term_keys",
    "select_longest",
]

WEIGHT_LABEL, WEIGHT_SYNONYM, WEIGHT_VARIANT = 0.9, 0.85, 0.8

WEIGHT_ACRONYM = 0.4
"""Prior weight of an all-capitals short form: below the recogniser's threshold (0.5).

A short form means what the text around it defines ("MSH2" is a gene, "SNP" a polymorphism,
"CP" a physics term), so a vocabulary's acronym is not trusted on its own: it grounds when the
record defines it (``kg.extract.spans``), or when training text shows it used undefined for
that concept often enough (``kg.vocab.learn`` lifts it), never merely because MeSH lists it.
"""

STOP_KEYS: frozenset[str] = frozenset({
    "time", "role", "control", "pressure", "growth", "weight", "rest", "memory", "learning",
    "behavior", "attention", "motion", "movement", "temperature", "light", "sound", "aging",
    "life", "death", "heat", "cold", "water", "oxygen", "air", "pain threshold", "sleep",
    "survival", "eating", "drinking", "walking", "running", "reading", "speech", "language",
    "lead", "gold", "tin", "can", "nail", "cell", "base", "acid", "salt", "wound", "mass",
    "dose", "sex", "gene", "transcription", "expression", "signal", "pattern", "risk",
    "therapeutic", "therapy", "treatment", "drug", "medicine", "prescription", "placebo",
    "disease", "syndrome", "disorder", "condition", "symptom", "sign", "injury", "lesion",
    "tissue", "organ", "body", "face", "head", "arm", "leg", "back", "chest", "hand",
    "recurrence", "remission", "progression", "outcome", "efficacy", "safety", "health",
    "operation", "surgery", "ion", "ions", "element", "compound", "molecule", "protein",
    "pharmaceutical preparation", "solution", "metabolism", "absorption", "excretion",
    "hospitalization", "infusion", "injection", "administration", "diet", "exercise",
    "association", "society", "college", "academy",
})
"""Normalised keys that MeSH lists as terms but abstracts use as ordinary words.

Written by hand for the product, independent of any corpus: generic nouns ("treatment",
"disease"), everyday words that are also element names ("lead", "tin", "gold") and processes
that every abstract mentions ("time", "growth"). A learned table can lift or lower others.
"""


class Target(NamedTuple):
    """What a match points at: a concept reduced to what the recogniser needs at run time.

    Named tuples rather than dataclasses: the compiled cache holds ~30k of them and ~140k
    candidates, and tuples unpickle several times faster.
    """

    iri: str
    ui: str
    label: str
    role: Role
    trees: str = ""  # top-level tree letters, e.g. "CF" (or "S" for a supplementary record)
    mechanisms: tuple[tuple[str, str], ...] = ()  # (ui, label) of mechanism-type actions


class Candidate(NamedTuple):
    """One concept a key may mean, with the estimated precision of the key for it."""

    target: int
    weight: float
    learned: bool = False


@dataclass(frozen=True, slots=True)
class Span:
    """A leftmost-longest match: tokens ``[first, last)`` and the key's ranked candidates.

    Candidates read from a cache are plain ``(target, weight, learned)`` tuples: index them.
    """

    first: int
    last: int
    key: str
    candidates: tuple[Candidate, ...]


@dataclass(slots=True)
class Matcher:
    """An automaton over keys plus, per key index, its text and its candidate concepts."""

    targets: list[Target] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)
    candidates: list[tuple[Candidate, ...]] = field(default_factory=list)
    automaton: ahocorasick.Automaton | None = None

    def __getstate__(self) -> tuple[object, ...]:
        """Candidates as plain tuples: the cache loads in a fraction of the time."""
        plain = [tuple(tuple(c) for c in ranked) for ranked in self.candidates]
        return (self.targets, self.keys, plain, self.automaton)

    def __setstate__(self, state: tuple[object, ...]) -> None:
        targets, keys, plain, automaton = state
        self.targets, self.keys, self.automaton = targets, keys, automaton  # type: ignore[assignment]
        self.candidates = plain  # type: ignore[assignment]  # (target, weight, learned) tuples

    def find(self, tokens: list[Token]) -> list[Span]:
        """Leftmost-longest non-overlapping spans over ``tokens`` (their keys, in order)."""
        chosen = select_longest(self.hits(tokens))
        return [Span(f, la, self.keys[i], self.candidates[i]) for f, la, i in chosen]

    def hits(self, tokens: list[Token]) -> list[tuple[int, int, int]]:
        """Every key occurrence as ``(first token, last token + 1, key index)``, overlaps kept."""
        if not tokens or self.automaton is None or self.automaton.kind != ahocorasick.AHOCORASICK:
            return []
        text = " " + " ".join(t.key for t in tokens) + " "
        token_at: dict[int, int] = {}
        position = 1
        for index, token in enumerate(tokens):
            token_at[position] = index
            position += len(token.key) + 1
        keys = self.keys
        out = []
        for end, index in self.automaton.iter(text):
            key = keys[index]
            first = token_at.get(end - len(key))
            if first is not None:
                out.append((first, first + key.count(" ") + 1, index))
        return out

    def span(self, hit: tuple[int, int, int]) -> Span:
        """The Span of one hit."""
        return Span(hit[0], hit[1], self.keys[hit[2]], self.candidates[hit[2]])

    def lookup(self, key: str) -> tuple[Candidate, ...]:
        """Candidates of an exact key (already normalised), or ``()``."""
        wrapped = f" {key} "
        if self.automaton is None or wrapped not in self.automaton:
            return ()
        return self.candidates[self.automaton.get(wrapped)]


def select_longest(hits: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Choose the longest span first, then the leftmost, never letting two overlap."""
    chosen: list[tuple[int, int, int]] = []
    taken: set[int] = set()
    for first, last, index in sorted(hits, key=lambda h: (h[0] - h[1], h[0])):
        if any(t in taken for t in range(first, last)):
            continue
        taken.update(range(first, last))
        chosen.append((first, last, index))
    chosen.sort()
    return chosen


def make_term_keys(term: str) -> Iterator[tuple[str, float]]:
    """The keys a term is matched by: itself, and its natural order when MeSH inverted it."""
    yield normalise_term(term), 1.0
    stripped = _strip_qualifier(term)
    if stripped != term:
        yield normalise_term(stripped), 0.95
    inverted = invert_term(term)
    if inverted:
        yield normalise_term(inverted), 0.95


def _strip_qualifier(term: str) -> str:
    """``CRPS (Complex Regional Pain Syndromes)`` → ``CRPS``; other terms unchanged."""
    if term.endswith(")") and " (" in term and not term.startswith("("):
        head = term[: term.index(" (")]
        return head if head and head.isupper() else term
    return term


def _keep_key(key: str) -> bool:
    """Reject keys that would match noise: stop words, one or two letters, bare numbers."""
    if not key or key in STOP_KEYS:
        return False
    if " " not in key:
        return len(key) >= 3 and not key.isdigit()
    return any(c.isalpha() for c in key)


def is_acronym_key(key: str) -> bool:
    """True for a key that is one all-capitals token of two or three letters ("SNP", "CP").

    Forms that short often collide across fields (MSH, MDA, MAC, AMP, CC, MDS, PDB …); longer
    ones ("NADPH", "HNPCC", "CRPS") rarely do, and keep their vocabulary weight.
    """
    return 2 <= len(key) <= 3 and key.isalpha() and key.isupper()


def _key_weight(key: str, weight: float) -> float:
    """A vocabulary key's prior weight: acronyms start below the threshold."""
    return round(min(weight, WEIGHT_ACRONYM) if is_acronym_key(key) else weight, 3)


def _target_of(concept: Concept, role: Role,
               action_trees: dict[str, tuple[str, ...]]) -> Target:
    """A concept's run-time Target, with the mechanism-type actions its drug class gives."""
    from kg.vocab.roles import select_mechanism_actions

    trees = "".join(sorted({t[0] for t in concept.tree_numbers if t})) or (
        "S" if concept.source == "mesh-scr" else "")
    return Target(concept.iri, concept.ui, concept.label, role, trees,
                  select_mechanism_actions(concept, action_trees))


def compile_matcher(concepts: Iterable[Concept], *, base_weight: float = 1.0,
                    extra: dict[str, list[tuple[Target, float]]] | None = None) -> Matcher:
    """Compile concepts (and optional learned key → targets) into a Matcher.

    ``extra`` entries replace their key's vocabulary candidates and carry their own weights, so
    a key learned from annotated text can outrank, or (with weight 0) silence, a vocabulary term.
    """
    builder = MatcherBuilder()
    builder.add_concepts(concepts, base_weight=base_weight)
    if extra:
        builder = builder.with_extra(extra)
    return builder.build()


@dataclass(slots=True)
class MatcherBuilder:
    """Collects key → candidates before the automaton is built (so it can be built twice)."""

    targets: list[Target] = field(default_factory=list)
    index_of: dict[str, int] = field(default_factory=dict)
    table: dict[str, dict[int, Candidate]] = field(default_factory=dict)

    def add_concepts(self, concepts: Iterable[Concept], *, base_weight: float = 1.0) -> None:
        """Every name of every recognisable concept, under each of its keys."""
        concepts = list(concepts)
        action_trees = {c.ui: c.tree_numbers for c in concepts if c.tree_numbers}
        for concept in concepts:
            role = decide_role(concept)
            if role is None:
                continue
            target = self.add_target(_target_of(concept, role, action_trees))
            for rank, name in enumerate(concept.names()):
                weight = (WEIGHT_LABEL if rank == 0 else WEIGHT_SYNONYM) * base_weight
                for key, factor in make_term_keys(name):
                    if _keep_key(key):
                        self.offer(key, Candidate(target, _key_weight(key, weight * factor)))

    def add_target(self, target: Target) -> int:
        """Index of ``target``, adding it the first time its IRI is seen."""
        if target.iri not in self.index_of:
            self.index_of[target.iri] = len(self.targets)
            self.targets.append(target)
        return self.index_of[target.iri]

    def offer(self, key: str, candidate: Candidate) -> None:
        """Keep the best weight a key has for each target."""
        slot = self.table.setdefault(key, {})
        best = slot.get(candidate.target)
        if best is None or candidate.weight > best.weight:
            slot[candidate.target] = candidate

    def with_extra(self, extra: dict[str, list[tuple[Target, float]]]) -> MatcherBuilder:
        """A copy whose ``extra`` keys carry exactly the given targets and weights."""
        copy = MatcherBuilder(list(self.targets), dict(self.index_of), dict(self.table))
        for key, pairs in extra.items():
            copy.table[key] = {}
            for target, weight in pairs:
                copy.offer(key, Candidate(copy.add_target(target), round(weight, 3), True))
        return copy

    def build(self) -> Matcher:
        """The automaton; each key's candidates ranked by weight, best first."""
        matcher = Matcher(targets=list(self.targets))
        automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
        for key, slot in self.table.items():
            ranked = tuple(sorted(slot.values(), key=lambda c: (-c.weight, c.target)))
            if not ranked or ranked[0].weight <= 0:
                continue
            automaton.add_word(f" {key} ", len(matcher.keys))
            matcher.keys.append(key)
            matcher.candidates.append(ranked)
        automaton.make_automaton()
        matcher.automaton = automaton
        return matcher
