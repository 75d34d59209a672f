from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

import kg.commands.analysis  # importing registers the commands
import kg.commands.query  # noqa: F401
from kg.cli import app
from tests.analysis.world import (
    LABELS,
    NMDA_RECEPTOR,
    SCHWARTZMAN,
    SIGTERMANS,
    Spec,
    article,
    build_store,
    ketamine_specs,
)

runner = CliRunner()


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory):
    path = tmp_path_factory.mktemp("analysis") / "store"
    # a second concept labelled like an existing one makes that label ambiguous
    twin = Spec("10.1/twin", 2001, "rct", (("http://id.nlm.nih.gov/mesh/D999999", "other"),),
                (), (("Twin", "T"),), label={"http://id.nlm.nih.gov/mesh/D999999": "Headache"})
    build_store([*ketamine_specs(), twin], path).close()
    return str(path)


def _run(*args: str):
    return runner.invoke(app, [*args])


def _flat(text: str) -> str:
    """Output without the terminal's line wrapping."""
    return " ".join(text.split())


def test_related_json_lists_the_ketamine_trials_first(store_dir):
    result = _run("related", "10.1111/papr.12829", "-k", "3", "--format", "json",
                  "--no-write", "--store", store_dir)
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    related = [r["article"] for r in payload["related"]]
    assert article(SCHWARTZMAN) in related and article(SIGTERMANS) in related
    assert payload["related"][0]["reasons"][0]["label"]


def test_paths_by_label_and_curie_write_back_and_draw(store_dir, tmp_path):
    picture = tmp_path / "paths.html"
    result = _run("paths", "ketamine", "mesh:D013375", "--store", store_dir,
                  "--picture", str(picture))
    assert result.exit_code == 0, result.output
    assert "Paths Ketamine → Substance Withdrawal Syndrome" in _flat(result.stdout)
    page = picture.read_text(encoding="utf-8")
    assert "<svg" in page and "<script" not in page and "Ketamine" in page
    query = _run("query", "analysis-mechanism-paths", "-p", "source=mesh:D007649",
                 "-p", "target=mesh:D013375", "--format", "csv", "--store", store_dir)
    assert query.exit_code == 0 and "Receptors, N-Methyl-D-Aspartate" in query.stdout


def test_discover_with_time_slice(store_dir):
    result = _run("discover", "D007649", "--before-year", "2016", "--target-role", "condition",
                  "--format", "json", "--no-write", "--store", store_dir)
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert payload["before_year"] == 2016
    assert payload["links"][0]["target"]["label"] == LABELS["http://id.nlm.nih.gov/mesh/D013375"]


def test_conflicts_and_communities_run(store_dir):
    assert _run("conflicts", "--format", "json", "--store", store_dir).exit_code == 0
    result = _run("communities", "--format", "json", "--store", store_dir)
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert payload["communities"] and payload["central_mechanisms"][0]["iri"] == NMDA_RECEPTOR


def test_ambiguous_label_lists_candidates(store_dir):
    result = _run("discover", "headache", "--no-write", "--store", store_dir)
    assert result.exit_code == 2
    assert "mesh:D006261" in _flat(result.output) and "mesh:D999999" in _flat(result.output)


def test_unknown_things_are_clear_errors(store_dir):
    assert "no concept named" in _flat(_run("discover", "no such thing", "--store",
                                               store_dir).output)
    result = _run("related", "10.9999/missing", "--store", store_dir)
    assert result.exit_code == 2 and "no article with DOI" in _flat(result.output)
    result = _run("paths", "mesh:D007649", "mesh:D000001", "--store", store_dir)
    assert result.exit_code == 2 and "not a concept of the graph" in _flat(result.output)


