"""Study design of an article and the evidence level it starts from, stored as data with a reason.

A claim from a case report and the same claim from a systematic review of randomised trials are
not worth the same, so every piece of evidence carries its article's design, an OCEBM 2011 level
for the question asked and a GRADE starting certainty, plus a sentence saying why
("case report → OCEBM level 4, GRADE very low (publication type: Case Reports)") that a curator
can check and overrule.

Sources, most trusted first: PubMed publication types (assigned by indexers), then catalogue
object types ("ObjectType-Case Study-2"), then cue phrases in the title and the abstract, then
MeSH check tags ("Animals" without "Humans"). The first source that names a design wins.

OCEBM 2011 (Oxford Centre for Evidence-Based Medicine, "Levels of Evidence" 2011) ranks designs
per question type; for treatment benefit: 1 systematic review of randomised trials, 2 randomised
trial, 3 non-randomised controlled cohort, 4 case series, case-control or historically
controlled studies, 5 mechanism-based reasoning. It has no row for a single case report; this
module ranks it with case series (level 4), as is usual. Designs without patients (animal and
in-vitro studies, narrative reviews, opinion) are mechanism-based reasoning, level 5.
GRADE starts randomised evidence at high certainty and observational evidence at low; case
reports and series, opinion and non-human studies start at very low.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from kg.extract.model import DesignAssessment
from kg.records.model import Record

__all__ = [
    "DESIGNS",
    "GRADES",
    "QUESTIONS",
    "DesignInfo",
    "assess_design",
    "assessment_for",
    "design_from_object_types",
    "design_from_publication_types",
    "design_from_text",
    "fabio_class_for",
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
    grade: str  # GRADE starting certainty
    fabio: str | None = None  # FaBiO class IRI of an article reporting this design


def _d(slug: str, label: str, level: int, grade: str, fabio: str | None) -> DesignInfo:
    return DesignInfo(slug, label, level, grade, _FABIO + fabio if fabio else None)


DESIGNS: dict[str, DesignInfo] = {d.slug: d for d in (
    _d("systematic-review", "systematic review or meta-analysis", 1, "high", "SystematicReview"),
    _d("randomised-controlled-trial", "randomised controlled trial", 2, "high",
       "ClinicalTrialReport"),
    _d("cohort", "cohort study", 3, "low", "ResearchPaper"),
    _d("case-control", "case-control study", 4, "low", "ResearchPaper"),
    _d("cross-sectional", "cross-sectional study", 4, "low", "ResearchPaper"),
    _d("case-series", "case series", 4, "very-low", "ClinicalCaseReport"),
    _d("case-report", "case report", 4, "very-low", "ClinicalCaseReport"),
    _d("narrative-review", "narrative review", 5, "very-low", "ReviewArticle"),
    _d("guideline", "practice guideline", 5, "low", "ClinicalGuideline"),
    _d("animal-study", "animal study", 5, "very-low", "ResearchPaper"),
    _d("in-vitro-study", "in-vitro study", 5, "very-low", "ResearchPaper"),
    _d("expert-opinion", "expert opinion", 5, "very-low", "Opinion"),
    _d("other", "other or unknown design", 5, "very-low", None),
)}
"""The controlled list of designs (slug → label, OCEBM level for treatment benefit, GRADE, FaBiO).

