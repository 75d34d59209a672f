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
    "DOWNGRADES",
    "EVIDENCE_KINDS",
    "RELATIONS",
    "ROLES",
    "SENTENCE_ROLES",
    "AgentKind",
    "Certainty",
    "Claim",
    "DesignAssessment",
    "Direction",
    "Evidence",
    "EvidenceKind",
    "Extraction",
    "Mention",
    "Relation",
    "Role",
    "SentenceRole",
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
    "studied_for",  # the study question: intervention studied for condition (no direction)
]
RELATIONS: tuple[Relation, ...] = (
    "treats", "prevents", "causes", "no_effect", "associated_with", "acts_through", "implicated_in",
    "studied_for",
)

Direction = Literal["supports", "refutes", "no_difference", "unstated"]
DIRECTIONS: tuple[Direction, ...] = ("supports", "refutes", "no_difference", "unstated")
"""``unstated`` is the direction of a ``studied_for`` claim: a question asks, it does not find."""

SentenceRole = Literal["title", "background", "objective", "methods", "results", "conclusions"]
SENTENCE_ROLES: tuple[SentenceRole, ...] = (
    "title", "background", "objective", "methods", "results", "conclusions",
)
"""The rhetorical role of a sentence: NLM's five structured-abstract categories, plus the title."""

EvidenceKind = Literal["finding", "studied-for", "cited"]
EVIDENCE_KINDS: tuple[EvidenceKind, ...] = ("finding", "studied-for", "cited")
"""What a piece of evidence is for the article it comes from.

* ``finding``: this study's own result (a results or conclusions sentence); only findings are
  graded with the study's design and counted in roll-ups, conflicts and paths;
* ``studied-for``: the study's question (title, objective, methods): no direction, no level;
* ``cited``: the literature's claim restated in a background sentence: not this study's design.
"""

DOWNGRADES: tuple[str, ...] = (
    "no-control-group", "no-blinding", "small-sample", "indirect-animal", "indirect-in-vitro",
    "surrogate-outcome", "short-follow-up", "indirect-healthy-volunteers", "weak-evidence-stated",
)
"""Reasons a finding's own abstract lowers its certainty one step (``Certainty.downgrades``):
risk of bias (no control group, no blinding), imprecision (small sample), indirectness (animals,
cells, a surrogate outcome) and a follow-up too short for the outcome. Each is a concept of the
``ekgr:downgrade`` scheme in ``ontology/controlled.ttl``; add a new one there too."""

AgentKind = Literal["text-mined", "indexer", "curator"]
AGENTS: tuple[AgentKind, ...] = ("text-mined", "indexer", "curator")


@dataclass(frozen=True, slots=True)
class Mention:
    """A concept found in (or assigned to) a record.

    ``section`` names the text the offsets count in: ``"title"``, an abstract section label, or
    ``"abstract"`` for an unlabelled abstract; offsets are character offsets into that text.
    Indexer-assigned mentions (MeSH headings) have no span: ``start``/``end`` are None.
    ``derived_from`` is set on mentions the vocabulary derives rather than the text states (a
    drug's MeSH pharmacological action): they are vocabulary knowledge, never article evidence.
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
    derived_from: str | None = None  # the drug concept a vocabulary-derived mention comes from


@dataclass(frozen=True, slots=True)
class DesignAssessment:
    """Study design with the evidence level it starts from, and why (stored as data)."""

    design: str  # slug from kg.extract.design.DESIGNS, e.g. "case-report"
    ocebm_level: int  # OCEBM 2011, 1 (best) .. 5
    grade: str  # starting certainty of its findings: high | moderate | low | very-low
    reason: str  # e.g. "case report → OCEBM level 4, starting certainty very low (…)"
    question: str = "treatment-benefit"
    source: str = "text"  # "publication-type" | "catalogue" | "mesh-heading" | "journal" | "text"
    included_designs: tuple[str, ...] = ()  # a review's included designs, as its abstract says
    subtype: str | None = None  # e.g. "crossover", "cluster", "parallel" for a randomised trial


@dataclass(frozen=True, slots=True)
class Certainty:
    """A finding's GRADE starting certainty (from its design) and what its abstract lowers it by.

    GRADE rates a body of evidence, not a sentence: this is the *starting* point of one finding
    with the downgrade signals its own abstract shows; the rolled-up certainty of a claim across
    all its findings is computed over the store (inconsistency, imprecision), never here.
    """

    starting: str  # high | moderate | low | very-low, from the design
    downgrades: tuple[str, ...] = ()  # e.g. "no-control-group", "small-sample", "indirect-animal"
    rating: str = ""  # starting lowered one step per downgrade (floor very-low)


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
    role: SentenceRole | None = None  # rhetorical role of the sentence (None: curator, indexer)
    kind: EvidenceKind = "finding"
    certainty: Certainty | None = None  # for findings; None for cited and studied-for evidence
    treatment_duration: str | None = None  # ISO 8601 duration of the intervention, not follow-up
    included_studies: int | None = None  # a review's count of included studies (n is people)


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
