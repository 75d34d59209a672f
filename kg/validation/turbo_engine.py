"""pyshacl-turbo: a Rust SHACL engine with pySHACL's API, several times faster per record.

The shapes are compiled once per shapes graph. A record's triples go to the engine as N-Triples
text, without building an rdflib Graph first (building one costs more than the validation);
the text of an IRI is made once per process (predicates, classes and concepts repeat in every
record, and rdflib checks an IRI's characters each time it writes one).
The shapes are compiled from a copy with no prefixes bound: the engine binds every shapes
prefix into every results graph, which cost a third of the time; names are shortened by
``kg.validate`` instead.
"""

from __future__ import annotations

from collections.abc import Iterable

import pyshacl_turbo
from pyshacl_turbo import ReportableRuntimeError, ValidationFailure
from pyshacl_turbo.rdf import Input
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.plugins.serializers.nt import _quoteLiteral
from rdflib.term import Node

from kg.errors import KGError

__all__ = ["run_turbo"]

Triple = tuple[Node, Node, Node]
_COMPILED: dict[int, tuple[Graph, pyshacl_turbo.CompiledShapes]] = {}
_IRI_TEXT: dict[URIRef, str] = {}
_IRI_TEXT_LIMIT = 20_000
"""Emptied when full (most IRIs are one record's own), so memory stays flat over a long build."""


def _compiled_for(shapes: Graph) -> pyshacl_turbo.CompiledShapes:
    """The engine's compiled shapes, built once per shapes graph."""
    cached = _COMPILED.get(id(shapes))
    if cached is None or cached[0] is not shapes:
        if len(_COMPILED) > 8:
            _COMPILED.clear()
        bare = Graph(bind_namespaces="none")
        for t in shapes:
            bare.add(t)
        cached = _COMPILED[id(shapes)] = (shapes, pyshacl_turbo.compile_shapes(bare))
    return cached[1]


def _as_input(data: Graph | Iterable[Triple]) -> Graph | Input:
    """A Graph as it is; bare triples as N-Triples text (rdflib's own escaping of terms), with
    their blank nodes named so that results point at the caller's nodes."""
    if isinstance(data, Graph):
        return data
    blank: dict[str, BNode] = {}
    rows = [f"{_n3(s, blank)} {_n3(p, blank)} "
            f"{_quoteLiteral(o) if isinstance(o, Literal) else _n3(o, blank)} .\n"
            for s, p, o in data]
    return Input("".join(rows), "nt", None, blank, {})


def _n3(term: Node, blank: dict[str, BNode]) -> str:
    """The N-Triples text of an IRI or blank node, as rdflib writes it (an IRI with characters
    N-Triples forbids raises, as rdflib does)."""
    if type(term) is URIRef:
        text = _IRI_TEXT.get(term)
        if text is None:
            text = term.n3()
            if len(_IRI_TEXT) >= _IRI_TEXT_LIMIT:
                _IRI_TEXT.clear()
            _IRI_TEXT[term] = text
        return text
    if isinstance(term, BNode):
        blank[str(term)] = term
    return term.n3()


def run_turbo(data: Graph | Iterable[Triple], shapes: Graph) -> Graph:
    """The results graph for one data graph (warnings and infos included)."""
    try:
        _conforms, results, _text = _compiled_for(shapes).validate(
            _as_input(data), allow_warnings=True, allow_infos=True)
    except (ReportableRuntimeError, ValidationFailure, ValueError) as exc:
        raise KGError(f"SHACL validation could not run: {exc}") from exc
    return results
