"""``ekg remove``: a record's graph goes, the rest stays, the store still validates, analysis
results are dropped, and building the record again restores the store."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rdflib import URIRef

from kg.analysis.iris import ANALYSIS_GRAPH
from kg.article_identity import Known
from kg.commands.remove import match_targets
from tests.built_quads import comparable_quads
from tests.cli_runner import ekg
from tests.conftest import EXAMPLES

SEED_DOI = "10.1111/papr.12829"
SEED_FILE = "ocker-2020-papr12829.catalog.txt"




@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("remove")
    result = ekg("build", EXAMPLES, "--store", root / "store", "--out", root / "out")
    assert result.exit_code == 0, result.output
    return root


SHARED = "<https://w3id.org/evidence-kg/id/graph/shared>"
DERIVED = frozenset({SHARED, "<https://w3id.org/evidence-kg/id/graph/certainty>",
                     "<https://w3id.org/evidence-kg/id/graph/void>"})
"""Graphs recomputed (or pruned) from what is left, rather than left as they were."""


def _kept(quads: set[tuple[str, ...]]) -> set[tuple[str, ...]]:
    return {q for q in quads if q[3] not in DERIVED}


def removed_graph(quads: set[tuple[str, ...]]) -> str:
    """The seed's graph: the one whose source file is the seed's."""
    return next(q[3] for q in quads if q[1].endswith("#sourceFile>") and SEED_FILE in q[2])


def _graphs(store: Path) -> set[str]:
    return {q[3] for q in comparable_quads(store)}


def test_remove_one_record_validate_and_rebuild(built, tmp_path):
    store, out = tmp_path / "store", tmp_path / "out"
    shutil.copytree(built / "store", store)
    before = comparable_quads(store)
    related = ekg("related", SEED_DOI, "--store", store)  # writes analysis results
    assert related.exit_code == 0, related.output
    analysed = _graphs(store)
    assert f"<{ANALYSIS_GRAPH}>" in analysed

    removed = ekg("remove", f"doi:{SEED_DOI}", "--store", store, "--out", out)
    assert removed.exit_code == 0, removed.output
    assert "1 record(s) removed" in removed.output
    after = comparable_quads(store)
    gone = analysed - {q[3] for q in after}
    assert gone == {f"<{ANALYSIS_GRAPH}>", removed_graph(before)}  # stale results dropped too
    assert not any(q[0] == f"<https://doi.org/{SEED_DOI}>" for q in after if q[3] != SHARED)
    assert _kept(after) == _kept(before) - {q for q in before if q[3] in gone}
    assert ekg("validate", "--store", store).exit_code == 0

    rebuilt = ekg("build", EXAMPLES, "--store", store, "--out", out)
    assert rebuilt.exit_code == 0, rebuilt.output
    assert comparable_quads(store) == before


def test_remove_by_file_and_report_what_matched_nothing(built, tmp_path):
    store = tmp_path / "store"
    shutil.copytree(built / "store", store)
    result = ekg("remove", EXAMPLES / SEED_FILE, "pmid:999999999", "--store", store,
                 "--out", tmp_path / "out")
    assert result.exit_code == 1
    assert "1 record(s) removed" in result.output
    assert "nothing in the store matches pmid:999999999" in " ".join(result.output.split())
    assert len(_graphs(built / "store") - _graphs(store)) == 1


def test_a_missing_store_is_an_error(tmp_path):
    result = ekg("remove", SEED_DOI, "--store", tmp_path / "nowhere")
    assert result.exit_code == 2 and "no store" in result.output


G = URIRef("https://w3id.org/evidence-kg/id/graph/abc")
KNOWN = Known(URIRef("https://doi.org/10.1000/X.Y"), G, "a.ris", "a.ris:1 record #1",
              pmid="123", doi="10.1000/X.Y", stored=True)


@pytest.mark.parametrize("target", [
    "10.1000/x.y", "doi:10.1000/X.Y", "https://doi.org/10.1000/x.y", "pmid:123", "123", str(G),
])
def test_targets_name_records_by_doi_pmid_or_iri(target):
    assert match_targets([KNOWN], [target]) == ([KNOWN], [])


@pytest.mark.parametrize("target", ["10.1000/other", "pmid:12", "https://example.org/x", "x"])
def test_other_targets_match_nothing(target):
    assert match_targets([KNOWN], [target]) == ([], [target])
