"""One batch of records → one shard: the pipeline's own per-record steps, with the quads a
store would receive collected and written as sorted N-Quads.

The batch goes through ``process_record`` and the pipeline's acceptance step (violations and
unstorable terms reject a record exactly as in a local build), into a collector that stands in
for the store. Sorted lines make a shard's bytes (and sha256) a function of its records alone,
whichever worker made it and in whatever order.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import cast

import pyoxigraph as ox
from rdflib import URIRef

from kg.build_inputs import Placed
from kg.build_report import BuildSummary
from kg.extract.curated import CuratedClaim
from kg.pipeline import _store_outcomes, pipeline_fingerprint, process_record, store_vocabulary
from kg.rdf.mapping import BuildContext
from kg.store.base import GraphWrite, Store
from kg.store.convert import to_ox_quad

__all__ = ["ShardCollector", "ShardPart", "process_shard", "vocabulary_part"]


class ShardCollector:
    """Stands in for a store during one batch: keeps each graph's quads, with a store's
    semantics (a write replaces its graph unless ``add``), and refuses a write holding a term
    Oxigraph cannot hold, whole, as the real store does."""

    def __init__(self) -> None:
        self._graphs: dict[URIRef, set[ox.Quad]] = {}

    def put_graphs(self, writes: Iterable[GraphWrite]) -> None:
        converted = [(w, {to_ox_quad(s, p, o, w.graph) for s, p, o in w.triples + w.marker})
                     for w in writes]  # StoreError here leaves the collector unchanged
        for write, quads in converted:
            if write.add:
                self._graphs.setdefault(write.graph, set()).update(quads)
            else:
                self._graphs[write.graph] = quads

    def graphs(self) -> tuple[str, ...]:
        return tuple(sorted(str(g) for g, quads in self._graphs.items() if quads))

    def nquads(self) -> list[bytes]:
        """Every quad as one N-Quads line, sorted (literals escape their line breaks)."""
        quads = [q for graph in self._graphs.values() for q in graph]
        return sorted(ox.serialize(quads, format=ox.RdfFormat.N_QUADS).splitlines(keepends=True))


@dataclass(frozen=True, slots=True)
class ShardPart:
    """What a worker sends back for one batch: the shard's N-Quads and what they hold (the
    client compresses, if asked, as it writes)."""

    index: int
    data: bytes
    graphs: tuple[str, ...]
    quads: int
    fingerprint: str
    summary: BuildSummary = field(default_factory=BuildSummary)


def _part(index: int, collector: ShardCollector, fingerprint: str,
          summary: BuildSummary) -> ShardPart:
    lines = collector.nquads()
    return ShardPart(index, b"".join(lines), collector.graphs(), len(lines), fingerprint, summary)


def process_shard(index: int, batch: list[Placed], ctx: BuildContext, validate: bool,
                  curated: tuple[CuratedClaim, ...]) -> ShardPart:
    """The worker's task: extract, map, validate and accept one batch of placed records (the
    client placed them, in reading order, as a local build does), as a local build would.

    The worker's own pipeline fingerprint goes back too, so the client can refuse shards made
    with another vocabulary or software version than the one it stamped on the graphs."""
    summary = BuildSummary()
    collector = ShardCollector()
    outcomes = [process_record(r, ctx, validate, curated, p) for r, p in batch]
    _store_outcomes(cast(Store, collector), outcomes, batch, summary)
    return _part(index, collector, pipeline_fingerprint(curated), summary)


def vocabulary_part() -> ShardPart:
    """The curated vocabulary graph a local build stores, as a shard of its own."""
    collector = ShardCollector()
    store_vocabulary(cast(Store, collector))
    return _part(-1, collector, "", BuildSummary())
