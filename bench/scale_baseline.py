"""The baseline a user would write without this project's store: rdflib in memory + pySHACL.

Same reading, extraction and mapping as ``ekg build``; every record's triples go into its own
named graph of one rdflib in-memory ``Dataset`` (shared nodes into the shared graph), then one
``pyshacl.validate`` runs over the whole dataset (pySHACL validates a dataset as the union of its
graphs). Prints seconds per phase. ``bench/scale.py --baseline`` runs it with a time cap.
Run: ``.venv/bin/python bench/scale_baseline.py CORPUS_DIR``.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pyshacl
from rdflib import Dataset

from kg import __version__
from kg.pipeline import extract_record
from kg.rdf.mapping import SHARED_GRAPH, BuildContext, map_record
from kg.records.model import Record
from kg.records.registry import read_file
from kg.validate import load_shapes

__all__ = ["load_dataset", "main"]

CTX = BuildContext(__version__, "baseline", "2026-01-01T00:00:00+00:00")


def load_dataset(corpus: Path) -> tuple[Dataset, int]:
    """Every record of the corpus, extracted and mapped, in one in-memory Dataset."""
    ds = Dataset()
    shared = ds.graph(SHARED_GRAPH)
    n = 0
    for path in sorted(corpus.glob("*.xml")):
        for record in read_file(path):
            if not isinstance(record, Record):
                continue
            mapped = map_record(record, extract_record(record), CTX)
            graph = ds.graph(mapped.graph)
            for t in mapped.triples:
                graph.add(t)
            for t in mapped.shared:
                shared.add(t)
            n += 1
    return ds, n


def main() -> None:
    start = time.perf_counter()
    ds, n = load_dataset(Path(sys.argv[1]))
    loaded = time.perf_counter()
    print(f"read + extract + map + load {n} records: {loaded - start:.1f} s", flush=True)
    conforms, _graph, _text = pyshacl.validate(ds, shacl_graph=load_shapes(), inference="none",
                                               inplace=True, allow_warnings=True)
    done = time.perf_counter()
    print(f"pyshacl.validate (whole dataset): {done - loaded:.1f} s, conforms {conforms}")
    print(f"total {done - start:.1f} s, {n / (done - start):.1f} records/s")


if __name__ == "__main__":
    main()
