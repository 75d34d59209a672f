"""``ekg validate``: SHACL report a curator can read; exit 0 conforms / 1 does not / 2 error."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from kg.cli import StoreOpt, app, console
from kg.store.open import open_store
from kg.validate import ValidationReport, validate_file, validate_store

__all__ = ["print_report", "validate_command"]


@app.command("validate")
def validate_command(
    files: Annotated[list[Path] | None, typer.Argument(
        help="RDF files (TriG, N-Quads, Turtle) to check instead of the store.")] = None,
    store: StoreOpt = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table|json")] = "table",
) -> None:
    """Validate the store (or files) against ontology/shapes and the qc/ queries."""
    report = ValidationReport()
    if files:
        for f in files:
            report.extend(validate_file(f))
    else:
        st = open_store(store, read_only=True)
        report = validate_store(st)
    if fmt == "json":
        typer.echo(json.dumps([asdict(i) for i in report.issues], indent=1, ensure_ascii=False))
    else:
        print_report(report)
    raise typer.Exit(0 if report.conforms else 1)


def print_report(report: ValidationReport) -> None:
    if not report.issues:
        console.print("[green]conforms[/]: no violations, no warnings")
        return
    table = Table(title="validation report")
    for col in ("severity", "focus node", "path", "message", "value"):
        table.add_column(col, overflow="fold")
    for i in sorted(report.issues, key=lambda i: (i.severity != "Violation", i.focus)):
        style = "red" if i.severity == "Violation" else "yellow"
        table.add_row(f"[{style}]{i.severity}[/]", i.focus, i.path or "", i.message,
                      i.value or "")
    console.print(table)
    verdict = "[green]conforms[/]" if report.conforms else "[red]does not conform[/]"
    console.print(f"{verdict}: {len(report.violations)} violation(s), "
                  f"{len(report.warnings)} warning(s)")
