"""``ekg serve``: the store over the SPARQL 1.1 Protocol, read-only, with time, size and memory
limits, plus the catalogue's saved queries and a query page (routes in :mod:`kg.web.routes`).

Why not simply run ``oxigraph serve-read-only``? It was the first choice and was measured
(oxigraph 0.5, ``--timeout-s 2``, 3,000-quad store): its time limit stopped a cartesian COUNT
after 2 s but answered ``200 OK`` with a truncated JSON body; it did not stop a streaming
``SELECT *`` cartesian, which sent 985 MB over 107 s; it evaluates ``SERVICE`` (a query
federated to itself); it has no result-size cap; and the protocol has no way to pass bound
parameters, so saved queries would have needed values pasted into their text. Fixing those
means a proxy that parses every query and every result — at which point the server contributes
only evaluation, which pyoxigraph provides in-process with the same engine.

So the protocol layer is a small stdlib ``ThreadingHTTPServer`` (no extra dependency), and
queries run in a pool of worker *processes*, each holding the store open read-only:

- pyoxigraph releases the GIL while evaluating (measured: a busy Python thread kept 95 % of its
  speed beside a running query), but a running query cannot be cancelled from Python; killing
  the worker process can. A query past its time limit is answered ``503`` and its worker is
  killed and replaced, so the server stays up.
- each worker has an address-space limit: a query that would exhaust memory (an ORDER BY over a
  cartesian product) aborts its worker, not the machine.
- rows are read lazily and cut at ``max_rows``; the result itself says so (a ``truncated``
  member in JSON, a final comment line in CSV, TSV, Turtle and N-Triples, a ``<link>`` in XML),
  and so does the ``X-EKG-Truncated`` header.
- workers never read the live store folder, which a build may be writing: the pool names a
  frozen snapshot with each job (:mod:`kg.serve_snapshot`), taken when the store changed and no
  process holds its write lock, so every worker answers from the same state, a record is wholly
  in it or not at all, and the first query after a build sees what the build added;
  ``/health`` says when the data served was taken.
- updates, ``LOAD`` and ``SERVICE`` are refused before a query reaches a worker
  (:func:`kg.readonly.check_read_only`), and the store is opened read-only besides.
- saved queries get their parameters by Oxigraph substitution, exactly as ``ekg query`` does,
  and both format results through :mod:`kg.results`, so the two give the same answers.

It listens on loopback unless told otherwise, and refuses requests whose ``Host`` is not the
address it serves (DNS-rebinding protection).
"""

from __future__ import annotations

import multiprocessing as mp
import queue
import signal
import threading
from dataclasses import dataclass, field, replace
from http.server import ThreadingHTTPServer
from itertools import islice
from multiprocessing.connection import Connection
from pathlib import Path

from rdflib.term import Node

from kg.serve_snapshot import Snapshot, SnapshotKeeper

__all__ = ["QueryAnswer", "QueryJob", "ServeOptions", "WorkerPool", "make_server"]


@dataclass(frozen=True, slots=True)
class ServeOptions:
    store: Path
    host: str = "127.0.0.1"
    port: int = 7878
    timeout: float = 10.0  # seconds a query may run (and at most as long to wait for a worker)
    max_rows: int = 10_000  # rows (or triples) per result
    workers: int = 2
    max_memory_mb: int = 2048  # address space per worker process
    max_body: int = 1_000_000  # bytes of a POST body
    quiet: bool = False  # no request log on stderr


@dataclass(frozen=True, slots=True)
class QueryJob:
    """One query for a worker: text, bound parameters and how the client wants the answer."""

    text: str
    bindings: dict[str, Node] = field(default_factory=dict)
    accept: str | None = None
    fmt: str | None = None  # explicit format (``format=`` parameter), else negotiated
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    names: tuple[tuple[str, str], ...] = ()
    """(placeholder IRI, concept name): bindings the worker looks up in the store by name."""


@dataclass(frozen=True, slots=True)
class QueryAnswer:
    status: int
    media_type: str
    body: bytes
    truncated: bool = False
    rows: int = 0
    opened: str = ""  # when the worker opened the data it answered from (ISO 8601, UTC)


def _error(status: int, message: str) -> QueryAnswer:
    return QueryAnswer(status, "text/plain; charset=utf-8", (message + "\n").encode())


