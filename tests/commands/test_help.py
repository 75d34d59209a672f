"""Every command's ``--help`` is readable: plain metavars and a description for every option."""

from __future__ import annotations

import re

import pytest
import typer
from typer.testing import CliRunner

from kg.cli import app, load_commands
from kg.records.registry import reader_names

load_commands()

runner = CliRunner()


def _commands(group: object, prefix: tuple[str, ...] = ()) -> dict[tuple[str, ...], object]:
    """Every command and sub-group by its words on the command line (``("vocab", "load")``)."""
    found: dict[tuple[str, ...], object] = {prefix: group} if prefix else {}
    for name, command in getattr(group, "commands", {}).items():
        found.update(_commands(command, (*prefix, name)))
    return found


_COMMANDS = _commands(typer.main.get_command(app))
_NOISE = re.compile(r"<bool>|<str>|<int>|<path>|<list\[|\{\w+\}")


@pytest.mark.parametrize("words", [(), *sorted(_COMMANDS)], ids=" ".join)
def test_help_has_no_type_noise(words):
    result = runner.invoke(app, [*words, "--help"], env={"COLUMNS": "120"})
    assert result.exit_code == 0, result.output
    assert not _NOISE.search(result.output), result.output


@pytest.mark.parametrize("name", sorted(_COMMANDS), ids=" ".join)
def test_every_option_has_a_description(name):
    command = _COMMANDS[name]
    params = [*command.params, command.get_help_option(typer.Context(command))]
    missing = [p.name for p in params if not (p.help or "").strip()]
    assert not missing, f"{name}: options without help: {missing}"


def test_build_usage_names_the_paths_and_lists_the_readers():
    result = runner.invoke(app, ["build", "--help"], env={"COLUMNS": "200"})
    assert "ekg build [OPTIONS] PATH..." in result.output.replace("root build", "ekg build")
    flat = " ".join(result.output.split())
    assert all(name in flat for name in reader_names())
    assert "--format READER" in flat or re.search(r"--format\s+READER", result.output)


def test_flags_show_no_metavar():
    result = runner.invoke(app, ["build", "--help"], env={"COLUMNS": "200"})
    line = next(x for x in result.output.splitlines() if "--no-validate" in x)
    assert "Skip SHACL validation" in line and "BOOL" not in line.upper()