def test_related_on_the_examples_leaves_validation_as_it_was(tmp_path):
    import kg.commands.build
    import kg.commands.validate  # noqa: F401
    from tests.conftest import EXAMPLES

    where = ["--store", str(tmp_path / "store")]
    built = _run("build", str(EXAMPLES), *where, "--out", str(tmp_path / "out"))
    assert built.exit_code in (0, 1), built.output
    before = _run("validate", *where, "-f", "json")
    related = _run("related", "10.1111/papr.12829", *where)
    assert related.exit_code == 0, related.output
    after = _run("validate", *where, "-f", "json")
    assert after.exit_code == before.exit_code
    assert not [i for i in json.loads(after.stdout) if i["graph"].endswith("/graph/analysis")]


_ANALYSES = {
    "related": ("related", "10.1111/papr.12829", "-k", "5"),
    "paths": ("paths", "ketamine", "mesh:D013375"),
    "discover": ("discover", "D007649"),
    "conflicts": ("conflicts",),
    "communities": ("communities",),
}
_DOCUMENTED = {
    "related": ["rank", "score", "article", "identifier", "title", "year", "retracted",
                "reasons"],
    "paths": ["rank", "score", "path", "path_labels", "hops"],
    "discover": ["rank", "score", "target", "target_label", "target_role",
                 "linking_terms_total", "linking_terms"],
    "conflicts": ["rank", "subject", "subject_label", "object", "object_label", "family",
                  "weight", "stances"],
    "communities": ["section", "rank", "concept", "label", "size", "pagerank", "betweenness",
                    "members"],
}


@pytest.mark.parametrize("name", sorted(_ANALYSES))
@pytest.mark.parametrize(("fmt", "delimiter"), [("csv", ","), ("tsv", "\t")])
def test_csv_and_tsv_have_the_documented_columns_and_one_row_per_result(
        store_dir, name, fmt, delimiter):
    result = _run(*_ANALYSES[name], "--format", fmt, "--no-write", "--store", store_dir)
    assert result.exit_code == 0, result.output
    header, *rows = list(csv.reader(io.StringIO(result.stdout), delimiter=delimiter))
    assert header == _DOCUMENTED[name]
    assert all(len(row) == len(header) for row in rows)
    payload = json.loads(_run(*_ANALYSES[name], "-f", "json", "--no-write", "--store",
                              store_dir).stdout)
    results = {"related": "related", "paths": "paths", "discover": "links",
               "conflicts": "conflicts"}.get(name)
    if results:
        assert len(rows) == len(payload[results])
    else:
        assert len(rows) == len(payload["communities"]) + len(payload["central_mechanisms"])


def test_related_csv_rows_name_articles_by_curie(store_dir):
    result = _run("related", "10.1111/papr.12829", "-f", "csv", "--no-write", "--store",
                  store_dir)
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert article(SCHWARTZMAN) in {r["article"] for r in rows}
    assert all(r["reasons"] and r["rank"].isdigit() for r in rows)


def test_unknown_format_is_refused_before_any_work(store_dir):
    result = _run("conflicts", "--format", "xml", "--store", store_dir)
    assert result.exit_code == 2 and "table|csv|tsv|json" in _flat(result.output)


def _identifiers(name: str, payload: dict) -> set[str]:
    """The identifiers each table shows: articles, and concepts printed as ``[curie]``."""
    if name == "related":
        return {r["identifier"] for r in payload["related"] if r["identifier"]}
    if name == "paths":
        return {a for p in payload["paths"] for h in p["hops"] for a in h["articles"]}
    if name == "discover":
        return {x["target"]["curie"] for x in payload["links"]}
    return {m["curie"] for m in payload["central_mechanisms"]}


@pytest.mark.parametrize("name", ["related", "paths", "discover", "communities"])
def test_a_narrow_terminal_never_splits_an_identifier(store_dir, monkeypatch, name):
    from kg.cli import console

    payload = json.loads(_run(*_ANALYSES[name], "-f", "json", "--no-write", "--store",
                              store_dir).stdout)
    wanted = _identifiers(name, payload)
    assert wanted
    monkeypatch.setattr(console, "width", 80)
    result = _run(*_ANALYSES[name], "--no-write", "--store", store_dir)
    assert result.exit_code == 0, result.output
    missing = {i for i in wanted if not any(i in line for line in result.stdout.splitlines())}
    assert not missing, result.stdout
