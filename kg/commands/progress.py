"""Build progress a person can read, on a terminal and in a log.

On a terminal a live rich bar shows the file being read and the records done. A build run
from a script, CI or ``nohup`` has no terminal, and a live bar there prints nothing until the
end; so there a short line goes to standard error every few seconds: records done, the rate,
the time taken and the file being read.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

__all__ = ["Ticker", "build_progress"]

OnFile = Callable[[Path], None]
OnBatch = Callable[[int], None]


class Ticker:
    """Progress lines for a log: at most one every ``every`` seconds, on ``console``."""

    def __init__(self, console: Console, every: float = 5.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.console, self.every, self.clock = console, every, clock
        self.start = self.last = clock()
        self.done, self.file = 0, ""

    def on_file(self, path: Path) -> None:
        self.file = path.name
        self._maybe()

    def on_batch(self, n: int) -> None:
        self.done += n
        self._maybe()

    def line(self) -> str:
        """``build: 1200 records in 12 s (100 records/s), reading x.xml``."""
        seconds = self.clock() - self.start
        rate = self.done / seconds if seconds > 0 else 0.0
        where = f", reading {self.file}" if self.file else ""
        return f"build: {self.done} records in {seconds:.0f} s ({rate:.0f} records/s){where}"

    def _maybe(self) -> None:
        if self.clock() - self.last >= self.every:
            self.last = self.clock()
            self.console.print(self.line(), highlight=False, markup=False, soft_wrap=True)


@contextmanager
def build_progress(console: Console, log: Console) -> Iterator[tuple[OnFile, OnBatch]]:
    """The ``on_file`` and ``on_batch`` callbacks of a build: a live bar when ``console`` is a
    terminal, else a :class:`Ticker` writing to ``log``."""
    if not console.is_terminal:
        ticker = Ticker(log)
        yield ticker.on_file, ticker.on_batch
        return
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                  TextColumn("{task.completed} records"), TimeElapsedColumn(),
                  console=console, transient=True) as progress:
        task = progress.add_task("reading", total=None)
        yield (lambda p: progress.update(task, description=f"reading {p.name}"),
               lambda n: progress.advance(task, n))
