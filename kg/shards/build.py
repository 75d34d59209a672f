"""A sharded build: records are read here, batches processed by any executor (a Dask
cluster's, a process pool, threads), each batch written as one N-Quads shard, and a manifest
last.

Reading, placing (which article a record describes, in reading order), de-duplication and the
report are the pipeline's own steps, so a sharded build accepts and rejects exactly the records
a local build into an empty store would. Shards are named by batch index
and their lines sorted, so the folder's content depends on the records and the batch size,
never on which worker finished first. The manifest is removed first and written last: a
folder with a manifest holds every shard it lists.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Executor, Future, wait
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from kg import __version__
from kg.article_identity import IdentityRegister
from kg.atomic import atomic_write
from kg.build_inputs import (
    Placed,
    load_curated_inputs,
    note_keys,
    read_records,
    records_to_process,
    report_unmatched,
)
from kg.build_report import BuildSummary
from kg.errors import KGError
from kg.extract.curated import CuratedClaim
from kg.pipeline import _batches, pipeline_fingerprint
from kg.rdf.mapping import BuildContext
from kg.shards.collect import ShardPart, process_shard, vocabulary_part
from kg.shards.manifest import MANIFEST, Manifest, ShardEntry, file_sha256, write_manifest

__all__ = ["ShardOptions", "build_shards"]

_SHARD_GLOBS = ("shard-*.nq", "shard-*.nq.gz", "vocabulary.nq", "vocabulary.nq.gz")


@dataclass(frozen=True, slots=True)
class ShardOptions:
    """How to cut and write shards; ``in_flight`` bounds the batches submitted at once, and
    ``generated_at`` fixes the build time stamped on every graph (default: now), for shards
    that are the same bytes when built again."""

    fmt: str | None = None
    batch_size: int = 200
    validate: bool = True
    compress: bool = False
    in_flight: int = 4
    generated_at: str | None = None


def _suffix(compress: bool) -> str:
    return ".nq.gz" if compress else ".nq"


def _write_part(folder: Path, name: str, part: ShardPart, records: int) -> ShardEntry:
    """Compressed by ``atomic_write`` for ``.gz`` (no timestamp in the header, so the same
    quads give the same bytes), then hashed as written."""
    path = folder / name
    atomic_write(path, lambda out: out.write(part.data))
    return ShardEntry(name, records, part.graphs, part.quads, file_sha256(path))


def _run(executor: Executor, batches: Iterable[list[Placed]], ctx: BuildContext,
         curated: tuple[CuratedClaim, ...], options: ShardOptions) -> Iterator[ShardPart]:
    """Submit batches with at most ``in_flight`` pending; yield parts as they finish."""
    pending: set[Future[ShardPart]] = set()
    for index, batch in enumerate(batches):
        pending.add(executor.submit(process_shard, index, batch, ctx, options.validate,
                                    curated))
        if len(pending) >= max(1, options.in_flight):
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            yield from (f.result() for f in done)
    while pending:
        done, pending = wait(pending, return_when=FIRST_COMPLETED)
        yield from (f.result() for f in done)


def _merge(summary: BuildSummary, part: BuildSummary) -> None:
    summary.stored += part.stored
    summary.rejected.extend(part.rejected)
    summary.warnings.extend(part.warnings)
    summary.violations += part.violations
    summary.triples += part.triples


def _check_worker(part: ShardPart, fingerprint: str) -> None:
    if part.fingerprint != fingerprint:
        raise KGError(f"a worker runs another pipeline ({part.fingerprint}) than this client "
                      f"({fingerprint}): install the same version and vocabulary (MeSH, "
                      "EKG_MESH) on every worker")


def _clear(folder: Path, keep: set[str]) -> None:
    """Shards of an earlier build that this one did not write (fewer batches, no gzip)."""
    for pattern in _SHARD_GLOBS:
        for old in folder.glob(pattern):
            if old.name not in keep:
                old.unlink()


def _shards(parts: Iterator[ShardPart], folder: Path, fp: str, compress: bool,
            summary: BuildSummary, on_batch: Callable[[int], None]) -> list[ShardEntry]:
    entries: list[ShardEntry] = []
    for part in parts:
        _check_worker(part, fp)
        _merge(summary, part.summary)
        on_batch(part.summary.stored + len(part.summary.rejected))
        if part.quads:
            name = f"shard-{part.index:05d}{_suffix(compress)}"
            entries.append(_write_part(folder, name, part, part.summary.stored))
    return sorted(entries, key=lambda e: e.file)


def build_shards(paths: list[str | Path], folder: Path, executor: Executor,
                 options: ShardOptions = ShardOptions(),
                 on_file: Callable[[Path], None] = lambda p: None,
                 on_batch: Callable[[int], None] = lambda n: None,
                 ) -> tuple[BuildSummary, Manifest]:
    """Build shards of ``paths`` into ``folder``; bad records are in the summary (and the
    manifest), never raised. Raises when a worker fails or runs another pipeline."""
    started = time.perf_counter()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / MANIFEST).unlink(missing_ok=True)
    summary = BuildSummary()
    curated = load_curated_inputs(paths, summary)
    fp = pipeline_fingerprint(curated)
    now = datetime.now(UTC).replace(microsecond=0).isoformat()
    ctx = BuildContext(__version__, fp, options.generated_at or now)
    seen: set[str] = set()
    read = note_keys(read_records(paths, options.fmt, summary, on_file), seen)
    records = records_to_process(read, {}, fp, summary, False, IdentityRegister())
    batches = _batches(records, options.batch_size)
    entries = _shards(_run(executor, batches, ctx, curated, options), folder, fp,
                      options.compress, summary, on_batch)
    entries.append(_write_part(folder, f"vocabulary{_suffix(options.compress)}",
                               vocabulary_part(), 0))
    report_unmatched(curated, seen, summary)
    _clear(folder, {e.file for e in entries})
    manifest = Manifest(__version__, fp, ctx.generated_at, tuple(entries), summary.files,
                        summary.records_read, tuple(summary.rejected), tuple(summary.notices))
    write_manifest(folder, manifest)
    summary.seconds = time.perf_counter() - started
    return summary, manifest
