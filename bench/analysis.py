"""Analysis at scale: projection build, related articles, PageRank, paths and hidden links.

Builds (or reuses) an on-disk Oxigraph store of synthetic articles of realistic shape, then
prints medians. Generating 100,000 articles takes several minutes once; pass ``--store DIR`` to
keep the store and time only the analysis on later runs.
Run: .venv/bin/python bench/analysis.py [--articles 100000] [--seeds 100] [--store DIR]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import networkx as nx

from bench.synthetic import CONCEPTS, generate_articles
from kg.analysis.conflicts import central_mechanisms
from kg.analysis.discover import discover_links
from kg.analysis.paths import find_paths
from kg.analysis.project import build_projection
from kg.analysis.related import RelatedIndex, related_articles
from kg.rdf.mapping import SHARED_GRAPH
from kg.store.base import GraphWrite
from kg.store.oxigraph import OxigraphStore


def fill_store(store: OxigraphStore, n: int, batch: int = 5000) -> float:
    """Write ``n`` synthetic articles and their shared graph; seconds taken."""
    started, shared, writes = time.perf_counter(), {}, []
    for mapped in generate_articles(n):
        writes.append(GraphWrite(mapped.graph, mapped.triples))
        shared.update(dict.fromkeys(mapped.shared))
        if len(writes) >= batch:
            store.put_graphs(writes)
            writes = []
    writes.append(GraphWrite(SHARED_GRAPH, tuple(shared), add=True))
    store.put_graphs(writes)
    # A bulk load leaves RocksDB uncompacted; reads were 2-3x slower before this (measured).
    store.native.optimize()
    return time.perf_counter() - started


def timed(fn, runs: int) -> tuple[float, object]:
    samples, result = [], None
    for _ in range(runs):
        t = time.perf_counter()
        result = fn()
        samples.append(time.perf_counter() - t)
    return statistics.median(samples), result


def per_call(fn, items) -> list[float]:
    samples = []
    for item in items:
        t = time.perf_counter()
        fn(item)
        samples.append(time.perf_counter() - t)
    return samples


def quantiles(samples: list[float]) -> str:
    ms = sorted(s * 1000 for s in samples)
    p95 = ms[min(len(ms) - 1, int(0.95 * len(ms)))]
    return f"median {statistics.median(ms):.1f} ms, p95 {p95:.1f} ms, max {ms[-1]:.1f} ms"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--seeds", type=int, default=100)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--store", type=Path, help="Keep the generated store here and reuse it.")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        location = args.store or Path(tmp) / "store"
        fresh = not (location.exists() and any(location.iterdir()))
        store = OxigraphStore(location)
        if fresh:
            print(f"generated, loaded and compacted {args.articles} articles in "
                  f"{fill_store(store, args.articles):.1f} s")
        run(store, args)
        store.close()


def run(store: OxigraphStore, args: argparse.Namespace) -> None:
    seconds, p = timed(lambda: build_projection(store), args.runs)
    print(f"{len(p.articles)} articles, {len(p.concepts)} concepts, {p.mentions.nnz} "
          f"article–concept edges, {p.claims.number_of_edges()} claims, "
          f"{store.count()} quads")
    print(f"projection (SPARQL → sparse + claim MultiDiGraph): median {seconds:.2f} s "
          f"of {args.runs}")
    seconds, index = timed(lambda: RelatedIndex(p), args.runs)
    print(f"related-articles index: median {seconds * 1000:.0f} ms")
    seeds = random.Random(1).sample(p.articles, min(args.seeds, len(p.articles)))
    print(f"related articles, k=10, {len(seeds)} seeds, scores + reasons: "
          + quantiles(per_call(lambda a: related_articles(index, a, 10), seeds)))
    print(f"related articles, k=10, {len(seeds)} seeds, with titles from the store: "
          + quantiles(per_call(lambda a: related_articles(index, a, 10, store), seeds)))
    seconds, g = timed(lambda: _fresh_bipartite(p), 1)
    print(f"networkx bipartite graph ({g.number_of_nodes()} nodes, {g.number_of_edges()} "
          f"edges): {seconds:.2f} s")
    seconds, _ = timed(lambda: nx.pagerank(g), args.runs)
    print(f"networkx PageRank on the bipartite graph: median {seconds:.2f} s")
    seconds, _ = timed(lambda: central_mechanisms(p), args.runs)
    print(f"central mechanisms (PageRank + betweenness on the claim graph): "
          f"median {seconds * 1000:.0f} ms")
    pairs = [(a, c) for a, c in zip(CONCEPTS["intervention"][:20], CONCEPTS["condition"][:20],
                                    strict=True) if a in p.concept_index and c in p.concept_index]
    print(f"mechanism paths, {len(pairs)} pairs, max 3 hops: "
          + quantiles(per_call(lambda ac: find_paths(p, *ac), pairs)))
    sources = [a for a, _ in pairs]
    print(f"hidden links, {len(sources)} concepts: "
          + quantiles(per_call(lambda a: discover_links(p, a), sources)))


def _fresh_bipartite(p) -> nx.Graph:
    p.__dict__.pop("bipartite", None)
    return p.bipartite


if __name__ == "__main__":
    main()
