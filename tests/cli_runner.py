"""The ``ekg`` command line run in-process for tests, every command registered, wide output."""

from __future__ import annotations

from typer.testing import CliRunner, Result

from kg.cli import app, load_commands

__all__ = ["ekg"]

load_commands()


def ekg(*args: object) -> Result:
    """Run ``ekg ARGS…`` (arguments made strings) at 200 columns; the result, never raising."""
    return CliRunner().invoke(app, [str(a) for a in args], env={"COLUMNS": "200"})
