"""A small triple accumulator that drops empty values, so mapping code reads as a field list."""

from __future__ import annotations

from rdflib import Literal
from rdflib.term import Node

__all__ = ["Triples"]


class Triples:
    """Collects triples in insertion order, without duplicates.

    ``shared`` collects the description of content-identified nodes (concepts, claim cores,
    journals, software agents), which go to the shared graph instead of the record's own.
    """

    def __init__(self, shared: Triples | None = None) -> None:
        self._items: dict[tuple[Node, Node, Node], None] = {}
        self._shared = shared

    @property
    def shared(self) -> Triples:
        return self._shared if self._shared is not None else self

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
