"""Sharded builds on any executor: the shards depend on the records and the batch size only,
never on which worker finished first; a rebuild leaves no stale shard behind."""

from __future__ import annotations

from concurrent.futures import Executor, Future, ThreadPoolExecutor

import pytest

from kg.shards.build import ShardOptions, build_shards
from kg.shards.collect import ShardPart
from kg.shards.manifest import read_manifest
from tests.conftest import EXAMPLES


class _Backwards(Executor):
    """Runs nothing until asked for a result, then everything pending in reverse order: the
    last batch submitted finishes first."""

    def __init__(self) -> None:
        self._queue: list[tuple[Future, object, tuple]] = []

    def submit(self, fn, /, *args, **kwargs) -> Future:  # type: ignore[override]
        future: Future = Future()
        self._queue.append((future, fn, args))
        return future

    def run_all(self) -> None:
        while self._queue:
            future, fn, args = self._queue.pop()
            future.set_result(fn(*args))  # type: ignore[operator]


FIXED = "2026-01-01T00:00:00+00:00"


def _checksums(folder):
    return {s.file: s.sha256 for s in read_manifest(folder).shards}


@pytest.fixture(scope="module")
def in_order(tmp_path_factory):
    folder = tmp_path_factory.mktemp("in-order")
    with ThreadPoolExecutor(1) as pool:
        summary, _ = build_shards([EXAMPLES], folder, pool,
                                  ShardOptions(batch_size=2, in_flight=1, generated_at=FIXED))
    assert summary.ok and summary.stored == 7
    return folder


def test_shards_do_not_depend_on_the_order_workers_finish(in_order, tmp_path, monkeypatch):
    backwards = _Backwards()
    import kg.shards.build as sharded

    original = sharded.wait

    def wait_backwards(pending, return_when):
        backwards.run_all()
        return original(pending, return_when=return_when)

    monkeypatch.setattr(sharded, "wait", wait_backwards)
    build_shards([EXAMPLES], tmp_path, backwards, ShardOptions(batch_size=2, in_flight=3,
                                                              generated_at=FIXED))
    assert _checksums(tmp_path) == _checksums(in_order)
    assert len(_checksums(tmp_path)) == 5  # four batches of up to two records, vocabulary


def test_a_rebuild_with_other_batches_leaves_no_stale_shard(in_order, tmp_path):
    for path in in_order.iterdir():
        (tmp_path / path.name).write_bytes(path.read_bytes())
    with ThreadPoolExecutor(1) as pool:
        build_shards([EXAMPLES], tmp_path, pool, ShardOptions(batch_size=10, compress=True))
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "manifest.json", "shard-00000.nq.gz", "vocabulary.nq.gz"]


def test_a_worker_with_another_pipeline_is_refused(tmp_path, monkeypatch):
    import kg.shards.build as sharded

    real = sharded.process_shard

    def elsewhere(*args: object) -> ShardPart:
        part = real(*args)  # type: ignore[arg-type]
        return ShardPart(part.index, part.data, part.graphs, part.quads, "other+mesh",
                         part.summary)

    monkeypatch.setattr(sharded, "process_shard", elsewhere)
    with ThreadPoolExecutor(1) as pool, pytest.raises(Exception, match="another pipeline"):
        build_shards([EXAMPLES], tmp_path, pool, ShardOptions(batch_size=7))
    assert not (tmp_path / "manifest.json").exists()
