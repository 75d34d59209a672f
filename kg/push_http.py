"""HTTP plumbing for pushing to a SPARQL server: endpoints, credentials, auth, bounded retries.

Credentials come from the environment (``EKG_PUSH_USER`` / ``EKG_PUSH_PASSWORD``) or ``~/.netrc``
(``$NETRC``), never from the command line or the URL, and never reach a log or an error message:
messages name the method, the endpoint and the status only. The auth scheme follows the server's
challenge, Basic (Fuseki, GraphDB) or Digest (Virtuoso). Transient failures (timeouts, refused
connections, 5xx, 429) are retried with exponential backoff, a bounded number of times.
"""

from __future__ import annotations

import logging
import netrc
import os
import time
from collections.abc import Callable, Generator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx

from kg.errors import KGError

__all__ = [
    "SERVERS",
    "ChallengeAuth",
    "Endpoints",
    "PushError",
    "RetryPolicy",
    "SparqlHttp",
    "find_credentials",
]

log = logging.getLogger("kg.push")


class PushError(KGError, RuntimeError):
    """The server refused a request, or kept failing after the allowed retries."""


@dataclass(frozen=True, slots=True)
class Endpoints:
    """Where a server takes Graph Store requests, updates and queries."""

    gsp: str
    update: str
    query: str
    content_type: str = "application/n-triples"  # what graph bodies are sent as

    @classmethod
    def for_server(cls, url: str, server: str = "oxigraph", **overrides: str | None) -> Endpoints:
        """Endpoints of a known server kind under its base URL, or under the URL of one of its
        endpoints (``http://host:7878/store`` is Oxigraph's Graph Store: its base is the
        server root); explicit overrides win."""
        if urlsplit(url).username or urlsplit(url).password:
            raise PushError("credentials in the URL are refused: use EKG_PUSH_USER and "
                            "EKG_PUSH_PASSWORD, or ~/.netrc")
        if urlsplit(url).scheme not in ("http", "https"):
            raise PushError(f"not an http(s) URL: {url!r}")
        try:
            gsp, update, query, content_type = SERVERS[server]
        except KeyError:
            raise PushError(f"unknown server kind {server!r}; choose one of "
                            f"{', '.join(SERVERS)}") from None
        base = _base_url(url, server)
        made = cls(base + gsp, base + update, base + query, content_type)
        return replace(made, **{k: v for k, v in overrides.items() if v})


# Paths under the base URL: Oxigraph's server root, a Fuseki dataset URL, a Virtuoso server
# root (the authenticated endpoints), a GraphDB repository URL.
SERVERS: dict[str, tuple[str, str, str, str]] = {
    "oxigraph": ("/store", "/update", "/query", "application/n-triples"),
    "fuseki": ("/data", "/update", "/query", "application/n-triples"),
    "virtuoso": ("/sparql-graph-crud-auth", "/sparql-auth", "/sparql-auth", "text/turtle"),
    "graphdb": ("/rdf-graphs/service", "/statements", "", "application/n-triples"),
}


# Endpoint paths a user may give instead of the base URL, per server kind.
_ENDPOINT_PATHS: dict[str, tuple[str, ...]] = {
    "oxigraph": ("/store", "/update", "/query"),
    "fuseki": ("/data", "/update", "/query", "/sparql", "/get"),
    "virtuoso": ("/sparql-graph-crud-auth", "/sparql-graph-crud", "/sparql-auth", "/sparql"),
    "graphdb": ("/rdf-graphs/service", "/statements"),
}


def _base_url(url: str, server: str) -> str:
    """The server's base URL: ``url`` without a trailing slash or a known endpoint path."""
    base = url.split("?", 1)[0].split("#", 1)[0].rstrip("/")
    for path in _ENDPOINT_PATHS.get(server, ()):
        if base.endswith(path) and urlsplit(base).path != "":
            return base[: -len(path)]
    return base


def _netrc_credentials(host: str) -> tuple[str, str] | None:
    path = Path(os.environ.get("NETRC") or Path.home() / ".netrc")
    if not path.is_file():
        return None
    try:
        entry = netrc.netrc(str(path)).authenticators(host)
    except (netrc.NetrcParseError, OSError) as exc:
        raise PushError(f"cannot read {path}: {type(exc).__name__}") from None
    return (entry[0], entry[2] or "") if entry else None


def find_credentials(url: str) -> tuple[str, str] | None:
    """User and password for ``url``: from the environment, else from netrc, else None."""
    user = os.environ.get("EKG_PUSH_USER")
    if user:
        return user, os.environ.get("EKG_PUSH_PASSWORD", "")
    return _netrc_credentials(urlsplit(url).hostname or "")


class ChallengeAuth(httpx.Auth):
    """Basic or Digest, whichever the server asks for in its first 401 challenge."""

    requires_request_body = True

    def __init__(self, user: str, password: str) -> None:
        self._schemes: dict[str, httpx.Auth] = {
            "basic": httpx.BasicAuth(user, password), "digest": httpx.DigestAuth(user, password)}
        self._chosen: httpx.Auth | None = None

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        if self._chosen is not None:
            yield from self._chosen.auth_flow(request)
            return
        response = yield request
        if response.status_code != 401:
            return
        scheme = response.headers.get("www-authenticate", "").split(" ", 1)[0].lower()
        self._chosen = self._schemes.get(scheme, self._schemes["basic"])
        yield from self._chosen.auth_flow(request)


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """At most ``attempts`` tries; waits backoff, 2×backoff … capped at ``max_backoff``."""

    attempts: int = 5
    backoff: float = 0.5
    max_backoff: float = 8.0

    def delay(self, attempt: int, response: httpx.Response | None = None) -> float:
        wait = self.backoff * (2 ** attempt)
        after = response.headers.get("retry-after", "") if response is not None else ""
        if after.isdigit():
            wait = max(wait, float(after))
        return min(wait, self.max_backoff)


