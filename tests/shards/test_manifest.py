"""The manifest of a shard folder: written and read back, and every shard checked."""

from __future__ import annotations

import json

import pytest

from kg.build_report import Rejection
from kg.shards.manifest import (
    Manifest,
    ShardEntry,
    ShardError,
    file_sha256,
    read_manifest,
    verify_shards,
    write_manifest,
)


def _folder(tmp_path):
    (tmp_path / "a.nq").write_bytes(b"<http://e/s> <http://e/p> <http://e/o> <http://e/g> .\n")
    entry = ShardEntry("a.nq", 1, ("http://e/g",), 1, file_sha256(tmp_path / "a.nq"))
    manifest = Manifest("1.0", "fp", "2026-01-01T00:00:00+00:00", (entry,), files=2,
                        records_read=2, rejected=(Rejection("x.ris:3 record #2", "no title"),))
    write_manifest(tmp_path, manifest)
    return manifest


def test_written_and_read_back(tmp_path):
    manifest = _folder(tmp_path)
    assert read_manifest(tmp_path) == manifest
    data = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    assert data["totals"] == {"shards": 1, "files": 2, "records_read": 2, "records_stored": 1,
                              "records_rejected": 1, "graphs": 1, "quads": 1}


def test_intact_shards_pass(tmp_path):
    manifest = _folder(tmp_path)
    assert verify_shards(tmp_path, manifest.shards) == [tmp_path / "a.nq"]


def test_a_changed_or_missing_shard_is_refused(tmp_path):
    manifest = _folder(tmp_path)
    (tmp_path / "a.nq").write_bytes(b"")
    with pytest.raises(ShardError, match=r"a\.nq: sha256 .* does not match"):
        verify_shards(tmp_path, manifest.shards)
    (tmp_path / "a.nq").unlink()
    with pytest.raises(ShardError, match=r"a\.nq: missing"):
        verify_shards(tmp_path, manifest.shards)


def test_a_shard_outside_the_folder_is_refused(tmp_path):
    entry = ShardEntry("../elsewhere.nq", 0, (), 0, "0" * 64)
    with pytest.raises(ShardError, match="must lie in the manifest's folder"):
        verify_shards(tmp_path, (entry,))


@pytest.mark.parametrize("text", [None, "{not json", '{"format": "other/9"}'])
def test_no_or_a_foreign_manifest_is_a_shard_error(tmp_path, text):
    if text is not None:
        (tmp_path / "manifest.json").write_text(text, encoding="utf-8")
    with pytest.raises(ShardError):
        read_manifest(tmp_path)
