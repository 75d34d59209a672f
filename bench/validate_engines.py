"""SHACL engines on real records: median ms per record graph, and whether each agrees with pySHACL.

Each fixture record (every reader and format under ../shared/fixtures) is mapped as the pipeline
maps it and validated alone with all shapes files. Engines: pySHACL (engine of record, through
kg.validate), pyshacl-turbo (the default) and pyrudof (compared on conformance only: its report
is not pySHACL's). Run: ``.venv/bin/python bench/validate_engines.py [--every N]``.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from rdflib import Graph
from rdflib.plugins.serializers.nt import _nt_row
from rdflib.term import Node

from kg.pipeline import extract_record
from kg.rdf.mapping import BuildContext, map_record
from kg.records.model import Record
from kg.records.registry import iter_input_files, read_file
from kg.validate import load_shapes, validate_triples

__all__ = ["main"]

Triple = tuple[Node, Node, Node]
FIXTURES = Path(__file__).resolve().parents[2] / "shared" / "fixtures"
CTX = BuildContext("0.1.0", "fp", "2026-01-01T00:00:00+00:00")


def _records(every: int) -> list[tuple[Triple, ...]]:
    records = [r for f in iter_input_files([FIXTURES]) for r in read_file(f)
               if isinstance(r, Record)]
    return [tuple(map_record(r, extract_record(r), CTX).all_triples) for r in records[::every]]


def _timed(run: Callable[[tuple[Triple, ...]], bool],
           graphs: list[tuple[Triple, ...]]) -> tuple[list[float], list[bool]]:
    times, verdicts = [], []
    for triples in graphs:
        start = time.perf_counter()
        verdicts.append(run(triples))
        times.append(time.perf_counter() - start)
    return times, verdicts


def _kg_engine(engine: str) -> Callable[[tuple[Triple, ...]], bool]:
    return lambda triples: validate_triples(triples, engine=engine).conforms


def _rudof() -> Callable[[tuple[Triple, ...]], bool] | None:
    """pyrudof's native engine; its conforms counts warnings too, so compare violations only."""
    try:
        import pyrudof
    except ImportError:
        return None
    rudof = pyrudof.Rudof(pyrudof.RudofConfig())
    shapes = Graph(bind_namespaces="none")
    for t in load_shapes():
        shapes.add(t)
    rudof.read_shacl(shapes.serialize(format="turtle"))

    def run(triples: tuple[Triple, ...]) -> bool:
        rudof.reset_data()
        rudof.read_data("".join(map(_nt_row, triples)), format=pyrudof.RDFFormat.NTriples)
        return bool(rudof.validate_shacl().conforms)
    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--every", type=int, default=1, help="take every N-th record")
    args = parser.parse_args()
    graphs = _records(args.every)
    sizes = [len(g) for g in graphs]
    print(f"{len(graphs)} record graphs, median {statistics.median(sizes):.0f} triples")
    engines = {"pyshacl": _kg_engine("pyshacl"), "turbo": _kg_engine("turbo"), "pyrudof": _rudof()}
    reference: list[bool] = []
    for name, run in engines.items():
        if run is None:
            print(f"{name:8s} not installed")
            continue
        times, verdicts = _timed(run, graphs)
        reference = reference or verdicts
        same = sum(a == b for a, b in zip(verdicts, reference, strict=True))
        print(f"{name:8s} median {1000 * statistics.median(times):7.1f} ms/record  "
              f"total {sum(times):6.1f} s  same verdict as pySHACL {same}/{len(graphs)}")


if __name__ == "__main__":
    main()