# --- worker process ------------------------------------------------------------------------------
def _worker_main(conn: Connection, max_rows: int, max_memory_mb: int) -> None:
    """Answer jobs until the pipe closes, each from the snapshot the pool names with it."""
    import resource

    import kg.negotiation
    import kg.results
    import kg.store.convert  # noqa: F401  (imported now, not on the first query)

    limit = max_memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    opened = _Opened()
    conn.send(_READY)
    while True:
        try:
            job, snapshot = conn.recv()
        except EOFError:
            return
        conn.send(replace(_answer_from(opened, snapshot, job, max_rows), opened=snapshot.taken))


def _answer_from(opened: _Opened, snapshot: Snapshot, job: QueryJob,
                 max_rows: int) -> QueryAnswer:
    from kg.errors import StoreError

    try:
        store = opened.store(snapshot)
    except StoreError as exc:  # the snapshot could not be opened: say so, keep the worker
        return _error(503, f"the data could not be opened: {exc}")
    return _answer(store, job, max_rows)


class _Opened:
    """The snapshot a worker has open, reopened when the pool names another one."""

    def __init__(self) -> None:
        self._snapshot: Snapshot | None = None
        self._store: object = None

    def store(self, snapshot: Snapshot) -> object:
        from kg.store.oxigraph import OxigraphStore

        if snapshot != self._snapshot:
            self._store = None  # close the old one first
            self._store = OxigraphStore(snapshot.path, read_only=True)
            self._snapshot = snapshot
        return self._store


def _answer(store: object, job: QueryJob, max_rows: int) -> QueryAnswer:
    from kg.errors import KGError, StoreError

    try:
        job = _looked_up(store, job)
        result, truncated = _evaluate(store.native, job, max_rows)  # type: ignore[attr-defined]
    except SyntaxError as exc:
        return _error(400, f"SPARQL syntax error: {exc}")
    except (OSError, RuntimeError, ValueError, StoreError, LookupError, KGError) as exc:
        return _error(400, f"query failed: {exc}")
    return _encode(result, job, truncated, max_rows)


def _looked_up(store: object, job: QueryJob) -> QueryJob:
    """The job with concept names (parameters given by name) replaced by their IRIs."""
    if not job.names:
        return job
    from kg.names import resolve_concept

    names = dict(job.names)
    bindings = {k: resolve_concept(store, names[str(v)]) if str(v) in names else v  # type: ignore[arg-type]
                for k, v in job.bindings.items()}
    return replace(job, bindings=bindings, names=())


def _evaluate(store: object, job: QueryJob, max_rows: int) -> tuple[object, bool]:
    import pyoxigraph as ox

    from kg.store.base import QueryResult
    from kg.store.convert import from_ox, to_ox

    subs = {ox.Variable(k): to_ox(v) for k, v in job.bindings.items()}
    kwargs: dict[str, object] = {"use_default_graph_as_union": not job.default_graphs}
    if job.default_graphs:
        kwargs["default_graph"] = [ox.NamedNode(g) for g in job.default_graphs]
    if job.named_graphs:
        kwargs["named_graphs"] = [ox.NamedNode(g) for g in job.named_graphs]
    raw = store.query(job.text, substitutions=subs or None, **kwargs)  # type: ignore[attr-defined]
    if isinstance(raw, ox.QueryBoolean):
        return QueryResult(kind="ask", boolean=bool(raw)), False
    items = list(islice(raw, max_rows + 1))  # type: ignore[call-overload]
    truncated = len(items) > max_rows
    items = items[:max_rows]
    if isinstance(raw, ox.QuerySolutions):
        names = [v.value for v in raw.variables]
        rows = [tuple(from_ox(sol[n]) for n in names) for sol in items]
        return QueryResult(kind="select", variables=names, rows=rows), truncated
    triples = [(from_ox(t.subject), from_ox(t.predicate), from_ox(t.object)) for t in items]
    return QueryResult(kind="construct", triples=triples), truncated  # type: ignore[arg-type]


