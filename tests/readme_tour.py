"""Reading the README's tour: its shell commands, and what ``ekg`` prints for them.

Used by ``test_readme.py``: commands are parsed from the README's ```sh blocks (a quoted string
may span lines; ``&&`` separates commands), run in a folder of their own in this process, and
their rich tables and CSV read back into rows.
"""

from __future__ import annotations

import csv
import importlib
import io
import os
import re
import shlex
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from typer.testing import CliRunner, Result

from kg.cli import _COMMAND_MODULES, app, console, err_console
from tests.conftest import ROOT

__all__ = ["CI_SCRIPT", "EKG", "KIND", "MESH", "README", "SEED", "Tour", "ci_last_commands",
           "csv_rows", "ekg_args", "flat", "key", "ok", "readme_commands", "run_ekg", "sh_blocks",
           "table_rows"]

README = ROOT / "README.md"
CI_SCRIPT = ROOT / ".ci" / "run"
EKG = ".venv/bin/ekg"
MESH = "http://id.nlm.nih.gov/mesh/"
SEED = "https://doi.org/10.1111/papr.12829"
KIND = "https://w3id.org/evidence-kg/id/evidence-kind/"
# No terminal here: a wide virtual one keeps rich tables on one line per row.
ENV = {"COLUMNS": "250", "EKG_STORE": None, "EKG_OUT": None}


def _logical_lines(block: str) -> Iterator[str]:
    """Lines of a shell block, a quoted string that spans lines joined into one."""
    pending = ""
    for line in block.splitlines():
        pending = f"{pending}\n{line}" if pending else line
        try:
            shlex.split(pending, comments=True)
        except ValueError:  # an open quote: the command goes on on the next line
            continue
        yield pending
        pending = ""
    assert not pending, f"unterminated quote in the README: {pending!r}"


def _commands(line: str) -> Iterator[list[str]]:
    """The commands of one line, split on ``&&``, comments dropped."""
    lexer = shlex.shlex(line, posix=True, punctuation_chars=True)
    lexer.whitespace_split = True
    command: list[str] = []
    for token in lexer:
        if token == "&&":
            yield command
            command = []
        else:
            command.append(token)
    if command:
        yield command


def sh_blocks() -> list[str]:
    """The bodies of the README's ```sh blocks. A block fenced ```sh not-run (commands that need
    a cluster or a server) is shown to readers but not run: the fence must be exactly ```sh."""
    return re.findall(r"^```sh\n(.*?)^```", README.read_text(encoding="utf-8"), re.M | re.S)


def readme_commands(block: str | None = None) -> list[list[str]]:
    """Each command of the README's sh blocks (or of one block), as argv."""
    blocks = sh_blocks() if block is None else [block]
    return [cmd for b in blocks for line in _logical_lines(b) for cmd in _commands(line)]


def key(argv: list[str]) -> str:
    """A command as one line: its words shell-quoted, runs of white space as one space."""
    return " ".join(shlex.join(argv).split())


def run_ekg(folder: Path, argv: list[str], stdin: str | None = None) -> Result:
    """``ekg ARGV`` in ``folder``, in this process, with every command registered as
    ``main()`` registers them."""
    for module in _COMMAND_MODULES:
        importlib.import_module(module)
    before, widths = Path.cwd(), (console._width, err_console._width)
    os.chdir(folder)
    # rich reads COLUMNS when a console is made, at import: a test that imported the CLI first
    # would leave the tour at 80 columns, so the width the tour reads tables at is set here.
    console.width = err_console.width = int(ENV["COLUMNS"] or 250)
    try:
        return CliRunner().invoke(app, argv, input=stdin, env=ENV)
    finally:
        os.chdir(before)
        console._width, err_console._width = widths  # None again: measured when printing


@dataclass(frozen=True)
class Tour:
    """The folder the tour runs in, what its build printed, and whether MeSH is in use."""

    folder: Path
    build: Result
    mesh: bool

    def ekg(self, argv: list[str], stdin: str | None = None) -> Result:
        return run_ekg(self.folder, argv, stdin)


def ekg_args(argv: list[str]) -> tuple[list[str], str | None]:
    """The arguments after ``.venv/bin/ekg`` and the text a ``< FILE`` redirect feeds in."""
    assert argv[0] == EKG, argv
    if "<" in argv:
        at = argv.index("<")
        return argv[1:at], (ROOT / argv[at + 1]).read_text(encoding="utf-8")
    return argv[1:], None


def ok(result: Result) -> str:
    assert result.exit_code == 0, (result.output, result.exception)
    return result.stdout


def flat(text: str) -> str:
    return " ".join(text.split())


def table_rows(text: str) -> list[dict[str, str]]:
    """The rows of the first rich table printed; a line with an empty first cell continues the
    row above (a long cell wrapped)."""
    lines = text.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("┃"))
    names = [c.strip() for c in lines[header].strip("┃").split("┃")]
    rows: list[list[str]] = []
    for line in lines[header + 2:]:
        if not line.startswith("│"):
            break
        cells = [c.strip() for c in line.strip("│").split("│")]
        if cells[0] or not rows:
            rows.append(cells)
        else:
            rows[-1] = [f"{a} {b}".strip() for a, b in zip(rows[-1], cells, strict=True)]
    return [dict(zip(names, row, strict=True)) for row in rows]


def csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def ci_last_commands() -> list[list[str]]:
    last = [line for line in CI_SCRIPT.read_text(encoding="utf-8").splitlines() if line.strip()]
    return list(_commands(last[-1]))