A guideline is not a study: as an article it carries consensus, and its certainty comes from the
evidence it cites, so it gets level 5 and GRADE low until a curator grades it.
"""

_OTHER_QUESTIONS: dict[str, dict[str, int]] = {
    # OCEBM 2011 rows for other questions, where they differ from treatment benefit.
    "treatment-harm": {"case-control": 4, "cohort": 3},
    "prognosis": {"cohort": 2, "randomised-controlled-trial": 3, "case-control": 4},
    "diagnosis": {"cross-sectional": 2, "cohort": 2, "case-control": 4,
                  "randomised-controlled-trial": 2},
}

_PUBLICATION_TYPES: tuple[tuple[str, str], ...] = (
    ("meta-analysis", "systematic-review"),
    ("systematic review", "systematic-review"),
    ("randomized controlled trial", "randomised-controlled-trial"),
    ("equivalence trial", "randomised-controlled-trial"),
    ("pragmatic clinical trial", "randomised-controlled-trial"),
    ("practice guideline", "guideline"),
    ("guideline", "guideline"),
    ("consensus development conference", "guideline"),
    ("case reports", "case-report"),
    ("twin study", "cohort"),
    ("review", "narrative-review"),
    ("editorial", "expert-opinion"),
    ("comment", "expert-opinion"),
)
"""PubMed publication types that name a design, in order of precedence (lower-cased)."""

_WEAK_PUBLICATION_TYPES: tuple[tuple[str, str], ...] = (
    ("observational study", "cohort"),
    ("multicenter study", "cohort"),
    ("controlled clinical trial", "cohort"),
    ("clinical trial", "cohort"),
)
"""Publication types too broad to beat the text: used only when no text cue names a design."""

_OBJECT_TYPES: tuple[tuple[str, str], ...] = (
    ("case study", "case-report"),
    ("case report", "case-report"),
    ("systematic review", "systematic-review"),
    ("meta-analysis", "systematic-review"),
    ("randomized controlled trial", "randomised-controlled-trial"),
    ("review", "narrative-review"),
    ("editorial", "expert-opinion"),
    ("guideline", "guideline"),
)

_TEXT_CUES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (slug, re.compile(pattern, re.IGNORECASE)) for slug, pattern in (
        ("systematic-review",
         r"\bsystematic(ally)? review|\bmeta[- ]?analys[ie]s|\bpooled analysis"),
        ("randomised-controlled-trial",
         r"\brandomi[sz]ed[, ]+(?:\w+[- ]){0,4}(?:trial|study)|\brandomly (?:assigned|allocated)"
         r"|\bdouble[- ]blind(?:ed)?,? (?:randomi[sz]ed|placebo)"),
        ("case-control", r"\bcase[- ]control"),
        ("cohort", r"\bcohort\b|\b(?:retrospective|prospective)(?:ly)? (?:stud|review|analys)"
         r"|\bchart review|\bregistry"),
        ("cross-sectional", r"\bcross[- ]sectional|\bsurvey of\b|\bprevalence study"),
        ("case-series", r"\bcase series\b|\bwe (?:report|describe|present) (?:\d+|two|three|four|"
         r"five|six|seven|eight|nine|ten|several) (?:cases|patients)"),
        ("case-report", r"\bcase report\b|\bwe (?:present|report|describe) (?:a|an|the|one) "
         r"(?:\w+[- ]){0,3}(?:case|patient)|\ba case of\b|\ba \d+[- ](?:year|month)[- ]old\b"),
        ("guideline", r"\bguidelines?\b.*\b(?:recommend|panel)|\bconsensus statement"),
        ("in-vitro-study", r"\bin vitro\b|\bcell lines?\b|\bcultured (?:\w+ )?cells"),
        ("animal-study", r"\b(?:in|of|to|with) (?:\w+ )?(?:rats|mice|dogs|rabbits|pigs|monkeys|"
         r"guinea pigs|cats|sheep|zebrafish)\b|\b(?:rats|mice) (?:were|received|treated)"),
        ("narrative-review", r"\b(?:this|we) review\b|\breview (?:of|on) the (?:current )?"
         r"(?:literature|evidence)\b|\bwe summari[sz]e\b|\boverview of\b"),
    ))
"""Text cues in order of precedence: the first design whose cue appears wins (title first)."""

_HUMAN_CUE = re.compile(r"\b(?:patients?|volunteers|participants|women|men|children|adults)\b",
                        re.IGNORECASE)


def fabio_class_for(design: str) -> str | None:
    """The FaBiO class IRI an article of this design gets, or None when none fits."""
    info = DESIGNS.get(design)
    return info.fabio if info else None


def assessment_for(design: str, basis: str, source: str,
                   question: str = "treatment-benefit") -> DesignAssessment:
    """The DesignAssessment of a design slug for a question type, with its reason written out."""
    info = DESIGNS.get(design, DESIGNS["other"])
    level = _OTHER_QUESTIONS.get(question, {}).get(info.slug, info.ocebm_level)
    reason = (f"{info.label} → OCEBM level {level}, GRADE {info.grade.replace('-', ' ')} "
              f"({basis})")
    return DesignAssessment(info.slug, level, info.grade, reason, question, source)


def assess_design(record: Record, text_hints: bool = True,
                  question: str = "treatment-benefit") -> DesignAssessment:
    """Classify a record's study design: publication types, then catalogue, then text cues."""
    found = design_from_publication_types(record.publication_types)
    if found:
        return _refine_review(record, found, "publication type", "publication-type", question)
    found = design_from_object_types(record.object_types)
    if found:
        return _refine_review(record, found, "catalogue type", "catalogue", question)
    if text_hints:
        found = design_from_text(record.title or "", record.abstract_text)
        if found:
            return assessment_for(found[0], f"text cue: {found[1]!r}", "text", question)
    weak = _match_types(record.publication_types, _WEAK_PUBLICATION_TYPES)
    if weak:
        return assessment_for(weak[0], f"publication type: {weak[1]}", "publication-type",
                              question)
    return _from_check_tags(record, question)


