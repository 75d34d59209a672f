"""What extraction produces from a record: mentions, claims and their evidence.

Plain frozen dataclasses without RDF, like the record model, so each extraction stage is a pure
function that a worker process can run and a test can check without a store.
Concepts are named by their IRI string (``http://id.nlm.nih.gov/mesh/D007649`` or a project IRI
for curated concepts MeSH lacks); the RDF mapping turns them into nodes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = [
    "AGENTS",
    "DIRECTIONS",
    "RELATIONS",
    "ROLES",
    "AgentKind",
    "Claim",
    "DesignAssessment",
    "Direction",
    "Evidence",
    "Extraction",
    "Mention",
    "Relation",
    "Role",
]

Role = Literal["intervention", "condition", "mechanism", "outcome", "other"]
ROLES: tuple[Role, ...] = ("intervention", "condition", "mechanism", "outcome", "other")

Relation = Literal[
    "treats",  # treats / improves
    "prevents",
    "causes",  # causes or induces (adverse)
    "no_effect",
    "associated_with",
    "acts_through",  # intervention acts through mechanism
    "implicated_in",  # mechanism implicated in condition
]
RELATIONS: tuple[Relation, ...] = (
    "treats", "prevents", "causes", "no_effect", "associated_with", "acts_through", "implicated_in",
)

Direction = Literal["supports", "refutes", "no_difference"]
DIRECTIONS: tuple[Direction, ...] = ("supports", "refutes", "no_difference")

AgentKind = Literal["text-mined", "indexer", "curator"]
AGENTS: tuple[AgentKind, ...] = ("text-mined", "indexer", "curator")


@dataclass(frozen=True, slots=True)
class Mention:
    """A concept found in (or assigned to) a record.

    ``section`` names the text the offsets count in: ``"title"``, an abstract section label, or
    ``"abstract"`` for an unlabelled abstract; offsets are character offsets into that text.
    Indexer-assigned mentions (MeSH headings) have no span: ``start``/``end`` are None.
    """

    concept: str  # concept IRI
    label: str  # preferred label of the concept
    role: Role
    section: str | None = None
    start: int | None = None
    end: int | None = None
    text: str | None = None  # exact surface text as printed
    negated: bool = False
    hedged: bool = False
    confidence: float = 1.0
    agent: AgentKind = "text-mined"
    recogniser: str = "ekg-dictionary"
    recogniser_version: str = "1"
    major_topic: bool = False


@dataclass(frozen=True, slots=True)
class DesignAssessment:
    """Study design with the evidence level it starts from, and why (stored as data)."""

    design: str  # slug from kg.extract.design.DESIGNS, e.g. "case-report"
    ocebm_level: int  # OCEBM 2011, 1 (best) .. 5
    grade: str  # GRADE starting certainty: high | moderate | low | very-low
    reason: str  # e.g. "case report → OCEBM level 4, GRADE very low"
    question: str = "treatment-benefit"
    source: str = "text"  # "publication-type" | "text" | "catalogue"


@dataclass(frozen=True, slots=True)
class Evidence:
    """One piece of evidence for a claim: where it was said, by what design, how sure."""

    sentence: str
    section: str | None
    start: int | None
    end: int | None
    design: DesignAssessment
    agent: AgentKind = "text-mined"
    confidence: float = 0.5
    negated: bool = False
    hedged: bool = False
    population: str | None = None
    n: int | None = None
    follow_up: str | None = None  # ISO 8601 duration, e.g. "P12M"
    dose: str | None = None
    curator: str | None = None  # required when agent == "curator"
    extractor: str = "ekg-claims"
    extractor_version: str = "1"


@dataclass(frozen=True, slots=True)
class Claim:
    """A content-identified assertion: its identity is (subject, relation, object, direction).

    ``subject_parts`` lists the component concepts of a combined intervention (ketamine + CBT);
    the subject IRI of a combination is then minted from the sorted parts.
    """

    subject: str
    relation: Relation
    object: str
    direction: Direction
    evidence: tuple[Evidence, ...]
    subject_label: str = ""
    object_label: str = ""
    subject_parts: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything extraction found in one record."""

    mentions: tuple[Mention, ...] = ()
    claims: tuple[Claim, ...] = ()
    design: DesignAssessment | None = None