_RETRY_STATUS = frozenset({408, 429, 500, 502, 503, 504})
# Statuses that say the request was not carried out, so even a non-idempotent one may be resent.
_NOT_DONE_STATUS = frozenset({429, 502, 503})
_NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)


class SparqlHttp:
    """A keep-alive HTTP client for one server's Graph Store, update and query endpoints."""

    def __init__(self, endpoints: Endpoints, *, timeout: float = 60.0,
                 retry: RetryPolicy = RetryPolicy(), credentials: tuple[str, str] | None = None,
                 transport: httpx.BaseTransport | None = None,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.endpoints, self.retry, self._sleep = endpoints, retry, sleep
        auth = ChallengeAuth(*credentials) if credentials else None
        self._client = httpx.Client(timeout=timeout, auth=auth, transport=transport,
                                    trust_env=False, follow_redirects=False)
        self.requests = self.retries = 0

    def put_graph(self, graph: str, body: bytes) -> None:
        """Replace ``graph`` with the body (one Graph Store PUT)."""
        self._send("PUT", self.endpoints.gsp, idempotent=True, params={"graph": graph},
                   content=body, headers={"Content-Type": self.endpoints.content_type})

    def update(self, text: str, *, idempotent: bool) -> None:
        """Run a SPARQL update (built from serialised terms by the caller, never pasted text)."""
        self._send("POST", self.endpoints.update, idempotent=idempotent,
                   content=text.encode("utf-8"),
                   headers={"Content-Type": "application/sparql-update; charset=utf-8"})

    def delete_graph(self, graph: str) -> None:
        """Remove ``graph`` (one Graph Store DELETE; an absent graph is fine)."""
        self._send("DELETE", self.endpoints.gsp, idempotent=True, params={"graph": graph},
                   allow=frozenset({404}))

    def select(self, text: str) -> list[dict[str, Any]]:
        """Run a SELECT query; the SPARQL JSON result bindings."""
        try:
            return self._results(text)["results"]["bindings"]  # type: ignore[no-any-return]
        except (TypeError, KeyError) as exc:
            raise PushError(f"unreadable query result from {self.endpoints.query}") from exc

    def ask(self, text: str) -> bool:
        """Run an ASK query; its answer.

        Virtuoso answers an ASK in SPARQL JSON as a one-row table (``__ask_retval`` = 0 or 1)
        rather than a ``boolean`` member, so that shape is read too.
        """
        found = self._results(text)
        answer = found.get("boolean")
        if isinstance(answer, bool):
            return answer
        try:
            (row,) = found["results"]["bindings"]
            (cell,) = row.values()
            return str(cell["value"]).strip().lower() in ("1", "true")
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise PushError(f"{self.endpoints.query} did not answer an ASK query") from exc

    def _results(self, text: str) -> dict[str, Any]:
        response = self._send("POST", self.endpoints.query, idempotent=True,
                              data={"query": text},
                              headers={"Accept": "application/sparql-results+json"})
        try:
            found = response.json()
        except ValueError as exc:
            raise PushError(f"unreadable query result from {self.endpoints.query}") from exc
        if not isinstance(found, dict):
            raise PushError(f"unreadable query result from {self.endpoints.query}")
        return found

    def close(self) -> None:
        self._client.close()

    def _send(self, method: str, url: str, *, idempotent: bool,
              allow: frozenset[int] = frozenset(), **kwargs: Any) -> httpx.Response:
        for attempt in range(self.retry.attempts):
            last = attempt == self.retry.attempts - 1
            self.requests += 1
            try:
                response = self._client.request(method, url, **kwargs)
            except httpx.TransportError as exc:
                if last or not (idempotent or isinstance(exc, _NOT_SENT)):
                    raise PushError(f"{method} {url} failed: {type(exc).__name__} "
                                    f"after {attempt + 1} attempt(s)") from exc
                self._wait(method, url, type(exc).__name__, attempt, None)
                continue
            if response.status_code in _RETRY_STATUS and not last and (
                    idempotent or response.status_code in _NOT_DONE_STATUS):
                self._wait(method, url, str(response.status_code), attempt, response)
                continue
            if response.is_error and response.status_code not in allow:
                raise PushError(f"{method} {url} → HTTP {response.status_code}: "
                                f"{response.text[:300].strip()}")
            return response
        raise PushError(f"{method} {url}: no attempt allowed")  # attempts < 1

    def _wait(self, method: str, url: str, why: str, attempt: int,
              response: httpx.Response | None) -> None:
        delay = self.retry.delay(attempt, response)
        log.warning("%s %s: %s; retrying in %.1f s", method, url, why, delay)
        self.retries += 1
        self._sleep(delay)
