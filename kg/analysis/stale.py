"""Analysis results that a later build outdated say so, instead of passing for current.

``related``, ``paths``, ``discover`` … are computed over the graph as it was when they ran. A build
that stores new or changed records makes them describe an earlier graph, and recomputing every
run after each build would cost more than the build. So each run in the analysis graph gets
``ekg:staleSince`` (the first build that changed the data after it); running the analysis again
replaces the run and its results whole, which clears the mark (see ``writeback.write_run``).
"""

from __future__ import annotations

from datetime import UTC, datetime

from rdflib import Literal

from kg.analysis.iris import ANALYSIS_GRAPH
from kg.rdf.namespaces import EKG, RDF, XSD
from kg.store.base import GraphWrite, Store

__all__ = ["mark_stale"]


def mark_stale(store: Store, when: str | None = None) -> int:
    """Mark every analysis run not yet marked as stale since ``when`` (default now); returns
    how many runs were marked."""
    triples = list(store.graph_triples(ANALYSIS_GRAPH))
    runs = {s for s, p, o in triples if p == RDF.type and o == EKG.AnalysisRun}
    marked = {s for s, p, _ in triples if p == EKG.staleSince}
    fresh = sorted(runs - marked)
    if not fresh:
        return 0
    stamp = Literal(when or datetime.now(UTC).replace(microsecond=0).isoformat(),
                    datatype=XSD.dateTime)
    new = [(run, EKG.staleSince, stamp) for run in fresh]
    store.put_graphs([GraphWrite(ANALYSIS_GRAPH, tuple(triples + new))])  # type: ignore[arg-type]
    return len(fresh)
