"""``ekg build``: ingest → extract → RDF → validate → store → export, with a closing summary."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from kg.analysis.certainty import write_rolled_up_certainty
from kg.analysis.stale import mark_stale
from kg.build_report import VocabularyUsed, describe_vocabulary, warning_lines
from kg.cli import OutOpt, StoreOpt, app, console, err_console, fail
from kg.commands.progress import (
    FINISHING,
    READING,
    VOCABULARY,
    LiveBar,
    Ticker,
    build_progress,
    input_bytes,
)
from kg.commands.shard_build import build_shards_command
from kg.errors import KGError
from kg.export import export_store
from kg.pipeline import BuildOptions, BuildSummary, build
from kg.records.registry import reader_names
from kg.resources import default_out_dir
from kg.shards.build import ShardOptions
from kg.store.open import open_store
from kg.store.oxigraph import OxigraphStore
from kg.vocab.default import default_vocabulary
from kg.void import write_dataset_description

__all__ = ["build_command", "print_summary", "remove_orphan_bulk_files"]

_COMPACT_AFTER = 10_000
"""Records stored in one build after which the on-disk store is compacted."""
_FIRST_WARNINGS = 5
"""Warnings the summary prints one by one; it counts the rest (``ekg validate`` lists all)."""


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
    dask: Annotated[str | None, typer.Option(
        "--dask", metavar="ADDRESS",
        help="Process on a Dask cluster (tcp://HOST:8786, or 'local' for --workers on this "
             "machine) and write N-Quads shards and a manifest instead of the store.")
    ] = None,
    shards: Annotated[Path | None, typer.Option(
        "--shards", "-o", help="Shard folder of a --dask build (default OUT/shards).")] = None,
    gzip: Annotated[bool, typer.Option("--gzip", help="Compress the shards (.nq.gz).")] = False,
) -> None:
    """Build the evidence graph from record files; exit 1 if any record was rejected."""
    try:
        if dask:  # exits when done: shards for `ekg load`, the store is not opened
            build_shards_command(paths, dask, shards or (out or default_out_dir()) / "shards",
                                 ShardOptions(fmt, batch_size, not no_validate, gzip), workers)
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
    out_dir = out or default_out_dir()
    with build_progress(console, err_console, input_bytes(list(paths))) as progress:
        progress.phase(VOCABULARY)  # loaded here once, not silently inside the first record
        vocabulary = describe_vocabulary(default_vocabulary().base.mesh_source)
        progress.phase(READING)
        summary = build([str(p) for p in paths], st, options, on_file=progress.on_file,
                        on_batch=progress.on_batch,
                        on_phase=lambda step: progress.phase(f"{FINISHING}: {step}"))
        _finish(st, summary, out_dir, progress)
    total = st.count()
    st.close()
    print_summary(summary, total, out_dir, vocabulary)
    raise typer.Exit(0 if summary.ok else 1)


def _finish(st: OxigraphStore, summary: BuildSummary, out_dir: Path,
            progress: Ticker | LiveBar) -> None:
    """The closing steps after the records are stored, each announced as a phase."""
    if summary.stored >= _COMPACT_AFTER:
        progress.phase(f"{FINISHING}: compacting the store")
        st.optimize()
    if summary.stored:
        summary.stale_analyses = mark_stale(st)
    progress.phase(f"{FINISHING}: rolled-up certainty")
    write_rolled_up_certainty(st)
    progress.phase(f"{FINISHING}: VoID description")
    write_dataset_description(st, out_dir)
    progress.phase(f"{FINISHING}: exports")
    export_store(st, out_dir / "graph.trig", "trig")
    export_store(st, out_dir / "graph.nq", "nq")


def print_summary(s: BuildSummary, store_triples: int, out_dir: Path,
                  vocabulary: VocabularyUsed | None = None) -> None:
    """The summary table, the vocabulary used, every rejection and the first warnings."""
    _print_table(s, store_triples, vocabulary)
    if vocabulary is not None and vocabulary.overlay_only:
        console.print(f"[yellow]warning[/] vocabulary: {vocabulary.describe()}", highlight=False)
    for r in s.rejected:
        console.print(f"[red]rejected[/] {r.where}: {r.reason}", highlight=False)
    _print_warnings(warning_lines(s))
    if s.stale_analyses:
        console.print(f"[yellow]stale[/] {s.stale_analyses} analysis run(s) describe the graph "
                      "before this build (marked ekg:staleSince): run them again for current "
                      "results", highlight=False)
    console.print(f"wrote {out_dir / 'graph.trig'}, {out_dir / 'graph.nq'} and "
                  f"{out_dir / 'void.ttl'}")


def _print_warnings(lines: list[str]) -> None:
    """The first warnings one by one, and how many there are in all."""
    if not lines:
        return
    shown = lines[:_FIRST_WARNINGS]
    more = f" (the first {len(shown)} of {len(lines)})" if len(lines) > len(shown) else ""
    console.print(f"[yellow]warnings[/]: {len(lines)}{more}", highlight=False)
    for line in shown:
        console.print(f"  {line}", highlight=False, markup=False, soft_wrap=True)


def _print_table(s: BuildSummary, store_triples: int,
                 vocabulary: VocabularyUsed | None) -> None:
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
    if vocabulary is not None:
        table.add_row("vocabulary", vocabulary.describe())
    console.print(table)
