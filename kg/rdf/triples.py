"""A small triple accumulator that drops empty values, so mapping code reads as a field list."""

from __future__ import annotations

from rdflib import Literal
from rdflib.term import Node

__all__ = ["Triples"]


class Triples:
    """Collects triples in insertion order, without duplicates."""

    def __init__(self) -> None:
        self._items: dict[tuple[Node, Node, Node], None] = {}

    def add(self, s: Node, p: Node, o: Node | None) -> None:
        if o is not None:
            self._items[(s, p, o)] = None

    def literal(self, s: Node, p: Node, value: str | None) -> None:
        """Add a plain string literal, skipping None and blank strings."""
        if value is not None and str(value).strip():
            self._items[(s, p, Literal(value))] = None

    def freeze(self) -> tuple[tuple[Node, Node, Node], ...]:
        return tuple(self._items)

    def __len__(self) -> int:
        return len(self._items)
