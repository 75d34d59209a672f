"""Structured-abstract headings → the rhetorical roles of the sentences under them.

Authors label abstract sections in hundreds of ways ("PATIENTS AND METHODS", "FINDINGS",
"INTERPRETATION", "Abstract.Results", "[PURPOSE]", "RÉSULTATS"); NLM files each label under one of
five categories. A heading is read here part by part ("BACKGROUND AND AIMS" names two roles), so a
section that mixes roles says so and the sentence classifier can choose between them only.

Choices that differ from a plain keyword match, and why:

- a case report's "Case"/"Case presentation" is what the report found: ``results`` (the
  catalogue reader files it under NLM's METHODS, so the author's words win over the category);
- "Outcome(s)", "Primary outcome", "Main outcome measures" describe what was measured:
  ``methods``; "Findings", "Evidence synthesis" are ``results``;
- "Discussion", "Interpretation", "Significance", "Limitations", "Classification of evidence"
  (a one-line verdict on the trial) are ``conclusions``; "Importance" alone is ``background``;
- administrative statements (trial registration, funding, supplementary material, availability,
  level of evidence) report no finding; ``methods`` is the non-finding role closest to them;
- uninformative or lay labels ("Abstract", "Summary", "Highlights", "Key points",
  "Editorial commentary") name no role: their sentences are classified like an unlabelled
  abstract.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from kg.extract.model import SentenceRole

__all__ = [
    "FIVE_ROLES", "heading_roles", "inline_heading_roles", "normalise_heading", "role_for_heading",
]

FIVE_ROLES: tuple[SentenceRole, ...] = (
    "background", "objective", "methods", "results", "conclusions",
)
"""NLM's structured-abstract categories, in the order an abstract usually visits them."""

_PREFIX = re.compile(
    r"^(?:(?:expanded\s+)?abstract|summary|synopsis|r[ée]sum[ée])\s*[.:]\s*", re.IGNORECASE)
_PARTS = re.compile(r"\s*(?:\band\b|&|/|,|;|\+)\s*", re.IGNORECASE)

_UNINFORMATIVE = re.compile(
    r"(?:abstract|summary|unlabell?ed|unassigned|text|none|highlights?|key ?points|"
    r"editorial(?: commentary)?|tweetable abstract|(?:patient|author|simple|lay) summary|"
    r"plain language summary|what'?s new\??|citation|key ?words?)", re.IGNORECASE)

_PART_ROLES: tuple[tuple[re.Pattern[str], SentenceRole], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), role) for pattern, role in (
        (r"regist|clinical ?trials?\b.*(?:number|identifier|id\b|gov)|clinicaltrial|^nct\b|"
         r"isrctn|controlled trials|trial (?:identification|number)|funding|sponsor|"
         r"supplementa|availability|level of evidence|additional information|conflicts?",
         "methods"),
        (r"clinical (?:importance|relevance|significance|implication)|classification of evidence|"
         r"conclu|interpret|implication|discussion|significance|relevance|comment|"
         r"recommendation|limitation|take.?home|message|perspective|what do these findings mean",
         "conclusions"),
        (r"outcome|end.?point|measure", "methods"),
        (r"result|r[ée]sultat|finding|case|evidence synthesis|observation|what did the researchers",
         "results"),
        (r"m[ée]thod|design|setting|patient|participant|subject|intervention|material|procedure|"
         r"population|sample|animal|statistic|analys|randomi[sz]|protocol|search|selection|"
         r"criteria|data (?:collection|sources?|extraction)|eligib|evidence|consensus|approach|"
         r"technique|control|exposure|instrument|cohort|recruit|treatment",
         "methods"),
        (r"objecti|aim|purpose|goal|question|hypothes|why was (?:this|the) study done",
         "objective"),
        (r"background|introduction|context|rationale|importance|problem|premise|motivation",
         "background"),
    ))

_NLM_ROLES: dict[str, SentenceRole] = {role.upper(): role for role in FIVE_ROLES}


def normalise_heading(label: str) -> str:
    """Upper-cased label without container prefixes ("Abstract.", "Summary."), brackets, dashes."""
    text = label.strip().strip("[](){}:.—–- ").strip()
    previous = None
    while previous != text:
        previous, text = text, _PREFIX.sub("", text).strip()
    return re.sub(r"\s+", " ", text).upper()


def _part_role(part: str) -> SentenceRole | None:
    """The role one part of a heading names ("AIMS" in "BACKGROUND AND AIMS"), or None."""
    for pattern, role in _PART_ROLES:
        if pattern.search(part):
            return role
    return None


def heading_roles(label: str | None, nlm_category: str | None = None) -> tuple[SentenceRole, ...]:
    """The roles a heading allows its sentences, in reading order; empty when it names none.

    The author's words decide when they name a role (NLM's category only breaks the tie for labels
    it cannot read), because a mixed heading ("METHODS AND RESULTS") gets one category from NLM
    while its sentences really are of two kinds.
    """
    text = normalise_heading(label) if label else ""
    if text and not _UNINFORMATIVE.fullmatch(text):
        roles: list[SentenceRole] = []
        for part in _PARTS.split(text):
            role = _part_role(part) if part else None
            if role and role not in roles:
                roles.append(role)
        if roles:
            return tuple(roles)
    category = _NLM_ROLES.get((nlm_category or "").strip().upper())
    return (category,) if category else ()


def role_for_heading(label: str | None, nlm_category: str | None = None) -> SentenceRole | None:
    """The one role a heading (or NLM's category) names, or None when it names none or several.

    A mixed heading falls back on NLM's category when the record has one, as PubMed does.
    """
    roles = heading_roles(label, nlm_category)
    if len(roles) == 1:
        return roles[0]
    category = _NLM_ROLES.get((nlm_category or "").strip().upper())
    return category if roles and category in roles else None


_INLINE = re.compile(r"([A-Z][A-Za-z]*(?:[ /&,-]+[A-Za-z]+){0,5})\s*:\s+\S")
_MAX_TITLE_CASE_WORDS = 3


def _inline_heading(sentence: str) -> tuple[SentenceRole, ...]:
    """The roles named by the heading a sentence opens on, if it opens on one.

    An all-capitals label of up to six words counts ("MATERIALS AND METHODS:"); a mixed-case one
    only up to three words ("Study design:"), so that "Outcomes were as follows:" does not.
    """
    match = _INLINE.match(sentence)
    if not match:
        return ()
    label = match.group(1)
    if not label.isupper() and len(label.split()) > _MAX_TITLE_CASE_WORDS:
        return ()
    return heading_roles(label)


def inline_heading_roles(sentences: Sequence[str]) -> list[tuple[SentenceRole, ...]]:
    """Roles named by headings written into unlabelled text ("BACKGROUND: ...", "Methods: ...").

    Many RIS, CSL and Crossref records keep a structured abstract as one paragraph. Only a text
    that opens on a heading and has at least two counts as structured; then each heading starts a
    run of its roles up to the next. Otherwise every sentence gets ``()`` (no constraint), so a
    lone "Results were as follows:" cannot force the rest of an abstract into one role.
    """
    named = [_inline_heading(s) for s in sentences]
    if not named or not named[0] or sum(1 for roles in named if roles) < 2:
        return [()] * len(sentences)
    out: list[tuple[SentenceRole, ...]] = []
    for roles in named:
        out.append(roles or out[-1])
    return out
