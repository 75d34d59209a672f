"""Compare the embedded store candidates: rdflib's in-memory Dataset vs Oxigraph (pyoxigraph).

Prints load time, a claims-with-evidence query and a per-article card lookup, median of runs.
Run: .venv/bin/python bench/store_compare.py [--articles 2000] [--runs 3]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from rdflib import Literal, URIRef

from bench.synthetic import generate_articles
from kg.pipeline import graph_writes
from kg.store.memory import MemoryStore
from kg.store.oxigraph import OxigraphStore

CLAIMS = """PREFIX ekg: <https://w3id.org/evidence-kg/ontology#>
SELECT ?claim (COUNT(DISTINCT ?ev) AS ?n) (MIN(?level) AS ?best) WHERE {
  ?claim a ekg:EvidenceClaim ; ekg:hasEvidence ?ev .
  ?ev ekg:ocebmLevel ?level ; ekg:sampleSize ?size . FILTER(?size > 100)
} GROUP BY ?claim"""
CARD = """PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?article ?title ?year WHERE { ?article dcterms:title ?title ; dcterms:issued ?year }"""


def _time(fn, runs: int) -> float:
    samples = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t)
    return statistics.median(samples)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    writes = graph_writes(generate_articles(args.articles))
    triples = sum(len(w.triples) + len(w.marker) for w in writes)
    print(f"{args.articles} articles, {triples} triples ({triples / args.articles:.0f}/article)")
    article = URIRef(f"https://doi.org/10.5555/bench.{args.articles // 2}")
    with tempfile.TemporaryDirectory() as tmp:
        backends = {"rdflib-memory": MemoryStore, "oxigraph-disk": lambda: OxigraphStore(tmp)}
        results = {}
        for name, make in backends.items():
            store = make()
            load = _time(lambda s=store: s.put_graphs(writes), 1)
            q = _time(lambda s=store: s.query(CLAIMS), args.runs)
            card = _time(lambda s=store: s.query(CARD, {"article": article}), args.runs)
            results[name] = (load, q, card)
            print(f"{name:14s} load {load:7.2f} s ({triples / load:9.0f} triples/s)  "
                  f"claims query {q * 1000:8.1f} ms  card {card * 1000:7.1f} ms")
            store.close()
    rd, ox = results["rdflib-memory"], results["oxigraph-disk"]
    print(f"ratio rdflib/oxigraph: load {rd[0] / ox[0]:.1f}x, claims query {rd[1] / ox[1]:.1f}x, "
          f"card {rd[2] / ox[2]:.1f}x")
    _ = Literal  # keep import for readers extending the benchmark


if __name__ == "__main__":
    main()
