"""The ``ekg`` command line: parse arguments, call the library, print, exit 0 / 1 / 2.

Exit codes follow pySHACL's convention everywhere: 0 all good, 1 the data has problems
(rejected records, violations), 2 the command itself failed (bad arguments, missing store).
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from kg.errors import KGError

__all__ = ["OutOpt", "StoreOpt", "app", "console", "err_console", "fail", "main"]

app = typer.Typer(help="evidence-kg: an evidence knowledge graph for biomedical literature.",
                  no_args_is_help=True, add_completion=False)
console = Console()
err_console = Console(stderr=True)

StoreOpt = Annotated[Path | None, typer.Option(
    "--store", help="Store folder (default $EKG_STORE or ./store).")]
OutOpt = Annotated[Path | None, typer.Option(
    "--out", help="Output folder (default $EKG_OUT or ./out).")]

# Each module adds its commands to ``app`` on import.
_COMMAND_MODULES = (
    "kg.commands.build",
    "kg.commands.validate",
    "kg.commands.query",
    "kg.commands.stats",
    "kg.commands.serve",
    "kg.commands.export",
    "kg.commands.push",
    "kg.commands.analysis",
    "kg.commands.claims",
    "kg.commands.concepts",
    "kg.commands.vocab",
)


def fail(message: str, code: int = 2) -> typer.Exit:
    """Print an error and return the Exit to raise (so callers write ``raise fail(...)``)."""
    err_console.print(f"[bold red]error:[/] {message}", highlight=False)
    return typer.Exit(code)


def main() -> None:
    for module in _COMMAND_MODULES:
        importlib.import_module(module)
    try:
        app()
    except KGError as exc:
        err_console.print(f"[bold red]error:[/] {exc}", highlight=False)
        raise SystemExit(2) from exc
