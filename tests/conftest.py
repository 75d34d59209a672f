"""Shared fixtures: paths to ../shared (skipping cleanly when absent) and to the examples."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EXAMPLES = ROOT / "examples"


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip the test when it is not there (a clone elsewhere)."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"../shared/{'/'.join(parts)} is not available")
    return path


@pytest.fixture
def seed_path() -> Path:
    return shared_path("seed", "ocker-2020-papr12829.catalog.txt")


@pytest.fixture
def fixtures_dir() -> Path:
    return shared_path("fixtures")
