"""What a sentence's evidence is for its article: a finding, the study's question, or a citation.

The rhetorical role of a sentence (``SentenceMentions.role``) decides it, because the same words
mean different things in different places: "ketamine improves pain in CRPS" in a background
restates the literature (``cited``), in a title or an aim it names the question the study asks
(``studied-for``), and only in results or conclusions is it the study's own ``finding``, graded
with the study's design and carrying its sample size, follow-up and dose.

A case report describes what happened to its patient in its case section, which indexers file
under *methods*; in a case report or case series that description is the result, so there a
methods sentence is a finding too.

Mechanism statements are findings only when a results or conclusions sentence reports them
without hedging: "CRPS may involve central sensitization" in a discussion is the authors'
hypothesis drawn from the literature, so it is ``cited``, as is any mechanism stated elsewhere.
"""

from __future__ import annotations

from kg.extract.model import DesignAssessment, EvidenceKind, SentenceRole

__all__ = ["CASE_DESIGNS", "FINDING_ROLES", "QUESTION_ROLES", "evidence_kind", "mechanism_kind"]

FINDING_ROLES: frozenset[SentenceRole] = frozenset({"results", "conclusions"})
"""Roles whose sentences report the study's own result."""
QUESTION_ROLES: frozenset[SentenceRole] = frozenset({"title", "objective", "methods"})
"""Roles whose sentences state what the study asks or does, not what it found."""
CASE_DESIGNS: frozenset[str] = frozenset({"case-report", "case-series"})
"""Designs whose case description (filed as methods) is their result."""


def evidence_kind(role: SentenceRole, design: DesignAssessment | None) -> EvidenceKind:
    """The kind of evidence an effect statement in a sentence of ``role`` gives."""
    if role in FINDING_ROLES:
        return "finding"
    if role == "methods" and design is not None and design.design in CASE_DESIGNS:
        return "finding"
    return "cited" if role == "background" else "studied-for"


def mechanism_kind(role: SentenceRole, hedged: bool) -> EvidenceKind:
    """The kind of evidence a mechanism statement gives: a finding only when results or
    conclusions report it plainly; otherwise the literature's (or the authors') view."""
    return "finding" if role in FINDING_ROLES and not hedged else "cited"
