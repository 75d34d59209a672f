"""Routes of ``ekg serve``: the SPARQL 1.1 Protocol (read-only), saved queries, health, page.

- ``GET /sparql?query=…`` and ``POST /sparql`` (form-encoded ``query=…``, or a direct
  ``application/sparql-query`` body), with ``default-graph-uri`` / ``named-graph-uri``;
  updates are answered ``403``. The result format follows ``Accept`` (or ``format=``).
- ``GET /queries``: the catalogue as JSON; ``GET /queries/select/article-card?article=…``
  runs a saved query with its parameters bound by type (never pasted into the text).
- ``GET /health``: a worker answers ``ASK {}`` within two seconds.
- ``GET /``: the query page.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler
from urllib.parse import parse_qs, urlsplit

from rdflib import URIRef

from kg import __version__
from kg.errors import QueryError, UnsafeIRIError
from kg.negotiation import GRAPH_FORMAT_NAMES
from kg.query import bind_params, list_catalogue, load_query
from kg.rdf.iris import check_iri
from kg.readonly import check_read_only
from kg.results import FORMATTERS, MEDIA_TYPES
from kg.serve import QueryAnswer, QueryJob, ServeOptions, WorkerPool
from kg.web import STATIC_DIR, STATIC_FILES

__all__ = ["catalogue_json", "make_handler"]

_PAGE_POLICY = ("default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
                "img-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
_LOOPBACK = {"127.0.0.1", "localhost", "::1"}
_ANY = {"0.0.0.0", "::"}
_PUBLIC_GROUPS = ("select", "construct", "qc")


def catalogue_json() -> list[dict[str, object]]:
    """The public catalogue (no updates, no internal plumbing) for the page and for programs."""
    return [{
        "name": q.name, "group": q.group, "title": q.title, "description": q.description,
        "columns": list(q.columns), "url": f"/queries/{q.name}", "text": q.text,
        "params": [{"name": p.name, "type": p.type, "required": p.required, "default": p.default,
                    "example": p.example, "description": p.description} for p in q.params],
    } for q in list_catalogue() if q.group in _PUBLIC_GROUPS]


def _host_name(header: str) -> str:
    host = header.strip().lower()
    if host.startswith("["):
        return host[1:].split("]", 1)[0]
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


class _Handler(BaseHTTPRequestHandler):
    pool: WorkerPool
    options: ServeOptions
    server_version = f"evidence-kg/{__version__}"
    timeout = 30  # seconds a client may take to send its request
    protocol_version = "HTTP/1.1"
    # Headers and body leave in two writes; with Nagle's algorithm and a client's delayed ACK
    # that costs ~40 ms per keep-alive request (measured), so send at once.
    disable_nagle_algorithm = True

    def log_message(self, format: str, *args: object) -> None:
        if not self.options.quiet:
            super().log_message(format, *args)

    # --- plumbing --------------------------------------------------------------------------------
    def _send(self, status: int, media: str, body: bytes, headers: dict[str, str] | None = None,
              ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", media)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("Cache-Control", "no-store")
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        if self.close_connection:  # an unread body: tell the client not to reuse the socket
            self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _text(self, status: int, message: str) -> None:
        self._send(status, "text/plain; charset=utf-8", (message + "\n").encode())

    def _json(self, data: object, status: int = 200) -> None:
        body = json.dumps(data, ensure_ascii=False, indent=1).encode()
        self._send(status, "application/json; charset=utf-8", body)

    def handle(self) -> None:
        """Serve the connection; a client that hangs up early is one log line, not a traceback."""
        try:
            super().handle()
        except (BrokenPipeError, ConnectionResetError, TimeoutError) as exc:
            self.close_connection = True
            self.log_message("client went away before the answer was sent (%s)",
                             type(exc).__name__)

    def _answer(self, answer: QueryAnswer) -> None:
        headers = {"X-EKG-Rows": str(answer.rows), "X-EKG-Data-Opened": answer.opened}
        if answer.truncated:
            headers["X-EKG-Truncated"] = f"true; max-rows={self.options.max_rows}"
        self._send(answer.status, answer.media_type, answer.body, headers)

    def _host_ok(self) -> bool:
        """Only requests addressed to this server: a page elsewhere cannot reach it through a
        DNS name rebound to loopback. Listening on all interfaces (0.0.0.0) accepts any host."""
        allowed = _LOOPBACK | {self.options.host.lower()}
        if self.options.host in _ANY or _host_name(self.headers.get("Host", "")) in allowed:
            return True
        self._text(403, "unexpected Host header")
        return False

    def _read_body(self) -> bytes | None:
        length = self.headers.get("Content-Length")
        if length is None or not length.isdigit():
            self.close_connection = True  # the unread body must not be taken for a request
            self._text(411, "a POST needs a Content-Length")
            return None
        if int(length) > self.options.max_body:
            self.close_connection = True
            self._text(413, f"request body larger than {self.options.max_body} bytes")
            return None
        return self.rfile.read(int(length))

    # --- methods ---------------------------------------------------------------------------------
    def do_GET(self) -> None:
        if not self._host_ok():
            return
        url = urlsplit(self.path)
        args = parse_qs(url.query, keep_blank_values=True)
        route = _ROUTES.get(url.path)
        if route is not None:
            route(self, args)
        elif url.path.startswith("/queries/"):
            self._saved_query(url.path.removeprefix("/queries/"), args)
        elif url.path.startswith("/static/"):
            self._static(url.path.removeprefix("/static/"))
        else:
            self._text(404, f"no such route: {url.path}")

    do_HEAD = do_GET

    def do_POST(self) -> None:
        if not self._host_ok():
            return
        url = urlsplit(self.path)
        if url.path != "/sparql":
            self.close_connection = True
            self._send(405, "text/plain; charset=utf-8", b"only /sparql takes POST\n",
                       {"Allow": "GET, HEAD"})
            return
        body = self._read_body()
        if body is None:
            return
        args = parse_qs(url.query, keep_blank_values=True)
        media = self.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if media == "application/x-www-form-urlencoded":
            args.update(parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True))
        elif media == "application/sparql-query":
            args["query"] = [body.decode("utf-8", "replace")]
        elif media == "application/sparql-update":
            args["update"] = [""]
        else:
            self._text(415, "POST wants application/x-www-form-urlencoded or "
                            "application/sparql-query")
            return
        self._sparql(args)

    def do_PUT(self) -> None:
        self.close_connection = True  # the body is not read
        self._send(405, "text/plain; charset=utf-8", b"this endpoint is read-only\n",
                   {"Allow": "GET, HEAD, POST"})

    do_DELETE = do_PATCH = do_PUT

    # --- routes ----------------------------------------------------------------------------------
    def _sparql(self, args: dict[str, list[str]]) -> None:
        if "update" in args:
            self._text(403, "this endpoint is read-only: updates are not accepted")
            return
        texts = args.get("query", [])
        if len(texts) != 1:
            self._text(400, "give exactly one 'query' parameter")
            return
        try:
            check_read_only(texts[0])
            graphs = tuple(check_iri(g) for g in args.get("default-graph-uri", []))
            named = tuple(check_iri(g) for g in args.get("named-graph-uri", []))
        except QueryError as exc:
            self._text(403 if "not allowed" in str(exc) else 400, str(exc))
            return
        except UnsafeIRIError as exc:
            self._text(400, str(exc))
            return
        job = QueryJob(texts[0], {}, self.headers.get("Accept"), _format(args),
                       tuple(map(str, graphs)), tuple(map(str, named)))
        self._answer(self.pool.run(job))

    def _saved_query(self, name: str, args: dict[str, list[str]]) -> None:
        public = {q["name"] for q in catalogue_json()}
        if name not in public:
            self._text(404, f"no saved query named {name!r} (see /queries)")
            return
        fmt = _format(args)
        given = {k: v[-1] for k, v in args.items() if k not in ("format", "output")}
        lookups: dict[str, str] = {}

        def later(text: str) -> URIRef:
            """A concept given by name: looked up by the worker, which holds the store."""
            placeholder = URIRef(f"urn:evidence-kg:name:{len(lookups)}")
            lookups[str(placeholder)] = text
            return placeholder

        try:
            q = load_query(name)
            bindings = bind_params(q, {k: v for k, v in given.items() if v != ""}, later)
        except QueryError as exc:
            self._text(400, str(exc))
            return
        self._answer(self.pool.run(QueryJob(q.text, bindings, self.headers.get("Accept"), fmt,
                                            names=tuple(lookups.items()))))

    def _static(self, name: str) -> None:
        if name not in STATIC_FILES:
            self._text(404, "no such file")
            return
        headers = {"Content-Security-Policy": _PAGE_POLICY} if name.endswith(".html") else {}
        self._send(200, STATIC_FILES[name], (STATIC_DIR / name).read_bytes(), headers)


def _format(args: dict[str, list[str]]) -> str | None:
    """The ``format`` (or ``output``) parameter many SPARQL clients send, as a format name or a
    media type; anything else is ignored and the ``Accept`` header decides."""
    values = args.get("format") or args.get("output")
    if not values:
        return None
    value = values[-1].strip().lower()
    by_media = {media: fmt for fmt, media in MEDIA_TYPES.items()}
    if value in FORMATTERS or value in GRAPH_FORMAT_NAMES:
        return value
    return by_media.get(value.split(";")[0].strip())


def _page(handler: _Handler, args: dict[str, list[str]]) -> None:
    handler._static("index.html")


def _health(handler: _Handler, args: dict[str, list[str]]) -> None:
    answer = handler.pool.run(QueryJob("ASK {}", fmt="json"), timeout=2.0)
    status = "ok" if answer.status == 200 else "unavailable"
    handler._json({"status": status, "version": __version__, "store": str(handler.options.store),
                   "data_opened": answer.opened, "data_refresh": "reopened when the store changes",
                   "timeout_s": handler.options.timeout, "max_rows": handler.options.max_rows},
                  200 if status == "ok" else 503)


def _catalogue(handler: _Handler, args: dict[str, list[str]]) -> None:
    handler._json(catalogue_json())


def _sparql_get(handler: _Handler, args: dict[str, list[str]]) -> None:
    handler._sparql(args)


_ROUTES: dict[str, Callable[[_Handler, dict[str, list[str]]], None]] = {
    "/": _page, "/index.html": _page, "/health": _health, "/queries": _catalogue,
    "/sparql": _sparql_get,
}


def make_handler(pool: WorkerPool, options: ServeOptions) -> type[BaseHTTPRequestHandler]:
    """A handler class bound to this pool and these limits."""
    return type("EvidenceKGHandler", (_Handler,), {"pool": pool, "options": options})
