"""Build progress in a log: a readable line every few seconds, not a silent live bar."""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console

from kg.commands.progress import Ticker, build_progress


class _Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def _log() -> Console:
    return Console(file=io.StringIO(), width=200, color_system=None)


def test_ticker_writes_at_most_one_line_per_interval_with_count_rate_and_file():
    clock, log = _Clock(), _log()
    ticker = Ticker(log, every=5.0, clock=clock)
    ticker.on_file(Path("/data/first.xml"))
    ticker.on_batch(200)
    clock.now += 4.0
    ticker.on_batch(200)
    assert log.file.getvalue() == ""  # type: ignore[attr-defined]
    clock.now += 6.0
    ticker.on_batch(100)
    lines = log.file.getvalue().splitlines()  # type: ignore[attr-defined]
    assert lines == ["build: 500 records in 10 s (50 records/s), reading first.xml"]


def test_without_a_terminal_progress_goes_to_the_log_not_stdout():
    out, log = Console(file=io.StringIO(), force_terminal=False), _log()
    with build_progress(out, log) as (on_file, on_batch):
        ticker = on_batch.__self__  # type: ignore[attr-defined]
        ticker.every = 0.0
        on_file(Path("records.ris"))
        on_batch(3)
    assert out.file.getvalue() == ""  # type: ignore[attr-defined]
    assert "build: 3 records" in log.file.getvalue()  # type: ignore[attr-defined]
