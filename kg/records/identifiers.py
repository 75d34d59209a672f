"""Normalisation and checking of bibliographic identifiers, shared by every reader.

Normalising at the reader means one article read from several formats mints one IRI.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

__all__ = [
    "issn_check_digit",
    "normalise_doi",
    "normalise_issn",
    "normalise_pmcid",
    "normalise_pmid",
    "normalise_text",
    "record_doi",
]

_DOI_PREFIX = re.compile(
    r"^\s*(?:(?:https?://)?(?:dx\.)?doi\.org/|doi:\s*|DOI:?\s*|info:doi/)", re.IGNORECASE)
_DOI = re.compile(r"^10\.\d{4,9}/\S+$")
_HYPHENS = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2212\u00ad"), "-")


def normalise_text(text: str) -> str:
    """Fold Unicode hyphens to ASCII and collapse white space (for matching, not for display)."""
    return " ".join(text.translate(_HYPHENS).split())


def normalise_doi(raw: str | None) -> str | None:
    """Lower-cased DOI without resolver prefix or trailing punctuation; None if not a DOI.

    DOIs are case-insensitive by definition, so lower case is the canonical form.
    """
    if not raw:
        return None
    doi = _DOI_PREFIX.sub("", raw.strip())
    if "%" in doi:
        doi = unquote(doi)
    doi = doi.translate(_HYPHENS).strip().rstrip(".,;:").lower()
    return doi if _DOI.match(doi) else None


def record_doi(raw: str | None) -> str | None:
    """The DOI of a record itself: as ``normalise_doi``, but a value with white space inside
    raises ValueError, so the record is rejected with a reason instead of keeping a DOI cut
    at the space (two records cut to one prefix would collide as false duplicates)."""
    if raw and normalise_doi(raw) is None:
        inner = _DOI_PREFIX.sub("", raw.strip()).strip()
        if inner.startswith("10.") and any(c.isspace() for c in inner):
            raise ValueError(f"DOI {raw.strip()!r} has white space inside; not a DOI")
    return normalise_doi(raw)


def normalise_pmid(raw: str | int | None) -> str | None:
    """PMID as a string of digits without leading zeros; None if not numeric."""
    if raw is None:
        return None
    text = str(raw).strip()
    text = re.sub(r"^(?:pmid:?\s*)", "", text, flags=re.IGNORECASE)
    text = text.split()[0] if text.split() else ""
    return str(int(text)) if text.isdigit() and int(text) > 0 else None


def normalise_pmcid(raw: str | None) -> str | None:
    """``PMC`` followed by digits; None if not a PMCID."""
    if not raw:
        return None
    m = re.search(r"(?:PMC)?(\d+)", raw.strip(), flags=re.IGNORECASE)
    return f"PMC{m.group(1)}" if m and raw.strip().upper().startswith("PMC") else None


def issn_check_digit(first7: str) -> str:
    """The ISSN check character for seven digits (mod 11, ``X`` for 10)."""
    total = sum(int(d) * w for d, w in zip(first7, range(8, 1, -1), strict=True))
    check = (11 - total % 11) % 11
    return "X" if check == 10 else str(check)


def normalise_issn(raw: str | None) -> str | None:
    """``NNNN-NNNC`` with a verified check digit; None if malformed or the check fails."""
    if not raw:
        return None
    compact = re.sub(r"[\s\-\u2010\u2011]", "", raw.strip()).upper()
    if not re.fullmatch(r"\d{7}[\dX]", compact):
        return None
    if issn_check_digit(compact[:7]) != compact[7]:
        return None
    return f"{compact[:4]}-{compact[4:]}"
