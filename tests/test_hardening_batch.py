"""One record never sinks a batch; nothing is dropped or changed without a word.

Small record files of our own words, built through ``kg.pipeline.build`` into an in-memory
store: a bad character, a mapping crash or a store refusal rejects (or cleans, with a warning)
that record only, and every other record of the batch and of the other files is stored.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import URIRef

import kg.pipeline as pipeline
import kg.records.registry as registry
from kg.pipeline import BuildOptions, BuildSummary, build
from kg.store.oxigraph import OxigraphStore

ARTICLE = "https://doi.org/"


def _csl(path: Path, *items: tuple[str, str]) -> Path:
    """A CSL-JSON file; titles written as JSON escapes so ``\\ud800`` stays a lone surrogate."""
    body = ",".join(f'{{"type": "article-journal", "title": "{title}", "DOI": "{doi}"}}'
                    for title, doi in items)
    path.write_text(f"[{body}]", encoding="ascii")
    return path


def _titles(store: OxigraphStore) -> set[str]:
    rows = store.query("PREFIX dct: <http://purl.org/dc/terms/>\n"
                       "SELECT ?t WHERE { GRAPH ?g { ?a dct:title ?t } }").rows
    return {str(r[0]) for r in rows}


def _build(paths: list[Path], **options: object) -> tuple[OxigraphStore, BuildSummary]:
    store = OxigraphStore(None)
    return store, build([str(p) for p in paths], store, BuildOptions(**options))  # type: ignore[arg-type]


@pytest.fixture
def two_files(tmp_path: Path) -> list[Path]:
    bad = _csl(tmp_path / "a.json", ("Reading habits \\ud800 of nurses", "10.9999/bad.1"),
               ("Library visits of students", "10.9999/good.1"))
    other = _csl(tmp_path / "b.json", ("Weather and mood in spring", "10.9999/good.2"))
    return [bad, other]


def test_lone_surrogate_is_cleaned_with_a_warning_and_the_batch_is_stored(two_files):
    store, summary = _build(two_files)
    assert summary.stored == 3 and not summary.rejected
    assert any("lone surrogates" in n.reason and "a.json" in n.where for n in summary.notices)
    assert "Reading habits  of nurses" in _titles(store)


@pytest.mark.parametrize("validate", [False, True])
def test_uncleaned_surrogate_rejects_that_record_only(two_files, monkeypatch, validate):
    """Without the cleaning step, the store (or SHACL validation before it) refuses the text:
    that record is rejected, the rest of its batch and the other file are stored."""
    monkeypatch.setattr(registry, "clean_record", lambda record: (record, None))
    store, summary = _build(two_files, validate=validate)
    assert summary.stored == 2, summary.rejected
    [rejected] = summary.rejected
    assert "a.json" in rejected.where and "10.9999/bad.1" in rejected.where
    assert "StoreError" in rejected.reason or validate
    titles = _titles(store)
    assert {"Library visits of students", "Weather and mood in spring"} <= titles
    assert not any("Reading" in t for t in titles)


def test_any_exception_while_processing_rejects_that_record_only(two_files, monkeypatch):
    real = pipeline.extract_record

    def crash_on_weather(record, curated=()):
        if "Weather" in (record.title or ""):
            raise KeyError("unexpected")
        return real(record, curated)

    monkeypatch.setattr(pipeline, "extract_record", crash_on_weather)
    _, summary = _build(two_files)
    assert summary.stored == 2
    [rejected] = summary.rejected
    assert "b.json" in rejected.where and "KeyError" in rejected.reason


def test_empty_and_unrecognised_files_are_reported(tmp_path, two_files):
    (tmp_path / "empty.ris").write_bytes(b"")
    (tmp_path / "notes.txt").write_text("Shopping list\nmilk\neggs\n")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    _, summary = _build([tmp_path])
    assert summary.stored == 3
    reasons = {Path(r.where.split(":")[0]).name: r.reason for r in summary.rejected}
    assert "no reader recognises" in reasons["notes.txt"]
    assert "binary content" in reasons["image.txt"]
    assert any("empty" in n.reason and "empty.ris" in n.where for n in summary.notices)


def test_curator_claim_matching_no_record_is_reported(tmp_path, two_files):
    curated = tmp_path / "claims.yaml"
    curated.write_text(json.dumps({"claims": [{
        "article": "10.9999/nowhere", "curator": "A. Reader", "subject": "mesh:D007649",
        "relation": "treats", "object": "mesh:D010146"}]}))
    _, summary = _build([*two_files, curated])
    [notice] = [n for n in summary.notices if "curator" in n.reason]
    assert "10.9999/nowhere" in notice.reason and "claims.yaml:" in notice.where


def test_doi_with_white_space_is_rejected_not_cut(tmp_path):
    path = _csl(tmp_path / "dois.json", ("First survey of libraries", "10.9999/abc def"),
                ("Second survey of libraries", "10.9999/abc ghi"))
    store, summary = _build([path])
    assert summary.stored == 0 and len(summary.rejected) == 2
    assert all("white space" in r.reason for r in summary.rejected)
    assert not any(g == URIRef(ARTICLE + "10.9999/abc") for g in store.named_graphs())


def test_graph_left_without_its_marker_by_a_crash_is_rebuilt_whole(two_files):
    from kg.store.base import GraphWrite

    store = OxigraphStore(None)
    real_put = OxigraphStore.put_graphs

    def crash_before_markers(self, writes):
        real_put(self, [GraphWrite(w.graph, w.triples, add=w.add) for w in writes])

    OxigraphStore.put_graphs = crash_before_markers  # type: ignore[method-assign]
    try:
        first = build([str(p) for p in two_files], store)
    finally:
        OxigraphStore.put_graphs = real_put  # type: ignore[method-assign]
    assert first.stored == 3 and not pipeline.stored_fingerprints(store)
    again = build([str(p) for p in two_files], store)
    assert again.stored == 3 and again.unchanged == 0
    assert len(pipeline.stored_fingerprints(store)) == 3
    assert build([str(p) for p in two_files], store).unchanged == 3
