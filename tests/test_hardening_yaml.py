"""Fuzzing the curator YAML loader: any text ends in claims or a RecordParseError, quickly.

Random documents are built from YAML's structural tokens (anchors, aliases, tags, nesting), the
shapes alias bombs and recursive aliases are made of. ``EKG_FUZZ_EXAMPLES`` raises the budget.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.errors import RecordParseError
from kg.extract.curated import load_curated

TOKENS = ["&a ", "&b ", "*a", "*b", "[", "]", "{", "}", ": ", ", ", "- ", "\n", "  ",
          "claims", "article", "curator", "subject", "mesh:D007649", "10.9999/x", "!!str ",
          "!!python/object:os.system ", "!!binary ", "'", '"', "? ", "|\n", "%YAML 1.1\n",
          "---\n", "\ud800", "\x00", "<<: *a", "~"]
documents = st.lists(st.sampled_from(TOKENS), max_size=60).map("".join)


@settings(max_examples=int(os.environ.get("EKG_FUZZ_EXAMPLES", "150")), deadline=3000,
          derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(text=documents)
def test_any_yaml_gives_claims_or_a_parse_error(text):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "claims.yaml"
        path.write_bytes(text.encode("utf-8", "surrogatepass"))
        try:
            claims = load_curated(path, [])
        except RecordParseError as exc:
            assert exc.path == str(path) and exc.reason
        else:
            assert all(c.article and c.claim.evidence for c in claims)
