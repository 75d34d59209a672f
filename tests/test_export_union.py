"""No export repeats a triple: the union of graphs in a triple format writes each triple once,
in every format, on a hand-made dataset, on the bundled examples and on the shared fixtures."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.export import FORMATS, export_native
from kg.export_union import find_repeats, union_triples
from kg.pipeline import BuildOptions, build
from kg.store.oxigraph import OxigraphStore
from tests.conftest import EXAMPLES, shared_path

EX = "https://example.org/"
G1, G2, G3 = (ox.NamedNode(f"{EX}graph/{i}") for i in (1, 2, 3))
SHARED = ox.Triple(ox.NamedNode(f"{EX}concept"), ox.NamedNode(f"{EX}type"),
                   ox.NamedNode(f"{EX}Concept"))
PAIR = ox.Triple(SHARED.subject, ox.NamedNode(f"{EX}note"), ox.Literal("default and G3 only"))
# A fixture subset in four formats: enough records to share concepts, quick to build.
FIXTURE_FOLDERS = ("pubmed_xml", "ris", "bibtex", "crossref_json")
FIXTURES_PER_FOLDER = 4


def _own(graph: ox.NamedNode | ox.DefaultGraph) -> ox.Quad:
    name = "default" if isinstance(graph, ox.DefaultGraph) else graph.value
    return ox.Quad(ox.NamedNode(f"{EX}s"), ox.NamedNode(f"{EX}in"), ox.Literal(name), graph)


@pytest.fixture
def overlapping() -> ox.Store:
    """Three named graphs and the default graph; one triple in all four, one in G1 and G2,
    one in G3 and the default graph."""
    store = ox.Store()
    graphs = (ox.DefaultGraph(), G1, G2, G3)
    store.extend([ox.Quad(*SHARED, g) for g in graphs] + [_own(g) for g in graphs])
    label = ox.Triple(SHARED.subject, ox.NamedNode(f"{EX}label"), ox.Literal("a concept"))
    store.extend([ox.Quad(*label, G1), ox.Quad(*label, G2), ox.Quad(*PAIR, G3),
                  ox.Quad(*PAIR, ox.DefaultGraph())])
    return store


def test_each_repeat_is_kept_by_one_graph(overlapping):
    repeats = find_repeats(overlapping, None)
    assert ox.DefaultGraph() not in repeats  # the default graph keeps what it holds
    assert repeats[G1] == {SHARED}  # G1 keeps the label, leaves the type to the default graph
    assert len(repeats[G2]) == 2 and repeats[G3] == {SHARED, PAIR}
    written = list(union_triples(overlapping.quads_for_pattern(None, None, None, None), repeats))
    assert len(written) == len(set(written)) == 7


def test_repeats_within_a_selection_only(overlapping):
    assert find_repeats(overlapping, [G3]) == {}
    assert find_repeats(overlapping, [G3, G3]) == {}
    assert find_repeats(overlapping, [G2, G3]) == {G3: {SHARED}}
    assert find_repeats(overlapping, [G3, ox.DefaultGraph()]) == {G3: {SHARED, PAIR}}


def repeated(path: Path, fmt: str) -> tuple[int, int]:
    """How many statements the file holds, and how many of them repeat an earlier one."""
    statements = list(ox.parse(path=str(path), format=FORMATS[fmt].rdf_format))
    return len(statements), len(statements) - len(set(statements))


def repeated_lines(path: Path) -> list[bytes]:
    """What ``sort | uniq -d`` prints for a line format."""
    return [line for line, n in Counter(path.read_bytes().splitlines()).items() if n > 1]


@pytest.mark.parametrize("fmt", sorted(FORMATS))
@pytest.mark.parametrize("graphs", [None, [G1, G2, G1], [G2, G3, ox.DefaultGraph()]],
                         ids=["all", "named-twice", "with-default"])
def test_no_format_writes_a_triple_twice(overlapping, tmp_path, fmt, graphs):
    path = tmp_path / f"x.{fmt}"
    export_native(overlapping, path, fmt, graphs)
    selected = {q for q in overlapping if graphs is None or q.graph_name in graphs}
    expected = selected if FORMATS[fmt].keeps_graphs else {
        ox.Triple(q.subject, q.predicate, q.object) for q in selected}
    assert repeated(path, fmt) == (len(expected), 0)
    if fmt in ("nt", "nq"):
        assert not repeated_lines(path)


def assert_clean_exports(store: OxigraphStore, folder: Path) -> None:
    """Every format of the whole dataset: no statement twice, triple formats hold the union."""
    quads = set(store.native)
    triples = {ox.Triple(q.subject, q.predicate, q.object) for q in quads}
    assert len(triples) < len(quads), "the graphs should share some triples for this check"
    for fmt, spec in FORMATS.items():
        path = folder / f"graph.{fmt}"
        export_native(store.native, path, fmt)
        assert repeated(path, fmt) == (len(quads if spec.keeps_graphs else triples), 0), fmt
        if fmt in ("nt", "nq"):
            assert not repeated_lines(path), fmt


def test_examples_export_cleanly(tmp_path):
    store = OxigraphStore(None)
    assert build([EXAMPLES], store).ok
    assert_clean_exports(store, tmp_path)


def test_shared_fixtures_export_cleanly(tmp_path):
    root = shared_path("fixtures")
    files = [path for folder in FIXTURE_FOLDERS
             for path in sorted((root / folder).iterdir())[:FIXTURES_PER_FOLDER]]
    store = OxigraphStore(None)
    build(files, store, BuildOptions(validate=False))
    assert len(store.named_graphs()) > len(files) // 2
    assert_clean_exports(store, tmp_path)
