"""Who writes a store, read from /proc/locks: this process, another one, or nobody."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.store.lock import StoreBusyError, check_not_busy, writer_pid
from kg.store.open import open_store

pytestmark = pytest.mark.skipif(not Path("/proc/locks").exists(), reason="no /proc/locks")

_HOLD = "import sys, pyoxigraph as ox\ns = ox.Store(sys.argv[1])\nprint('open', flush=True)\n" \
        "sys.stdin.read()\n"


def test_nobody_then_this_process(tmp_path):
    store = tmp_path / "store"
    ox.Store(str(store)).flush()  # created, then closed when dropped
    assert writer_pid(store) is None
    held = ox.Store(str(store))
    assert writer_pid(store) == os.getpid()
    check_not_busy(store)  # this process's own writer is its own business
    del held
    assert writer_pid(store) is None
    assert writer_pid(tmp_path / "no-store") is None


def test_another_process_writing_makes_the_store_busy(tmp_path):
    store = tmp_path / "store"
    child = subprocess.Popen([sys.executable, "-c", _HOLD, str(store)], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None and child.stdout.readline() == "open\n"
        assert writer_pid(store) == child.pid
        with pytest.raises(StoreBusyError, match=f"pid {child.pid}"):
            open_store(store, read_only=True)
        with pytest.raises(StoreBusyError, match=f"locked by process {child.pid}"):
            open_store(store)
    finally:
        child.communicate("", timeout=60)
    assert writer_pid(store) is None
    open_store(store, read_only=True)
