"""Small hand-made evidence graphs for the analysis tests, mapped with the real mapping.

``ketamine_world()`` mirrors the example set in miniature: a case report on ketamine for a rapid
opioid taper in CRPS, two ketamine-for-CRPS trials, reviews on NMDA receptors in opioid
withdrawal and on central sensitization, a CBT trial in back pain, and unrelated articles.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kg.extract.model import Claim, DesignAssessment, Evidence, Extraction, Mention
from kg.pipeline import graph_writes
from kg.rdf.mapping import BuildContext, map_record
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
from kg.store.oxigraph import OxigraphStore

MESH = "http://id.nlm.nih.gov/mesh/"
KETAMINE, CBT, MINDFULNESS, ASPIRIN = (MESH + u for u in ("D007649", "D015928", "D064866",
                                                          "D001241"))
NMDA_RECEPTOR, NMDA_ANTAGONISTS = MESH + "D016194", MESH + "D018691"
SENSITIZATION = MESH + "D066190"
CRPS, WITHDRAWAL, BACK_PAIN, HEADACHE = (MESH + u for u in ("D020918", "D013375", "D017116",
                                                            "D006261"))
LABELS = {
    KETAMINE: "Ketamine", CBT: "Cognitive Behavioral Therapy", MINDFULNESS: "Mindfulness",
    ASPIRIN: "Aspirin", NMDA_RECEPTOR: "Receptors, N-Methyl-D-Aspartate",
    NMDA_ANTAGONISTS: "Excitatory Amino Acid Antagonists",
    SENSITIZATION: "Central Nervous System Sensitization",
    CRPS: "Complex Regional Pain Syndromes", WITHDRAWAL: "Substance Withdrawal Syndrome",
    BACK_PAIN: "Low Back Pain", HEADACHE: "Headache",
}
CTX = BuildContext("0.1.0", "test", "2026-01-01T00:00:00+00:00")
DESIGNS = {
    "rct": DesignAssessment("randomised-controlled-trial", 2, "high", "RCT → level 2"),
    "case": DesignAssessment("case-report", 4, "very-low", "case report → level 4"),
    "review": DesignAssessment("narrative-review", 5, "very-low", "narrative review → level 5"),
    "animal": DesignAssessment("animal-study", 5, "very-low", "animal study → level 5"),
}


@dataclass
class Spec:
    """One article: who wrote it, which concepts it mentions, which claims it makes."""

    doi: str
    year: int
    design: str = "rct"
    mentions: tuple[tuple[str, str], ...] = ()  # (concept, role)
    claims: tuple[tuple[str, str, str, str], ...] = ()  # (subject, relation, object, direction)
    authors: tuple[tuple[str, str], ...] = (("Author", "A"),)
    title: str = ""
    retracted: bool = False
    cites: tuple[str, ...] = ()
    label: dict[str, str] = field(default_factory=dict)


def _record(spec: Spec, index: int) -> Record:
    cc = (CommentCorrection("RetractionIn", "Notice", pmid="1"),) if spec.retracted else ()
    return Record(
        source=SourceInfo(f"{spec.doi.rsplit('/', 1)[-1]}.txt", index, 1, "catalog",
                          f"{index:064x}"),
        ids=Identifiers(doi=spec.doi), title=spec.title or f"Article {spec.doi}",
        abstract=(AbstractSection("Text of the article.", "Background"),),
        authors=tuple(Author(family=f, given=g, initials=g.replace(".", "").replace(" ", ""))
                      for f, g in spec.authors),
        journal=Journal(title="Journal of Tests"), published=PartialDate(spec.year),
        languages=("eng",), publication_types=("Journal Article",), comments_corrections=cc,
        references=tuple(Identifiers(doi=d) for d in spec.cites))


def _extraction(spec: Spec) -> Extraction:
    design = DESIGNS[spec.design]
    labels = {**LABELS, **spec.label}
    mentions = tuple(
        Mention(c, labels.get(c, c.rsplit("/", 1)[-1]), role, "Background",  # type: ignore[arg-type]
                k * 10, k * 10 + 5, "xxxxx") for k, (c, role) in enumerate(spec.mentions))
    claims = tuple(
        Claim(s, rel, o, direction,  # type: ignore[arg-type]
              (Evidence("Text of the article.", "Background", 0, 20, design),),
              labels.get(s, ""), labels.get(o, ""))
        for s, rel, o, direction in spec.claims)
    return Extraction(mentions, claims, design)


def build_store(specs: list[Spec], path: Path | None = None) -> OxigraphStore:
    """A store (in memory unless ``path``) holding the mapped articles and the shared graph."""
    store = OxigraphStore(path)
    store.put_graphs(graph_writes(map_record(_record(spec, i), _extraction(spec), CTX)
                                  for i, spec in enumerate(specs)))
    return store


SEED = "10.1111/papr.12829"
SIGTERMANS, SCHWARTZMAN = "10.1016/j.pain.2009.06.023", "10.1016/j.pain.2009.08.015"
TRUJILLO, WOOLF = "10.1080/10298420290023954", "10.1016/j.pain.2010.09.030"
CHERKIN, ASPIRIN_TRIAL, HEADACHE_COHORT = ("10.1001/jama.2016.2323", "10.9999/aspirin.1",
                                           "10.9999/headache.2")


def ketamine_specs() -> list[Spec]:
    i, c, m = "intervention", "condition", "mechanism"
    return [
        Spec(SEED, 2020, "case", ((KETAMINE, i), (CRPS, c), (CBT, i), (NMDA_RECEPTOR, m),
                                  (WITHDRAWAL, c), (KETAMINE, i)),
             ((KETAMINE, "acts_through", NMDA_RECEPTOR, "supports"),
              (NMDA_RECEPTOR, "implicated_in", WITHDRAWAL, "supports")),
             (("Ocker", "A. C."), ("Viscusi", "E. R.")), "Ketamine and CBT for opioid tapering"),
        Spec(SIGTERMANS, 2009, "rct", ((KETAMINE, i), (CRPS, c)),
             ((KETAMINE, "treats", CRPS, "supports"),),
             (("Sigtermans", "M. J."), ("Dahan", "A.")), "Ketamine produces pain relief in CRPS"),
        Spec(SCHWARTZMAN, 2009, "rct", ((KETAMINE, i), (CRPS, c), (NMDA_RECEPTOR, m)),
             ((KETAMINE, "treats", CRPS, "supports"),
              (KETAMINE, "acts_through", NMDA_RECEPTOR, "supports")),
             (("Schwartzman", "R. J."), ("Viscusi", "E. R.")), "Outpatient ketamine for CRPS"),
        Spec(TRUJILLO, 2002, "review", ((NMDA_RECEPTOR, m), (NMDA_ANTAGONISTS, i),
                                        (WITHDRAWAL, c)),
             ((NMDA_RECEPTOR, "implicated_in", WITHDRAWAL, "supports"),
              (NMDA_ANTAGONISTS, "acts_through", NMDA_RECEPTOR, "supports")),
             (("Trujillo", "K. A."),), "NMDA receptors in opioid dependence"),
        Spec(WOOLF, 2011, "review", ((SENSITIZATION, m), (NMDA_RECEPTOR, m), (CRPS, c)),
             ((NMDA_RECEPTOR, "implicated_in", SENSITIZATION, "supports"),
              (SENSITIZATION, "implicated_in", CRPS, "supports")),
             (("Woolf", "C. J."),), "Central sensitization"),
        Spec(CHERKIN, 2016, "rct", ((CBT, i), (MINDFULNESS, i), (BACK_PAIN, c)),
             ((CBT, "treats", BACK_PAIN, "supports"),),
             (("Cherkin", "D. C."),), "CBT and mindfulness for low back pain"),
        Spec(ASPIRIN_TRIAL, 2015, "rct", ((ASPIRIN, i), (HEADACHE, c)),
             ((ASPIRIN, "treats", HEADACHE, "supports"),), (("Other", "O."),), "Aspirin trial"),
        Spec(HEADACHE_COHORT, 2017, "rct", ((ASPIRIN, i), (HEADACHE, c), (BACK_PAIN, c)), (),
             (("Else", "E."),), "Headache and back pain cohort"),
    ]


def ketamine_world(path: Path | None = None) -> OxigraphStore:
    return build_store(ketamine_specs(), path)


def article(doi: str) -> str:
    return f"https://doi.org/{doi}"