def _encode(result: object, job: QueryJob, truncated: bool, max_rows: int) -> QueryAnswer:
    from kg.negotiation import format_for, mark_truncated, negotiate
    from kg.results import FORMATTERS, MEDIA_TYPES, format_result

    kind = result.kind  # type: ignore[attr-defined]
    fmt = format_for(job.fmt, kind) if job.fmt else negotiate(job.accept, kind)
    if fmt is None or fmt not in FORMATTERS:
        return _error(406, f"no acceptable format for a {kind} result (Accept: {job.accept})")
    try:
        body = format_result(result, fmt)  # type: ignore[arg-type]
    except ValueError as exc:
        return _error(406, str(exc))
    if truncated:
        marked = mark_truncated(body, fmt, max_rows)
        if marked is None:
            return _error(413, f"the result has more than {max_rows} rows (the limit); add a "
                               "LIMIT, or ask for JSON, XML or CSV, which mark a cut result")
        body = marked
    media = MEDIA_TYPES[fmt]
    if media.startswith("text/") or fmt == "jsonld":
        media += "; charset=utf-8"
    size = len(result.rows if kind == "select" else result.triples)  # type: ignore[attr-defined]
    return QueryAnswer(200, media, body.encode("utf-8"), truncated, size)


# --- pool -----------------------------------------------------------------------------------------
_READY = "ready"
_STARTUP_S = 60.0
"""How long a new worker may take to import and open the store (not counted as query time)."""


class _Worker:
    def __init__(self, ctx: mp.context.SpawnContext, options: ServeOptions) -> None:
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(
            target=_worker_main, daemon=True, name="ekg-query-worker",
            args=(child, options.max_rows, options.max_memory_mb))
        self.process.start()
        child.close()
        self.ready = False

    def wait_ready(self) -> None:
        """Block until the worker has started (EOFError if it died starting)."""
        if not self.ready:
            if not self.conn.poll(_STARTUP_S) or self.conn.recv() != _READY:
                raise EOFError("query worker did not start")
            self.ready = True

    def stop(self) -> None:
        self.process.kill()
        self.process.join(5)
        self.conn.close()


class WorkerPool:
    """Worker processes answering :class:`QueryJob` s; a job past its deadline kills its worker."""

    def __init__(self, options: ServeOptions) -> None:
        self.options = options
        self._ctx = mp.get_context("spawn")  # never fork a process that runs server threads
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self.snapshots = SnapshotKeeper(Path(options.store))
        for _ in range(max(1, options.workers)):
            self._idle.put(_Worker(self._ctx, options))

    def run(self, job: QueryJob, timeout: float | None = None) -> QueryAnswer:
        limit = self.options.timeout if timeout is None else timeout
        snapshot = self.snapshots.current()
        if snapshot is None:
            return _error(503, "the store is being written (a build is running) and no earlier "
                               "state of it has been opened yet; try again when it has finished")
        try:
            worker = self._idle.get(timeout=limit)
        except queue.Empty:
            return _error(503, "all query workers are busy; try again")
        try:
            worker.wait_ready()
            worker.conn.send((job, snapshot))
            if worker.conn.poll(limit):
                answer: QueryAnswer = worker.conn.recv()
                self._idle.put(worker)
                return answer
            message = f"query stopped: it ran past the time limit of {limit:g} s"
        except (EOFError, OSError):
            message = self._death_notice(worker)
        self._replace(worker)
        return _error(503, message)

    def _death_notice(self, worker: _Worker) -> str:
        worker.process.join(2)
        if worker.process.exitcode == -signal.SIGABRT:  # Rust aborts when allocation fails
            return (f"query stopped: it needed more than the {self.options.max_memory_mb} MiB "
                    "of memory a query may use")
        return f"query stopped: its worker ended (exit code {worker.process.exitcode})"

    def _replace(self, worker: _Worker) -> None:
        threading.Thread(target=worker.stop, daemon=True).start()
        self._idle.put(_Worker(self._ctx, self.options))

    def close(self) -> None:
        while True:
            try:
                self._idle.get_nowait().stop()
            except queue.Empty:
                break
        self.snapshots.close()


def make_server(options: ServeOptions) -> tuple[ThreadingHTTPServer, WorkerPool]:
    """A server bound to ``options.host:port`` (port 0: any free port) and its worker pool."""
    from kg.web.routes import make_handler

    pool = WorkerPool(options)
    server = ThreadingHTTPServer((options.host, options.port), make_handler(pool, options))
    server.daemon_threads = True
    return server, pool
