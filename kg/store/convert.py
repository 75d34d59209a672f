"""Term conversion between rdflib and pyoxigraph, the only place that knows both term models."""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import RDF, XSD
from rdflib.term import Node

from kg.errors import StoreError

__all__ = ["from_ox", "from_ox_quad", "to_ox", "to_ox_quad"]

_STRING = XSD.string
_LANG = RDF.langString


_NAMED: dict[str, ox.NamedNode] = {}
_NAMED_LIMIT = 20_000
"""Most IRIs of a record are its own (article, evidence, authorship): the cache is emptied when
full, so memory stays flat over any number of records and the IRIs that do repeat (predicates,
classes, concepts) are back in it at once."""


def to_ox(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """The pyoxigraph term of an rdflib term; StoreError (never a bare ValueError) when
    Oxigraph refuses it, e.g. a literal holding a lone surrogate, so one bad record is
    rejected by the caller instead of ending the whole batch."""
    try:
        return _to_ox(term)
    except (ValueError, TypeError) as exc:
        raise StoreError(f"cannot store the term {str(term)[:80]!r}: {exc}") from exc


def _to_ox(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    kind = type(term)
    if kind is URIRef:
        return _named(term)  # type: ignore[arg-type]
    if kind is Literal:
        return _literal(term)  # type: ignore[arg-type]
    if isinstance(term, URIRef):
        return _named(term)
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        return _literal(term)
    raise TypeError(f"cannot store term {term!r}")


def _named(term: URIRef) -> ox.NamedNode:
    """Predicates, classes and controlled values repeat in every graph: convert them once."""
    named = _NAMED.get(term)
    if named is None:
        named = ox.NamedNode(str(term))
        if len(_NAMED) >= _NAMED_LIMIT:
            _NAMED.clear()
        _NAMED[term] = named
    return named


def _literal(term: Literal) -> ox.Literal:
    # The slots behind ``language`` and ``datatype``: a literal in every third quad, and the
    # properties cost more than the lookups.
    language, datatype = term._language, term._datatype
    if language:
        return ox.Literal(str(term), language=language)
    if datatype and datatype != _STRING:
        return ox.Literal(str(term), datatype=_named(datatype))
    return ox.Literal(str(term))


def from_ox(term: object) -> Node | None:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype in (str(_STRING), str(_LANG)):
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(datatype), normalize=False)
    raise TypeError(f"unexpected term {term!r}")


def to_ox_quad(s: Node, p: Node, o: Node, g: Node) -> ox.Quad:
    return ox.Quad(to_ox(s), to_ox(p), to_ox(o), to_ox(g))  # type: ignore[arg-type]


def from_ox_quad(q: ox.Quad) -> tuple[Node, Node, Node, Node]:
    return (from_ox(q.subject), from_ox(q.predicate), from_ox(q.object),  # type: ignore[return-value]
            from_ox(q.graph_name))
