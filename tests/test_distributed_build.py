"""A build on a (local) Dask cluster, loaded with ``ekg load``, gives the store a local build
gives; a damaged shard is refused before the store is touched."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.built_quads import comparable_quads
from tests.cli_runner import ekg
from tests.conftest import EXAMPLES

pytest.importorskip("distributed")
pytestmark = pytest.mark.filterwarnings(
    "ignore:Couldn.t detect a suitable IP address:RuntimeWarning")  # the tests block the network





@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A local build, a Dask build (batches of 3, one in-process worker) and its load."""
    root = tmp_path_factory.mktemp("distributed")
    local = ekg("build", EXAMPLES, "--store", root / "local", "--out", root / "local-out")
    assert local.exit_code == 0, local.output
    sharded = ekg("build", "--dask", "local", EXAMPLES, "-o", root / "shards", "--gzip",
                  "--batch-size", 3, "--out", root / "unused")
    assert sharded.exit_code == 0, (sharded.output, sharded.exception)
    loaded = ekg("load", root / "shards", "--store", root / "loaded", "--out", root / "out")
    assert loaded.exit_code == 0, (loaded.output, loaded.exception)
    return root


def test_loaded_shards_equal_a_local_build(built):
    local, loaded = comparable_quads(built / "local"), comparable_quads(built / "loaded")
    assert len(local) > 1000
    assert loaded == local


def test_the_manifest_accounts_for_every_shard(built):
    manifest = json.loads((built / "shards" / "manifest.json").read_text(encoding="utf-8"))
    files = sorted(p.name for p in (built / "shards").glob("*.nq.gz"))
    assert [s["file"] for s in manifest["shards"]] == files
    assert files == ["shard-00000.nq.gz", "shard-00001.nq.gz", "shard-00002.nq.gz",
                     "vocabulary.nq.gz"]
    totals = manifest["totals"]
    assert totals["records_read"] == totals["records_stored"] == 7
    assert totals["records_rejected"] == 0 and manifest["rejected"] == []
    assert totals["quads"] == sum(s["quads"] for s in manifest["shards"]) > 1000
    assert manifest["pipeline_fingerprint"] and manifest["generated_at"]
    assert not (built / "unused").exists()  # a sharded build writes no store and no exports


def test_a_damaged_shard_is_refused_before_the_store_is_touched(built, tmp_path):
    shards = tmp_path / "shards"
    shutil.copytree(built / "shards", shards)
    shard = shards / "shard-00001.nq.gz"
    data = bytearray(shard.read_bytes())
    data[len(data) // 2] ^= 0xFF
    shard.write_bytes(bytes(data))
    result = ekg("load", shards, "--store", tmp_path / "store", "--out", tmp_path / "out")
    assert result.exit_code == 2
    message = " ".join(result.output.split())
    assert "shard-00001.nq.gz" in message and "does not match the manifest" in message
    assert "shard-00000" not in message  # the intact shards are not blamed
    assert not (tmp_path / "store").exists()


def test_one_shard_file_loads_on_its_own(built, tmp_path):
    result = ekg("load", built / "shards" / "vocabulary.nq.gz", "--store", tmp_path / "store",
                 "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    graphs = {q[3] for q in comparable_quads(tmp_path / "store")}
    assert "<https://w3id.org/evidence-kg/id/graph/vocabulary>" in graphs
