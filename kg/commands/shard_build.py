"""``ekg build --dask ADDRESS``: the build's records processed on a Dask cluster and written as
N-Quads shards plus a manifest, for ``ekg load`` here or a bulk loader elsewhere."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table

from kg.build_report import BuildSummary
from kg.cli import console
from kg.distributed import build_on_dask
from kg.shards.build import ShardOptions
from kg.shards.manifest import MANIFEST, Manifest

__all__ = ["build_shards_command"]


def build_shards_command(paths: list[Path], address: str, folder: Path,
                         options: ShardOptions, workers: int) -> None:
    """Run the sharded build, print its summary; exit 1 if any record was rejected."""
    summary, manifest = build_on_dask([str(p) for p in paths], folder, address, options,
                                      workers=workers)
    _print_summary(summary, manifest, folder)
    raise typer.Exit(0 if summary.ok else 1)


def _print_summary(s: BuildSummary, manifest: Manifest, folder: Path) -> None:
    totals = manifest.totals()
    table = Table(title="sharded build summary", show_header=False)
    for label, value in (
        ("files", s.files), ("records read", s.records_read), ("stored in shards", s.stored),
        ("rejected", len(s.rejected)), ("read warnings", len(s.notices)),
        ("shards", totals["shards"]), ("quads in shards", totals["quads"]),
        ("violations", s.violations), ("warnings", len(s.warnings)),
        ("seconds", f"{s.seconds:.2f}"),
    ):
        table.add_row(label, str(value))
    console.print(table)
    for r in s.rejected:
        console.print(f"[red]rejected[/] {r.where}: {r.reason}", highlight=False)
    for r in s.notices:
        console.print(f"[yellow]warning[/] {r.where}: {r.reason}", highlight=False)
    console.print(f"wrote {totals['shards']} shard(s) and {folder / MANIFEST}; "
                  f"load them with `ekg load {folder}`", highlight=False)
