"""Fuzzing every reader: random bytes, hostile text and mutations of real records.

Whatever the input, a reader yields records, warnings and ``RecordParseError`` values, or raises
``RecordParseError``; never another exception, never a hang (Hypothesis deadline), never a jump in
memory (peak RSS checked after each reader's run). Records that come out through ``read_file``
carry no character RDF cannot store. Real records are read from ``../shared/fixtures`` and the
seed (skipped when absent) and mutated in memory; nothing is copied into the repository.

The default budget runs in seconds; a longer run::

    EKG_FUZZ_EXAMPLES=5000 .venv/bin/pytest -q tests/records/test_fuzz_readers.py
"""

from __future__ import annotations

import os
import resource
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.errors import RecordParseError
from kg.records.base import ReadWarning
from kg.records.clean import record_chars
from kg.records.model import Record
from kg.records.registry import READERS, get_reader, read_file
from kg.records.text import clean_text
from tests.conftest import shared_path

EXAMPLES = int(os.environ.get("EKG_FUZZ_EXAMPLES", "25"))
DEADLINE_MS = 3000
RSS_GROWTH = 512 * 1024**2
_SAMPLE_BYTES = 24_000

get_reader("ris")  # registers every reader
NAMES = sorted(READERS)
# Real files per reader: (folder under ../shared, glob).
SAMPLES = {
    "bibtex": ("fixtures/bibtex", "*.bib"), "crossref-json": ("fixtures/crossref_json", "*"),
    "csl-json": ("fixtures/csl_json", "*.json"), "medline": ("fixtures/medline_nbib", "*"),
    "pubmed-xml": ("fixtures/pubmed_xml", "*.xml"), "ris": ("fixtures/ris", "*.ris"),
    "catalog": ("seed", "*.txt"), "wos": ("fixtures/ris", "*.ris"),
}
HOSTILE = ["\ud800", "\udfff", "\x00", "\x1b", "\x7f", "\x85", "\ufeff", "\ufffe", "\u202e",
           "\r", "\f", "}", "{", "<", "&", "]]>", '"', "\\", "ER  - ", "TY  - ", "@article{",
           "<!ENTITY", "\n\n", "10.1000/x y"]
hostile_text = st.lists(st.one_of(st.sampled_from(HOSTILE), st.text(max_size=12)),
                        max_size=40).map("".join)


def _encode(text: str) -> bytes:
    """UTF-8 that keeps lone surrogates as (invalid) bytes, as a broken writer would."""
    return text.encode("utf-8", "surrogatepass")


def _samples(name: str) -> list[bytes]:
    folder, pattern = SAMPLES[name]
    files = sorted(shared_path(*folder.split("/")).glob(pattern))
    small = [p for p in files if p.is_file() and p.stat().st_size <= _SAMPLE_BYTES]
    return [p.read_bytes() for p in small[:8]] or pytest.skip(f"no small {name} samples")


def _results(name: str, data: bytes) -> Iterator[object]:
    try:
        yield from get_reader(name).read(data, f"fuzz.{name}")
    except RecordParseError as exc:
        yield exc


def _check_reader(name: str, data: bytes) -> None:
    for result in _results(name, data):
        assert isinstance(result, Record | RecordParseError | ReadWarning), type(result)
        if isinstance(result, RecordParseError | ReadWarning):
            assert result.path == f"fuzz.{name}" and result.reason


def _check_registry(data: bytes, suffix: str) -> None:
    """Through ``read_file`` (sniffing, cleaning, bounds): records are storable text."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(data)
        for result in read_file(path):
            if isinstance(result, Record):
                assert record_chars(result) >= 0
                assert all(clean_text(s)[1] == 0 for s in _strings(result))


def _strings(record: Record) -> Iterator[str]:
    yield from (s for s in (record.title, record.abstract_text, record.ids.doi) if s)
    for author in record.authors:
        yield from (s for s in (author.family, author.given, author.collective) if s)


def _mutate(data: bytes, draw: st.DrawFn) -> bytes:
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data)))
        kind = draw(st.sampled_from(["insert", "delete", "duplicate", "truncate", "byte"]))
        if kind == "insert":
            data = data[:at] + _encode(draw(hostile_text)) + data[at:]
        elif kind == "delete":
            data = data[:at] + data[at + draw(st.integers(1, 200)):]
        elif kind == "duplicate":
            data = data[:at] + data[at:at + 400] + data[at:]
        elif kind == "truncate":
            data = data[:at]
        else:
            data = data[:at] + bytes([draw(st.integers(0, 255))]) + data[at + 1:]
    return data


@pytest.fixture
def rss_ceiling() -> Iterator[None]:
    """Fail when a reader's run raised the process's peak memory by more than RSS_GROWTH."""
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    yield
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    assert after - before < RSS_GROWTH, f"peak RSS grew by {(after - before) >> 20} MiB"


_SETTINGS = settings(max_examples=EXAMPLES, deadline=DEADLINE_MS, derandomize=True,
                     suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                            HealthCheck.function_scoped_fixture])


@pytest.mark.parametrize("name", NAMES)
@_SETTINGS
@given(data=st.binary(max_size=4000))
def test_random_bytes(name, data, rss_ceiling):
    _check_reader(name, data)


@pytest.mark.parametrize("name", NAMES)
@_SETTINGS
@given(text=hostile_text)
def test_hostile_text(name, text, rss_ceiling):
    _check_reader(name, _encode(text))


@pytest.mark.parametrize("name", NAMES)
@_SETTINGS
@given(draw=st.data())
def test_mutated_real_records(name, draw, rss_ceiling):
    samples = _samples(name)
    data = _mutate(draw.draw(st.sampled_from(samples)), draw.draw)
    _check_reader(name, data)
    _check_registry(data, {"catalog": ".txt", "wos": ".ciw"}.get(name, ""))


@_SETTINGS
@given(data=st.binary(max_size=4000), suffix=st.sampled_from(
    [".txt", ".ris", ".bib", ".json", ".xml", ".nbib", ".gz", ""]))
def test_registry_on_random_bytes(data, suffix):
    _check_registry(data, suffix)
