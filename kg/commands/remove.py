"""``ekg remove``: take records out of the store (by the file they came from, or by DOI, PMID,
graph or article IRI), with what depended on them.

A record's named graph goes whole; claim cores no remaining record supports are pruned from the
shared graph (as after a build); the rolled-up certainty, the VoID description and the exports
are redone from what is left. Analysis results (``ekg related``, ``paths``, ``discover``,
``conflicts`` …) were computed over the old graph, so the analysis graph is dropped rather than
left to describe records that are gone: run the analyses again. MeSH pharmacological actions
are vocabulary facts, not a record's, and stay.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Annotated

import typer
from rdflib import URIRef
from rich.table import Table

from kg.analysis.iris import ANALYSIS_GRAPH
from kg.article_identity import Known, stored_identities
from kg.build_inputs import is_curator_file
from kg.cli import OutOpt, StoreOpt, app, console, fail
from kg.commands.load import refresh_derived
from kg.errors import KGError
from kg.pipeline import prune_shared
from kg.records.registry import iter_input_files
from kg.resources import default_out_dir
from kg.store.base import Store
from kg.store.open import open_store

__all__ = ["match_targets", "remove_command", "remove_graphs"]

_DOI_PREFIXES = ("https://doi.org/", "http://doi.org/", "https://dx.doi.org/",
                 "http://dx.doi.org/", "doi:")


@app.command("remove")
def remove_command(
    targets: Annotated[list[str], typer.Argument(
        metavar="PATH|ID...", help="Record files or folders (their records, by file name), "
        "DOIs, PMIDs (pmid:N or N), or graph or article IRIs.")],
    store: StoreOpt = None,
    out: OutOpt = None,
) -> None:
    """Remove records and their named graphs; prune orphan claims; drop the analysis results
    (computed over the old graph: run the analyses again); redo certainty, VoID and exports.
    Exit 1 if a target matched nothing (the others are still removed)."""
    try:
        removed, unmatched, total = _remove(targets, store, out or default_out_dir())
    except (OSError, KGError) as exc:
        raise fail(str(exc)) from exc
    _print_summary(removed, unmatched, total)
    raise typer.Exit(1 if unmatched else 0)


def _remove(targets: list[str], store: Path | None,
            out_dir: Path) -> tuple[list[Known], list[str], int]:
    st = open_store(store, must_exist=True)
    try:
        matched, unmatched = match_targets(stored_identities(st), targets)
        if matched:
            remove_graphs(st, (k.graph for k in matched))
            return matched, unmatched, refresh_derived(st, out_dir)
        return matched, unmatched, st.count()
    finally:
        st.close()


def _file_names(path: Path) -> set[str]:
    """Base names of the record files under ``path``: a graph knows its file by base name."""
    return {f.name for f in iter_input_files([path]) if not is_curator_file(f)}


def _matcher(target: str) -> tuple[str, str]:
    """What a target names: ``("file", …)``, ``("doi", …)``, ``("pmid", …)`` or ``("iri", …)``."""
    text = target.strip()
    for prefix in _DOI_PREFIXES:
        if text.lower().startswith(prefix):
            return "doi", text[len(prefix):].lower()
    if text.startswith("10.") and "/" in text:
        return "doi", text.lower()
    if text.lower().startswith("pmid:") or text.isdigit():
        return "pmid", text.lower().removeprefix("pmid:")
    if text.startswith(("http://", "https://")):
        return "iri", text
    return "unknown", text


def _matches(known: Known, kind: str, value: str) -> bool:
    if kind == "doi":
        return (known.doi or "").lower() == value
    if kind == "pmid":
        return known.pmid == value
    return kind == "iri" and value in (str(known.graph), str(known.article))


def match_targets(stored: Iterable[Known], targets: list[str]) -> tuple[list[Known], list[str]]:
    """The stored records the targets name (an existing path names the records read from its
    files), and the targets that name none."""
    stored = list(stored)
    matched: dict[URIRef, Known] = {}
    unmatched: list[str] = []
    for target in targets:
        if Path(target).exists():
            names = _file_names(Path(target))
            found = [k for k in stored if k.file in names]
        else:
            kind, value = _matcher(target)
            found = [k for k in stored if _matches(k, kind, value)]
        matched.update((k.graph, k) for k in found)
        if not found:
            unmatched.append(target)
    return sorted(matched.values(), key=lambda k: str(k.graph)), unmatched


def remove_graphs(store: Store, graphs: Iterable[URIRef]) -> None:
    """Drop the records' graphs, prune claim cores left without evidence and drop the analysis
    results computed over the graph as it was."""
    for graph in graphs:
        store.drop_graph(graph)
    prune_shared(store)
    store.drop_graph(ANALYSIS_GRAPH)


def _print_summary(removed: list[Known], unmatched: list[str], total: int) -> None:
    table = Table(title="removed", show_header=True)
    for column in ("record", "article", "graph"):
        table.add_column(column, overflow="fold")
    for k in removed:
        table.add_row(k.where, str(k.article), str(k.graph))
    console.print(table, highlight=False)
    console.print(f"{len(removed)} record(s) removed; {total} triples in store", highlight=False)
    for target in unmatched:
        console.print(f"[yellow]not found[/] nothing in the store matches {target}",
                      highlight=False)
