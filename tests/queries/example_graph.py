"""A small hand-made evidence graph on which every catalogue query has something to find.

Five real articles (bibliographic facts as published, abstracts reduced to a sentence of our own)
and two fictional test records under the ``10.5555`` example DOI prefix: one retracted, one with
a null result, so the roll-up, retraction and conflict queries have rows. Records and extractions
are built by hand (no reader, no recogniser) and mapped with the real mapping, so the graph has
the production shape.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import URIRef
from rdflib.namespace import SKOS

from kg.extract.model import Claim, DesignAssessment, Evidence, Extraction, Mention
from kg.pipeline import graph_writes
from kg.rdf.mapping import BuildContext, MappedRecord, map_record
from kg.records.model import (
    AbstractSection,
    Author,
    Identifiers,
    Journal,
    PartialDate,
    Record,
    SourceInfo,
)
from kg.store.base import GraphWrite
from kg.store.oxigraph import OxigraphStore

__all__ = [
    "ABSTINENCE",
    "CATECHOL",
    "CBT",
    "CENTRAL_SENS",
    "CRPS",
    "FUNCTION",
    "KETAMINE",
    "NEG",
    "NMDA_ANTAG",
    "NMDA_RECEPTORS",
    "OPIOID_WITHDRAWAL",
    "RETRACTED",
    "SCHWARTZMAN",
    "SEED",
    "SIGTERMANS",
    "TRUJILLO",
    "WITHDRAWAL",
    "WOOLF",
    "build_example_store",
    "example_mapped",
]

CTX = BuildContext("0.1.0-test", "test-fingerprint", "2026-01-02T03:04:05+00:00")
_MESH = "http://id.nlm.nih.gov/mesh/"
_OWN = "https://w3id.org/evidence-kg/id/concept/"
KETAMINE, CBT, CRPS = _MESH + "D007649", _MESH + "D015928", _MESH + "D020918"
CENTRAL_SENS, WITHDRAWAL = _MESH + "D059333", _MESH + "D013375"
OPIOID_DISORDERS, NMDA_RECEPTORS = _MESH + "D009293", _MESH + "D016194"
NMDA_ANTAG, CATECHOL = _OWN + "nmda-receptor-antagonism", _OWN + "catecholamine-hypersensitivity"
ABSTINENCE, FUNCTION = _OWN + "opioid-abstinence", _OWN + "function"
OPIOID_WITHDRAWAL = _OWN + "opioid-withdrawal"
VOCAB_GRAPH = "https://w3id.org/evidence-kg/id/graph/test-vocabulary"

SEED = "https://doi.org/10.1111/papr.12829"
SIGTERMANS = "https://doi.org/10.1016/j.pain.2009.06.023"
SCHWARTZMAN = "https://doi.org/10.1016/j.pain.2009.08.015"
TRUJILLO = "https://doi.org/10.1080/10298420290023954"
WOOLF = "https://doi.org/10.1016/j.pain.2010.09.030"
RETRACTED = "https://doi.org/10.5555/ekg-test.retracted"
NEG = "https://doi.org/10.5555/ekg-test.no-benefit"

_CASE = DesignAssessment("case-report", 4, "very-low",
                         "case report → OCEBM level 4, GRADE very low")
_RCT = DesignAssessment("randomised-controlled-trial", 2, "high",
                        "randomised controlled trial → OCEBM level 2, GRADE high")
_REVIEW = DesignAssessment("narrative-review", 5, "very-low",
                           "narrative review → OCEBM level 5, GRADE very low")
_LABELS = {
    KETAMINE: "Ketamine", CBT: "Cognitive Behavioral Therapy",
    CRPS: "Complex Regional Pain Syndromes", CENTRAL_SENS: "Central Nervous System Sensitization",
    WITHDRAWAL: "Substance Withdrawal Syndrome", OPIOID_DISORDERS: "Opioid-Related Disorders",
    NMDA_ANTAG: "NMDA-receptor antagonism", CATECHOL: "catecholamine hypersensitivity",
    ABSTINENCE: "opioid abstinence", FUNCTION: "function",
    NMDA_RECEPTORS: "Receptors, N-Methyl-D-Aspartate", OPIOID_WITHDRAWAL: "opioid withdrawal",
}
_PAIN = Journal("Pain", "Pain", issns=("0304-3959", "1872-6623"), issn_linking="0304-3959")


def _source(index: int) -> SourceInfo:
    return SourceInfo("query-examples.catalog.txt", index, 20 * index + 1, "catalog",
                      f"{index + 1:064x}")


def _authors(*names: str) -> tuple[Author, ...]:
    return tuple(Author(family=n.split(", ")[0], given=n.split(", ")[1]) for n in names)


def _mention(concept: str, role: str, section: str = "Background", *,
             agent: str = "text-mined", major: bool = False) -> Mention:
    start = None if agent == "indexer" else 0
    return Mention(concept, _LABELS[concept], role, None if agent == "indexer" else section,  # type: ignore[arg-type]
                   start, None if start is None else len(_LABELS[concept]),
                   None if agent == "indexer" else _LABELS[concept], agent=agent,  # type: ignore[arg-type]
                   major_topic=major)


def _claim(subject: str | tuple[str, ...], relation: str, obj: str, direction: str,
           design: DesignAssessment, sentence: str, **extra: object) -> Claim:
    parts = subject if isinstance(subject, tuple) else ()
    head = parts[0] if parts else subject
    label = " + ".join(_LABELS[p].lower() for p in parts) if parts else _LABELS[head]  # type: ignore[index]
    ev = Evidence(sentence, "Results", 0, len(sentence), design, confidence=0.8, **extra)  # type: ignore[arg-type]
    return Claim(head, relation, obj, direction, (ev,), label, _LABELS[obj], parts)  # type: ignore[arg-type]


def _seed() -> tuple[Record, Extraction]:
    record = Record(
        _source(0), Identifiers(doi="10.1111/papr.12829"),
        title="Ketamine and Cognitive Behavioral Therapy for Rapid Opioid Tapering With Sustained "
              "Opioid Abstinence: A Case Report and 1‐Year Follow‐up",
        abstract=(AbstractSection("Ketamine blocks the NMDA receptor.", "Background"),
                  AbstractSection("A patient with CRPS tapered off opioids.", "Case"),
                  AbstractSection("The patient stayed opioid-free for a year.", "Discussion")),
        authors=_authors("Ocker, Aaron C.", "Shah, Nirmal B.", "Schwenk, Eric S.",
                         "Witkowski, Thomas A.", "Cohen, Mitchell J.", "Viscusi, Eugene R."),
        journal=Journal("Pain Practice", "Pain Pract", "20", "1", "95-100", "95", "100",
                        ("1530-7085", "1533-2500"), "1530-7085"),
        published=PartialDate(2020, 1, 1), languages=("eng",), country="United States",
        publication_types=("Journal Article", "Case Reports"))
    mentions = (
        _mention(KETAMINE, "intervention"), _mention(CBT, "intervention", "Case"),
        _mention(CRPS, "condition"), _mention(NMDA_ANTAG, "mechanism"),
        _mention(CENTRAL_SENS, "mechanism", "Discussion"),
        _mention(CATECHOL, "mechanism", "Discussion"), _mention(FUNCTION, "outcome", "Discussion"),
        _mention(CRPS, "condition", agent="indexer", major=True),
        _mention(KETAMINE, "intervention", agent="indexer"),
        _mention(OPIOID_DISORDERS, "condition", agent="indexer"),
    )
    claims = (
        _claim((KETAMINE, CBT), "treats", ABSTINENCE, "supports", _CASE,
               "Ketamine with CBT allowed a rapid taper to zero.", n=1, follow_up="P12M"),
        _claim(KETAMINE, "acts_through", NMDA_ANTAG, "supports", _CASE, "Ketamine blocks NMDA."),
        _claim(CENTRAL_SENS, "implicated_in", CRPS, "supports", _CASE, "Sensitization in CRPS."),
        _claim(CATECHOL, "implicated_in", CRPS, "supports", _CASE, "Catecholamines in CRPS."),
    )
    return record, Extraction(mentions, claims)


def _trial(index: int, doi: str, title: str, authors: tuple[Author, ...], journal: Journal,
           year: int, direction: str = "supports", types: tuple[str, ...] = ()) -> Record:
    return Record(_source(index), Identifiers(doi=doi), title=title,
                  abstract=(AbstractSection(f"{title}: a short summary of our own.", "Results"),),
                  authors=authors, journal=journal, published=PartialDate(year),
                  languages=("eng",), publication_types=("Journal Article", *types))


def _others() -> list[tuple[Record, Extraction]]:
    treats = _claim(KETAMINE, "treats", CRPS, "supports", _RCT, "Ketamine reduced CRPS pain.")
    acts = _claim(KETAMINE, "acts_through", NMDA_ANTAG, "supports", _RCT, "NMDA blockade.")
    basic = (_mention(KETAMINE, "intervention"), _mention(CRPS, "condition"))
    sig = _trial(1, "10.1016/j.pain.2009.06.023",
                 "Ketamine produces effective and long-term pain relief in patients with Complex "
                 "Regional Pain Syndrome Type 1",
                 _authors("Sigtermans, Marnix J.", "van Hilten, Jacobus J.", "Bauer, Martin C.R.",
                          "Arbous, M. Sesmu", "Marinus, Johan", "Sarton, Elise Y.",
                          "Dahan, Albert"),
                 Journal(**{**_journal_fields(_PAIN), "volume": "145", "issue": "3",
                            "pages": "304-311"}), 2009, types=("Randomized Controlled Trial",))
    sch = _trial(2, "10.1016/j.pain.2009.08.015",
                 "Outpatient intravenous ketamine for the treatment of complex regional pain "
                 "syndrome: a double-blind placebo controlled study",
                 _authors("Schwartzman, Robert J.", "Alexander, Guillermo M.",
                          "Grothusen, John R.", "Paylor, Terry", "Reichenberger, Erin",
                          "Perreault, Marielle"),
                 Journal(**{**_journal_fields(_PAIN), "volume": "147", "issue": "1-3",
                            "pages": "107-115"}), 2009, types=("Randomized Controlled Trial",))
    tru = _trial(3, "10.1080/10298420290023954",
                 "The neurobiology of opiate tolerance, dependence and sensitization: mechanisms "
                 "of NMDA receptor-dependent synaptic plasticity",
                 _authors("Trujillo, Keith A."),
                 Journal("Neurotoxicity Research", volume="4", issue="4", pages="373-391",
                         issns=("1029-8428",)), 2002, types=("Review",))
    woolf = _trial(4, "10.1016/j.pain.2010.09.030",
                   "Central sensitization: implications for the diagnosis and treatment of pain",
                   _authors("Woolf, Clifford J."),
                   Journal(**{**_journal_fields(_PAIN), "volume": "152", "issue": "3 Suppl",
                              "pages": "S2-S15"}), 2011, types=("Review",))
    fake = Journal("Example Journal of Test Records")
    retr = _trial(5, "10.5555/ekg-test.retracted", "A retracted trial of ketamine (test record)",
                  _authors("Doe, Jane", "Roe, Richard"), fake, 2015,
                  types=("Randomized Controlled Trial", "Retracted Publication"))
    neg = _trial(6, "10.5555/ekg-test.no-benefit", "A null trial of ketamine (test record)",
                 _authors("Doe, Jane", "Moe, Max"), fake, 2016,
                 types=("Randomized Controlled Trial",))
    refutes = _claim(KETAMINE, "treats", CRPS, "refutes", _RCT, "No benefit over placebo.")
    implicated = _claim(NMDA_ANTAG, "implicated_in", WITHDRAWAL, "supports", _REVIEW,
                        "NMDA receptors take part in withdrawal.")
    receptors = _claim(NMDA_RECEPTORS, "implicated_in", OPIOID_WITHDRAWAL, "supports", _REVIEW,
                       "NMDA receptor activity drives opioid withdrawal.")
    return [
        (sig, Extraction((*basic, _mention(NMDA_ANTAG, "mechanism")), (treats, acts))),
        (sch, Extraction(basic, (treats,))),
        (tru, Extraction((_mention(NMDA_ANTAG, "mechanism"), _mention(WITHDRAWAL, "condition")),
                         (implicated, receptors))),
        (woolf, Extraction((_mention(CENTRAL_SENS, "mechanism"),), ())),
        (retr, Extraction(basic, (treats,))),
        (neg, Extraction(basic, (refutes,))),
    ]


def _journal_fields(j: Journal) -> dict[str, object]:
    return {f: getattr(j, f) for f in j.__dataclass_fields__}


def example_mapped() -> list[MappedRecord]:
    """The mapped example records (one named graph each, plus their shared triples)."""
    return [map_record(rec, ex, CTX) for rec, ex in [_seed(), *_others()]]


def build_example_store(path: Path | None = None) -> OxigraphStore:
    """An Oxigraph store (in memory, or on disk at ``path``) holding the example graphs, and
    one vocabulary mapping (the project's NMDA-receptor antagonism ≈ MeSH NMDA receptors)."""
    store = OxigraphStore(path)
    mapping = ((URIRef(NMDA_ANTAG), SKOS.closeMatch, URIRef(NMDA_RECEPTORS)),)
    store.put_graphs([*graph_writes(example_mapped()), GraphWrite(URIRef(VOCAB_GRAPH), mapping)])
    return store
