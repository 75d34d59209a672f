"""The ``ekg`` command line: parse arguments, call the library, print, exit 0 / 1 / 2.

Exit codes follow pySHACL's convention everywhere: 0 all good, 1 the data has problems
(rejected records, violations), 2 the command itself failed (bad arguments, missing store).
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from typer.core import TyperArgument, TyperGroup, TyperOption

from kg.errors import KGError

__all__ = ["EkgGroup", "OutOpt", "StoreOpt", "app", "console", "err_console", "fail",
           "load_commands", "main"]

_TYPE_METAVARS = {"Path": "PATH", "int": "INTEGER", "float": "NUMBER"}
"""Metavars by Python type; any other value is named after its option (``--format FORMAT``)."""


class _Argument(TyperArgument):
    """An argument shown by its metavar alone (``PATH...``) in the usage line and the help panel,
    instead of typer's ``{paths}...`` and ``<list[Path]>``."""

    def display_type_rich(self, ctx: typer.Context) -> str | None:
        return None

    def get_usage_pieces(self, ctx: typer.Context) -> list[str]:
        return [self.metavar if self.required else f"[{self.metavar}]"]


def _metavar(param: TyperArgument | TyperOption) -> str:
    """``PATH``, ``INTEGER``, ``NUMBER``, else the parameter's own name in capitals."""
    bare = param.bare_type().removeprefix("list[").removesuffix("]")
    long = [o.lstrip("-") for o in param.opts if o.startswith("--")]
    name = _TYPE_METAVARS.get(bare, (long[0] if long else param.name or "value").upper())
    return f"{name}..." if isinstance(param, TyperArgument) and param.nargs != 1 else name


def _plain_metavar(param: Any) -> None:
    if isinstance(param, TyperArgument):
        param.__class__ = _Argument
    if isinstance(param, TyperOption) and param.is_flag:
        param.metavar = ""
    elif param.metavar is None:
        param.metavar = _metavar(param)


def _plain_params(command: Any, ctx: typer.Context) -> None:
    for param in [*command.params, command.get_help_option(ctx)]:
        if param is not None:
            _plain_metavar(param)


class EkgGroup(TyperGroup):
    """The ``ekg`` group (and its sub-groups): each command it hands out, and its own ``--help``,
    get plain metavars (``PATH...``, ``--store PATH``, flags with none), so help shows no
    ``<bool>``, ``<str>`` or ``{name}`` noise; an explicit ``metavar=`` wins."""

    def get_command(self, ctx: typer.Context, cmd_name: str) -> Any:
        command = super().get_command(ctx, cmd_name)
        if command is not None:
            _plain_params(command, ctx)
        return command

    def get_help_option(self, ctx: typer.Context) -> TyperOption | None:
        option = super().get_help_option(ctx)
        if option is not None:
            _plain_metavar(option)
        return option


app = typer.Typer(help="evidence-kg: an evidence knowledge graph for biomedical literature.",
                  no_args_is_help=True, add_completion=False, cls=EkgGroup)
console = Console()
err_console = Console(stderr=True)


@app.callback()
def _group() -> None:
    """evidence-kg: an evidence knowledge graph for biomedical literature.

    A callback keeps ``ekg`` a group of commands however many are registered, so ``ekg stats``
    means the same when a caller (a test, a script) has imported one command module only.
    """

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
    "kg.commands.load",
    "kg.commands.remove",
)


def fail(message: str, code: int = 2) -> typer.Exit:
    """Print an error and return the Exit to raise (so callers write ``raise fail(...)``)."""
    err_console.print(f"[bold red]error:[/] {message}", highlight=False)
    return typer.Exit(code)


def load_commands() -> None:
    """Register every command on ``app`` (each module adds its own when imported); the CLI
    entry point and test runners call this one list rather than repeating it."""
    for module in _COMMAND_MODULES:
        importlib.import_module(module)


def main() -> None:
    load_commands()
    try:
        app()
    except KGError as exc:
        err_console.print(f"[bold red]error:[/] {exc}", highlight=False)
        raise SystemExit(2) from exc
