"""SECURITY.md cites tests as proof of each guarantee: every test it names must exist."""

from __future__ import annotations

import re

from tests.conftest import ROOT


def test_every_test_named_in_security_md_exists():
    text = (ROOT / "SECURITY.md").read_text(encoding="utf-8")
    names = set(re.findall(r"\btest_\w+", text))
    defined = {m for path in (ROOT / "tests").rglob("test_*.py")
               for m in re.findall(r"^def (test_\w+)", path.read_text(encoding="utf-8"), re.M)}
    modules = {p.stem for p in (ROOT / "tests").rglob("test_*.py")}
    assert names - defined - modules == set()
    assert len(names) > 30
