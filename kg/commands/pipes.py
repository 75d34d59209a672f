"""Writing to a pipe the reader closed (``ekg export -o - | head -1``): a quiet exit 0.

The reader having all it wanted is no failure of the command, so there is no traceback, no
"Exception ignored … BrokenPipeError" at shutdown, and not click's exit 1, which this project's
exit codes reserve for data with problems.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager

import typer

__all__ = ["quiet_on_closed_pipe"]


def _silence_stdout() -> None:
    """Point standard output at /dev/null, so the interpreter's final flush has nowhere to
    fail (the advice of Python's own documentation on SIGPIPE)."""
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # not a real file (a test runner's buffer)
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, fd)
    os.close(devnull)


@contextmanager
def quiet_on_closed_pipe() -> Iterator[None]:
    """Run the block that writes to standard output; a closed pipe ends the command quietly."""
    try:
        yield
        sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()
        raise typer.Exit(0) from None
