"""Is a SPARQL text a read-only query? Checked before any query reaches an engine.

``ekg query`` (catalogue, ``.rq`` files, ``-e`` and standard input) and the public endpoint
both refuse updates, ``LOAD`` and ``SERVICE`` here: pyoxigraph and rdflib evaluate ``SERVICE``
by fetching over HTTP, so a query service that passed it on would reach the network.
"""

from __future__ import annotations

import re

from kg.errors import QueryError

__all__ = ["check_read_only", "query_form"]

# A lexer after the SPARQL 1.1 grammar's terminals: IRIs (with \u escapes, which Oxigraph
# accepts inside IRIs), the four string forms and comments are skipped left to right, so a keyword
# is only seen where the parser would see one. SERVICE inside a literal does not count; the word
# SERVICE used as a keyword anywhere else does, as do the update operations.
_SKIP = re.compile(r"""
    <(?:[^<>"{}|^`\\\x00-\x20]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*>
  | "\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
  | '''(?:[^'\\]|\\.|'(?!''))*'''
  | "(?:[^"\\\n\r]|\\.)*"
  | '(?:[^'\\\n\r]|\\.)*'
  | \#[^\n\r]*
""", re.VERBOSE | re.DOTALL)
_KEYWORD = re.compile(
    r"(?<![\w:?$.@\-])(SELECT|ASK|CONSTRUCT|DESCRIBE|SERVICE|INSERT|DELETE|LOAD|CLEAR|CREATE|DROP"
    r"|COPY|MOVE|ADD|WITH)(?![\w:\-])", re.IGNORECASE)
_FORMS = {"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"}
_UCHAR = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def _keywords(text: str) -> list[str]:
    return [k.upper() for k in _KEYWORD.findall(_SKIP.sub(" ", text))]


def _unescape(text: str) -> str:
    def char(m: re.Match[str]) -> str:
        code = int(m[1] or m[2], 16)
        return chr(code) if code < 0x110000 else " "
    return _UCHAR.sub(char, text)


def query_form(text: str) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: the first query-form keyword (QueryError if none)."""
    for word in _keywords(text):
        if word in _FORMS:
            return word
        if word != "SERVICE":
            raise QueryError(f"updates ({word} …) are not allowed here: this is a query service")
        break
    raise QueryError("not a SPARQL query (SELECT, ASK, CONSTRUCT or DESCRIBE)")


def check_read_only(text: str) -> str:
    """Refuse updates, LOAD and SERVICE; return the query form.

    Used by the public endpoint before a query reaches the engine (pyoxigraph evaluates SERVICE
    by fetching over HTTP) and by ``ekg query``. The text is also checked with ``\\u`` escapes
    decoded, so an escaped keyword is refused even though Oxigraph would not decode it there.
    """
    form = query_form(text)
    for variant in (text, _unescape(text)):
        words = set(_keywords(variant))
        if "SERVICE" in words:
            raise QueryError("SERVICE (federated query) is not allowed here")
        if words - _FORMS:
            raise QueryError("updates (INSERT, DELETE, LOAD, CLEAR …) are not allowed here")
    return form
