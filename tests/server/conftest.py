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
