"""Every table command in a pipe (CliRunner's stdout is not a terminal) at ``COLUMNS=80``:
the table is drawn at its natural width, so no identifier is split across lines and the output
does not depend on the width at all."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import pytest
from typer.testing import CliRunner

from kg.cli import _COMMAND_MODULES, app
from kg.rdf.namespaces import EKGR, PREFIXES
from tests.conftest import EXAMPLES

runner = CliRunner()
SEED = "10.1111/papr.12829"
COMMANDS: dict[str, list[str]] = {
    "stats": ["stats"],
    "claims": ["claims", "--all"],
    "concepts": ["concepts", "ketamine"],
    "related": ["related", SEED, "--no-write"],
    "paths": ["paths", "ketamine", "opioid withdrawal", "--co-mentions", "--no-write"],
    "discover": ["discover", "mesh:D007649", "--no-write"],
    "conflicts": ["conflicts", "--no-write"],
    "communities": ["communities", "--no-write"],
    "evidence-for-condition": ["query", "evidence-for-condition", "-p",
                               "condition=mesh:D020918"],
    "evidence-for-intervention": ["query", "evidence-for-intervention", "-p",
                                  "intervention=mesh:D007649"],
    "claim-table": ["query", "claim-table"],
    "article-card": ["query", "article-card", "-p", f"article=https://doi.org/{SEED}"],
}
_TOKEN = re.compile(r"(?:https?://|\b(?:mesh|doi|pmid|concept|ekgr|ekg):)[^\s│┃,;()\[\]\"]+")
"""An identifier as a table prints it: a URL or a CURIE of the project's prefixes."""
_SHORT = sorted([*PREFIXES.items(), ("doi", "https://doi.org/"),
                 ("pmid", "https://pubmed.ncbi.nlm.nih.gov/"), ("concept", f"{EKGR}concept/")],
                key=lambda kv: -len(str(kv[1])))


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The bundled examples, built as the README builds them."""
    for module in _COMMAND_MODULES:
        __import__(module)
    folder = tmp_path_factory.mktemp("pipes")
    result = runner.invoke(app, ["build", str(EXAMPLES), "--store", str(folder / "store"),
                                 "--out", str(folder / "out")])
    assert result.exit_code == 0, result.output
    return str(folder / "store")


def _run(argv: list[str], store: str, columns: int) -> str:
    result = runner.invoke(app, [*argv, "--store", store], env={"COLUMNS": str(columns)})
    assert result.exit_code == 0, result.output
    return result.stdout


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def _forms(identifier: str) -> set[str]:
    """An identifier as given and shortened with each prefix it starts with."""
    out = {identifier}
    for prefix, ns in _SHORT:
        if identifier.startswith(str(ns)) and len(identifier) > len(str(ns)):
            out.add(f"{prefix}:{identifier[len(str(ns)):]}")
    return out


def _known(payload: object) -> set[str]:
    """Every identifier in a command's JSON output, in every form a table may print."""
    return {form for text in _strings(payload) for token in _TOKEN.findall(text)
            for form in _forms(token)}


@pytest.mark.parametrize("name", list(COMMANDS))
def test_a_piped_table_splits_no_identifier_at_80_columns(store: str, name: str):
    argv = COMMANDS[name]
    piped = _run(argv, store, 80)
    assert piped == _run(argv, store, 400)  # the width of a pipe changes nothing
    known = _known(json.loads(_run([*argv, "-f", "json"], store, 80)))
    printed = set(_TOKEN.findall(piped))
    assert printed <= known, sorted(printed - known)
    if name in ("claims", "related", "claim-table", "article-card", "evidence-for-condition"):
        assert printed, piped  # these tables do name articles or concepts
