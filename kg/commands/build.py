"""``ekg build``: ingest → extract → RDF → validate → store → export, with a closing summary."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from kg.cli import OutOpt, StoreOpt, app, console
from kg.export import export_store
from kg.pipeline import BuildOptions, BuildSummary, build
from kg.resources import default_out_dir
from kg.store.open import open_store
from kg.void import write_dataset_description

__all__ = ["build_command", "print_summary"]

_COMPACT_AFTER = 10_000
"""Records stored in one build after which the on-disk store is compacted."""


@app.command("build")
def build_command(
    paths: Annotated[list[Path], typer.Argument(help="Record files or folders.")],
    store: StoreOpt = None,
    out: OutOpt = None,
    fmt: Annotated[str | None, typer.Option("--format", help="Force a reader.")] = None,
    workers: Annotated[int, typer.Option(help="Worker processes for extraction.")] = 1,
    batch_size: Annotated[int, typer.Option(help="Records per batch.")] = 200,
    no_validate: Annotated[bool, typer.Option("--no-validate")] = False,
    force: Annotated[bool, typer.Option(help="Rebuild unchanged records too.")] = False,
) -> None:
    """Build the evidence graph from record files; exit 1 if any record was rejected."""
    st = open_store(store)
    options = BuildOptions(fmt, batch_size, workers, not no_validate, force)
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                  TextColumn("{task.completed} records"), TimeElapsedColumn(),
                  console=console, transient=True) as progress:
        task = progress.add_task("reading", total=None)
        summary = build(
            [str(p) for p in paths], st, options,
            on_file=lambda p: progress.update(task, description=f"reading {p.name}"),
            on_batch=lambda n: progress.advance(task, n))
    if summary.stored >= _COMPACT_AFTER:
        st.optimize()
    out_dir = out or default_out_dir()
    write_dataset_description(st, out_dir)
    export_store(st, out_dir / "graph.trig", "trig")
    export_store(st, out_dir / "graph.nq", "nq")
    total = st.count()
    st.close()
    print_summary(summary, total, out_dir)
    raise typer.Exit(0 if summary.ok else 1)


def print_summary(s: BuildSummary, store_triples: int, out_dir: Path) -> None:
    table = Table(title="build summary", show_header=False)
    for label, value in (
        ("files", s.files), ("records read", s.records_read), ("stored (new or changed)", s.stored),
        ("unchanged (skipped)", s.unchanged), ("rejected", len(s.rejected)),
        ("triples written", s.triples), ("triples in store", store_triples),
        ("violations", s.violations), ("warnings", len(s.warnings)),
        ("seconds", f"{s.seconds:.2f}"),
    ):
        table.add_row(label, str(value))
    console.print(table)
    for r in s.rejected:
        console.print(f"[red]rejected[/] {r.where}: {r.reason}", highlight=False)
    console.print(f"wrote {out_dir / 'graph.trig'}, {out_dir / 'graph.nq'} and "
                  f"{out_dir / 'void.ttl'}")
