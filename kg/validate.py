"""SHACL validation of named graphs with pySHACL, the engine of record.

Non-conformance is data (a ValidationReport), not an exception: the pipeline rejects a record
whose graph has violations and stores the rest; ``ekg validate`` prints the report for a curator.

Each source record is validated on its own graph plus the shared nodes it refers to (concepts,
claim cores, journals, software agents live once in the shared graph), so the cost grows linearly
with the number of records. Global checks that need the whole union (a claim with no evidence in
any graph, conflicting publication years) are the ``queries/qc`` SPARQL queries.

Two engines run the same shapes files (``kg.validation``): pyshacl-turbo, a Rust engine, by
default (milliseconds per record), and pySHACL, the engine of record (``engine="pyshacl"``).
``tests/test_validate_agreement.py`` holds the two to identical results.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import NamespaceManager
from rdflib.term import Node

from kg.errors import KGError
from kg.rdf.mapping import SHARED_GRAPH
from kg.rdf.namespaces import EKG, RDF, SH, bind_prefixes
from kg.resources import shapes_dir
from kg.store.base import Store
from kg.validation import DEFAULT_ENGINE, ENGINES
from kg.validation.pyshacl_engine import PreparedQueryGraph, run_pyshacl
from kg.validation.turbo_engine import run_turbo

__all__ = [
    "ValidationIssue",
    "ValidationReport",
    "load_shapes",
    "run_qc_queries",
    "validate_file",
    "validate_graph",
    "validate_store",
    "validate_triples",
]

Triple = tuple[Node, Node, Node]
_SEVERITY_ORDER = {"Violation": 0, "Warning": 1, "Info": 2}
_QUAD_FORMATS = {".trig": ox.RdfFormat.TRIG, ".nq": ox.RdfFormat.N_QUADS}
_TRIPLE_FORMATS = {".ttl": "turtle", ".nt": "nt"}


@dataclass(frozen=True, slots=True)
class ValidationIssue:
    """One SHACL result, in the terms a curator reads: what, where, why, which value."""

    severity: str  # "Violation" | "Warning" | "Info"
    focus: str
    path: str | None
    message: str
    value: str | None
    shape: str | None
    graph: str | None = None

    @property
    def key(self) -> tuple[str, str, str, str, str]:
        """Identity of the problem regardless of the graph it was seen from."""
        return (self.severity, self.focus, self.path or "", self.message, self.value or "")


@dataclass(slots=True)
class ValidationReport:
    issues: list[ValidationIssue] = field(default_factory=list)

    @property
    def conforms(self) -> bool:
        """Conforms when nothing of severity Violation was found (warnings are allowed)."""
        return not self.violations

    @property
    def violations(self) -> list[ValidationIssue]:
        return [i for i in self.issues if i.severity == "Violation"]

    @property
    def warnings(self) -> list[ValidationIssue]:
        return [i for i in self.issues if i.severity == "Warning"]

    def extend(self, other: ValidationReport) -> None:
        self.issues.extend(other.issues)

    def sorted_issues(self) -> list[ValidationIssue]:
        """Violations first, then by focus node and path: the order a curator works through."""
        return sorted(self.issues, key=lambda i: (_SEVERITY_ORDER.get(i.severity, 3), i.focus,
                                                  i.path or "", i.message))


@lru_cache(maxsize=4)
def load_shapes(directory: Path | None = None) -> Graph:
    """All shapes files, parsed once per process."""
    g = Graph(bind_namespaces="none")
    for path in sorted((directory or shapes_dir()).glob("*.ttl")):
        g.parse(path, format="turtle")
    bind_prefixes(g)
    return g


TURBO_MAX_TRIPLES = 20_000
"""Above this many triples a graph goes to pySHACL even when turbo is asked for: turbo's cost
grows steeply with long author lists (10,000 authors: 22–42 s against pySHACL's 4–7 s), and a
consortium paper must not stall a build. Both engines give the same results (tested)."""


def _results(data: Graph | list[Triple], shapes: Graph, engine: str) -> Graph:
    """The SHACL results graph of the chosen engine."""
    if engine == "turbo" and len(data) <= TURBO_MAX_TRIPLES:
        return run_turbo(data, shapes)
    if engine == "turbo":
        engine = "pyshacl"
    if engine != "pyshacl":
        raise KGError(f"unknown SHACL engine {engine!r}: use one of {', '.join(ENGINES)}")
    if isinstance(data, Graph):
        return run_pyshacl(data, shapes)
    g = PreparedQueryGraph(bind_namespaces="none")
    for t in data:
        g.add(t)
    return run_pyshacl(g, shapes)


def _report(results: Graph, shapes: Graph, graph_name: str | None) -> ValidationReport:
    # Top-level results only: engines also list the nested results of sh:node as sh:detail.
    names = _names_for(shapes)
    return ValidationReport([_issue(results, r, graph_name, shapes, names)
                             for r in results.objects(None, SH.result)])


def validate_graph(data: Graph, *, graph_name: str | None = None,
                   shapes: Graph | None = None,
                   engine: str = DEFAULT_ENGINE) -> ValidationReport:
    """Validate one graph; every result (violation, warning, info) becomes an issue."""
    shapes = shapes if shapes is not None else load_shapes()
    return _report(_results(data, shapes, engine), shapes, graph_name)


def validate_triples(triples: Iterable[Triple], *, graph_name: str | None = None,
                     engine: str = DEFAULT_ENGINE) -> ValidationReport:
    """Validate the triples of one record (its own graph plus the shared nodes it uses)."""
    shapes = load_shapes()
    return _report(_results(list(triples), shapes, engine), shapes, graph_name)


@lru_cache(maxsize=8)
def _names_for(shapes: Graph) -> NamespaceManager:
    """The shapes files' prefixes (``ekg:``, ``ekgsh:`` …): how a curator reads names, the same
    whichever engine ran."""
    names = NamespaceManager(Graph(bind_namespaces="none"), bind_namespaces="none")
    for prefix, ns in shapes.namespaces():
        names.bind(prefix, ns)
    return names


def _short(names: NamespaceManager, node: Node | None) -> str | None:
    if node is None:
        return None
    if isinstance(node, URIRef):
        try:
            return names.curie(node, generate=False)
        except (KeyError, ValueError):
            return str(node)
    return str(node)


def _text(node: Node | None) -> str | None:
    return None if node is None else str(node)


def _path_text(results: Graph, names: NamespaceManager, path: Node | None) -> str | None:
    """``ekg:doi``; ``^ekg:describes`` for an inverse path; ``a|b`` for alternatives."""
    if not isinstance(path, BNode):
        return _short(names, path)
    inverse = results.value(path, SH.inversePath)
    if inverse is not None:
        return f"^{_short(names, inverse)}"
    alternatives = results.value(path, SH.alternativePath)
    if alternatives is not None:
        return "|".join(str(_short(names, p)) for p in Collection(results, alternatives))
    return "(complex path)"


def _shape_name(shapes: Graph, names: NamespaceManager, shape: Node | None) -> str | None:
    """A named shape, or the node shape holding an anonymous property shape."""
    if isinstance(shape, BNode):
        parent = shapes.value(None, SH.property, shape)
        return _short(names, parent) if isinstance(parent, URIRef) else None
    return _short(names, shape)


def _issue(results: Graph, r: Node, graph_name: str | None, shapes: Graph,
           names: NamespaceManager) -> ValidationIssue:
    sev = results.value(r, SH.resultSeverity)
    messages = sorted(str(m) for m in results.objects(r, SH.resultMessage))
    return ValidationIssue(
        severity=str(sev).rsplit("#", 1)[-1] if sev else "Violation",
        focus=str(results.value(r, SH.focusNode)),
        path=_path_text(results, names, results.value(r, SH.resultPath)),
        message="; ".join(messages) or "constraint not met",
        value=_text(results.value(r, SH.value)),
        shape=_shape_name(shapes, names, results.value(r, SH.sourceShape)),
        graph=graph_name,
    )


def _index_by_subject(triples: Iterable[Triple]) -> dict[Node, list[Triple]]:
    index: dict[Node, list[Triple]] = {}
    for t in triples:
        index.setdefault(t[0], []).append(t)
    return index


def _shared_closure(record: list[Triple], shared: dict[Node, list[Triple]]) -> list[Triple]:
    """Shared triples about the nodes a record uses, and about the nodes those refer to.

    Two hops reach everything the shapes look at: claim → subject concept → its types. A claim
    is pulled in only where the graph states something about it (is its subject): a graph that
    merely points at a claim (analysis results) is not where the claim's evidence lives.
    """
    seen: set[Node] = set()
    subjects = {t[0] for t in record}
    frontier = {n for t in record for n in (t[0], t[2]) if isinstance(n, URIRef)
                and (n in subjects or not _is_claim(shared.get(n, ())))}
    found: list[Triple] = []
    for _hop in range(2):
        frontier -= seen
        seen |= frontier
        nxt: set[Node] = set()
        for node in frontier:
            for t in shared.get(node, ()):
                found.append(t)
                if isinstance(t[2], URIRef):
                    nxt.add(t[2])
        frontier = nxt
    return found


def _is_claim(triples: Iterable[Triple]) -> bool:
    return any(p == RDF.type and o == EKG.EvidenceClaim for _, p, o in triples)


def _record_graphs(store: Store) -> Iterator[URIRef]:
    return (g for g in store.named_graphs() if g != SHARED_GRAPH)


def validate_store(store: Store, *, engine: str = DEFAULT_ENGINE) -> ValidationReport:
    """Every record graph on its own with the shared nodes it uses, then the qc/ queries.

    A problem on a shared node is seen from every record that uses it; it is reported once.
    """
    shared = _index_by_subject(store.graph_triples(SHARED_GRAPH))
    report = ValidationReport()
    seen: set[tuple[str, str, str, str, str]] = set()
    for graph in _record_graphs(store):
        triples = list(store.graph_triples(graph))
        found = validate_triples(triples + _shared_closure(triples, shared),
                                 graph_name=str(graph), engine=engine)
        for issue in found.issues:
            if issue.key not in seen:
                seen.add(issue.key)
                report.issues.append(issue)
    report.extend(run_qc_queries(store))
    return report


def run_qc_queries(store: Store) -> ValidationReport:
    """Global checks: each row of a ``queries/qc`` query is one violation (or warning).

    A query whose description contains the word "warning" reports warnings; the others report
    violations. Columns: ?focus ?path ?message ?value ?graph.
    """
    from kg.query import list_catalogue

    report = ValidationReport()
    for q in list_catalogue():
        if q.group != "qc":
            continue
        severity = "Warning" if "warning" in q.description.lower() else "Violation"
        for row in store.query(q.text).dicts():
            report.issues.append(_qc_issue(row, severity, q.name, q.title))
    return report


def _qc_issue(row: dict[str, Node | None], severity: str, name: str,
              title: str) -> ValidationIssue:
    def text(key: str) -> str | None:
        value = row.get(key)
        return None if value is None else str(value)

    return ValidationIssue(severity=severity, focus=text("focus") or "", path=text("path"),
                           message=text("message") or title, value=text("value"), shape=name,
                           graph=text("graph"))


def validate_file(path: Path, *, engine: str = DEFAULT_ENGINE) -> ValidationReport:
    """Validate an RDF file: each named graph of a TriG/N-Quads file (with the qc/ queries on
    the file's union), or a Turtle/N-Triples file as one graph."""
    suffix = path.suffix.lower()
    if suffix in _TRIPLE_FORMATS:
        g = Graph(bind_namespaces="none")
        try:
            g.parse(path, format=_TRIPLE_FORMATS[suffix])
        except (OSError, SyntaxError, ValueError) as exc:
            raise KGError(f"{path}: cannot read RDF: {exc}") from exc
        return validate_graph(g, graph_name=None, engine=engine)
    if suffix not in _QUAD_FORMATS:
        raise KGError(f"{path}: unknown RDF format (want .trig, .nq, .ttl or .nt)")
    return validate_store(_load_quads(path, _QUAD_FORMATS[suffix]), engine=engine)


def _load_quads(path: Path, fmt: ox.RdfFormat) -> Store:
    """An in-memory Oxigraph store holding the file (fast parse, fast qc queries)."""
    from kg.store.oxigraph import OxigraphStore

    store = OxigraphStore(None)
    try:
        store.native.load(path=str(path), format=fmt)
    except (OSError, SyntaxError, ValueError) as exc:
        raise KGError(f"{path}: cannot read RDF: {exc}") from exc
    return store
