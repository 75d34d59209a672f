"""``ekg export``: the dataset or some graphs, the ontology, shapes or vocabulary, any format."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from kg.cli import StoreOpt, app, console, fail
from kg.commands.pipes import quiet_on_closed_pipe
from kg.errors import KGError
from kg.export import FORMATS, RESOURCES, export_native, load_resources, parse_graph_names
from kg.resources import default_out_dir
from kg.store.open import open_store

__all__ = ["EXTENSIONS", "export_command"]

EXTENSIONS = {"trig": ".trig", "nq": ".nq", "turtle": ".ttl", "nt": ".nt", "jsonld": ".jsonld",
              "rdfxml": ".rdf"}


def _default_path(fmt: str, what: str | None) -> Path:
    return default_out_dir() / f"{what or 'graph'}{EXTENSIONS[fmt]}"


@app.command("export")
def export_command(
    fmt: Annotated[str, typer.Option("--format", "-f", help="|".join(FORMATS))] = "trig",
    graph: Annotated[list[str] | None, typer.Option(
        "--graph", "-g", help="Only this named graph (repeatable; 'default' = default graph). "
        "Triple formats write the union of the selected graphs.")] = None,
    out: Annotated[str | None, typer.Option(
        "--out", "-o", metavar="FILE", help="Output file ('.gz' compresses, '-' is stdout); "
        "default out/graph.EXT or out/WHAT.EXT.")] = None,
    what: Annotated[str | None, typer.Option(
        "--what", help="Export " + "|".join(RESOURCES) + " instead of the data.")] = None,
    store: StoreOpt = None,
) -> None:
    """Write the graph in an RDF format: streaming, atomic (temp file + rename), gzip on .gz."""
    if fmt not in FORMATS:
        raise fail(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    try:
        if what:
            source, graphs = load_resources(what), parse_graph_names(["default"])
        else:
            source, graphs = open_store(store, read_only=True).native, parse_graph_names(graph)
        if out == "-":
            with quiet_on_closed_pipe():
                FORMATS[fmt].write(source, sys.stdout.buffer, graphs)
            return
        path = Path(out) if out else _default_path(fmt, what)
        export_native(source, path, fmt, graphs)
    except KGError as exc:
        raise fail(str(exc)) from exc
    console.print(f"wrote {path} ({path.stat().st_size:,} bytes)", highlight=False)
