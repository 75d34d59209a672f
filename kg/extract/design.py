"""Study design of an article and the evidence level it starts from, stored as data with a reason.

A claim from a case report and the same claim from a systematic review of randomised trials are
not worth the same, so every finding carries its article's design, an OCEBM 2011 level for the
question asked and the certainty its findings start from, with a sentence saying why
("case report → OCEBM level 4, starting certainty very low (publication type: Case Reports)")
that a curator can check and overrule.

Sources, most trusted first: PubMed publication types (assigned by indexers), catalogue object
types, MeSH headings that name the article's design, the journal (the Cochrane Database of
Systematic Reviews publishes reviews), a comment link (an article that comments on another),
then the study's own wording (``kg.extract.design_cues``), then broad publication types and MeSH
check tags. The first source that names a design wins.

A review's level follows what it included: a systematic review of randomised trials is OCEBM 1,
of observational studies 3, of case reports 4; when its abstract does not say, it is not 1. A
review whose own conclusion calls the evidence weak, low-quality or insufficient is lowered one
level, because its authors have told us so.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from kg.extract.design_cues import find_design_cue
from kg.extract.design_details import find_included_designs, find_subtype, states_weak_evidence
from kg.extract.design_table import (
    DESIGNS,
    GRADES,
    MESH_DESIGN_HEADINGS,
    OBJECT_TYPES,
    OTHER_QUESTIONS,
    PUBLICATION_TYPES,
    QUESTIONS,
    REVIEW_DESIGNS,
    WEAK_PUBLICATION_TYPES,
    DesignInfo,
)
from kg.extract.model import DesignAssessment
from kg.extract.sentences import SentenceMentions, record_sentences
from kg.records.model import AbstractSection, Record, SourceInfo

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
    "review_level",
]

_WEAK_MESH: tuple[tuple[str, str], ...] = (
    ("random allocation", "randomised-controlled-trial"),
    ("double-blind method", "randomised-controlled-trial"),
    ("cross-over studies", "randomised-controlled-trial"),
    ("prospective studies", "prospective-cohort"),
    ("retrospective studies", "retrospective-cohort"),
    ("cohort studies", "cohort"),
    ("follow-up studies", "cohort"),
)
"""MeSH headings that hint at a design but are also given to other designs (an RCT is
"Prospective Studies" too): used only when the text names no design."""

_OBSERVATIONAL = frozenset({"non-randomised-controlled", "cohort", "prospective-cohort",
                            "retrospective-cohort", "case-control", "cross-sectional",
                            "uncontrolled-before-after"})
_CASES = frozenset({"case-series", "case-report"})
_LEVELLED_REVIEWS = frozenset({"systematic-review", "overview-of-reviews"})
_PUBMED_FORMATS = frozenset({"pubmed-xml", "medline"})
"""Formats from PubMed, which keeps every abstract an article has: there a record without one is
nearly always an editorial, letter, comment or news item. Other formats often omit abstracts."""
_NO_ABSTRACT = "no abstract in PubMed (editorials, letters and news have none)"
_TEXT_SOURCE = SourceInfo("text", 0, None, "text", "0" * 64)
_REVIEW_JOURNAL = re.compile(r"\breviews?\b", re.IGNORECASE)
_COCHRANE = re.compile(r"\bcochrane database", re.IGNORECASE)


def fabio_class_for(design: str) -> str | None:
    """The FaBiO class IRI an article of this design gets, or None when none fits."""
    info = DESIGNS.get(design)
    return info.fabio if info else None


def review_level(included: Iterable[str]) -> tuple[int, str, str] | None:
    """(OCEBM level, starting certainty, why) of a review from its included designs, or None
    when the designs it included are not known."""
    found = set(included)
    rct = "randomised-controlled-trial" in found
    if rct and found == {"randomised-controlled-trial"}:
        return 1, "high", "a review of randomised trials"
    if rct:
        return 2, "moderate", "a review of randomised and non-randomised studies"
    if found & _OBSERVATIONAL:
        return 3, "low", "a review of observational studies"
    if found & _CASES:
        return 4, "very-low", "a review of case series and reports"
    if found:
        return 5, "very-low", "a review of non-human studies"
    return None


def assessment_for(design: str, basis: str, source: str, question: str = "treatment-benefit",
                   *, included: Sequence[str] = (), weak: str | None = None,
                   subtype: str | None = None) -> DesignAssessment:
    """The DesignAssessment of a design slug for a question type, with its reason written out.

    ``included`` (a review's included designs) sets a systematic review's level; ``weak`` (the
    words of its conclusion calling the evidence weak) lowers it one level.
    """
    info = DESIGNS.get(design, DESIGNS["other"])
    level = OTHER_QUESTIONS.get(question, {}).get(info.slug, info.ocebm_level)
    grade, notes = info.grade, [basis]
    if info.slug in _LEVELLED_REVIEWS:
        from_included = review_level(included)
        if from_included:
            level, grade, why = from_included
            notes.append(why)
        else:
            notes.append("included designs not stated, so not level 1")
    if weak and info.slug in REVIEW_DESIGNS:
        level = min(5, level + 1)
        notes.append(f"level lowered: its conclusion says {weak!r}")
    label = info.label + (f" ({subtype})" if subtype else "")
    reason = (f"{label} → OCEBM level {level}, starting certainty {grade.replace('-', ' ')} "
              f"({'; '.join(notes)})")
    return DesignAssessment(info.slug, level, grade, reason, question, source,
                            tuple(included) if info.slug in REVIEW_DESIGNS else (), subtype)


def assess_design(record: Record, text_hints: bool = True, question: str = "treatment-benefit",
                  sentences: Sequence[SentenceMentions] | None = None) -> DesignAssessment:
    """Classify a record's study design from the most trusted source that names one.

    ``sentences`` (from ``record_sentences``) may be passed by a caller that has them already.
    """
    sentences = record_sentences(record, ()) if sentences is None else sentences
    design, basis, source = _indexed_design(record)
    if design == "narrative-review" and text_hints:
        design, basis = _refine_review(sentences, basis)
    if design is None and text_hints:
        cue = find_design_cue(sentences)
        if cue:
            design, basis, source = cue.design, f"{cue.role} wording: {cue.text!r}", "text"
    if design is None:
        design, basis, source = _fallback_design(record)
    return _finish(design, basis, source, question, sentences if text_hints else ())


def _indexed_design(record: Record) -> tuple[str | None, str, str]:
    """The design indexers, catalogues, the journal or a comment link name, if any."""
    journal = record.journal.title or record.journal.iso_abbreviation or ""
    cochrane = bool(_COCHRANE.search(journal))
    found = design_from_publication_types(record.publication_types)
    if found and found[0] == "narrative-review" and cochrane:
        return "systematic-review", f"publication type: {found[1]}; journal: {journal}", (
            "publication-type")
    if found:
        return found[0], f"publication type: {found[1]}", "publication-type"
    found = design_from_object_types(record.object_types)
    if found:
        return found[0], f"catalogue type: {found[1]}", "catalogue"
    found = _match_types(_subject_terms(record), MESH_DESIGN_HEADINGS)
    if found:
        return found[0], f"MeSH heading: {found[1]}", "mesh-heading"
    if cochrane:
        return "systematic-review", f"journal: {journal}", "journal"
    if any(c.ref_type == "CommentOn" for c in record.comments_corrections):
        return "expert-opinion", "comments on another article", "comment-relation"
    return None, "", ""


def _fallback_design(record: Record) -> tuple[str, str, str]:
    """Broad publication types, hinting MeSH headings, the Animals check tag, else unknown."""
    for table, kind, source in ((WEAK_PUBLICATION_TYPES, "publication type", "publication-type"),
                                (_WEAK_MESH, "MeSH heading", "mesh-heading")):
        terms = record.publication_types if source == "publication-type" else (
            _subject_terms(record))
        found = _match_types(terms, table)
        if found:
            return found[0], f"{kind}: {found[1]}", source
    headings = {h.descriptor_name.lower() for h in record.mesh_headings}
    if "animals" in headings and "humans" not in headings:
        return "animal-study", "MeSH check tag: Animals", "mesh-heading"
    journal = record.journal.title or ""
    if _REVIEW_JOURNAL.search(journal):
        return "narrative-review", f"journal of reviews: {journal}", "journal"
    if record.source.format in _PUBMED_FORMATS and not record.abstract_text.strip():
        return "expert-opinion", _NO_ABSTRACT, "structure"
    return "other", "no publication type, heading or wording names a design", "text"


def _refine_review(sentences: Sequence[SentenceMentions], basis: str) -> tuple[str, str]:
    """Older systematic reviews are typed only "Review": the review's own wording says which."""
    cue = find_design_cue(sentences)
    if cue and cue.design in REVIEW_DESIGNS:
        return cue.design, f"{basis}; {cue.role} wording: {cue.text!r}"
    return "narrative-review", basis


def _finish(design: str, basis: str, source: str, question: str,
            sentences: Sequence[SentenceMentions]) -> DesignAssessment:
    """Add what the abstract says of a review's included designs and of its evidence."""
    if design in REVIEW_DESIGNS:
        return assessment_for(design, basis, source, question,
                              included=find_included_designs(sentences),
                              weak=states_weak_evidence(sentences))
    return assessment_for(design, basis, source, question,
                          subtype=find_subtype(sentences, design))


def design_from_publication_types(types: Iterable[str]) -> tuple[str, str] | None:
    """(design slug, matched type) from PubMed publication types, or None."""
    return _match_types(types, PUBLICATION_TYPES)


def design_from_object_types(types: Iterable[str]) -> tuple[str, str] | None:
    """(design slug, matched type) from catalogue lines such as ``ObjectType-Case Study-2``."""
    cleaned = [re.sub(r"^ObjectType-|-\d+$", "", t.strip()) for t in types]
    return _match_types(cleaned, OBJECT_TYPES)


def design_from_text(title: str, abstract: str) -> tuple[str, str] | None:
    """(design slug, cue text) from the wording of a title and an unlabelled abstract."""
    record = Record(source=_TEXT_SOURCE, title=title or None,
                    abstract=(AbstractSection(abstract),) if abstract else ())
    cue = find_design_cue(record_sentences(record, ()))
    return (cue.design, cue.text) if cue else None


def _subject_terms(record: Record) -> list[str]:
    """MeSH descriptor names and free subjects (a catalogue's publication-type subjects)."""
    return [h.descriptor_name for h in record.mesh_headings] + list(record.subjects)


def _match_types(types: Iterable[str],
                 table: Sequence[tuple[str, str]]) -> tuple[str, str] | None:
    """The first table entry (by table order) equal to one of ``types``, case-insensitively."""
    present = {t.strip().lower(): t.strip() for t in types if t and t.strip()}
    for name, slug in table:
        if name in present:
            return slug, present[name]
    return None
