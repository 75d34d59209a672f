"""Compact JSON-LD under the published context (``ontology/context.jsonld``), graph by graph.

The context is simple (prefixes, and terms with ``@id`` or datatype coercion), so compaction is
a table lookup per property rather than the general algorithm: each value goes under the term
whose coercion fits it, else under the property's compact IRI with an explicit value object. It
is written here rather than taken from rdflib's serialiser, which drops an empty string when a
property has several values, and it reads Oxigraph terms directly, one named graph at a time.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from itertools import chain
from typing import IO, Any

import pyoxigraph as ox

__all__ = ["Compactor", "write_jsonld"]

_ID = "@id"
_STRING = "http://www.w3.org/2001/XMLSchema#string"
_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
Node = ox.NamedNode | ox.BlankNode


class Compactor:
    """Turns the triples of one graph into node objects under a context."""

    def __init__(self, context: dict[str, Any]) -> None:
        self.prefixes = sorted(((v, k) for k, v in context.items() if isinstance(v, str)
                                and v.endswith(("/", "#"))), key=lambda p: -len(p[0]))
        aliases = {v: k for k, v in context.items() if v in ("@id", "@type")}
        self.id_key, self.type_key = aliases.get("@id", "@id"), aliases.get("@type", "@type")
        self.terms: dict[tuple[str, str | None], str] = {}
        for name, definition in context.items():
            if name.startswith("@") or name in aliases.values():
                continue
            iri, coercion = self._definition(definition)
            if iri and not iri.endswith(("/", "#")):
                self.terms[(iri, coercion)] = name

    def _definition(self, definition: object) -> tuple[str | None, str | None]:
        if isinstance(definition, str):
            return self._expand(definition), None
        if isinstance(definition, dict) and "@id" in definition:
            kind = definition.get("@type")
            return self._expand(definition["@id"]), kind if kind == _ID else (
                self._expand(kind) if kind else None)
        return None, None

    def _expand(self, value: str) -> str:
        prefix, sep, local = value.partition(":")
        for iri, name in self.prefixes:
            if sep and name == prefix:
                return iri + local
        return value

    def iri(self, node: Node) -> str:
        """A compact IRI when a prefix fits (longest first), else the IRI; ``_:`` for blanks."""
        if isinstance(node, ox.BlankNode):
            return f"_:{node.value}"
        value = node.value
        for iri, name in self.prefixes:
            if value.startswith(iri) and len(value) > len(iri) and not value[len(iri):
                                                                             ].startswith("//"):
                return f"{name}:{value[len(iri):]}"
        return value

    def entry(self, predicate: str, obj: ox.NamedNode | ox.BlankNode | ox.Literal
              ) -> tuple[str, Any]:
        """The key and the JSON value of one triple's predicate and object."""
        if isinstance(obj, ox.Literal):
            return self._literal_entry(predicate, obj)
        term = self.terms.get((predicate, _ID))
        if term:
            return term, self.iri(obj)
        return self._plain_key(predicate), {self.id_key: self.iri(obj)}

    def _literal_entry(self, predicate: str, obj: ox.Literal) -> tuple[str, Any]:
        datatype = obj.datatype.value
        if obj.language:
            return self._plain_key(predicate), {"@value": obj.value, "@language": obj.language}
        if datatype == _STRING:
            term = self.terms.get((predicate, None))
            return (term, obj.value) if term else (
                self._plain_key(predicate), {"@value": obj.value})
        term = self.terms.get((predicate, datatype))
        if term:
            return term, obj.value
        return self._plain_key(predicate), {"@value": obj.value,
                                            self.type_key: self.iri(ox.NamedNode(datatype))}

    def _plain_key(self, predicate: str) -> str:
        """A key without coercion: the plain term of the property, else its compact IRI."""
        return self.terms.get((predicate, None)) or self.iri(ox.NamedNode(predicate))

    def node_objects(self, triples: Iterable[ox.Triple | ox.Quad]) -> list[dict[str, Any]]:
        """Node objects sorted by id; keys and value lists in a stable order."""
        nodes: dict[str, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
        for t in triples:
            node = nodes[self.iri(t.subject)]  # type: ignore[arg-type]
            if t.predicate.value == _RDF_TYPE and not isinstance(t.object, ox.Literal):
                node[self.type_key].append(self.iri(t.object))  # type: ignore[arg-type]
            else:
                key, value = self.entry(t.predicate.value, t.object)  # type: ignore[arg-type]
                node[key].append(value)
        return [self._node(subject, nodes[subject]) for subject in sorted(nodes)]

    def _node(self, subject: str, entries: dict[str, list[Any]]) -> dict[str, Any]:
        out: dict[str, Any] = {self.id_key: subject}
        for key in sorted(entries, key=lambda k: (k != self.type_key, k)):
            values = sorted(entries[key], key=lambda v: json.dumps(v, sort_keys=True))
            out[key] = values[0] if len(values) == 1 else values
        return out


def _items(store: ox.Store, graphs: Sequence[ox.NamedNode | ox.DefaultGraph] | None,
           compactor: Compactor) -> Iterator[dict[str, Any]]:
    names: Iterable[ox.NamedNode | ox.DefaultGraph] = graphs if graphs is not None else chain(
        [ox.DefaultGraph()], sorted(store.named_graphs(), key=str))  # type: ignore[arg-type]
    for name in names:
        nodes = compactor.node_objects(store.quads_for_pattern(None, None, None, name))
        if isinstance(name, ox.DefaultGraph):
            yield from nodes
        elif nodes:
            yield {compactor.id_key: compactor.iri(name), "@graph": nodes}


def write_jsonld(store: ox.Store, out: IO[bytes],
                 graphs: Sequence[ox.NamedNode | ox.DefaultGraph] | None,
                 context: dict[str, Any]) -> None:
    """A JSON-LD document written item by item: the context, then one object per named graph
    (default-graph nodes at the top level), so memory is bounded by the largest graph."""
    compactor = Compactor(context)
    out.write(b'{\n"@context": ' + json.dumps(context, ensure_ascii=False, indent=1).encode())
    out.write(b',\n"@graph": [')
    for i, item in enumerate(_items(store, graphs, compactor)):
        text = json.dumps(item, ensure_ascii=False, indent=1)
        out.write((",\n" if i else "\n").encode() + text.encode("utf-8"))
    out.write(b"\n]\n}\n")
