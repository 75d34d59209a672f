"""Ingest throughput on PubMed XML through the real stages, one core.

Stage sets, each timed over the same synthetic PubmedArticleSet (bench/ingest_pubmed.py):
  parse+map+store   reader → indexer mentions (MeSH headings, chemicals) + study design →
                    RDF mapping → on-disk Oxigraph store (the issue's ingest figure)
  +recognise+claims the above plus text recognition and claim extraction
  +validate         the above plus per-record pySHACL validation (the engine of record)
Prints records/s (wall and CPU) as the median of runs.
Run: .venv/bin/python bench/ingest_pipeline.py [--records 2000] [--runs 3] [--full 300]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.ingest_pubmed import generate_pubmed_xml
from kg import __version__
from kg.extract.design import assess_design
from kg.extract.model import Extraction
from kg.extract.recognise import indexed_mentions
from kg.pipeline import extract_record, graph_writes
from kg.rdf.mapping import BuildContext, MappedRecord, map_record
from kg.records.model import Record
from kg.records.pubmed_xml import PubmedXmlReader
from kg.store.oxigraph import OxigraphStore
from kg.validate import validate_triples

CTX = BuildContext(__version__, "bench", "2026-01-01T00:00:00+00:00")


def _indexed_only(record: Record) -> Extraction:
    return Extraction(mentions=indexed_mentions(record), design=assess_design(record))


def _store(mapped: list[MappedRecord], folder: str) -> None:
    store = OxigraphStore(folder)
    store.put_graphs(graph_writes(mapped))
    store.close()


def run(data: bytes, extract: Callable[[Record], Extraction], validate: bool,
        batch: int = 200) -> tuple[int, float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    records = [r for r in PubmedXmlReader().read(data, "bench.xml") if isinstance(r, Record)]
    with tempfile.TemporaryDirectory() as folder:
        for i in range(0, len(records), batch):
            mapped = [map_record(r, extract(r), CTX) for r in records[i:i + batch]]
            if validate:
                for m in mapped:
                    validate_triples(m.all_triples)
            _store(mapped, folder)
    return len(records), time.perf_counter() - wall, time.process_time() - cpu


def report(label: str, data: bytes, extract: Callable[[Record], Extraction], validate: bool,
           runs: int) -> None:
    timings = [run(data, extract, validate) for _ in range(runs)]
    n = timings[0][0]
    wall = statistics.median(t[1] for t in timings)
    cpu = statistics.median(t[2] for t in timings)
    print(f"{label:30s} {n:6d} records  wall {n / wall:7.0f} rec/s  CPU {n / cpu:7.0f} rec/s")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--records", type=int, default=2000)
    ap.add_argument("--full", type=int, default=300, help="records for the slower stage sets")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    extract_record(next(r for r in PubmedXmlReader().read(generate_pubmed_xml(1), "w.xml")))
    print(f"median of {args.runs} runs")
    report("parse+map+store", generate_pubmed_xml(args.records), _indexed_only, False, args.runs)
    small = generate_pubmed_xml(args.full)
    report("+recognise+claims", small, extract_record, False, args.runs)
    report("+recognise+claims+validate", small, extract_record, True, args.runs)


if __name__ == "__main__":
    main()
