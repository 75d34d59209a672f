"""The compiled-matcher cache: built once, keyed by content, loaded afterwards."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kg.vocab import compiled as compiled_module
from kg.vocab.compiled import compile_vocabulary
from tests.vocab.tiny import DATA


@pytest.fixture
def mesh_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "mesh"
    folder.mkdir()
    shutil.copy(DATA / "desc_sample.xml", folder / "desc2099.xml")
    return folder


def test_second_compile_reads_the_cache(mesh_dir: Path, tmp_path: Path, monkeypatch) -> None:
    cache = tmp_path / "cache"
    first = compile_vocabulary(mesh_dir, None, cache=cache)
    assert first.cache_file and Path(first.cache_file).is_file()
    assert first.concepts == 5 and first.learned_from == ()

    def refuse(*args, **kwargs):
        raise AssertionError("compiled again instead of reading the cache")

    monkeypatch.setattr(compiled_module, "_compile", refuse)
    second = compile_vocabulary(mesh_dir, None, cache=cache)
    assert second.fingerprint == first.fingerprint
    assert second.matcher.lookup("ketalar")


def test_changed_source_gets_a_new_cache_and_the_old_one_goes(mesh_dir: Path,
                                                              tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = compile_vocabulary(mesh_dir, None, cache=cache)
    (mesh_dir / "desc2099.xml").write_text(
        (DATA / "desc_sample.xml").read_text().replace("Ketalar", "Ketaject"))
    second = compile_vocabulary(mesh_dir, None, cache=cache)
    assert second.fingerprint != first.fingerprint
    assert second.matcher.lookup("ketaject") and not second.matcher.lookup("ketalar")
    assert sorted(p.name for p in cache.glob("matcher-*")) == [Path(second.cache_file).name]


def test_a_corrupt_cache_is_rebuilt(mesh_dir: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = compile_vocabulary(mesh_dir, None, cache=cache)
    Path(first.cache_file).write_bytes(b"not a pickle")
    again = compile_vocabulary(mesh_dir, None, cache=cache)
    assert again.matcher.lookup("ketamine")


def test_no_mesh_compiles_an_empty_vocabulary(tmp_path: Path) -> None:
    empty = compile_vocabulary(None, None, cache=tmp_path)
    assert empty.concepts == 0 and empty.matcher.keys == []
