"""Fuzzing what users type and send: catalogue query parameters and ``ekg serve``'s HTTP inputs
(query string, form, body, headers).

A parameter value is bound as a term or refused with a ``QueryError`` (never another exception,
never pasted into the query text); the endpoint answers every request with a status, never a
500 or a dropped connection, and stays up. The strategies mix lone surrogates, NUL, C0/C1
controls, SPARQL punctuation and keywords. Longer run: ``EKG_FUZZ_EXAMPLES=2000``.
"""

from __future__ import annotations

import os
import socket
import threading
from collections.abc import Iterator
from types import SimpleNamespace
from urllib.parse import quote

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.errors import KGError, QueryError, StoreError
from kg.names import resolve_concept
from kg.query import bind_params, list_catalogue
from kg.serve import ServeOptions, make_server
from tests.queries.example_graph import build_example_store

EXAMPLES = int(os.environ.get("EKG_FUZZ_EXAMPLES", "40"))
HOSTILE = ["\ud800", "\udfff", "\x00", "\x01", "\x1b", "\x7f", "\x85", "\u2028", "\ufeff",
           "\ufffe", "\u202e", "\r\n", "\t", "}", "{", "<", ">", '"', "'", "\\", "#", "?x", "$x",
           "%00", "%ZZ", "&", "=", "+", ";", " SERVICE <http://example.org/> { } ",
           "INSERT DATA { <a:b> <a:c> <a:d> }", "LOAD <file:///etc/passwd>", "mesh:D007649",
           "http://example.org/x y", "ketamine", "-1", "1e309", "9" * 40, "2020-13-45"]
hostile_text = st.lists(st.one_of(st.sampled_from(HOSTILE), st.text(max_size=10)),
                        max_size=12).map("".join)
_SETTINGS = settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
                     suppress_health_check=[HealthCheck.too_slow])
WITH_PARAMS = [q for q in list_catalogue() if q.params and q.group in ("select", "construct")]


@pytest.fixture(scope="module")
def example_store() -> object:
    return build_example_store()


@pytest.mark.parametrize("query", WITH_PARAMS, ids=lambda q: q.name)
@_SETTINGS
@given(values=st.lists(hostile_text, min_size=1, max_size=4))
def test_catalogue_parameters_are_bound_as_terms_or_refused(query, values, example_store):
    given_values = {p.name: v for p, v in zip(query.params, values, strict=False)}
    text = query.text
    try:
        bindings = bind_params(query, given_values,
                               names=lambda name: resolve_concept(example_store, name))
    except (QueryError, KGError):
        return
    try:
        example_store.query(query.text, bindings)
    except StoreError:
        pass
    assert query.text == text, "a value changed the query text"


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SimpleNamespace]:
    path = tmp_path_factory.mktemp("fuzz-serve") / "store"
    build_example_store(path).close()
    options = ServeOptions(path, port=0, timeout=5.0, max_rows=100, workers=2, quiet=True)
    server, pool = make_server(options)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    host, port = server.server_address[:2]
    with httpx.Client(base_url=f"http://{host}:{port}", timeout=30) as client:
        yield SimpleNamespace(client=client, address=(host, port))
    server.shutdown()
    server.server_close()
    pool.close()


def _raw_query(pairs: list[tuple[str, str]]) -> str:
    """A query string whose values may be invalid UTF-8 (lone surrogates, as broken clients)."""
    return "&".join(f"{quote(k.encode('utf-8', 'surrogatepass'))}="
                    f"{quote(v.encode('utf-8', 'surrogatepass'))}" for k, v in pairs)


def _answered(response: httpx.Response) -> None:
    assert response.status_code < 500 or response.status_code == 503, response.text[:300]


_NAMES = st.sampled_from(["query", "format", "output", "default-graph-uri", "named-graph-uri",
                          "update", "article", "concept", "x"])
_PATHS = st.sampled_from(["/sparql", *(f"/queries/{q.name}" for q in WITH_PARAMS[:6]),
                          "/queries", "/health", "/static/x", "/"])


@_SETTINGS
@given(path=_PATHS, pairs=st.lists(st.tuples(_NAMES, hostile_text), max_size=4))
def test_query_strings_get_an_answer(endpoint, path, pairs):
    _answered(endpoint.client.get(f"{path}?{_raw_query(pairs)}"))


_MEDIA = st.sampled_from(["application/x-www-form-urlencoded", "application/sparql-query",
                          "application/sparql-update", "text/plain", "",
                          "application/x-www-form-urlencoded; charset=latin-1"])


@_SETTINGS
@given(media=_MEDIA, pairs=st.lists(st.tuples(_NAMES, hostile_text), max_size=4),
       raw=st.binary(max_size=300), use_raw=st.booleans())
def test_post_forms_and_bodies_get_an_answer(endpoint, media, pairs, raw, use_raw):
    body = raw if use_raw else _raw_query(pairs).encode()
    _answered(endpoint.client.post("/sparql", content=body, headers={"Content-Type": media}))


_HEADER_VALUE = st.text(st.characters(min_codepoint=0x20, max_codepoint=0xFF,
                                      blacklist_characters="\x7f"), max_size=60)


@_SETTINGS
@given(accept=_HEADER_VALUE, host=st.sampled_from(["127.0.0.1", "localhost", "evil.example", ""]),
       extra=st.lists(st.tuples(st.text("abcdefghij-", min_size=1, max_size=12), _HEADER_VALUE),
                      max_size=3),
       length=st.sampled_from([None, "-1", "abc", "99999999999", "0", "5"]))
def test_raw_headers_get_an_answer(endpoint, accept, host, extra, length):
    """Headers straight onto the socket (no client library to tidy them)."""
    lines = [f"POST /sparql?query={quote('ASK {}')} HTTP/1.1", f"Host: {host}",
             f"Accept: {accept}", "Content-Type: application/x-www-form-urlencoded",
             *(f"{k}: {v}" for k, v in extra)]
    if length is not None:
        lines.append(f"Content-Length: {length}")
    request = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")
    with socket.create_connection(endpoint.address, timeout=30) as sock:
        sock.sendall(request)
        sock.shutdown(socket.SHUT_WR)
        status = sock.recv(64).split(b" ", 2)
    assert status[0].startswith(b"HTTP/1."), status
    assert int(status[1]) < 500 or int(status[1]) == 503, status


def test_the_server_is_up_after_the_fuzzing(endpoint):
    assert endpoint.client.get("/health").json()["status"] == "ok"
