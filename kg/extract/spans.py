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
    """Chosen spans in text order: outer spans, plus entities nested in non-entity spans."""
    kept = [h for h in hits if h.weight >= min_weight]
    chosen = _greedy(kept)
    nested: list[Found] = []
    for outer in chosen:
        if names_entity(outer.target):
            continue
        inner = [h for h in kept if outer.first <= h.first and h.last <= outer.last
                 and h.last - h.first < outer.last - outer.first and names_entity(h.target)]
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
    """Replace, add or drop the spans of short forms in one section."""
    keys = [t.key for t in tokens]
    out = list(spans)
    for short, definition in definitions.items():
        parts = short.split(" ")
        for first in range(len(keys) - len(parts) + 1):
            if keys[first:first + len(parts)] == parts:
                out = _place(out, first, first + len(parts), short, definition)
    return sorted(out, key=lambda s: (s.first, s.last))


def _place(spans: list[Found], first: int, last: int, short: str,
           definition: Found | None) -> list[Found]:
    """Put the local sense of one short-form occurrence in place of the global one."""
    same = [s for s in spans if s.first == first and s.last == last]
    overlapping = [s for s in spans if s.first < last and first < s.last and s not in same]
    if overlapping:
        return spans  # part of a longer name: leave it
    rest = [s for s in spans if s not in same]
    if definition is None:
        return rest
    local = Found(first, last, definition.target,
                  round(definition.weight * ABBREVIATION_FACTOR, 3), definition.priority, short)
    return [*rest, local]
