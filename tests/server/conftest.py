"""Real SPARQL servers on loopback for the push tests: Oxigraph's server (the ``oxigraph`` CLI
from the test extras) started on a free port over a folder, killable and restartable on it."""

from __future__ import annotations

import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest


def find_binary(name: str) -> str | None:
    """A console script of this virtual environment, else one on PATH."""
    beside = Path(sys.executable).parent / name
    return str(beside) if beside.exists() else shutil.which(name)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class OxigraphServer:
    """``oxigraph serve --location DIR --bind 127.0.0.1:PORT`` as a child process."""

    def __init__(self, binary: str, location: Path, log: Path) -> None:
        self.binary, self.location, self.log = binary, location, log
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self, timeout: float = 120.0) -> OxigraphServer:
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                [self.binary, "serve", "--location", str(self.location), "--bind",
                 f"127.0.0.1:{self.port}"], stdout=log, stderr=subprocess.STDOUT)
        self._wait_ready(timeout)
        return self

    def _wait_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.process is not None
            if self.process.poll() is not None:
                pytest.fail(f"oxigraph server exited: {self.log.read_text(errors='replace')}")
            try:
                if httpx.get(f"{self.url}/query", params={"query": "ASK {}"},
                             timeout=2).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.1)
        pytest.fail(f"oxigraph server not ready after {timeout} s")

    def kill(self) -> None:
        """SIGKILL: no chance to flush or finish a request."""
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()


@pytest.fixture
def oxigraph_factory(tmp_path) -> Iterator[Callable[[Path], OxigraphServer]]:
    """Start Oxigraph servers over given folders; all are stopped after the test."""
    binary = find_binary("oxigraph")
    if binary is None:
        pytest.skip("the oxigraph server (pip install oxigraph) is not installed")
    started: list[OxigraphServer] = []

    def start(location: Path) -> OxigraphServer:
        server = OxigraphServer(binary, location, tmp_path / f"oxigraph-{len(started)}.log")
        started.append(server)
        return server.start()

    yield start
    for server in started:
        server.stop()


@pytest.fixture
def oxigraph(oxigraph_factory, tmp_path) -> OxigraphServer:
    return oxigraph_factory(tmp_path / "server-db")


_VIRTUOSO_INI = """[Database]
DatabaseFile = {db}/virtuoso.db
ErrorLogFile = {db}/virtuoso.log
LockFile = {db}/virtuoso.lck
TransactionFile = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {db}/virtuoso-temp.db
TransactionFile = {db}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
DirsAllowed = .
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {db}
ServerThreads = 4
MaxClientConnections = 4
Charset = UTF-8
EnabledGzipContent = 0
[SPARQL]
ResultSetMaxRows = 10000
MaxQueryExecutionTime = 60
"""


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory) -> Iterator[str]:
    """Debian's Virtuoso 7 on loopback with its own ini and database (user dba, password dba,
    Digest auth on the ``-auth`` endpoints); yields the base URL."""
    binary = find_binary("virtuoso-t")
    if binary is None:
        pytest.skip("virtuoso-t (apt-get install virtuoso-opensource) is not installed")
    db = tmp_path_factory.mktemp("virtuoso")
    http_port = free_port()
    (db / "virtuoso.ini").write_text(_VIRTUOSO_INI.format(db=db, sql_port=free_port(),
                                                          http_port=http_port))
    log = (db / "stdout.log").open("wb")
    process = subprocess.Popen([binary, "-f", "-c", str(db / "virtuoso.ini")], cwd=db,
                               stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{http_port}"
    try:
        _wait_for(url + "/sparql", process, db / "virtuoso.log")
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


def _wait_for(endpoint: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"virtuoso exited: {log.read_text(errors='replace')[-2000:]}")
        try:
            if httpx.get(endpoint, params={"query": "ASK {}"}, timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    pytest.fail("virtuoso not ready after 120 s")
