"""Builds beyond one machine: each batch of records becomes an N-Quads shard, written the same
whoever processed it; a manifest makes the shards checkable; loading them gives the store a
local build would have made.

``manifest`` owns the manifest and its checks, ``collect`` turns one batch into a shard,
``build`` drives batches through any executor (a Dask cluster's, a process pool, threads) and
``load`` puts verified shards into a store.
"""

__all__: list[str] = []
