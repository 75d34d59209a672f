"""``ekg vocab`` support: install a MeSH file, describe it, fail clearly when offline."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from kg.errors import KGError
from kg.vocab import cli_support
from kg.vocab.command import app
from kg.vocab.default import reset_defaults
from kg.vocab.locate import find_mesh_source
from kg.vocab.mesh import MeshFormatError
from tests.vocab.tiny import DATA


@pytest.fixture
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("EKG_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("EKG_CORPORA", "")
    monkeypatch.delenv("EKG_MESH", raising=False)
    reset_defaults()
    yield tmp_path / "cache"
    reset_defaults()


def test_install_keeps_a_copy_compiles_and_becomes_the_default(private_cache: Path) -> None:
    cache_file = cli_support.install_vocab(DATA / "desc_sample.xml")
    assert cache_file.parent == private_cache and cache_file.is_file()
    assert (private_cache / "mesh" / "desc_sample.xml").is_file()
    assert find_mesh_source() == private_cache / "mesh"
    info = cli_support.vocab_info()
    assert info["concepts"] == 5 and info["learned from"] == "nothing"
    assert info["cache file"] == str(cache_file)


def test_install_refuses_what_is_not_mesh(private_cache: Path, tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("not a vocabulary\n")
    with pytest.raises(MeshFormatError, match=r"notes\.txt"):
        cli_support.install_vocab(notes)
    with pytest.raises(KGError, match="no such file"):
        cli_support.install_vocab(tmp_path / "missing.xml")
    assert not (private_cache / "mesh").exists()


def test_fetch_offline_says_what_to_do(private_cache: Path, monkeypatch) -> None:
    def offline(*args, **kwargs):
        raise httpx.ConnectError("name resolution failed")

    monkeypatch.setattr(httpx, "stream", offline)
    with pytest.raises(KGError, match="ekg vocab load PATH"):
        cli_support.fetch_mesh(private_cache / "mesh", 2024)


def test_command_load_and_info(private_cache: Path) -> None:
    runner = CliRunner()
    loaded = runner.invoke(app, ["load", str(DATA / "d_sample.bin")])
    assert loaded.exit_code == 0, loaded.output
    info = runner.invoke(app, ["info"])
    assert info.exit_code == 0 and "concepts          3" in info.output
    bad = runner.invoke(app, ["load", str(DATA / "sample.obo")])
    assert bad.exit_code == 2 and "error:" in bad.output
