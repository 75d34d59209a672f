"""The orchestrator: read → recognise → claims → map → validate → store → export, in batches.

Each stage is a plain function of the previous stage's output (``process_record`` is the unit a
worker process runs), so the same code runs in one process on the examples and in a pool on a
large corpus. Unchanged records (same record hash, same pipeline) are skipped, which is what
makes a re-run leave the store exactly as it was.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from itertools import islice
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.term import Node

from kg import __version__
from kg.article_identity import IdentityRegister, stored_identities
from kg.build_inputs import (
    Placed,
    load_curated_inputs,
    note_keys,
    read_records,
    record_where,
    records_to_process,
    report_unmatched,
)
from kg.build_report import BuildSummary, Rejection
from kg.errors import KGError
from kg.extract.curated import CuratedClaim
from kg.extract.model import Claim, Extraction
from kg.rdf.graphs import MESH_ACTIONS_GRAPH
from kg.rdf.identity import Placement
from kg.rdf.iris import content_hash
from kg.rdf.mapping import SHARED_GRAPH, BuildContext, MappedRecord, map_record
from kg.rdf.namespaces import EKG, EKGR
from kg.records.model import Record
from kg.resources import vocab_dir
from kg.store.base import GraphWrite, Store
from kg.validate import ValidationIssue, validate_triples

__all__ = [
    "BuildOptions",
    "BuildSummary",
    "Rejection",
    "build",
    "extract_record",
    "pipeline_fingerprint",
    "process_record",
    "stored_fingerprints",
]


@dataclass(frozen=True, slots=True)
class BuildOptions:
    fmt: str | None = None
    batch_size: int = 200
    workers: int = 1
    validate: bool = True
    force: bool = False


@dataclass(frozen=True, slots=True)
class Outcome:
    """What processing one record gave: a graph to store, or why not."""

    graph: str
    mapped: MappedRecord | None
    issues: tuple[ValidationIssue, ...] = ()
    error: str | None = None


def pipeline_fingerprint(curated: tuple[CuratedClaim, ...] = ()) -> str:
    """Changes when the software, the vocabulary or the curators' claims change, so graphs are
    rebuilt then (and only then)."""
    from kg.extract.recognise import recogniser_fingerprint

    curated_hash = content_hash(*sorted(repr(c) for c in curated), length=12)
    return f"{__version__}+{recogniser_fingerprint()}+{curated_hash}"


def extract_record(record: Record, curated: tuple[CuratedClaim, ...] = ()) -> Extraction:
    """Mentions (text-mined and indexer-assigned), study design and claims of one record,
    with the curators' claims for this article added (or replacing mined ones)."""
    from kg.extract.claims import extract
    from kg.extract.recognise import recognise

    extraction = extract(record, recognise(record), curated=curated)
    if not curated:
        return extraction
    return replace(extraction, claims=tuple(map(_with_labels, extraction.claims)))


def _with_labels(claim: Claim) -> Claim:
    """Curators may leave labels out; take them from the vocabulary so concepts read well."""
    from kg.vocab.default import label_of

    subject = claim.subject_label or label_of(claim.subject) or ""
    obj = claim.object_label or label_of(claim.object) or ""
    return replace(claim, subject_label=subject, object_label=obj)


def process_record(record: Record, ctx: BuildContext, validate: bool = True,
                   curated: tuple[CuratedClaim, ...] = (),
                   placement: Placement | None = None) -> Outcome:
    """Extract, map and validate one record; any failure becomes data, never an exception.
    ``placement`` is where the build put the record (its own identifiers decide by default)."""
    try:
        mapped = map_record(record, extract_record(record, curated), ctx, placement)
        graph = str(mapped.graph)
        if not validate:
            return Outcome(graph, mapped)
        report = validate_triples(mapped.all_triples, graph_name=graph)
    except Exception as exc:  # any failure on one record rejects that record only
        graph = str(placement.graph) if placement else ""
        return Outcome(graph, None, error=f"{type(exc).__name__}: {exc}")
    return Outcome(graph, mapped, tuple(report.issues))


def _process_batch(batch: list[Placed], ctx: BuildContext, validate: bool,
                   curated: tuple[CuratedClaim, ...] = ()) -> list[Outcome]:
    return [process_record(r, ctx, validate, curated, p) for r, p in batch]


def stored_fingerprints(store: Store) -> dict[str, tuple[str, str]]:
    """graph IRI → (record sha256, pipeline fingerprint) for every source graph in the store."""
    from kg.query import load_internal_query

    result = store.query(load_internal_query("graph-fingerprints"), union=False)
    return {str(g): (str(sha), str(fp)) for g, sha, fp in result.rows}


def _batches(items: Iterable[Placed], size: int) -> Iterator[list[Placed]]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


_MARKERS = frozenset({EKG.recordSha256, EKG.pipelineFingerprint})


def _graph_write(mapped: MappedRecord) -> GraphWrite:
    """The fingerprint triples are the graph's completion marker (see Store.put_graphs)."""
    marker = tuple(t for t in mapped.triples if t[1] in _MARKERS and t[0] == mapped.graph)
    body = tuple(t for t in mapped.triples if t not in marker)
    return GraphWrite(mapped.graph, body, marker=marker)


def graph_writes(mapped: Iterable[MappedRecord]) -> list[GraphWrite]:
    """How mapped records go into a store: one replacing write per record graph (marker last)
    and add-only writes of their shared triples and MeSH actions."""
    writes: list[GraphWrite] = []
    shared: dict[tuple[Node, Node, Node], None] = {}
    actions: dict[tuple[Node, Node, Node], None] = {}
    for m in mapped:
        writes.append(_graph_write(m))
        shared.update(dict.fromkeys(m.shared))
        actions.update(dict.fromkeys(m.actions))
    if shared:
        writes.append(GraphWrite(SHARED_GRAPH, tuple(shared), add=True))
    if actions:
        writes.append(GraphWrite(MESH_ACTIONS_GRAPH, tuple(actions), add=True))
    return writes


