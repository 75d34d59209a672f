"""Coverage-guided fuzzing of ``ekg serve``'s HTTP inputs with atheris, for long local runs.

The Hypothesis tests (``tests/test_hardening_fuzz_inputs.py``) run in seconds on every test
run; this harness runs as long as you let it. It builds the bundled examples into a temporary
store, starts the real server in this process (so coverage of the request handling guides the
mutations) and turns each input into one request written straight onto the socket: method,
path, query string, headers and body all cut from the fuzzer's bytes. Every request must get
an HTTP status below 500 (or a refusal: 501 unknown method, 503 busy worker, 505 unknown
HTTP version); anything else is a finding::

    .venv/bin/pip install atheris
    .venv/bin/python bench/fuzz/fuzz_http.py -max_total_time=600 corpus/http
"""

from __future__ import annotations

import atexit
import socket
import sys
import tempfile
import threading
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from atheris_run import fuzz  # type: ignore[import-not-found]  # noqa: E402  this folder

from kg.pipeline import build  # noqa: E402
from kg.serve import ServeOptions, make_server  # noqa: E402
from kg.store.open import open_store  # noqa: E402

__all__ = ["main", "one_input", "request_bytes"]

_METHODS = ["GET", "POST", "HEAD", "PUT", "DELETE", "OPTIONS", "G\x00T"]
_PATHS = ["/sparql", "/queries", "/queries/evidence-for-condition", "/health", "/", "/static/x",
          "/../etc/passwd", "/%2e%2e/"]
_HEADERS = ["Accept", "Content-Type", "Content-Length", "Host", "Transfer-Encoding", "X-Any"]
_ADDRESS: tuple[str, int] | None = None
_REFUSALS = {501, 503, 505}
"""Statuses that refuse rather than fail: unknown method, busy worker, unknown HTTP version."""


def request_bytes(fdp: object) -> bytes:
    """One request from a ``FuzzedDataProvider``: request line, headers, then a body."""
    pick = fdp.ConsumeIntInRange  # type: ignore[attr-defined]
    method, path = _METHODS[pick(0, len(_METHODS) - 1)], _PATHS[pick(0, len(_PATHS) - 1)]
    query = quote(fdp.ConsumeUnicode(80).encode("utf-8", "surrogatepass"))  # type: ignore[attr-defined]
    lines = [f"{method} {path}?query={query} HTTP/1.1"]
    for _ in range(pick(0, 4)):
        value = fdp.ConsumeUnicode(40).encode("latin-1", "replace").decode("latin-1")  # type: ignore[attr-defined]
        lines.append(f"{_HEADERS[pick(0, len(_HEADERS) - 1)]}: {value}")
    body = fdp.ConsumeBytes(300)  # type: ignore[attr-defined]
    head = "\r\n".join(lines).replace("\n", " ").replace("\r", " ")
    return (head.replace("  ", "\r\n") + "\r\n\r\n").encode("latin-1", "replace") + body


def one_input(data: bytes) -> None:
    """libFuzzer's entry point: one request, and the server must answer it below 500."""
    import atheris

    assert _ADDRESS is not None
    request = request_bytes(atheris.FuzzedDataProvider(data))
    with socket.create_connection(_ADDRESS, timeout=30) as sock:
        sock.sendall(request)
        sock.shutdown(socket.SHUT_WR)
        status = sock.recv(64).split(b" ", 2)
    if len(status) < 2 or not status[0].startswith(b"HTTP/1."):
        return  # the server closed a request it could not read: no answer is no crash
    code = int(status[1])
    if code >= 500 and code not in _REFUSALS:
        raise AssertionError(f"HTTP {code} for {request[:200]!r}")


def _start_server(folder: Path) -> None:
    global _ADDRESS
    store = open_store(folder / "store")
    build([ROOT / "examples"], store)
    store.close()
    options = ServeOptions(folder / "store", port=0, timeout=5.0, max_rows=100, workers=2,
                           quiet=True)
    server, pool = make_server(options)
    atexit.register(pool.close)  # workers leave quietly when the fuzzer stops
    threading.Thread(target=server.serve_forever, daemon=True).start()
    _ADDRESS = server.server_address[:2]  # type: ignore[assignment]


def main(argv: list[str]) -> int:
    return fuzz(argv, one_input,
                before=lambda: _start_server(Path(tempfile.mkdtemp(prefix="ekg-fuzz-http-"))))


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
