"""Verified shards into a store: every chosen shard is checked against the manifest's sha256
before the store is touched, the graphs the shards rewrite are dropped, and the rest is the
store's bulk loader.

Record graphs and the vocabulary graph are replaced whole (dropped, then loaded), as a local
build replaces them; the shared and MeSH-actions graphs are extended, and claim cores no record
supports any more are pruned after, as a local build does.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from rdflib import URIRef

from kg.pipeline import prune_shared
from kg.rdf.graphs import MESH_ACTIONS_GRAPH, SHARED_GRAPH
from kg.shards.manifest import Manifest, ShardEntry, ShardError, read_manifest, verify_shards
from kg.store.base import Store

__all__ = ["Selection", "load_shards", "select_shards"]

_ADD_ONLY = frozenset({str(SHARED_GRAPH), str(MESH_ACTIONS_GRAPH)})


@dataclass(frozen=True, slots=True)
class Selection:
    """Shards of one folder to load: all the manifest lists, or the files named."""

    folder: Path
    manifest: Manifest
    entries: tuple[ShardEntry, ...]


def _from_file(path: Path) -> Selection:
    manifest = read_manifest(path.parent)
    entries = tuple(e for e in manifest.shards if e.file == path.name)
    if not entries:
        raise ShardError(f"{path} is not listed in {path.parent / 'manifest.json'}")
    return Selection(path.parent, manifest, entries)


def select_shards(sources: Iterable[Path]) -> list[Selection]:
    """A folder means all its shards; a file means that shard (its manifest lies beside it).
    Every chosen shard is verified here, before anything is loaded."""
    selections: list[Selection] = []
    for source in sources:
        if source.is_dir():
            manifest = read_manifest(source)
            selections.append(Selection(source, manifest, manifest.shards))
        elif source.is_file():
            selections.append(_from_file(source))
        else:
            raise ShardError(f"{source}: no such shard file or folder")
    for s in selections:
        verify_shards(s.folder, s.entries)
    return selections


def _replaced(selections: list[Selection]) -> set[URIRef]:
    return {URIRef(g) for s in selections for e in s.entries for g in e.graphs
            if g not in _ADD_ONLY}


def load_shards(store: Store, selections: list[Selection]) -> int:
    """Load verified shards; returns how many graphs they replaced or added."""
    replaced = _replaced(selections)
    for graph in replaced & set(store.named_graphs()):
        store.drop_graph(graph)
    store.load_nquads(s.folder / e.file for s in selections for e in s.entries)
    prune_shared(store)
    return len(replaced)
