"""MeSH tree numbers: read from MeSH once, then from the cache folder, renewed when MeSH changes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kg.vocab import mesh as mesh_module
from kg.vocab.trees import load_tree_numbers
from tests.vocab.tiny import DATA


@pytest.fixture
def mesh_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "mesh"
    folder.mkdir()
    shutil.copy(DATA / "desc_sample.xml", folder / "desc2099.xml")
    return folder


def test_the_second_read_comes_from_the_cache(mesh_dir: Path, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    first = load_tree_numbers(mesh_dir, tmp_path / "cache")
    expected = {c.ui: c.tree_numbers for c in mesh_module.load_mesh(mesh_dir).concepts
                if c.tree_numbers}
    assert first == expected and first

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("read MeSH again instead of the cache")

    monkeypatch.setattr(mesh_module, "load_mesh", refuse)
    assert load_tree_numbers(mesh_dir, tmp_path / "cache") == first


def test_changed_mesh_is_read_again_and_replaces_the_old_file(mesh_dir: Path,
                                                              tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = load_tree_numbers(mesh_dir, cache)
    ui, trees = next(iter(first.items()))
    text = (DATA / "desc_sample.xml").read_text()
    (mesh_dir / "desc2099.xml").write_text(text.replace(trees[0], trees[0] + ".999"))
    second = load_tree_numbers(mesh_dir, cache)
    assert trees[0] + ".999" in second[ui]
    assert len(list(cache.glob("trees-*.pickle"))) == 1
