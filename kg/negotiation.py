"""Which format a client asked for, and how a result cut at the row limit says so.

Clients name formats loosely: by ``Accept`` header (with q-values and wildcards), by a
``format=``/``output=`` parameter holding a short name or a media type, and with names that
depend on the kind of result (SPARQLWrapper sends ``format=xml`` for a CONSTRUCT and expects
RDF/XML back). The endpoint and ``ekg query`` read them all here; :mod:`kg.results` writes.
"""

from __future__ import annotations

import json

from kg.results import GRAPH_FORMATS, MEDIA_TYPES, RESULT_FORMATS

__all__ = ["GRAPH_FORMAT_NAMES", "format_for", "mark_truncated", "negotiate"]

_ALIASES = {"application/json": "json", "application/xml": "xml", "text/xml": "xml",
            "text/plain": "nt", "application/x-turtle": "turtle", "text/n3": "turtle",
            "application/n3": "turtle"}
GRAPH_FORMAT_NAMES = {"xml": "rdfxml", "json": "jsonld", "rdf": "rdfxml", "ttl": "turtle",
                      "ntriples": "nt", "n-triples": "nt", "n-quads": "nquads",
                      "json-ld": "jsonld"}
"""What clients call the graph formats (SPARQLWrapper: ``xml`` means RDF/XML for a CONSTRUCT)."""


def _accepted(accept: str) -> list[tuple[float, int, str]]:
    ranked = []
    for index, part in enumerate(accept.split(",")):
        media, *params = (p.strip() for p in part.split(";"))
        q = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if media and q > 0:
            ranked.append((-q, index, media.lower()))
    return sorted(ranked)


def format_for(fmt: str, kind: str) -> str:
    """The format ``fmt`` means for a ``kind`` result: ``xml`` and ``json`` name RDF/XML and
    JSON-LD for a CONSTRUCT or DESCRIBE; other names are returned as given."""
    if kind == "construct":
        return GRAPH_FORMAT_NAMES.get(fmt, fmt)
    return fmt


def negotiate(accept: str | None, kind: str) -> str | None:
    """The format to answer a request with ``Accept: accept`` for a ``kind`` result.

    ``kind`` is ``select``, ``ask`` or ``construct``; None when nothing acceptable is offered
    (the endpoint answers 406). A missing header or ``*/*`` gets SPARQL JSON or Turtle.
    """
    offered = GRAPH_FORMATS if kind == "construct" else RESULT_FORMATS
    by_media = {MEDIA_TYPES[f]: f for f in offered}
    for _q, _i, media in _accepted(accept or "*/*"):
        fmt = by_media.get(media) or format_for(_ALIASES.get(media, ""), kind)
        if fmt in offered:
            return fmt
        if media in ("*/*", "application/*", "text/*"):
            return offered[0] if media != "text/*" else ("csv" if kind != "construct"
                                                         else "turtle")
    return None


_COMMENT_LINE = {"csv": "\r\n", "turtle": "\n", "nt": "\n", "nquads": "\n"}


def mark_truncated(body: str, fmt: str, max_rows: int) -> str | None:
    """``body`` with a note, in the format's own syntax, that only the first ``max_rows`` rows
    (or triples) are there: a ``truncated`` member in JSON (before ``results``, where strict
    parsers accept it), a ``<link>`` in XML results, a final ``#`` comment line in CSV, Turtle,
    N-Triples and N-Quads, a comment in RDF/XML. None for TSV, whose parsers allow no note: the
    endpoint then answers 413 with the row limit instead."""
    note = f"truncated: only the first {max_rows} rows of a longer result (max-rows {max_rows})"
    if fmt in _COMMENT_LINE:
        end = _COMMENT_LINE[fmt]
        return f"{body if body.endswith(end) else body + end}# {note}{end}"
    member = json.dumps({"maxRows": max_rows, "note": note})
    if fmt == "json" and ', "results": ' in body:
        return body.replace(', "results": ', f', "truncated": {member}, "results": ', 1)
    if fmt == "jsonld" and body.rstrip().endswith("}"):
        return body.rstrip()[:-1] + f', "truncated": {member}}}'
    if fmt == "xml":
        link = f'<link href="urn:evidence-kg:truncated:max-rows={max_rows}"/>'
        body = body.replace("</head>", f"{link}</head>", 1)
        return body.replace("</sparql>", f"<!-- {note} -->\n</sparql>", 1)
    if fmt == "rdfxml":
        return body.rstrip() + f"\n<!-- {note} -->\n"
    return None
