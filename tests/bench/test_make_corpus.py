"""The scale corpus: real PubMed records under fresh identities, the same bytes for the same
seed, readable by the project's own PubMed reader."""

from __future__ import annotations

from pathlib import Path

from bench.make_corpus import PMID_BASE, load_sources, write_corpus
from kg.records.model import Record
from kg.records.registry import read_file
from tests.conftest import shared_path


def _records(paths: list[Path]) -> list[Record]:
    return [r for p in paths for r in read_file(p) if isinstance(r, Record)]


def test_records_are_real_text_under_fresh_unique_identities(tmp_path: Path) -> None:
    sources = load_sources(shared_path("fixtures", "pubmed_xml"))
    records = _records(write_corpus(25, tmp_path, seed=3, per_file=10, sources=sources))
    assert len(records) == 25 and len(list(tmp_path.glob("*.xml"))) == 3
    assert len({r.ids.doi for r in records}) == 25 == len({r.ids.pmid for r in records})
    assert records[4].ids.pmid == str(PMID_BASE + 30_000_000 + 4)
    assert records[4].ids.doi == "10.5555/ekg-bench.3.4"
    assert all(r.title and r.abstract for r in records)


def test_same_seed_same_bytes_other_seed_other_records(tmp_path: Path) -> None:
    sources = load_sources(shared_path("fixtures", "pubmed_xml"))
    first = write_corpus(30, tmp_path / "a", seed=1, sources=sources)[0].read_bytes()
    again = write_corpus(30, tmp_path / "b", seed=1, sources=sources)[0].read_bytes()
    other = write_corpus(30, tmp_path / "c", seed=2, sources=sources)[0].read_bytes()
    assert first == again and first != other
