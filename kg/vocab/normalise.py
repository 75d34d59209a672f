"""Tokenising and normalising text and vocabulary terms the same way, so they meet in a key.

A term and a piece of text match when their *keys* are equal: the sequence of normalised tokens
joined by single spaces. Normalisation folds what should not matter for a match — case (except
for acronyms, where ``NO`` is nitric oxide and ``no`` is not), plurals, British spellings, Greek
letters, accents, and the hyphens and dashes of every Unicode flavour (U+2010/2011 included) —
and keeps what should (digits, brackets, commas). Offsets of every token in the original text are
kept, so a match in key space maps back to the exact surface.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["Token", "invert_term", "normalise_term", "normalise_token", "tokenise"]

_TOKEN = re.compile(r"[^\W\d_]+|\d+|[^\w\s]")
_SEPARATORS = frozenset("-‐‑‒–—―−\u00ad'’‘´`®™©_")
_APOSTROPHES = frozenset("'’")
_GREEK = {
    "α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "ε": "epsilon", "ζ": "zeta",
    "η": "eta", "θ": "theta", "ι": "iota", "κ": "kappa", "λ": "lambda", "μ": "mu", "ν": "nu",
    "ξ": "xi", "π": "pi", "ρ": "rho", "σ": "sigma", "τ": "tau", "φ": "phi", "χ": "chi",
    "ψ": "psi", "ω": "omega", "µ": "mu",
}
_SPELLING = (
    (re.compile(r"(?<=.)ae(?=[^r])"), "e"),  # haemorrhage, anaesthesia, leukaemia
    (re.compile(r"^ae(?=[^r])"), "e"),  # aetiology
    (re.compile(r"(?<=[^aeiou])oe(?=[a-z])"), "e"),  # diarrhoea, coeliac, foetus
    (re.compile(r"^oe(?=[dsn])"), "e"),  # oedema, oesophagus, oestrogen
    # tumour, behavioural, labour
    (re.compile(r"(?<=...)our(al|ed|ing|ite|able|ism|ist|less|ly)?$"), r"or\1"),
    (re.compile(r"(?<=...)is(ation|ations|e|ed|es|ing|er|ers)$"), r"iz\1"),  # sensitisation
    (re.compile(r"sulph"), "sulf"),
    (re.compile(r"(?<=..)(t|b)re$"), r"\1er"),  # centre, fibre
    (re.compile(r"aluminium"), "aluminum"),
)


@dataclass(frozen=True, slots=True)
class Token:
    """One normalised token and its ``[start, end)`` span in the original text."""

    key: str
    start: int
    end: int


def tokenise(text: str, *, detect_shouting: bool = True) -> list[Token]:
    """Normalised tokens of ``text`` with their original offsets (separators dropped).

    Hyphens, dashes and apostrophes separate tokens without being tokens (``N‐methyl`` and
    ``N methyl`` meet), a possessive ``'s`` disappears (``Alzheimer's`` → ``alzheimer``), and
    letters and digits split (``CI581`` and ``CI-581`` meet).  All-capital text (a shouted title)
    is folded to lower case first, where capitals no longer mark acronyms.
    """
    shouting = detect_shouting and _is_shouting(text)
    tokens: list[Token] = []
    for match in _TOKEN.finditer(text):
        raw = match.group()
        start = match.start()
        if raw in _SEPARATORS or (raw == "s" and _after_apostrophe(text, start)):
            continue
        tokens.append(Token(normalise_token(raw.lower() if shouting else raw), start, match.end()))
    return tokens


def _after_apostrophe(text: str, start: int) -> bool:
    """True for the ``s`` of a possessive: a letter, an apostrophe, then this ``s``."""
    return start >= 2 and text[start - 1] in _APOSTROPHES and text[start - 2].isalpha() and (
        start + 1 >= len(text) or not text[start + 1].isalnum())


def _is_shouting(text: str) -> bool:
    """True for text whose letters are (nearly) all capitals, such as some catalogue titles."""
    letters = [c for c in text[:400] if c.isalpha()]
    return len(letters) >= 20 and sum(c.isupper() for c in letters) > 0.8 * len(letters)


@lru_cache(maxsize=1 << 18)
def normalise_token(raw: str) -> str:
    """The match key of one token: acronyms keep their case, words fold and lose plurals."""
    if not raw[0].isalpha():
        return raw
    if not raw.isascii():
        raw = "".join(_fold_unicode(raw).split()) or raw  # never a space inside a key
    if len(raw) >= 2 and raw.isupper() and raw.isalpha():
        return raw
    word = _singular(raw.lower())
    if len(word) >= 5:
        for pattern, replacement in _SPELLING:
            word = pattern.sub(replacement, word)
    return word


def _fold_unicode(raw: str) -> str:
    """Greek letters to their names, accents stripped (``β`` → ``beta``, ``é`` → ``e``)."""
    raw = "".join(_GREEK.get(c, _GREEK.get(c.lower(), c)) for c in raw)
    decomposed = unicodedata.normalize("NFKD", raw)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _singular(word: str) -> str:
    """A crude singular that only has to be *consistent*: terms and text both go through it."""
    if len(word) <= 3 or not word.endswith("s"):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "ches", "shes", "xes")):
        return word[:-2]
    if word.endswith(("ss", "us", "is")):
        return word
    return word[:-1]


def normalise_term(term: str) -> str:
    """The key of a vocabulary term or a text span: normalised tokens joined by spaces."""
    return " ".join(t.key for t in tokenise(term, detect_shouting=False))


_QUALIFIER = re.compile(r"\s*\[[^\]]*\]$|\s+\((?![^)]*\d)[^()]*\)$")


def invert_term(term: str) -> str | None:
    """Natural word order of a MeSH inverted term, or None when ``term`` is not inverted.

    ``Receptors, N-Methyl-D-Aspartate`` → ``N-Methyl-D-Aspartate Receptors``;
    ``Anesthetics, Dissociative`` → ``Dissociative Anesthetics``. Terms with two or more commas
    (``Amino Acids, Excitatory, Antagonists``) or with commas inside brackets (chemical names such
    as ``2,4-D``) are left alone: their natural order cannot be recovered from the commas.
    """
    stripped = _QUALIFIER.sub("", term)
    if stripped.count(", ") != 1 or "(" in stripped or re.search(r"\d,\d", stripped):
        return None
    head, modifier = stripped.split(", ")
    if not head or not modifier:
        return None
    return f"{modifier} {head}"