def _store_outcomes(store: Store, outcomes: list[Outcome], batch: list[Placed],
                    summary: BuildSummary) -> list[URIRef]:
    """Store the accepted records of a batch; returns the graphs stored."""
    accepted: list[MappedRecord] = []
    records = [r for r, _ in batch]
    for outcome, record in zip(outcomes, records, strict=True):
        bad = [i for i in outcome.issues if i.severity == "Violation"]
        summary.warnings.extend(i for i in outcome.issues if i.severity != "Violation")
        if outcome.error or bad or outcome.mapped is None:
            summary.violations += len(bad)
            reason = outcome.error or "; ".join(
                f"{i.path or i.focus}: {i.message}" for i in bad[:5])
            summary.rejected.append(Rejection(record_where(record), reason))
            continue
        accepted.append(outcome.mapped)
        summary.triples += len(outcome.mapped.triples)
    return _put(store, accepted, batch, summary)


def _put(store: Store, accepted: list[MappedRecord], batch: list[Placed],
         summary: BuildSummary) -> list[URIRef]:
    """Store the batch in one go; when the store refuses it (a term it cannot hold), store
    record by record so only the records at fault are rejected."""
    try:
        store.put_graphs(graph_writes(accepted))
    except KGError:
        pass  # someone in the batch is at fault: find out who below
    else:
        summary.stored += len(accepted)
        return [m.graph for m in accepted]
    where = {str(p.graph): record_where(r) for r, p in batch}
    stored: list[URIRef] = []
    for mapped in accepted:
        try:
            store.put_graphs(graph_writes([mapped]))
        except KGError as exc:
            summary.triples -= len(mapped.triples)
            summary.rejected.append(Rejection(where.get(str(mapped.graph), str(mapped.graph)),
                                              f"{type(exc).__name__}: {exc}"))
        else:
            summary.stored += 1
            stored.append(mapped.graph)
    return stored


def _drop_replaced(store: Store, stored: list[URIRef], register: IdentityRegister) -> None:
    """With ``--force``, a stored record's graph goes once the record replacing it is stored."""
    for graph in stored:
        if graph in register.replaced:
            store.drop_graph(register.replaced[graph])


def _run_batches(batches: Iterator[list[Placed]], ctx: BuildContext, options: BuildOptions,
                 curated: tuple[CuratedClaim, ...]) -> Iterator[tuple[list[Placed], list[Outcome]]]:
    """Process batches in order, in this process or a pool with a bounded number in flight."""
    if options.workers <= 1:
        for batch in batches:
            yield batch, _process_batch(batch, ctx, options.validate, curated)
        return
    with ProcessPoolExecutor(options.workers) as pool:
        pending: deque[tuple[list[Placed], Future[list[Outcome]]]] = deque()
        for batch in batches:
            pending.append((batch, pool.submit(_process_batch, batch, ctx, options.validate,
                                               curated)))
            if len(pending) > 2 * options.workers:
                done, future = pending.popleft()
                yield done, future.result()
        while pending:
            done, future = pending.popleft()
            yield done, future.result()


VOCABULARY_GRAPH = URIRef(f"{EKGR}graph/vocabulary")
"""The curated SKOS overlay (ontology/vocab), so queries can follow its MeSH mappings."""


def store_vocabulary(store: Store) -> None:
    """Replace the vocabulary graph with the overlay files as they are now (same files, same
    quads: a rebuild leaves it unchanged)."""
    g = Graph()
    for path in sorted(vocab_dir().glob("*.ttl")):
        g.parse(path, format="turtle")
    store.put_graphs([GraphWrite(VOCABULARY_GRAPH, tuple(g))])  # type: ignore[arg-type]


def prune_shared(store: Store) -> None:
    """Drop claim cores no record supports any more (an edited record may have lost a claim)."""
    from kg.query import load_internal_query

    store.update(load_internal_query("prune-orphan-claims"))


def build(paths: list[str | Path], store: Store, options: BuildOptions = BuildOptions(),
          on_file: Callable[[Path], None] = lambda p: None,
          on_batch: Callable[[int], None] = lambda n: None,
          on_phase: Callable[[str], None] = lambda step: None) -> BuildSummary:
    """Run the whole flow over files and directories; returns what happened, never raises
    for bad input (bad records are in ``summary.rejected``). ``on_phase("pruning")`` says
    when the records are all stored and the closing steps begin."""
    started = time.perf_counter()
    summary = BuildSummary()
    curated = load_curated_inputs(paths, summary)
    fp = pipeline_fingerprint(curated)
    ctx = BuildContext(__version__, fp, datetime.now(UTC).replace(microsecond=0).isoformat())
    known = stored_fingerprints(store)
    register = IdentityRegister(stored_identities(store))
    seen: set[str] = set()
    read = note_keys(read_records(paths, options.fmt, summary, on_file), seen)
    records = records_to_process(read, known, fp, summary, options.force, register)
    for batch, outcomes in _run_batches(_batches(records, options.batch_size), ctx, options,
                                        curated):
        _drop_replaced(store, _store_outcomes(store, outcomes, batch, summary), register)
        on_batch(len(batch))
    on_phase("pruning")
    report_unmatched(curated, seen, summary)
    if summary.stored:
        prune_shared(store)
    store_vocabulary(store)
    summary.seconds = time.perf_counter() - started
    return summary
