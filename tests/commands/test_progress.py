"""Build progress: phases, bytes of the input done, rates and time left, in a log and live."""

from __future__ import annotations

import io
import time
from pathlib import Path

import pytest
from rich.console import Console
from rich.progress import Progress

from kg.commands.progress import (
    FINISHING,
    READING,
    VOCABULARY,
    LiveBar,
    Meter,
    Ticker,
    build_progress,
    input_bytes,
)


class _Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def _log() -> Console:
    return Console(file=io.StringIO(), width=200, color_system=None)


def _lines(console: Console) -> list[str]:
    return console.file.getvalue().splitlines()  # type: ignore[attr-defined]


@pytest.fixture
def inputs(tmp_path: Path) -> list[Path]:
    """Two record files of 1,000 and 3,000 bytes, and a curator file that is not counted."""
    files = [tmp_path / "a.ris", tmp_path / "b.ris"]
    files[0].write_bytes(b"x" * 1000)
    files[1].write_bytes(b"y" * 3000)
    (tmp_path / "claims.yaml").write_text("claims: []\n")
    return files


def test_input_bytes_sums_the_record_files_of_folders_and_files(inputs, tmp_path):
    assert input_bytes([tmp_path]) == 4000
    assert input_bytes([inputs[1]]) == 3000


def test_bytes_done_count_finished_files_and_estimate_the_current_one(inputs):
    clock = _Clock()
    meter = Meter(4000, clock)
    meter.begin(READING)
    meter.on_file(inputs[0])
    meter.on_batch(10)
    assert meter.bytes_done == 0  # no file finished: no bytes per record known yet
    meter.on_file(inputs[1])
    assert meter.bytes_done == 0  # read, not yet stored: reading runs a batch ahead
    meter.on_batch(10)  # the first file is done; at 100 bytes a record, 10 more ≈ 1,000 bytes
    assert meter.bytes_done == 2000
    clock.now += 10
    assert meter.rates() == (2.0, 200.0) and meter.eta() == pytest.approx(10.0)
    meter.on_batch(1000)
    assert meter.bytes_done == 4000  # never more than the file, nor the total
    meter.begin(f"{FINISHING}: exports")
    assert meter.bytes_done == 4000


def test_ticker_says_each_phase_at_once_and_reading_at_most_every_interval(inputs):
    clock, log = _Clock(), _log()
    ticker = Ticker(log, every=5.0, clock=clock, total_bytes=4000)
    ticker.phase(VOCABULARY)
    clock.now += 17
    ticker.phase(READING)
    ticker.on_file(inputs[0])
    ticker.on_batch(10)
    ticker.on_file(inputs[1])
    clock.now += 2
    ticker.on_batch(10)
    assert len(_lines(log)) == 2  # the two phases; reading has not been on for 5 s
    clock.now += 3
    ticker.on_batch(10)
    ticker.phase(f"{FINISHING}: exports")
    assert _lines(log) == [
        "build: loading vocabulary — 0 s",
        "build: reading records — 0 records, 0 bytes of 4.0 kB (0%), 0 records/s, 0 bytes/s, "
        "ETA unknown — 17 s",
        "build: reading records — 30 records, 3.0 kB of 4.0 kB (75%), 6 records/s, 600 bytes/s, "
        "ETA 2 s — 22 s, reading b.ris",
        "build: finishing: exports — 30 records — 22 s",
    ]


def test_a_phase_without_events_still_gets_a_line_every_interval():
    log = _log()
    ticker = Ticker(log, every=0.05)
    with ticker.running():
        ticker.phase(VOCABULARY)
        time.sleep(0.5)  # compiling MeSH: no file, no batch
    lines = _lines(log)
    assert len(lines) >= 3 and all(x.startswith("build: loading vocabulary") for x in lines)


def test_without_a_terminal_progress_goes_to_the_log_not_stdout(inputs):
    out, log = Console(file=io.StringIO(), force_terminal=False), _log()
    with build_progress(out, log, total_bytes=4000) as progress:
        assert isinstance(progress, Ticker)
        progress.phase(READING)
        progress.on_file(inputs[0])
        progress.on_batch(3)
    assert out.file.getvalue() == ""  # type: ignore[attr-defined]
    assert _lines(log)[0].startswith("build: reading records — 0 records, 0 bytes of 4.0 kB")


def test_on_a_terminal_the_bar_runs_over_the_input_bytes_in_the_reading_phase(inputs):
    console = Console(file=io.StringIO(), force_terminal=True, width=120)
    with Progress(console=console, auto_refresh=False) as progress:
        bar = LiveBar(progress, 4000)
        bar.phase(VOCABULARY)
        task = progress.tasks[0]
        assert task.description == VOCABULARY and task.total is None
        bar.phase(READING)
        bar.on_file(inputs[0])
        bar.on_batch(10)
        bar.on_file(inputs[1])
        bar.on_batch(10)
        assert (task.description, task.total, task.completed) == (READING, 4000, 2000)
        assert task.fields["detail"].startswith("20 records, 2.0 kB of 4.0 kB (50%)")
        bar.phase(f"{FINISHING}: exports")
        assert task.completed == task.total == 4000  # reading done: the bar stays full
        assert task.fields["detail"] == "20 records"
    with build_progress(console, _log(), 4000) as live:
        assert isinstance(live, LiveBar)
