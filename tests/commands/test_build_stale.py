"""A build that changes the data marks the analysis runs made before it as stale; a build
that changes nothing leaves them as they were; the store still validates."""

from __future__ import annotations

from pathlib import Path

from kg.analysis.iris import ANALYSIS_GRAPH
from kg.rdf.namespaces import EKG
from kg.store.open import open_store
from tests.cli_runner import ekg
from tests.conftest import EXAMPLES

NEW_RECORD = """TY  - JOUR
TI  - Graded walking for people with long-standing low back pain: a pilot report
AU  - Example, Ann
PY  - 2021
JO  - Journal of Worked Examples
DO  - 10.5555/ekg-example.stale.1
AB  - Twenty adults walked daily for six weeks. Pain scores fell in most of them.
ER  -
"""




def _stale(store: Path) -> int:
    st = open_store(store, read_only=True)
    try:
        return sum(1 for _, p, _ in st.graph_triples(ANALYSIS_GRAPH) if p == EKG.staleSince)
    finally:
        st.close()


def test_analysis_runs_outdated_by_a_build_are_marked_stale(tmp_path: Path) -> None:
    store, out = tmp_path / "store", tmp_path / "out"
    assert ekg("build", EXAMPLES, "--store", store, "--out", out).exit_code == 0
    assert ekg("related", "10.1111/papr.12829", "--store", store).exit_code == 0
    again = ekg("build", EXAMPLES, "--store", store, "--out", out)
    assert again.exit_code == 0 and "stale" not in again.output
    assert _stale(store) == 0
    extra = tmp_path / "more"
    extra.mkdir()
    (extra / "walking.ris").write_text(NEW_RECORD, encoding="utf-8")
    changed = ekg("build", extra, "--store", store, "--out", out)
    assert changed.exit_code == 0, changed.output
    assert "1 analysis run(s) describe the graph before this build" in changed.output
    assert _stale(store) == 1
    assert ekg("validate", "--store", store).exit_code == 0
