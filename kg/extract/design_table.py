"""The controlled list of study designs and the indexing terms that name them.

One table says, for each design, its label, its OCEBM 2011 level for a treatment-benefit question,
the certainty a finding of that design starts from and the FaBiO class of an article reporting
it; ``ontology/controlled.ttl`` holds the same list as SKOS (a test keeps the two equal).

OCEBM 2011 ("Levels of Evidence", Oxford Centre for Evidence-Based Medicine) ranks, for treatment
benefit: 1 systematic review of randomised trials, 2 randomised trial, 3 non-randomised
controlled cohort, 4 case series, case-control or historically controlled studies, 5
mechanism-based reasoning. It has no row for a single case report; it is ranked with case
series (level 4), as is usual. Designs without patients or without new data (animal and
in-vitro studies, narrative and scoping reviews, opinion, protocols) are level 5.
A review's own level follows the designs it includes (``kg.extract.design``), so the table's
level for a review is the one used when the abstract does not say what it included.

Starting certainty follows GRADE's convention: randomised evidence starts high, observational
evidence low; case reports and series, opinion and non-human studies start very low.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "DESIGNS",
    "GRADES",
    "MESH_DESIGN_HEADINGS",
    "OBJECT_TYPES",
    "OTHER_QUESTIONS",
    "PRIMARY_DESIGNS",
    "PUBLICATION_TYPES",
    "QUESTIONS",
    "REVIEW_DESIGNS",
    "WEAK_PUBLICATION_TYPES",
    "DesignInfo",
]

_FABIO = "http://purl.org/spar/fabio/"

GRADES: tuple[str, ...] = ("high", "moderate", "low", "very-low")
QUESTIONS: tuple[str, ...] = ("treatment-benefit", "treatment-harm", "prognosis", "diagnosis")


@dataclass(frozen=True, slots=True)
class DesignInfo:
    """One entry of the controlled design list."""

    slug: str
    label: str
    ocebm_level: int  # OCEBM 2011, treatment-benefit question
    grade: str  # certainty a finding of this design starts from (GRADE convention)
    fabio: str | None = None  # FaBiO class IRI of an article reporting this design


def _d(slug: str, label: str, level: int, grade: str, fabio: str | None) -> DesignInfo:
    return DesignInfo(slug, label, level, grade, _FABIO + fabio if fabio else None)


DESIGNS: dict[str, DesignInfo] = {d.slug: d for d in (
    _d("systematic-review", "systematic review or meta-analysis", 3, "low", "SystematicReview"),
    _d("overview-of-reviews", "overview of reviews (umbrella review)", 3, "low",
       "SystematicReview"),
    _d("scoping-review", "scoping review", 5, "very-low", "ReviewArticle"),
    _d("narrative-review", "narrative review", 5, "very-low", "ReviewArticle"),
    _d("guideline", "practice guideline or consensus statement", 5, "low",
       "ClinicalGuideline"),
    _d("randomised-controlled-trial", "randomised controlled trial", 2, "high",
       "ClinicalTrialReport"),
    _d("non-randomised-controlled", "non-randomised controlled study", 3, "low",
       "ClinicalTrialReport"),
    _d("cohort", "cohort study", 3, "low", "ResearchPaper"),
    _d("prospective-cohort", "prospective cohort study", 3, "low", "ResearchPaper"),
    _d("retrospective-cohort", "retrospective cohort study", 3, "low", "ResearchPaper"),
    _d("case-control", "case-control study", 4, "low", "ResearchPaper"),
    _d("cross-sectional", "cross-sectional study or survey", 4, "low", "ResearchPaper"),
    _d("uncontrolled-before-after", "uncontrolled series or before-after study", 4, "low",
       "ResearchPaper"),
    _d("case-series", "case series", 4, "very-low", "ClinicalCaseReport"),
    _d("case-report", "case report", 4, "very-low", "ClinicalCaseReport"),
    _d("qualitative", "qualitative study", 5, "very-low", "ResearchPaper"),
    _d("animal-study", "animal study", 5, "very-low", "ResearchPaper"),
    _d("in-vitro-study", "in-vitro study", 5, "very-low", "ResearchPaper"),
    _d("study-protocol", "study protocol", 5, "very-low", "ClinicalTrialDesign"),
    _d("expert-opinion", "editorial, comment, letter or news", 5, "very-low", "Opinion"),
    _d("other", "other or unknown design", 5, "very-low", None),
)}
"""The controlled list of designs (slug → label, OCEBM level, starting certainty, FaBiO).

