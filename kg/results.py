"""Formatting query results for people (a table) and programs (the standard result formats).

SELECT and ASK results are written in the four SPARQL 1.1 result formats (JSON, XML, CSV, TSV);
CONSTRUCT and DESCRIBE results as Turtle, N-Triples, N-Quads, RDF/XML or JSON-LD. The command
line and the HTTP endpoint both format through this module, so a query gives the same bytes
either way; which format a client asked for is :mod:`kg.negotiation`'s question.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from xml.sax.saxutils import escape, quoteattr

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node
from rich.console import Console
from rich.table import Table

from kg.rdf.namespaces import EKGR, PREFIXES, bind_prefixes
from kg.store.base import QueryResult

__all__ = [
    "FORMATTERS",
    "GRAPH_FORMATS",
    "MEDIA_TYPES",
    "RESULT_FORMATS",
    "as_rows",
    "format_result",
    "rich_table",
    "sparql_csv",
    "sparql_json",
    "sparql_tsv",
    "sparql_xml",
    "term_text",
]

RESULT_FORMATS = ("json", "xml", "csv", "tsv")
"""Formats for SELECT and ASK results (SPARQL 1.1 Query Results)."""
GRAPH_FORMATS = ("turtle", "nt", "nquads", "rdfxml", "jsonld")
"""Formats for CONSTRUCT and DESCRIBE results (RDF)."""
MEDIA_TYPES: dict[str, str] = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "turtle": "text/turtle",
    "nt": "application/n-triples",
    "nquads": "application/n-quads",
    "rdfxml": "application/rdf+xml",
    "jsonld": "application/ld+json",
    "table": "text/plain",
}
_SRX = "http://www.w3.org/2005/sparql-results#"


def term_text(term: Node | None) -> str:
    """A term as plain text: IRI or lexical form; empty for an unbound variable."""
    return "" if term is None else str(term)


def as_rows(result: QueryResult) -> QueryResult:
    """A CONSTRUCT result as a three-column table (subject, predicate, object); others as is."""
    if result.kind != "construct":
        return result
    return QueryResult(kind="select", variables=["subject", "predicate", "object"],
                       rows=[tuple(t) for t in result.triples])


def _json_term(term: Node) -> dict[str, str]:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    out = {"type": "literal", "value": str(term)}
    if isinstance(term, Literal) and term.language:
        out["xml:lang"] = term.language
    elif isinstance(term, Literal) and term.datatype and term.datatype != XSD.string:
        out["datatype"] = str(term.datatype)
    return out


def sparql_json(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results JSON."""
    if result.kind == "ask":
        return json.dumps({"head": {}, "boolean": bool(result.boolean)})
    result = as_rows(result)
    bindings = [{v: _json_term(t) for v, t in zip(result.variables, row, strict=True)
                 if t is not None} for row in result.rows]
    return json.dumps({"head": {"vars": result.variables},
                       "results": {"bindings": bindings}}, ensure_ascii=False)


def _xml_text(text: str) -> str:
    """XML 1.0 cannot carry most control characters at all: they become U+FFFD. A carriage
    return is written as a character reference, which XML parsers do not normalise to LF."""
    clean = "".join(c if c in "\t\n\r" or ord(c) >= 0x20 else "\ufffd" for c in text)
    clean = clean.replace("\ufffe", "\ufffd").replace("\uffff", "\ufffd")
    return escape(clean).replace("\r", "&#13;")


def _xml_term(term: Node) -> str:
    if isinstance(term, URIRef):
        return f"<uri>{_xml_text(str(term))}</uri>"
    if isinstance(term, BNode):
        return f"<bnode>{_xml_text(str(term))}</bnode>"
    attr = ""
    if isinstance(term, Literal) and term.language:
        attr = f" xml:lang={quoteattr(term.language)}"
    elif isinstance(term, Literal) and term.datatype and term.datatype != XSD.string:
        attr = f" datatype={quoteattr(str(term.datatype))}"
    return f"<literal{attr}>{_xml_text(str(term))}</literal>"


def sparql_xml(result: QueryResult) -> str:
    """SPARQL Query Results XML Format (second edition)."""
    out = ['<?xml version="1.0" encoding="UTF-8"?>', f'<sparql xmlns="{_SRX}">']
    if result.kind == "ask":
        out += ["<head/>", f"<boolean>{'true' if result.boolean else 'false'}</boolean>",
                "</sparql>"]
        return "\n".join(out) + "\n"
    result = as_rows(result)
    out.append("<head>" + "".join(f"<variable name={quoteattr(v)}/>"
                                  for v in result.variables) + "</head>")
    out.append("<results>")
    for row in result.rows:
        cells = "".join(f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>"
                        for v, t in zip(result.variables, row, strict=True) if t is not None)
        out.append(f"<result>{cells}</result>")
    out += ["</results>", "</sparql>"]
    return "\n".join(out) + "\n"


