"""People across articles: authors are minted per article, so analysis matches them by name.

The key is the folded family name plus initials (``ocker|ac``), the usual bibliographic
compromise: it merges one person's records across articles and formats, and it also merges
namesakes, which is why shared authors weigh less than shared concepts in related-article scores.
"""

from __future__ import annotations

import re
import unicodedata

from kg.records.names import derive_initials

__all__ = ["fold_name", "person_key"]


def fold_name(text: str) -> str:
    """Case-, accent- and space-insensitive form of a name."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.casefold().replace("-", " ").split())


def person_key(family: str | None, given: str | None, initials: str | None, name: str | None,
               collective: bool = False) -> tuple[str, str] | None:
    """``(key, display name)`` for an author, or None when there is no name to match on."""
    if collective or not family:
        if not name:
            return None
        return f"group|{fold_name(name)}", name
    letters = re.sub(r"[^A-Z]", "", (initials or derive_initials(given) or "").upper())
    return f"{fold_name(family)}|{letters.lower()}", f"{family} {letters}".strip()
