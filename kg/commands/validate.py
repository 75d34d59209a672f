"""``ekg validate``: SHACL report a curator can read; exit 0 conforms / 1 does not / 2 error."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from kg.cli import StoreOpt, app, console, fail
from kg.errors import KGError
from kg.rdf.namespaces import PREFIXES
from kg.store.open import open_store
from kg.validate import ValidationIssue, ValidationReport, validate_file, validate_store
from kg.validation import DEFAULT_ENGINE, ENGINES

__all__ = ["print_report", "shorten", "validate_command"]

_FORMATS = ("table", "json")


@app.command("validate")
def validate_command(
    files: Annotated[list[Path] | None, typer.Argument(
        help="RDF files (TriG, N-Quads, Turtle, N-Triples) to check instead of the store.")] = None,
    store: StoreOpt = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table|json")] = "table",
    limit: Annotated[int, typer.Option(
        "--limit", help="Most rows the table shows (0: all); JSON always has all.")] = 200,
    engine: Annotated[str, typer.Option(
        "--engine", help="SHACL engine: turbo (fast) or pyshacl (engine of record).")
    ] = DEFAULT_ENGINE,
) -> None:
    """Validate the store (or files) against ontology/shapes and the queries/qc checks."""
    if fmt not in _FORMATS:
        raise fail(f"unknown format {fmt!r}: use one of {', '.join(_FORMATS)}")
    if engine not in ENGINES:
        raise fail(f"unknown engine {engine!r}: use one of {', '.join(ENGINES)}")
    try:
        report = _validate(files, store, engine)
    except (KGError, OSError) as exc:
        raise fail(str(exc)) from exc
    if fmt == "json":
        typer.echo(json.dumps([asdict(i) for i in report.sorted_issues()], indent=1,
                              ensure_ascii=False))
    else:
        print_report(report, limit=limit)
    raise typer.Exit(0 if report.conforms else 1)


def _validate(files: list[Path] | None, store: Path | None, engine: str) -> ValidationReport:
    if not files:
        return validate_store(open_store(store, read_only=True), engine=engine)
    report = ValidationReport()
    for f in files:
        if not f.is_file():
            raise KGError(f"{f}: no such file")
        report.extend(validate_file(f, engine=engine))
    return report


def shorten(iri: str | None) -> str:
    """``ekg:doi`` for ``https://w3id.org/evidence-kg/ontology#doi``: what a curator reads."""
    if not iri:
        return ""
    best, name = "", ""
    for prefix, ns in PREFIXES.items():
        if iri.startswith(str(ns)) and len(str(ns)) > len(best):
            best, name = str(ns), prefix
    local = iri[len(best):]
    return f"{name}:{local}" if best and local else iri


def _row(i: ValidationIssue) -> tuple[str, ...]:
    style = {"Violation": "red", "Warning": "yellow"}.get(i.severity, "cyan")
    return (f"[{style}]{i.severity}[/]", shorten(i.focus), i.path or "", i.message,
            shorten(i.value) if i.value else "")


def print_report(report: ValidationReport, *, limit: int = 0) -> None:
    """A table (violations first), then the verdict with counts."""
    if not report.issues:
        console.print("[green]conforms[/]: no violations, no warnings")
        return
    issues = report.sorted_issues()
    shown = issues if limit <= 0 else issues[:limit]
    table = Table(title="validation report")
    for col in ("severity", "focus node", "path", "message", "value"):
        table.add_column(col, overflow="fold")
    for issue in shown:
        table.add_row(*_row(issue))
    console.print(table, highlight=False)
    if len(shown) < len(issues):
        console.print(f"… {len(issues) - len(shown)} more: use --limit 0 or --format json")
    graphs = len({i.graph for i in issues if i.graph})
    verdict = "[green]conforms[/]" if report.conforms else "[red]does not conform[/]"
    where = f" in {graphs} graph(s)" if graphs else ""
    console.print(f"{verdict}: {len(report.violations)} violation(s), "
                  f"{len(report.warnings)} warning(s){where}")
