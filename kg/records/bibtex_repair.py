"""Recovering the fields a stray ``}`` cuts off a BibTeX entry.

``journal = {X}},`` closes the entry one brace early; bibtexparser then reads the entry's
remaining fields (often its DOI, year and authors) as a comment between entries and says
nothing. Here such a comment is recognised by its ``name = value`` shape and parsed as the
rest of the entry; the entry keeps those fields and the reader says what happened. When the
text cannot be parsed, the entry is rejected rather than stored without them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise

from bibtexparser.library import Library
from bibtexparser.model import Entry, ImplicitComment

__all__ = ["StrayBrace", "repair_stray_braces"]

_FIELDS_SHAPE = re.compile(r"\s*,?\s*[A-Za-z][\w:.+-]*\s*=", re.ASCII)


@dataclass(frozen=True, slots=True)
class StrayBrace:
    """What happened to one entry: which fields came back, or why they could not."""

    line: int | None  # 1-based line of the cut-off text
    recovered: tuple[str, ...] = ()
    error: str | None = None

    @property
    def message(self) -> str:
        where = f" at line {self.line}" if self.line else ""
        if self.error:
            return (f"a stray '}}' closed the entry early; the text after it{where} could not "
                    f"be read as its fields ({self.error})")
        return (f"a stray '}}' closed the entry early; its fields after it{where} were "
                f"recovered: {', '.join(self.recovered)}")


def _recover(entry: Entry, comment: ImplicitComment,
             parse: Callable[[str], Library]) -> StrayBrace:
    line = comment.start_line + 1 if comment.start_line is not None else None
    text = comment.comment.strip()
    text = text if text.endswith("}") else text + "\n}"
    rest = [b for b in parse("@misc{recovered" + ("" if text.startswith(",") else ",") + text
                             ).blocks if isinstance(b, Entry)]
    if len(rest) != 1 or not rest[0].fields:
        return StrayBrace(line, error="no 'name = {value}' fields found")
    added = tuple(f.key for f in rest[0].fields if f.key not in entry.fields_dict)
    for field in rest[0].fields:
        if field.key in added:
            entry.set_field(field)
    return StrayBrace(line, recovered=added)


def repair_stray_braces(library: Library,
                        parse: Callable[[str], Library]) -> dict[int, StrayBrace]:
    """Entries (by ``id``) that lost fields to a stray brace, their fields put back in place;
    ``parse`` parses BibTeX text the way the reader does (same decoding middlewares)."""
    repairs: dict[int, StrayBrace] = {}
    for before, block in pairwise(library.blocks):
        if (isinstance(before, Entry) and isinstance(block, ImplicitComment)
                and _FIELDS_SHAPE.match(block.comment)):
            repairs[id(before)] = _recover(before, block, parse)
    return repairs
