"""``ekg load``: verified shards of a distributed build into the store, so it holds what a
local build of the same records would; then the derived graphs and exports, as after a build."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from kg.analysis.certainty import write_rolled_up_certainty
from kg.cli import OutOpt, StoreOpt, app, console, fail
from kg.commands.build import remove_orphan_bulk_files
from kg.errors import KGError
from kg.export import export_store
from kg.resources import default_out_dir
from kg.shards.load import Selection, load_shards, select_shards
from kg.store.open import open_store
from kg.void import write_dataset_description

if TYPE_CHECKING:
    from kg.store.oxigraph import OxigraphStore

__all__ = ["load_command", "refresh_derived"]


@app.command("load")
def load_command(
    sources: Annotated[list[Path], typer.Argument(
        help="Shard folders (with manifest.json), or shard files beside their manifest.")],
    store: StoreOpt = None,
    out: OutOpt = None,
) -> None:
    """Load the N-Quads shards of `ekg build --dask`: every shard's sha256 is checked against
    the manifest first (a damaged shard stops the load before the store is touched); the
    graphs the shards hold replace the store's, then certainty, VoID and exports are redone."""
    started = time.perf_counter()
    try:
        selections = select_shards(sources)
        total, graphs = _load(selections, store, out or default_out_dir())
    except (OSError, KGError) as exc:
        raise fail(str(exc)) from exc
    _print_summary(selections, graphs, total, time.perf_counter() - started)


def _load(selections: list[Selection], store: Path | None, out_dir: Path) -> tuple[int, int]:
    st = open_store(store)
    try:
        if st.path is not None:
            remove_orphan_bulk_files(Path(st.path))
        graphs = load_shards(st, selections)
        return refresh_derived(st, out_dir), graphs
    finally:
        st.close()


def refresh_derived(st: OxigraphStore, out_dir: Path) -> int:
    """What a build does once its records are stored: the rolled-up certainty, the VoID
    description and the exports, all from the store as it is now; returns its size."""
    write_rolled_up_certainty(st)
    write_dataset_description(st, out_dir)
    export_store(st, out_dir / "graph.trig", "trig")
    export_store(st, out_dir / "graph.nq", "nq")
    return st.count()


def _print_summary(selections: list[Selection], graphs: int, total: int,
                   seconds: float) -> None:
    entries = [e for s in selections for e in s.entries]
    table = Table(title="load summary", show_header=False)
    for label, value in (
        ("shards", len(entries)), ("records", sum(e.records for e in entries)),
        ("graphs replaced or added", graphs), ("quads in shards", sum(e.quads for e in entries)),
        ("triples in store", total), ("seconds", f"{seconds:.2f}"),
    ):
        table.add_row(label, str(value))
    console.print(table)
    for s in selections:
        for r in s.manifest.rejected:
            console.print(f"[yellow]rejected by the build[/] {r.where}: {r.reason}",
                          highlight=False)
