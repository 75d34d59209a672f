"""Hand-built records and extractions for tests that must not depend on readers or recognisers."""

from __future__ import annotations

from kg.extract.model import Claim, DesignAssessment, Evidence, Extraction, Mention
from kg.records.model import (
    AbstractSection,
    Author,
    CommentCorrection,
    Identifiers,
    Journal,
    PartialDate,
    Record,
    SourceInfo,
)

MESH = "http://id.nlm.nih.gov/mesh/"
KETAMINE, CBT, CRPS = MESH + "D007649", MESH + "D015928", MESH + "D020918"
ABSTINENCE = "https://w3id.org/evidence-kg/id/concept/opioid-abstinence"
CASE_REPORT = DesignAssessment("case-report", 4, "very-low",
                               "case report → OCEBM level 4, GRADE very low")
RCT = DesignAssessment("randomised-controlled-trial", 2, "high",
                       "randomised controlled trial → OCEBM level 2, GRADE high")


def make_record(doi: str | None = "10.1000/example.1", *, path: str = "example.txt",
                index: int = 0, sha: str = "0" * 64, title: str = "Ketamine for a test case",
                year: int = 2020, retracted: bool = False, pmid: str | None = None) -> Record:
    cc = (CommentCorrection("RetractionIn", "Example. 2021", pmid="1"),) if retracted else ()
    return Record(
        source=SourceInfo(path=path, index=index, line=1, format="catalog", sha256=sha),
        ids=Identifiers(doi=doi, pmid=pmid),
        title=title,
        abstract=(AbstractSection("Ketamine was given for CRPS.", "Background"),
                  AbstractSection("The patient stopped opioids.", "Case")),
        authors=(Author(family="Doe", given="Jane A.", initials="JA"),
                 Author(family="Roe", given="Rick", initials="R"),
                 Author(collective="Example Study Group")),
        journal=Journal(title="Example Journal", volume="20", issue="1", pages="95-100",
                        page_start="95", page_end="100", issns=("1530-7085", "1533-2500")),
        published=PartialDate(year),
        languages=("eng",),
        country="United States",
        publication_types=("Journal Article", "Case Reports"),
        comments_corrections=cc,
    )


def make_extraction(design: DesignAssessment = CASE_REPORT) -> Extraction:
    mentions = (
        Mention(KETAMINE, "Ketamine", "intervention", "Background", 0, 8, "Ketamine",
                confidence=0.95),
        Mention(CRPS, "Complex Regional Pain Syndromes", "condition", "Background", 23, 27,
                "CRPS", confidence=0.9),
    )
    claim = Claim(
        subject=KETAMINE, relation="treats", object=ABSTINENCE, direction="supports",
        subject_label="ketamine + CBT", object_label="opioid abstinence",
        subject_parts=(KETAMINE, CBT),
        evidence=(Evidence("The patient stopped opioids.", "Case", 0, 28, design, n=1,
                           follow_up="P12M", confidence=0.8),),
    )
    return Extraction(mentions=mentions, claims=(claim,), design=design)