A guideline is not a study: as an article it carries consensus, and its certainty comes from the
evidence it cites, so it gets level 5 and starts low until a curator grades it. An uncontrolled
series starts low as observational evidence and loses a step for having no control group.
"""

REVIEW_DESIGNS: frozenset[str] = frozenset({
    "systematic-review", "overview-of-reviews", "scoping-review", "narrative-review"})
PRIMARY_DESIGNS: tuple[str, ...] = (
    "randomised-controlled-trial", "non-randomised-controlled", "prospective-cohort",
    "retrospective-cohort", "cohort", "case-control", "cross-sectional",
    "uncontrolled-before-after", "case-series", "case-report", "qualitative", "animal-study",
    "in-vitro-study")
"""Designs of studies a review can include (what its level follows)."""

OTHER_QUESTIONS: dict[str, dict[str, int]] = {
    # OCEBM 2011 rows for other questions, where they differ from treatment benefit.
    "treatment-harm": {"case-control": 4, "cohort": 3},
    "prognosis": {"cohort": 2, "prospective-cohort": 2, "randomised-controlled-trial": 3,
                  "case-control": 4},
    "diagnosis": {"cross-sectional": 2, "cohort": 2, "prospective-cohort": 2, "case-control": 4,
                  "randomised-controlled-trial": 2},
}

PUBLICATION_TYPES: tuple[tuple[str, str], ...] = (
    ("clinical trial protocol", "study-protocol"),
    ("clinical study protocol", "study-protocol"),
    ("scoping review", "scoping-review"),
    ("network meta-analysis", "systematic-review"),
    ("meta-analysis", "systematic-review"),
    ("systematic review", "systematic-review"),
    ("randomized controlled trial, veterinary", "animal-study"),
    ("observational study, veterinary", "animal-study"),
    ("randomized controlled trial", "randomised-controlled-trial"),
    ("equivalence trial", "randomised-controlled-trial"),
    ("pragmatic clinical trial", "randomised-controlled-trial"),
    ("practice guideline", "guideline"),
    ("guideline", "guideline"),
    ("consensus development conference", "guideline"),
    ("consensus development conference, nih", "guideline"),
    ("case reports", "case-report"),
    ("twin study", "cohort"),
    ("review", "narrative-review"),
    ("editorial", "expert-opinion"),
    ("comment", "expert-opinion"),
    ("letter", "expert-opinion"),
    ("news", "expert-opinion"),
    ("newspaper article", "expert-opinion"),
)
"""PubMed publication types that name a design, in order of precedence (lower-cased)."""

WEAK_PUBLICATION_TYPES: tuple[tuple[str, str], ...] = (
    ("controlled clinical trial", "non-randomised-controlled"),
    ("observational study", "cohort"),
    ("multicenter study", "cohort"),
    ("clinical trial", "uncontrolled-before-after"),
)
"""Publication types too broad to beat the text: used only when no text cue names a design."""

MESH_DESIGN_HEADINGS: tuple[tuple[str, str], ...] = (
    ("systematic review", "systematic-review"),
    ("meta-analysis", "systematic-review"),
    ("randomized controlled trial", "randomised-controlled-trial"),
    ("practice guideline", "guideline"),
    ("consensus development conference", "guideline"),
    ("case reports", "case-report"),
    ("controlled before-after studies", "non-randomised-controlled"),
    ("historically controlled study", "non-randomised-controlled"),
    ("case-control studies", "case-control"),
    ("cross-sectional studies", "cross-sectional"),
    ("qualitative research", "qualitative"),
)
"""MeSH headings (publication types given as subjects, and study-characteristics headings)
that name the indexed article's own design, in order of precedence (lower-cased)."""

OBJECT_TYPES: tuple[tuple[str, str], ...] = (
    ("case study", "case-report"),
    ("case report", "case-report"),
    ("systematic review", "systematic-review"),
    ("meta-analysis", "systematic-review"),
    ("randomized controlled trial", "randomised-controlled-trial"),
    ("review", "narrative-review"),
    ("editorial", "expert-opinion"),
    ("commentary", "expert-opinion"),
    ("letter", "expert-opinion"),
    ("guideline", "guideline"),
)
"""Library-catalogue object types ("ObjectType-Case Study-2") that name a design."""
