"""Choosing spans: leftmost-longest, names inside non-entity names, and local abbreviations.

Separated from the recogniser so each rule can be tested on hand-made hits without a vocabulary.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from kg.extract.abbreviations import find_abbreviations
from kg.vocab.matcher import Target
from kg.vocab.normalise import Token, normalise_term

__all__ = ["ABBREVIATION_FACTOR", "Found", "apply_abbreviations", "names_entity", "select_spans"]

ABBREVIATION_FACTOR = 0.95
"""A short form is a little less certain than the long form that defined it."""


@dataclass(frozen=True, slots=True)
class Found:
    """A candidate or chosen span: tokens ``[first, last)``, its concept and weight."""

    first: int
    last: int
    target: Target
    weight: float
    priority: int = 1  # 0 = curated overlay, ranks before the base vocabulary on equal spans
    key: str = ""
    nested: bool = False


def names_entity(target: Target) -> bool:
    """True for a disease or a chemical: what a longer name must not hide inside it."""
    if target.role == "condition":
        return True
    return target.role == "intervention" and ("D" in target.trees or "S" in target.trees)


def _order(span: Found) -> tuple[int, int, int, float]:
    """Sort key: longer first, then leftmost, then overlay before base, then heavier."""
    return (span.first - span.last, span.first, span.priority, -span.weight)


def _greedy(spans: list[Found]) -> list[Found]:
    """Longest first, then leftmost, then overlay, then weight; no two may overlap."""
    chosen: list[Found] = []
    taken: set[int] = set()
    for span in sorted(spans, key=_order):
        positions = range(span.first, span.last)
        if any(p in taken for p in positions):
            continue
        taken.update(positions)
        chosen.append(span)
    return chosen


def select_spans(hits: list[Found], min_weight: float) -> list[Found]:
    """Chosen spans in text order: outer spans, plus entities nested in non-entity spans.

    Hits are indexed by their first token, so finding what lies inside an outer span costs its
    length, not the number of hits: the whole choice stays linear in the text (n log n sort).
    """
    kept = [h for h in hits if h.weight >= min_weight]
    chosen = _greedy(kept)
    starts: dict[int, list[Found]] = {}
    for hit in kept:
        starts.setdefault(hit.first, []).append(hit)
    nested: list[Found] = []
    for outer in chosen:
        if names_entity(outer.target):
            continue
        inner = [h for p in range(outer.first, outer.last) for h in starts.get(p, ())
                 if h.last <= outer.last and h.last - h.first < outer.last - outer.first
                 and names_entity(h.target)]
        nested += [replace(h, nested=True) for h in _greedy(inner)]
    return sorted(chosen + nested, key=lambda s: (s.first, s.last))


Lookup = Callable[[str], "Found | None"]


def apply_abbreviations(texts: list[str], tokens: list[list[Token]], found: list[list[Found]],
                        lookup: Lookup | None = None) -> list[list[Found]]:
    """Give every use of a short form defined in the record its long form's concept.

    ``lookup`` finds the concept of a long form the text did not yield as a span of its own (it
    was part of a longer name), so its short form is not silenced for want of a match.
    """
    definitions = _definitions(texts, tokens, found, lookup)
    if not definitions:
        return found
    return [_rewrite(t, f, definitions) for t, f in zip(tokens, found, strict=True)]


def _definitions(texts: list[str], tokens: list[list[Token]], found: list[list[Found]],
                 lookup: Lookup | None) -> dict[str, Found | None]:
    """Short-form key → the span its long form was recognised as (None: not recognised)."""
    out: dict[str, Found | None] = {}
    for text, section_tokens, spans in zip(texts, tokens, found, strict=True):
        for abbreviation in find_abbreviations(text):
            key = normalise_term(abbreviation.short)
            if key and key not in out:
                span = _long_form_span(abbreviation.long_start, abbreviation.long_end,
                                       section_tokens, spans)
                out[key] = span or (lookup(abbreviation.long) if lookup else None)
    return out


def _long_form_span(start: int, end: int, tokens: list[Token],
                    spans: list[Found]) -> Found | None:
    """The outer span ending where the long form ends and covering most of it."""
    best = None
    for span in spans:
        if span.nested:
            continue
        span_start, span_end = tokens[span.first].start, tokens[span.last - 1].end
        if span_end == end and span_start >= start and (end - span_start) * 2 >= end - start:
            if best is None or span.first < best.first:
                best = span
    return best


def _rewrite(tokens: list[Token], spans: list[Found],
             definitions: dict[str, Found | None]) -> list[Found]:
    """Replace, add or drop the spans of short forms in one section.

    Occurrences are found through an index of token keys and spans through the positions they
    cover, so a long text with many abbreviations costs time linear in its length.
    """
    keys = [t.key for t in tokens]
    where: dict[str, list[int]] = {}
    for position, key in enumerate(keys):
        where.setdefault(key, []).append(position)
    placed = _Placement(spans)
    for short, definition in definitions.items():
        parts = short.split(" ")
        for first in where.get(parts[0], ()):
            if keys[first:first + len(parts)] == parts:
                placed.place(first, first + len(parts), short, definition)
    return sorted(placed.spans(), key=lambda s: (s.first, s.last))


class _Placement:
    """The spans of a section, indexed by the token positions each covers."""

    def __init__(self, spans: list[Found]) -> None:
        self._live: dict[int, Found] = {}
        self._cover: dict[int, set[int]] = {}
        self._next = 0
        for span in spans:
            self._add(span)

    def _add(self, span: Found) -> None:
        handle, self._next = self._next, self._next + 1
        self._live[handle] = span
        for p in range(span.first, span.last):
            self._cover.setdefault(p, set()).add(handle)

    def _remove(self, handle: int) -> None:
        span = self._live.pop(handle)
        for p in range(span.first, span.last):
            self._cover[p].discard(handle)

    def place(self, first: int, last: int, short: str, definition: Found | None) -> None:
        """Put the local sense of one short-form occurrence in place of the global one."""
        touching = {h for p in range(first, last) for h in self._cover.get(p, ())}
        same = {h for h in touching
                if self._live[h].first == first and self._live[h].last == last}
        if touching - same:
            return  # part of a longer name: leave it
        for handle in same:
            self._remove(handle)
        if definition is not None:
            self._add(Found(first, last, definition.target,
                            round(definition.weight * ABBREVIATION_FACTOR, 3),
                            definition.priority, short))

    def spans(self) -> list[Found]:
        return list(self._live.values())
