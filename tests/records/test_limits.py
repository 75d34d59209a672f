"""Named bounds, overridable from the environment where a user may need more."""

from __future__ import annotations

from kg.records import limits
from kg.records.limits import MAX_AUTHORS, limit


def test_default_applies_without_override(monkeypatch):
    monkeypatch.delenv("EKG_MAX_AUTHORS", raising=False)
    assert limit("MAX_AUTHORS") == MAX_AUTHORS


def test_environment_overrides_with_a_positive_integer(monkeypatch):
    monkeypatch.setenv("EKG_MAX_AUTHORS", "25000")
    assert limit("MAX_AUTHORS") == 25_000


def test_nonsense_overrides_are_ignored(monkeypatch):
    for raw in ("", "0", "-5", "lots", "1e9"):
        monkeypatch.setenv("EKG_MAX_AUTHORS", raw)
        assert limit("MAX_AUTHORS") == MAX_AUTHORS


def test_every_bound_says_why_its_number():
    for name in limits.__all__:
        if name.isupper():
            assert isinstance(getattr(limits, name), int) and getattr(limits, name) > 0
    source = (limits.__file__ and open(limits.__file__, encoding="utf-8").read()) or ""
    for name in (n for n in limits.__all__ if n.isupper()):
        assert f'{name} = ' in source and '"""' in source.split(f"{name} = ", 1)[1][:200]