def _refine_review(record: Record, found: tuple[str, str], kind: str, source: str,
                   question: str) -> DesignAssessment:
    """Older systematic reviews are typed only "Review": let a systematic-review cue lift them."""
    if found[0] == "narrative-review":
        cue = design_from_text(record.title or "", record.abstract_text)
        if cue and cue[0] == "systematic-review":
            return assessment_for(cue[0], f"{kind}: {found[1]}; text cue: {cue[1]!r}", source,
                                  question)
    return assessment_for(found[0], f"{kind}: {found[1]}", source, question)


def design_from_publication_types(types: Iterable[str]) -> tuple[str, str] | None:
    """(design slug, matched type) from PubMed publication types, or None."""
    return _match_types(types, _PUBLICATION_TYPES)


def design_from_object_types(types: Iterable[str]) -> tuple[str, str] | None:
    """(design slug, matched type) from catalogue lines such as ``ObjectType-Case Study-2``."""
    cleaned = [re.sub(r"^ObjectType-|-\d+$", "", t.strip()) for t in types]
    return _match_types(cleaned, _OBJECT_TYPES)


def design_from_text(title: str, abstract: str) -> tuple[str, str] | None:
    """(design slug, cue text) from cue phrases, looking at the title before the abstract."""
    for text in (title, abstract):
        for slug, pattern in _TEXT_CUES:
            match = pattern.search(text)
            if match and not (slug == "animal-study" and _has_human_subjects(text, title)):
                return slug, match.group(0)
    return None


def _has_human_subjects(text: str, title: str) -> bool:
    """An animal cue in a study of patients is background, unless the title names the animal."""
    return bool(_HUMAN_CUE.search(text)) and not re.search(
        r"\b(?:rats?|mice|mouse|dogs?|rabbits?)\b", title, re.IGNORECASE)


def _match_types(types: Iterable[str],
                 table: tuple[tuple[str, str], ...]) -> tuple[str, str] | None:
    """The first table entry (by table order) equal to one of ``types``, case-insensitively."""
    present = {t.strip().lower(): t.strip() for t in types if t and t.strip()}
    for name, slug in table:
        if name in present:
            return slug, present[name]
    return None


def _from_check_tags(record: Record, question: str) -> DesignAssessment:
    """Last resort: MeSH check tags say animals-only; otherwise the design is unknown."""
    headings = {h.descriptor_name.lower() for h in record.mesh_headings}
    if "animals" in headings and "humans" not in headings:
        return assessment_for("animal-study", "MeSH check tag: Animals", "publication-type",
                              question)
    return assessment_for("other", "no publication type or text cue names a design", "text",
                          question)
