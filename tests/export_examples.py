"""A small hand-made evidence graph for export, dataset-description and push tests.

Four records written for these tests (not taken from any corpus), mapped with the real mapping,
so the graphs have the production shape; the text is deliberately awkward: quotes, backslashes,
line breaks, right-to-left marks, emoji, a DOI with brackets and an identifier-less record.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, Graph, URIRef

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
from kg.store.convert import from_ox
from kg.store.oxigraph import OxigraphStore

__all__ = ["CTX", "build_example_store", "dataset_from_ox", "example_mapped", "graph_of",
           "local_graphs"]

CTX = BuildContext("0.1.0-test", "test-fingerprint", "2026-01-02T03:04:05+00:00")
_MESH = "http://id.nlm.nih.gov/mesh/"
_CASE = DesignAssessment("case-report", 4, "very-low", "case report → OCEBM 4, GRADE very low")


def _src(i: int) -> SourceInfo:
    return SourceInfo("examples.xml", i, 10 * i + 1, "pubmed-xml", f"{i:064x}")


def _records() -> list[tuple[Record, Extraction]]:
    ketamine = Mention(f"{_MESH}D007649", "Ketamine", "intervention", "title", 0, 8, "Ketamine")
    pain = Mention(f"{_MESH}D059350", "Chronic Pain", "condition", "title", 13, 25, "chronic pain")
    ev = Evidence('Ketamine "relieved" the pain\nwithin a week.', "Results", 0, 40, _CASE, n=1,
                  follow_up="P3M", population="adult with 'refractory' pain")
    claim = Claim(ketamine.concept, "treats", pain.concept, "supports", (ev,),
                  "Ketamine", "Chronic Pain")
    first = Record(
        _src(0), Identifiers(doi="10.1111/papr.99999", pmid="31000001"),
        title="Ketamine for chronic pain: a \"case\" report",
        abstract=(AbstractSection("A patient with back\\neck pain.", "Background", "BACKGROUND"),
                  AbstractSection("Pain fell from 8 to 2.\r\nNo harm.", "Results", "RESULTS")),
        authors=(Author("Müller", "Anna", "A"), Author("O'Brien", "Seán", "S"),
                 Author(collective="Pain Study Group ‏(RTL)")),
        journal=Journal("Pain Practice", "Pain Pract", "20", "3", "1-9", "1", "9",
                        ("1530-7085", "1533-2500"), "1530-7085"),
        published=PartialDate(2020, 3, 1), languages=("eng",),
        publication_types=("Journal Article", "Case Reports"), keywords=("ketamine", "🙂"))
    second = Record(
        _src(1), Identifiers(pmid="31000002"),
        title='He said "no" \\ then\nleft — 🙂 \u200fمرحبا\u200e', published=PartialDate(2019),
        authors=(Author("Nakamura", "Ken"),), languages=("jpn",))
    third = Record(_src(2), title="An identifier-less note", published=PartialDate(2018, 7))
    fourth = Record(_src(3), Identifiers(doi="10.1002/(sici)1097-4636<199>x"),
                    title="Odd DOI", journal=Journal("J <Brackets> & Co"))
    return [(first, Extraction((ketamine, pain), (claim,))), (second, Extraction()),
            (third, Extraction()), (fourth, Extraction())]


def example_mapped() -> list[MappedRecord]:
    """The mapped example records (one named graph each)."""
    return [map_record(rec, ex, CTX) for rec, ex in _records()]


def build_example_store(path: Path | None = None) -> OxigraphStore:
    """An Oxigraph store (in memory, or on disk at ``path``) holding the example graphs."""
    store = OxigraphStore(path)
    store.put_graphs(graph_writes(example_mapped()))
    return store


def graph_of(store: OxigraphStore, graph: URIRef) -> Graph:
    """One named graph of the store as an rdflib Graph (lexical forms kept as stored)."""
    g = Graph()
    for t in store.graph_triples(graph):
        g.add(t)
    return g


def local_graphs(store: OxigraphStore) -> dict[URIRef, Graph]:
    return {name: graph_of(store, name) for name in store.named_graphs()}


def dataset_from_ox(quads: list[ox.Quad]) -> Dataset:
    """An rdflib Dataset from pyoxigraph quads without normalising literals."""
    ds = Dataset()
    for q in quads:
        ds.graph(from_ox(q.graph_name) if isinstance(q.graph_name, ox.NamedNode)
                 else ds.default_graph.identifier).add(
            (from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)))  # type: ignore[arg-type]
    return ds
