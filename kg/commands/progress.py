"""Build progress a person can read, on a terminal and in a log.

A build goes through phases: loading the vocabulary (compiling MeSH takes seconds on a first
run, and a silent pause looks like a hang), reading, extracting, validating and storing records,
then finishing (pruning, certainty, VoID, exports). The sizes of the input files are known up
front, so the reading phase shows bytes done out of the total, the rates (records/s and MB/s)
and the time left.

On a terminal a live rich bar shows all that. A build run from a script, CI or ``nohup`` has no
terminal, and a live bar there prints nothing until the end; so there a short line goes to
standard error at each phase and every few seconds between.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from rich.console import Console
from rich.filesize import decimal
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from kg.build_inputs import is_curator_file
from kg.records.registry import iter_input_files

__all__ = ["FINISHING", "READING", "VOCABULARY", "LiveBar", "Meter", "Ticker", "build_progress",
           "input_bytes"]

VOCABULARY = "loading vocabulary"
READING = "reading records"
FINISHING = "finishing"
Clock = Callable[[], float]


def input_bytes(paths: list[str | Path]) -> int:
    """The total size of the record files a build of ``paths`` reads (curator files aside)."""
    return sum(_size(f) for f in iter_input_files(paths) if not is_curator_file(f))


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:  # unreadable: the build reports it; progress just does not count it
        return 0


def _duration(seconds: float) -> str:
    """``42 s``, ``3 min 05 s`` or ``1 h 02 min``."""
    s = round(seconds)
    if s < 60:
        return f"{s} s"
    if s < 3600:
        return f"{s // 60} min {s % 60:02d} s"
    return f"{s // 3600} h {s % 3600 // 60:02d} min"


class Meter:
    """Records and bytes done, the rates and the time left, from a build's callbacks.

    Files are read whole, one after another, so bytes are counted per file: a file counts as
    done when the next one has started and a batch of records has been stored since (reading
    runs a batch ahead of storing). Inside a file the bytes done are estimated from the records
    stored, at the bytes per record of the files before it (none before: not estimated).
    """

    def __init__(self, total_bytes: int, clock: Clock = time.monotonic) -> None:
        self.total, self.clock = total_bytes, clock
        self.phase, self.file, self.records = "starting", "", 0
        self.began = self.start = clock()
        self._closed_bytes = self._closed_records = self._current = 0
        self._counted = (0, 0, 0)  # closed bytes, their records, current size: at the last batch

    def begin(self, phase: str) -> None:
        """Enter ``phase``; rates count from the start of reading."""
        if phase == READING:
            self.start = self.clock()
        self.phase = phase

    def on_file(self, path: Path) -> None:
        self._closed_bytes += self._current
        self._closed_records, self._current, self.file = self.records, _size(path), path.name

    def on_batch(self, n: int) -> None:
        self.records += n
        self._counted = (self._closed_bytes, self._closed_records, self._current)

    @property
    def bytes_done(self) -> int:
        if self.phase.startswith(FINISHING):
            return self.total
        closed, records, current = self._counted
        in_file = 0
        if closed and records:
            in_file = min(current, int((self.records - records) * closed / records))
        return min(self.total, closed + in_file)

    @property
    def seconds(self) -> float:
        return self.clock() - self.start

    def rates(self) -> tuple[float, float]:
        """Records per second and bytes per second since reading began."""
        s = self.seconds
        return (self.records / s, self.bytes_done / s) if s > 0 else (0.0, 0.0)

    def eta(self) -> float | None:
        """Seconds left at the current byte rate; None until a rate is known."""
        per_second = self.rates()[1]
        return (self.total - self.bytes_done) / per_second if per_second > 0 else None

    def detail(self) -> str:
        """What a person wants to know in this phase, in one line."""
        if self.phase != READING:
            return f"{self.records} records" if self.records else ""
        records, per_second = self.rates()
        done, total = self.bytes_done, self.total
        percent = f" ({100 * done / total:.0f}%)" if total else ""
        eta = self.eta()
        return (f"{self.records} records, {decimal(done)} of {decimal(total)}{percent}, "
                f"{records:.0f} records/s, {decimal(int(per_second))}/s, "
                f"ETA {_duration(eta) if eta is not None else 'unknown'}")


class Ticker:
    """Progress lines for a log: one as each phase begins, else at most one every ``every``
    seconds; each says the phase, what is done in it and the time since the build began."""

    def __init__(self, console: Console, every: float = 5.0, clock: Clock = time.monotonic,
                 total_bytes: int = 0) -> None:
        self.console, self.every, self.clock = console, every, clock
        self.meter = Meter(total_bytes, clock)
        self.last = clock()

    def phase(self, name: str) -> None:
        self.meter.begin(name)
        self._print()

    def on_file(self, path: Path) -> None:
        self.meter.on_file(path)
        self._maybe()

    def on_batch(self, n: int) -> None:
        self.meter.on_batch(n)
        self._maybe()

    def line(self) -> str:
        """``build: reading records — 1200 records, 12.0 MB of 48.0 MB (25%), 100 records/s,
        1.0 MB/s, ETA 36 s — 30 s, reading x.xml`` (30 s since the build began)."""
        m = self.meter
        detail = f" — {d}" if (d := m.detail()) else ""
        where = f", reading {m.file}" if m.file and m.phase == READING else ""
        return f"build: {m.phase}{detail} — {_duration(self.clock() - m.began)}{where}"

    @contextmanager
    def running(self) -> Iterator[Ticker]:
        """A heartbeat while the build runs: a phase with no events (compiling MeSH on a first
        run) still gets its line every ``every`` seconds."""
        stop = threading.Event()
        beat = threading.Thread(target=self._beat, args=(stop,), daemon=True)
        beat.start()
        try:
            yield self
        finally:
            stop.set()
            beat.join()

    def _beat(self, stop: threading.Event) -> None:
        while not stop.wait(min(1.0, self.every)):
            self._maybe()

    def _maybe(self) -> None:
        if self.clock() - self.last >= self.every:
            self._print()

    def _print(self) -> None:
        self.last = self.clock()
        self.console.print(self.line(), highlight=False, markup=False, soft_wrap=True)


class LiveBar:
    """The terminal's live display: phase, a bar over the input bytes, and the meter's line."""

    def __init__(self, progress: Progress, total_bytes: int) -> None:
        self.progress, self.meter = progress, Meter(total_bytes)
        self.task = progress.add_task("starting", total=None, detail="")

    def phase(self, name: str) -> None:
        self.meter.begin(name)
        self._show()

    def on_file(self, path: Path) -> None:
        self.meter.on_file(path)
        self._show()

    def on_batch(self, n: int) -> None:
        self.meter.on_batch(n)
        self._show()

    def _show(self) -> None:
        m = self.meter  # no total until reading: a pulsing bar; full once reading is done
        total = m.total if m.total > 0 and m.phase != VOCABULARY else None
        self.progress.update(self.task, description=m.phase, total=total,
                             completed=m.bytes_done, detail=m.detail())


@contextmanager
def build_progress(console: Console, log: Console,
                   total_bytes: int = 0) -> Iterator[Ticker | LiveBar]:
    """Progress for a build of ``total_bytes`` of input: a live bar when ``console`` is a
    terminal, else a :class:`Ticker` writing to ``log``. Either has ``phase(name)``,
    ``on_file(path)`` and ``on_batch(n)``."""
    if not console.is_terminal:
        with Ticker(log, total_bytes=total_bytes).running() as ticker:
            yield ticker
        return
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                  TextColumn("{task.fields[detail]}"), TimeElapsedColumn(),
                  console=console, transient=True) as progress:
        yield LiveBar(progress, total_bytes)