def sparql_csv(result: QueryResult) -> str:
    """SPARQL 1.1 CSV: plain values (IRIs without brackets), CRLF line ends as in RFC 4180."""
    result = _ask_as_rows(as_rows(result))
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(result.variables)
    for row in result.rows:
        writer.writerow([term_text(t) for t in row])
    return buf.getvalue()


def _tsv_term(term: Node | None) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, BNode):
        return f"_:{term}"
    text = (str(term).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
            .replace("\r", "\\r").replace("\t", "\\t"))
    if isinstance(term, Literal) and term.language:
        return f'"{text}"@{term.language}'
    if isinstance(term, Literal) and term.datatype and term.datatype != XSD.string:
        return f'"{text}"^^<{term.datatype}>'
    return f'"{text}"'


def sparql_tsv(result: QueryResult) -> str:
    """SPARQL 1.1 TSV: ``?var`` header, terms in N-Triples syntax, tabs and newlines escaped."""
    result = _ask_as_rows(as_rows(result))
    lines = ["\t".join(f"?{v}" for v in result.variables)]
    lines += ["\t".join(_tsv_term(t) for t in row) for row in result.rows]
    return "\n".join(lines) + "\n"


def _ask_as_rows(result: QueryResult) -> QueryResult:
    """CSV and TSV have no boolean form: an ASK answer becomes one ``boolean`` column."""
    if result.kind != "ask":
        return result
    return QueryResult(kind="select", variables=["boolean"],
                       rows=[(Literal(bool(result.boolean)),)])


def _graph(result: QueryResult) -> Graph:
    if result.kind != "construct":
        raise ValueError("Turtle, N-Triples and JSON-LD are for CONSTRUCT/DESCRIBE results; "
                         f"use one of {', '.join(RESULT_FORMATS)}")
    g = Graph()
    bind_prefixes(g)
    for triple in result.triples:
        g.add(triple)
    return g


def _jsonld(result: QueryResult) -> str:
    context = {prefix: str(ns) for prefix, ns in PREFIXES.items()}
    return _graph(result).serialize(format="json-ld", context=context, auto_compact=True)


def rich_table(result: QueryResult, title: str = "") -> Table:
    """A table for the terminal (CONSTRUCT results as subject / predicate / object)."""
    result = _ask_as_rows(as_rows(result))
    table = Table(title=title or None)
    for v in result.variables:
        table.add_column(v, overflow="fold")
    for row in result.rows:
        table.add_row(*(_display(t) for t in row))
    return table


_DISPLAY_PREFIXES = sorted(
    [*((k, str(v)) for k, v in PREFIXES.items() if k not in ("ekgr",)),
     ("concept", f"{EKGR}concept/"), ("doi", "https://doi.org/"),
     ("pmid", "https://pubmed.ncbi.nlm.nih.gov/")],
    key=lambda kv: -len(kv[1]))


def _display(term: Node | None) -> str:
    """IRIs shortened to CURIEs for people (``mesh:D007649``); machine formats keep full IRIs."""
    if isinstance(term, URIRef):
        text = str(term)
        for prefix, ns in _DISPLAY_PREFIXES:
            if text.startswith(ns) and len(text) > len(ns):
                return f"{prefix}:{text[len(ns):]}"
    return term_text(term)


def _plain_table(result: QueryResult) -> str:
    console = Console(file=io.StringIO(), width=200, color_system=None)
    console.print(rich_table(result))
    return console.file.getvalue()  # type: ignore[attr-defined]


FORMATTERS: dict[str, Callable[[QueryResult], str]] = {
    "json": sparql_json,
    "xml": sparql_xml,
    "csv": sparql_csv,
    "tsv": sparql_tsv,
    "turtle": lambda r: _graph(r).serialize(format="turtle"),
    "nt": lambda r: _graph(r).serialize(format="nt"),
    "nquads": lambda r: _graph(r).serialize(format="nt"),  # default-graph triples: valid N-Quads
    "rdfxml": lambda r: _graph(r).serialize(format="xml"),
    "jsonld": _jsonld,
    "table": _plain_table,
}


def format_result(result: QueryResult, fmt: str) -> str:
    """``result`` in format ``fmt`` (a key of :data:`FORMATTERS`); ValueError if it cannot be."""
    try:
        formatter = FORMATTERS[fmt]
    except KeyError:
        raise ValueError(f"unknown result format {fmt!r}; known: {', '.join(FORMATTERS)}") from None
    return formatter(result)
