"""``ekg build``: ingest → extract → RDF → validate → store → export, with a closing summary."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from kg.analysis.certainty import write_rolled_up_certainty
from kg.cli import OutOpt, StoreOpt, app, console, err_console, fail
from kg.commands.progress import build_progress
from kg.errors import KGError
from kg.export import export_store
from kg.pipeline import BuildOptions, BuildSummary, build
from kg.records.registry import reader_names
from kg.resources import default_out_dir
from kg.store.open import open_store
from kg.void import write_dataset_description

__all__ = ["build_command", "print_summary", "remove_orphan_bulk_files"]

_COMPACT_AFTER = 10_000
"""Records stored in one build after which the on-disk store is compacted."""


@app.command("build")
def build_command(
    paths: Annotated[list[Path], typer.Argument(help="Record files or folders.")],
    store: StoreOpt = None,
    out: OutOpt = None,
    fmt: Annotated[str | None, typer.Option(
        "--format", metavar="READER",
        help=f"Force a reader ({', '.join(reader_names())}); default: detected per file.")
    ] = None,
    workers: Annotated[int, typer.Option(help="Worker processes for extraction.")] = 1,
    batch_size: Annotated[int, typer.Option(help="Records per batch.")] = 200,
    no_validate: Annotated[bool, typer.Option(
        "--no-validate", help="Skip SHACL validation (faster; violations go unreported).")
    ] = False,
    force: Annotated[bool, typer.Option(help="Rebuild unchanged records too.")] = False,
) -> None:
    """Build the evidence graph from record files; exit 1 if any record was rejected."""
    try:
        _build(paths, store, out, BuildOptions(fmt, batch_size, workers, not no_validate, force))
    except (OSError, KGError) as exc:  # disk full, read-only folder …: no traceback
        raise fail(f"build stopped: {_reason(exc)}. Files written before are unchanged "
                   "(exports are replaced whole or not at all); records not stored are "
                   "stored by the next build") from exc


def _reason(exc: OSError | KGError) -> str:
    if isinstance(exc, KGError):
        return str(exc)
    where = f" ({exc.filename})" if exc.filename else ""
    return f"{exc.strerror or exc}{where}"


def remove_orphan_bulk_files(folder: Path) -> int:
    """Delete ``bulk-*.sst`` files a killed bulk load left in the store folder (Oxigraph's
    loader writes them there and ingests them at the end); only call with the store open for
    writing, whose lock guarantees no other load is running."""
    removed = 0
    for orphan in folder.glob("bulk-*.sst"):
        orphan.unlink(missing_ok=True)
        removed += 1
    return removed


def _build(paths: list[Path], store: Path | None, out: Path | None,
           options: BuildOptions) -> None:
    st = open_store(store)
    if st.path is not None:
        remove_orphan_bulk_files(Path(st.path))
    with build_progress(console, err_console) as (on_file, on_batch):
        summary = build([str(p) for p in paths], st, options, on_file=on_file,
                        on_batch=on_batch)
    if summary.stored >= _COMPACT_AFTER:
        st.optimize()
    write_rolled_up_certainty(st)
    out_dir = out or default_out_dir()
    write_dataset_description(st, out_dir)
    export_store(st, out_dir / "graph.trig", "trig")
    export_store(st, out_dir / "graph.nq", "nq")
    total = st.count()
    st.close()
    print_summary(summary, total, out_dir)
    raise typer.Exit(0 if summary.ok else 1)


def print_summary(s: BuildSummary, store_triples: int, out_dir: Path) -> None:
    _print_table(s, store_triples)
    for r in s.rejected:
        console.print(f"[red]rejected[/] {r.where}: {r.reason}", highlight=False)
    for r in s.notices:
        console.print(f"[yellow]warning[/] {r.where}: {r.reason}", highlight=False)
    console.print(f"wrote {out_dir / 'graph.trig'}, {out_dir / 'graph.nq'} and "
                  f"{out_dir / 'void.ttl'}")


def _print_table(s: BuildSummary, store_triples: int) -> None:
    table = Table(title="build summary", show_header=False)
    for label, value in (
        ("files", s.files), ("records read", s.records_read), ("stored (new or changed)", s.stored),
        ("unchanged (skipped)", s.unchanged), ("rejected", len(s.rejected)),
        ("read warnings", len(s.notices)),
        ("triples written", s.triples), ("triples in store", store_triples),
        ("violations", s.violations), ("warnings", len(s.warnings)),
        ("seconds", f"{s.seconds:.2f}"),
    ):
        table.add_row(label, str(value))
    console.print(table)
