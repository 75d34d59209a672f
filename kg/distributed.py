"""Builds on a Dask cluster: the client reads records and writes shards, the workers run the
per-record pipeline (``kg.shards.collect.process_shard``) on batches.

Dask (``pip install 'evidence-kg[dask]'``) is imported only here and only when asked for, so the
package works without it. ``local`` starts a cluster on this machine, which is how the tests run
the same path a real cluster does; any other address is a scheduler (``tcp://host:8786``).
Workers need the same software and vocabulary as the client: a shard made with another pipeline
fingerprint is refused.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from concurrent.futures import Executor
from contextlib import ExitStack, contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

from kg.build_report import BuildSummary
from kg.errors import KGError
from kg.shards.build import ShardOptions, build_shards
from kg.shards.manifest import Manifest

__all__ = ["LOCAL", "build_on_dask", "dask_client"]

LOCAL = "local"
"""The address that means: start a cluster on this machine for this build."""


def _distributed() -> Any:
    try:
        import distributed
    except ImportError as exc:
        raise KGError("--dask needs Dask: pip install 'evidence-kg[dask]'") from exc
    return distributed


@contextmanager
def dask_client(address: str, workers: int = 1) -> Iterator[Any]:
    """A Dask client of the scheduler at ``address``, or of a local cluster of ``workers``
    single-threaded workers (in this process for one worker, else in processes)."""
    distributed = _distributed()
    with ExitStack() as stack:
        if address == LOCAL:
            cluster = stack.enter_context(distributed.LocalCluster(
                n_workers=max(1, workers), threads_per_worker=1, processes=workers > 1,
                dashboard_address=None, silence_logs=logging.ERROR))
            target: Any = cluster
        else:
            target = address
        try:
            client = stack.enter_context(distributed.Client(target, timeout="30s"))
        except OSError as exc:
            raise KGError(f"cannot reach the Dask scheduler at {address}: {exc}") from exc
        yield client


def build_on_dask(paths: list[str | Path], folder: Path, address: str,
                  options: ShardOptions | None = None, *, workers: int = 1,
                  on_file: Callable[[Path], None] = lambda p: None,
                  on_batch: Callable[[int], None] = lambda n: None,
                  ) -> tuple[BuildSummary, Manifest]:
    """Shards of ``paths`` built on the cluster at ``address``, with two batches in flight
    per worker thread so no worker waits while the client reads and writes."""
    with dask_client(address, workers) as client:
        threads = sum(client.nthreads().values()) or 1
        executor: Executor = client.get_executor(pure=False)
        options = replace(options or ShardOptions(), in_flight=2 * threads)
        return build_shards(paths, folder, executor, options,
                            on_file, on_batch)
