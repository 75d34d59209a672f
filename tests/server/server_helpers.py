"""Helpers shared by the real-server push tests."""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import Graph, Literal

from kg.store.oxigraph import OxigraphStore

__all__ = ["NASTY", "normalised", "with_nasty_graph"]

NASTY = ["nul \x00 here", "cr \r lf \n crlf \r\n", "quote \" ' \"\"\" '''", "back \\ slash \\u0041",
         "rtl \u200f\u202e emoji 😀 👩‍⚕️", "ls \u2028 bom \ufeff", "} ; DROP ALL ; {"]


def with_nasty_graph(store: OxigraphStore) -> OxigraphStore:
    graph = ox.NamedNode("https://w3id.org/evidence-kg/id/graph/nasty")
    subject = ox.NamedNode("https://example.org/nasty")
    for i, text in enumerate(NASTY):
        pred = ox.NamedNode(f"https://example.org/p{i}")
        store.native.add(ox.Quad(subject, pred, ox.Literal(text), graph))
        store.native.add(ox.Quad(subject, pred, ox.Literal(text, language="ar-eg"), graph))
    return store


def normalised(triples) -> Graph:
    """Servers normalise lexical forms; compare by isomorphism on rdflib's normal form."""
    out = Graph()
    for s, p, o in triples:
        if isinstance(o, Literal):
            o = Literal(str(o), lang=o.language, datatype=o.datatype)
        out.add((s, p, o))
    return out
