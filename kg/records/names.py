"""Person and group names as the citation formats print them, turned into ``Author`` values.

RIS, BibTeX, CSL-JSON and Crossref each spell names their own way ("Family, Given",
"Given Family", "Family GI", a bare group name); splitting them in one place means one person
gets the same family name, given name and initials whichever file they came from. Nothing
here knows LaTeX: the BibTeX reader decodes before it calls in.
"""

from __future__ import annotations

import re

from kg.records.model import Author

__all__ = [
    "derive_initials",
    "looks_collective",
    "make_person",
    "normalise_orcid",
    "parse_person_name",
]

# Lower-case name particles that belong to the family name ("Ludwig van Beethoven").
_PARTICLES = frozenset(
    "al bin da das de del della den der des di dos du el la le van von ten ter y zu".split())
_SUFFIXES = frozenset("jr jr. sr sr. ii iii iv 2nd 3rd".split())
# Words that mark a group author when a format cannot say so itself (RIS, plain strings).
_GROUP_WORDS = re.compile(
    r"\b(?:group|consortium|collaboration|collaborative|committee|organi[sz]ation|society|"
    r"association|network|investigators|council|institute|agency|working|task force|"
    r"panel|foundation|federation|alliance|initiative|program(?:me)?|team|centre|center|"
    r"department|ministry|college|board|registry|study)\b",
    re.IGNORECASE)
_INITIALS = re.compile(r"^(?:[A-Z]\.?-?){1,4}$")
_ORCID = re.compile(r"(\d{4})-?(\d{4})-?(\d{4})-?(\d{3}[\dX])", re.IGNORECASE)


def derive_initials(given: str | None) -> str | None:
    """Initials of a given name: ``Daniel S`` → ``DS``, ``Jean-Pierre`` → ``JP``, ``PS`` → ``PS``.

    An all-capital token of up to three letters without dots is already a run of initials
    (Web of Science and MEDLINE print ``Loach, PA``).
    """
    if not given:
        return None
    letters: list[str] = []
    for token in re.split(r"[\s.]+", given.strip()):
        if not token:
            continue
        if token.isalpha() and token.isupper() and len(token) <= 3 and "-" not in token:
            letters.extend(token)
            continue
        for part in token.split("-"):
            first = next((c for c in part if c.isalpha()), "")
            if first and part.lower() not in _PARTICLES:
                letters.append(first.upper())
    return "".join(letters) or None


def make_person(family: str | None, given: str | None, *, affiliations: tuple[str, ...] = (),
                orcid: str | None = None) -> Author | None:
    """A personal ``Author`` with initials derived; None when there is no name at all."""
    family = " ".join(family.split()) if family else None
    given = " ".join(given.split()) if given else None
    if not family and not given:
        return None
    if not family:  # a lone name is more likely a family name than a given one
        family, given = given, None
    return Author(family=family, given=given or None, initials=derive_initials(given),
                  affiliations=affiliations, orcid=normalise_orcid(orcid))


def looks_collective(text: str) -> bool:
    """True for a name that reads as a group ("World Health Organization", "... Study Group")."""
    words = text.split()
    return len(words) >= 2 and "," not in text and bool(_GROUP_WORDS.search(text))


def _split_comma_name(text: str) -> tuple[str, str | None]:
    parts = [p.strip() for p in text.split(",") if p.strip()]
    if len(parts) > 2 and parts[-1].lower() in _SUFFIXES:
        parts = parts[:-1]
    if len(parts) > 2 and parts[1].lower() in _SUFFIXES:  # "von Last, Jr, First"
        parts = [parts[0], *parts[2:]]
    family = parts[0] if parts else ""
    given = ", ".join(parts[1:]) if len(parts) > 1 else None
    return family, given


def _split_spaced_name(tokens: list[str]) -> tuple[str, str | None]:
    if len(tokens) == 1:
        return tokens[0], None
    if _INITIALS.match(tokens[-1]) and not _INITIALS.match(tokens[0]):
        return " ".join(tokens[:-1]), tokens[-1]  # "Fanning E.", "Smith JA"
    start = len(tokens) - 1
    while start > 1 and tokens[start - 1].lower() in _PARTICLES:
        start -= 1
    return " ".join(tokens[start:]), " ".join(tokens[:start])


def parse_person_name(text: str | None, *, affiliations: tuple[str, ...] = (),
                      orcid: str | None = None) -> Author | None:
    """An ``Author`` from one printed name; a group name becomes ``Author(collective=...)``.

    Handles ``Family, Given``, ``Family,Given`` (no space), ``Given Family``, ``Family GI`` and
    particles (``van``, ``de``) that stay with the family name.
    """
    text = " ".join((text or "").split()).strip(" ,;")
    if not text:
        return None
    if "," in text:
        family, given = _split_comma_name(text)
    elif looks_collective(text):
        return Author(collective=text, affiliations=affiliations)
    else:
        family, given = _split_spaced_name(text.split())
    return make_person(family, given, affiliations=affiliations, orcid=orcid)


def _orcid_check(digits15: str) -> str:
    total = 0
    for digit in digits15:
        total = (total + int(digit)) * 2
    result = (12 - total % 11) % 11
    return "X" if result == 10 else str(result)


def normalise_orcid(raw: str | None) -> str | None:
    """``0000-0002-1825-0097`` from a bare or ``https://orcid.org/`` form; None if the check fails.

    ORCID iDs carry an ISO 7064 mod 11-2 check character, so a mistyped iD is dropped rather
    than attached to the wrong person.
    """
    if not raw:
        return None
    m = _ORCID.search(raw)
    if not m:
        return None
    digits = "".join(m.groups()).upper()
    if _orcid_check(digits[:15]) != digits[15]:
        return None
    return "-".join(digits[i:i + 4] for i in range(0, 16, 4))
