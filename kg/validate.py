"""SHACL validation of named graphs with pySHACL, the engine of record.

Non-conformance is data (a ValidationReport), not an exception: the pipeline rejects a record
whose graph has violations and stores the rest; ``ekg validate`` prints the report for a curator.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from pyshacl import validate as shacl_validate
from rdflib import Dataset, Graph, URIRef
from rdflib.term import Node

from kg.rdf.namespaces import SH, bind_prefixes
from kg.resources import shapes_dir
from kg.store.base import Store

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


@lru_cache(maxsize=4)
def load_shapes(directory: Path | None = None) -> Graph:
    """All shapes files, parsed once per process."""
    g = Graph()
    for path in sorted((directory or shapes_dir()).glob("*.ttl")):
        g.parse(path, format="turtle")
    return g


def validate_graph(data: Graph, *, graph_name: str | None = None,
                   shapes: Graph | None = None) -> ValidationReport:
    """Validate one graph; every result (violation, warning, info) becomes an issue."""
    _conforms, results, _text = shacl_validate(
        data, shacl_graph=shapes if shapes is not None else load_shapes(),
        inference="none", allow_warnings=True, advanced=True, meta_shacl=False)
    return ValidationReport([_issue(results, r, graph_name)
                             for r in results.subjects(SH.resultSeverity, None)])


def validate_triples(triples: Iterable[tuple[Node, Node, Node]], *,
                     graph_name: str | None = None) -> ValidationReport:
    g = Graph()
    bind_prefixes(g)
    for t in triples:
        g.add(t)
    return validate_graph(g, graph_name=graph_name)


def _short(graph: Graph, node: Node | None) -> str | None:
    if node is None:
        return None
    if isinstance(node, URIRef):
        try:
            return graph.namespace_manager.normalizeUri(node)
        except ValueError:
            return str(node)
    return str(node)


def _issue(results: Graph, r: Node, graph_name: str | None) -> ValidationIssue:
    sev = results.value(r, SH.resultSeverity)
    messages = sorted(str(m) for m in results.objects(r, SH.resultMessage))
    return ValidationIssue(
        severity=str(sev).rsplit("#", 1)[-1] if sev else "Violation",
        focus=str(results.value(r, SH.focusNode)),
        path=_short(results, results.value(r, SH.resultPath)),
        message="; ".join(messages) or "constraint not met",
        value=_short(results, results.value(r, SH.value)),
        shape=_short(results, results.value(r, SH.sourceShape)),
        graph=graph_name,
    )


def validate_store(store: Store) -> ValidationReport:
    """Every named graph on its own (cost grows linearly), then the global qc/ queries."""
    report = ValidationReport()
    for graph in store.named_graphs():
        report.extend(validate_triples(store.graph_triples(graph), graph_name=str(graph)))
    report.extend(run_qc_queries(store))
    return report


def run_qc_queries(store: Store) -> ValidationReport:
    """Global checks: each row of a ``queries/qc`` query is one violation (or warning)."""
    from kg.query import list_catalogue

    report = ValidationReport()
    for q in list_catalogue():
        if q.group != "qc":
            continue
        severity = "Warning" if "warning" in q.description.lower() else "Violation"
        result = store.query(q.text)
        for row in result.dicts():
            focus = row.get("focus")
            report.issues.append(ValidationIssue(
                severity=severity, focus=str(focus) if focus is not None else "",
                path=str(row["path"]) if row.get("path") is not None else None,
                message=str(row.get("message") or q.title),
                value=str(row["value"]) if row.get("value") is not None else None,
                shape=q.name, graph=str(row["graph"]) if row.get("graph") is not None else None))
    return report


def validate_file(path: Path) -> ValidationReport:
    """Validate an RDF file: each named graph of a TriG/N-Quads file, or one Turtle graph."""
    ds = Dataset()
    fmt = {".trig": "trig", ".nq": "nquads", ".ttl": "turtle", ".nt": "nt"}.get(
        path.suffix.lower(), "trig")
    ds.parse(path, format=fmt)
    report = ValidationReport()
    for g in ds.graphs():
        if len(g):
            report.extend(validate_graph(g, graph_name=str(g.identifier)))
    return report
