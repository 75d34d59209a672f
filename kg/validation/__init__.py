"""SHACL engines behind ``kg.validate``: pySHACL (the engine of record) and a fast Rust engine.

Both take the same shapes files and give a SHACL results graph; ``kg.validate`` turns either
into a ValidationReport. The fast engine is the default because it gives pySHACL's results
(``tests/test_validate_agreement.py`` checks that on every fixture record and shape test) at a
fraction of the cost; pySHACL stays selectable to settle any doubt.
"""

from __future__ import annotations

__all__ = ["DEFAULT_ENGINE", "ENGINES"]

ENGINES = ("turbo", "pyshacl")
DEFAULT_ENGINE = "turbo"
