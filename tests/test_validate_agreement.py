"""The fast SHACL engine gives pySHACL's verdicts: same conformance, same results.

Compared on real fixture records (their mapped graphs, as the pipeline validates them), on the
W3C-style shape tests and on fixture graphs broken on purpose. A result is compared by focus
node, path, source constraint component and severity (the raw results graphs), and again as the
issues a curator reads (message, value and shape too).

Time: the fixtures' first record of every file (every reader and format) plus every 6th record
of the rest; pySHACL's ~150 ms per record is what bounds the sample.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path

import pytest
import yaml
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from kg.pipeline import extract_record
from kg.rdf.mapping import BuildContext, map_record
from kg.rdf.namespaces import DCTERMS, EKG, RDF, SH, XSD
from kg.records.model import Record
from kg.records.registry import iter_input_files, read_file
from kg.validate import load_shapes, validate_graph, validate_triples
from kg.validation.pyshacl_engine import run_pyshacl
from kg.validation.turbo_engine import run_turbo
from tests.conftest import shared_path

Triple = tuple[Node, Node, Node]
Row = tuple[str, str, str, str]
CTX = BuildContext("0.1.0", "fp", "2026-01-01T00:00:00+00:00")
ROOT = Path(__file__).resolve().parents[1]
SHAPE_TESTS = ROOT / "tests" / "data" / "shapes"
STRIDE = 6


def _fixture_records() -> Iterator[Record]:
    """First record of each fixture file, then every STRIDE-th of the others."""
    rest: list[Record] = []
    for path in iter_input_files([shared_path("fixtures")]):
        records = [r for r in read_file(path) if isinstance(r, Record)]
        yield from records[:1]
        rest.extend(records[1:])
    yield from rest[::STRIDE]


@cache
def _record_graphs() -> tuple[tuple[str, tuple[Triple, ...]], ...]:
    """(graph name, triples) of each sampled fixture record, mapped as the pipeline maps it."""
    out = []
    for record in _fixture_records():
        mapped = map_record(record, extract_record(record), CTX)
        out.append((str(mapped.graph), tuple(mapped.all_triples)))
    return tuple(out)


def _path_key(results: Graph, path: Node | None) -> str:
    if isinstance(path, BNode):
        return "^" + str(results.value(path, SH.inversePath))
    return str(path)


def _rows(results: Graph) -> Counter[Row]:
    """Each top-level result as (focus, path, source constraint component, severity)."""
    return Counter((str(results.value(r, SH.focusNode)),
                    _path_key(results, results.value(r, SH.resultPath)),
                    str(results.value(r, SH.sourceConstraintComponent)),
                    str(results.value(r, SH.resultSeverity)))
                   for r in results.objects(None, SH.result))


def _graph_of(triples: tuple[Triple, ...] | list[Triple]) -> Graph:
    g = Graph(bind_namespaces="none")
    for t in triples:
        g.add(t)
    return g


def _assert_agree(data: Graph, shapes: Graph) -> Counter[Row]:
    slow, fast = _rows(run_pyshacl(data, shapes)), _rows(run_turbo(data, shapes))
    assert fast == slow
    reports = [validate_graph(data, shapes=shapes, engine=e) for e in ("pyshacl", "turbo")]
    assert reports[0].conforms is reports[1].conforms
    assert Counter(reports[0].issues) == Counter(reports[1].issues)
    return slow


def test_fixture_sample_covers_every_format():
    suffixes = {Path(r.source.path).parent.name for r in _fixture_records()}
    assert len(suffixes) >= 6
    assert len(_record_graphs()) >= 100


def test_engines_agree_on_fixture_records():
    shapes = load_shapes()
    for name, triples in _record_graphs():
        _assert_agree(_graph_of(triples), shapes)
        fast = validate_triples(triples, graph_name=name)
        slow = validate_triples(triples, graph_name=name, engine="pyshacl")
        assert Counter(fast.issues) == Counter(slow.issues), name


@cache
def _manifest() -> dict[str, dict]:
    return yaml.safe_load((SHAPE_TESTS / "manifest.yaml").read_text())


@pytest.mark.parametrize("rel", sorted(_manifest()))
def test_engines_agree_on_shape_tests(rel):
    shapes = Graph().parse(ROOT / "ontology" / "shapes" / f"{rel.split('/')[0]}.ttl")
    rows = _assert_agree(Graph().parse(SHAPE_TESTS / rel), shapes)
    assert bool(rows) is ("/invalid-" in rel)


def _first(triples: list[Triple], predicate: URIRef) -> Triple:
    return next(t for t in triples if t[1] == predicate)


def _drop_title(triples: list[Triple]) -> list[Triple]:
    return [t for t in triples if t[1] != DCTERMS.title]


def _drop_title_and_identifiers(triples: list[Triple]) -> list[Triple]:
    """An identifier stands in for a title: only an article with neither is unnamed."""
    return [t for t in _drop_title(triples) if t[1] not in (EKG.doi, EKG.pmid, EKG.pmcid)]


def _second_title(triples: list[Triple]) -> list[Triple]:
    s = _first(triples, DCTERMS.title)[0]
    return [*triples, (s, DCTERMS.title, Literal("Another title of my own"))]


def _bad_doi(triples: list[Triple]) -> list[Triple]:
    s = _first(triples, RDF.type)[0]
    return [*triples, (s, EKG.doi, Literal("not a DOI"))]


def _year_as_text(triples: list[Triple]) -> list[Triple]:
    s = _first(triples, DCTERMS.title)[0]
    kept = [t for t in triples if t[1] != EKG.publicationYear]
    return [*kept, (s, EKG.publicationYear, Literal("around 1999", datatype=XSD.string))]


def _duplicate_position(triples: list[Triple]) -> list[Triple]:
    """Every author at position 1: duplicates (and gaps above 1)."""
    return [(s, p, Literal(1) if p == EKG.position and (s, RDF.type, EKG.Authorship) in
             set(triples) else o) for s, p, o in triples]


def _untyped_nodes(triples: list[Triple]) -> list[Triple]:
    """Evidence and mentions lose their class: what points at them then breaks sh:class."""
    gone = {EKG.Evidence, EKG.Mention, EKG.Journal}
    return [t for t in triples if not (t[1] == RDF.type and t[2] in gone)]


def _blank_slot(triples: list[Triple]) -> list[Triple]:
    """An authorship slot that is a blank node with no position."""
    s = _first(triples, DCTERMS.title)[0]
    slot = BNode()
    return [*triples, (s, EKG.hasAuthorship, slot), (slot, RDF.type, EKG.Authorship)]


BREAKAGES: dict[str, Callable[[list[Triple]], list[Triple]]] = {
    f.__name__.lstrip("_"): f for f in (_drop_title_and_identifiers, _second_title, _bad_doi,
                                        _year_as_text, _duplicate_position, _untyped_nodes,
                                        _blank_slot)
}


def _with_authors_and_claims() -> list[tuple[str, tuple[Triple, ...]]]:
    """Records that have authors, evidence and a title: each breakage has something to break."""
    def rich(triples: tuple[Triple, ...]) -> bool:
        objects = {t[2] for t in triples if t[1] == RDF.type}
        return {EKG.Authorship, EKG.Evidence}.issubset(objects) and any(
            t[1] == DCTERMS.title for t in triples)
    return [(n, t) for n, t in _record_graphs() if rich(t)][:3]


@pytest.mark.parametrize("breakage", sorted(BREAKAGES))
def test_engines_agree_on_broken_graphs(breakage):
    shapes = load_shapes()
    records = _with_authors_and_claims()
    assert records, "no fixture record with authors and evidence"
    for _name, triples in records:
        broken = BREAKAGES[breakage](list(triples))
        rows = _assert_agree(_graph_of(broken), shapes)
        assert any(sev.endswith("Violation") for *_r, sev in rows), breakage


def test_engines_agree_that_an_identified_article_needs_no_title():
    shapes = load_shapes()
    for _name, triples in _with_authors_and_claims():
        rows = _assert_agree(_graph_of(_drop_title(list(triples))), shapes)
        assert not any(str(c).endswith("OrConstraintComponent") for _f, _p, c, _s in rows)
