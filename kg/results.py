"""Formatting query results for people (a table) and programs (CSV, TSV, SPARQL JSON)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node
from rich.table import Table

from kg.store.base import QueryResult

__all__ = ["FORMATTERS", "format_result", "rich_table", "sparql_json", "term_text"]


def term_text(term: Node | None) -> str:
    """A term as plain text: IRI or lexical form; empty for an unbound variable."""
    return "" if term is None else str(term)


def _json_term(term: Node) -> dict[str, str]:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    out = {"type": "literal", "value": str(term)}
    if isinstance(term, Literal) and term.language:
        out["xml:lang"] = term.language
    elif isinstance(term, Literal) and term.datatype:
        out["datatype"] = str(term.datatype)
    return out


def sparql_json(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results JSON."""
    if result.kind == "ask":
        return json.dumps({"head": {}, "boolean": bool(result.boolean)})
    bindings = [{v: _json_term(t) for v, t in zip(result.variables, row, strict=True)
                 if t is not None} for row in result.rows]
    return json.dumps({"head": {"vars": result.variables},
                       "results": {"bindings": bindings}}, ensure_ascii=False, indent=1)


def _delimited(result: QueryResult, delimiter: str) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\n")
    writer.writerow(result.variables)
    for row in result.rows:
        writer.writerow([term_text(t) for t in row])
    return buf.getvalue()


def rich_table(result: QueryResult, title: str = "") -> Table:
    table = Table(title=title or None)
    for v in result.variables:
        table.add_column(v, overflow="fold")
    for row in result.rows:
        table.add_row(*(term_text(t) for t in row))
    return table


FORMATTERS: dict[str, Callable[[QueryResult], str]] = {
    "csv": lambda r: _delimited(r, ","),
    "tsv": lambda r: _delimited(r, "\t"),
    "json": sparql_json,
}


def format_result(result: QueryResult, fmt: str) -> str:
    try:
        return FORMATTERS[fmt](result)
    except KeyError:
        raise ValueError(f"unknown result format {fmt!r}; known: {', '.join(FORMATTERS)}") from None
