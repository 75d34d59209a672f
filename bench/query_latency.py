"""Latency of every catalogue query on a synthetic evidence graph (default 100,000 articles).

The graph is written directly as N-Quads with the predicates and layout the mapping produces (one
named graph per article with its provenance, authorships, section, mentions and evidence; a
shared graph with concepts, claim cores, combinations and journals), so generating 100,000
articles takes about a minute instead of the ~7 minutes the full mapping would. Concept use is
Zipf-like, claims are content-identified (the same claim from many articles is one node), 1 % of
articles are retracted. The store is Oxigraph on disk, loaded with its bulk loader.

Each catalogue query then runs repeatedly through the library (``OxigraphStore.query``, terms
converted to rdflib, as ``ekg query`` does), with parameters drawn the way people ask: random
articles and authors, concepts weighted by how often they are studied. Prints median and p95 in
milliseconds per query; ``--http`` also times the three target queries through ``ekg serve``.

    .venv/bin/python bench/query_latency.py                 # 100,000 articles
    .venv/bin/python bench/query_latency.py --articles 20000 --runs 10
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from bisect import bisect
from collections.abc import Callable, Iterator
from itertools import accumulate
from pathlib import Path

import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kg.query import CatalogueQuery, bind_params, list_catalogue
from kg.store.oxigraph import OxigraphStore

E = "https://w3id.org/evidence-kg/ontology#"
R = "https://w3id.org/evidence-kg/id/"
MESH = "http://id.nlm.nih.gov/mesh/"
DCT, SDO = "http://purl.org/dc/terms/", "https://schema.org/"
SKOS, RDF = "http://www.w3.org/2004/02/skos/core#", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SHARED = f"<{R}graph/shared>"
POOLS = {"intervention": 3000, "condition": 3000, "mechanism": 300, "outcome": 500}
DESIGNS = [("randomised-controlled-trial", 2, "high", 15), ("cohort", 3, "low", 20),
           ("case-control", 3, "low", 10), ("case-report", 4, "very-low", 20),
           ("narrative-review", 5, "very-low", 20), ("systematic-review", 1, "high", 5),
           ("animal-study", 5, "very-low", 10)]
RELATIONS = [("treats", 70), ("prevents", 8), ("causes", 10), ("no-effect", 7),
             ("associated-with", 5)]
DIRECTIONS = [("supports", 80), ("refutes", 12), ("no-difference", 8)]
FAMILIES = [f"Family{i}" for i in range(20000)]
GIVEN = [f"Given{i}" for i in range(800)]
TARGETS = ("select/article-card", "select/evidence-for-condition", "select/mechanisms-between")


def concept_iri(role: str, k: int) -> str:
    base = {"intervention": 1_000_000, "condition": 2_000_000}.get(role)
    return f"{MESH}D{base + k:07d}" if base else f"{R}concept/{role}-{k}"


class Picker:
    """Zipf-like choice from a pool (rank k has weight 1 / (k + 1))."""

    def __init__(self, size: int, rng: random.Random) -> None:
        self.cum = list(accumulate(1.0 / (k + 1) for k in range(size)))
        self.rng = rng

    def __call__(self) -> int:
        return bisect(self.cum, self.rng.random() * self.cum[-1])


def weighted(rng: random.Random, items: list[tuple]) -> tuple:
    return rng.choices(items, weights=[i[-1] for i in items])[0]


class Generator:
    """N-Quads for synthetic articles, plus the shared graph collected along the way."""

    def __init__(self, seed: int = 11) -> None:
        self.rng = random.Random(seed)
        self.pick = {role: Picker(n, self.rng) for role, n in POOLS.items()}
        self.claims: dict[tuple[str, str, str, str], str] = {}
        self.used: dict[str, str] = {}
        self.combos: dict[tuple[str, str], str] = {}

    def concept(self, role: str) -> str:
        iri = concept_iri(role, self.pick[role]())
        self.used[iri] = role
        return iri

    def article(self, i: int) -> list[str]:
        g, a, rng = f"<{R}graph/syn-{i}>", f"<https://doi.org/10.5555/syn.{i}>", self.rng
        year = 1990 + rng.randrange(35)
        out = [f"{g} <{RDF}type> <{E}SourceRecord> {g} .", f"{g} <{E}describes> {a} {g} .",
               f'{g} <{E}recordSha256> "{i:064x}" {g} .',
               f'{g} <{E}pipelineFingerprint> "bench" {g} .',
               f"{a} <{RDF}type> <{E}Article> {g} .",
               f'{a} <{DCT}title> "Synthetic article {i} on a common question" {g} .',
               f'{a} <{E}doi> "10.5555/syn.{i}" {g} .',
               f'{a} <{E}publicationYear> "{year}"^^<{XSD}integer> {g} .',
               f'{a} <{DCT}issued> "{year}"^^<{XSD}gYear> {g} .',
               f'{a} <{DCT}language> "eng" {g} .', f'{a} <{SDO}volumeNumber> "{i % 60}" {g} .',
               f'{a} <{SDO}issueNumber> "{i % 12}" {g} .', f'{a} <{SDO}pagination> "1-9" {g} .',
               f"{a} <{DCT}isPartOf> <{R}journal/syn-{rng.randrange(2000)}> {g} ."]
        out += self.authors(i, a, g) + self.section(i, a, g)
        retracted = rng.random() < 0.01
        if retracted:
            out.append(f"{a} <{E}standing> <{R}standing/retracted> {g} .")
        mentioned = self.mentions(i, a, g, out)
        out += self.evidence(i, a, g, mentioned, retracted)
        return out

    def authors(self, i: int, a: str, g: str) -> list[str]:
        out = []
        for k in range(1, self.rng.randint(1, 6) + 1):
            s, p = f"<{R}authorship/syn-{i}-{k}>", f"<{R}person/syn-{i}-{k}>"
            fam, giv = self.rng.choice(FAMILIES), self.rng.choice(GIVEN)
            out += [f"{a} <{E}hasAuthorship> {s} {g} .", f"{s} <{RDF}type> <{E}Authorship> {g} .",
                    f'{s} <{E}position> "{k}"^^<{XSD}positiveInteger> {g} .',
                    f"{s} <{E}agent> {p} {g} .", f"{a} <{DCT}creator> {p} {g} .",
                    f"{p} <{RDF}type> <{E}Person> {g} .", f'{p} <{SDO}name> "{giv} {fam}" {g} .',
                    f'{p} <{SDO}familyName> "{fam}" {g} .', f'{p} <{SDO}givenName> "{giv}" {g} .']
        return out

    def section(self, i: int, a: str, g: str) -> list[str]:
        s = f"<{R}section/syn-{i}>"
        return [f"{a} <{E}hasSection> {s} {g} .", f"{s} <{RDF}type> <{E}AbstractSection> {g} .",
                f'{s} <{E}position> "1"^^<{XSD}positiveInteger> {g} .',
                f'{s} <{E}sectionLabel> "Results" {g} .',
                f'{s} <{E}text> "What the synthetic study {i} found." {g} .']

    def mentions(self, i: int, a: str, g: str, out: list[str]) -> dict[str, str]:
        roles = ["intervention", "condition"]
        roles += ["mechanism"] if self.rng.random() < 0.4 else []
        roles += ["outcome"] if self.rng.random() < 0.3 else []
        found = {}
        for k, role in enumerate(roles):
            m, c = f"<{R}mention/syn-{i}-{k}>", self.concept(role)
            agent = "indexer" if self.rng.random() < 0.3 else "text-mined"
            found[role] = c
            out += [f"{m} <{RDF}type> <{E}Mention> {g} .", f"{m} <{E}inArticle> {a} {g} .",
                    f"{m} <{E}denotes> <{c}> {g} .", f"{m} <{E}role> <{R}role/{role}> {g} .",
                    f"{m} <{E}assertedBy> <{R}agent-kind/{agent}> {g} .",
                    f"{a} <{E}mentions> <{c}> {g} ."]
        return found

    def evidence(self, i: int, a: str, g: str, found: dict[str, str], retracted: bool) -> list[str]:
        rng, claims = self.rng, []
        subject = found["intervention"]
        if rng.random() < 0.02:
            subject = self.combination(subject, self.concept("intervention"))
        obj = found["condition"] if "outcome" not in found or rng.random() < 0.8 \
            else found["outcome"]
        claims.append((subject, weighted(rng, RELATIONS)[0], obj, weighted(rng, DIRECTIONS)[0]))
        if rng.random() < 0.3:
            claims.append((found["intervention"], "acts-through",
                           found.get("mechanism") or self.concept("mechanism"), "supports"))
        if rng.random() < 0.25:
            claims.append((found.get("mechanism") or self.concept("mechanism"), "implicated-in",
                           found["condition"], "supports"))
        design, level, grade, _w = weighted(rng, DESIGNS)
        out = []
        for k, key in enumerate(claims):
            claim = self.claims.setdefault(key, f"<{R}claim/syn-{len(self.claims)}>")
            ev = f"<{R}evidence/syn-{i}-{k}>"
            out += [f"{claim} <{E}hasEvidence> {ev} {g} .", f"{ev} <{RDF}type> <{E}Evidence> {g} .",
                    f"{ev} <{E}sourceArticle> {a} {g} .",
                    f"{ev} <{E}studyDesign> <{R}design/{design}> {g} .",
                    f'{ev} <{E}ocebmLevel> "{level}"^^<{XSD}integer> {g} .',
                    f"{ev} <{E}gradeCertainty> <{R}grade/{grade}> {g} .",
                    f'{ev} <{E}sentence> "Sentence {k} of article {i}." {g} .']
            if retracted:
                out.append(f"{ev} <{E}sourceStanding> <{R}standing/retracted> {g} .")
        return out

    def combination(self, first: str, second: str) -> str:
        parts = tuple(sorted({first, second}))
        iri = self.combos.setdefault(parts, f"{R}combination/syn-{len(self.combos)}")
        self.used[iri] = "combination"
        return iri

    def shared(self) -> Iterator[str]:
        for iri, role in self.used.items():
            cls = {"combination": "CombinedIntervention"}.get(role, role.capitalize())
            yield from (f"<{iri}> <{RDF}type> <{SKOS}Concept> {SHARED} .",
                        f"<{iri}> <{RDF}type> <{E}{cls}> {SHARED} .",
                        f'<{iri}> <{SKOS}prefLabel> "{role} {iri.rsplit("/", 1)[-1]}" {SHARED} .')
        for parts, iri in self.combos.items():
            yield from (f"<{iri}> <{E}hasComponent> <{p}> {SHARED} ." for p in parts)
        for (s, r, o, d), claim in self.claims.items():
            yield from (f"{claim} <{RDF}type> <{E}EvidenceClaim> {SHARED} .",
                        f"{claim} <{E}subject> <{s}> {SHARED} .",
                        f"{claim} <{E}relation> <{R}relation/{r}> {SHARED} .",
                        f"{claim} <{E}object> <{o}> {SHARED} .",
                        f"{claim} <{E}direction> <{R}direction/{d}> {SHARED} .",
                        f'{claim} <http://www.w3.org/2000/01/rdf-schema#label> "claim" {SHARED} .')
        for j in range(2000):
            yield from (f"<{R}journal/syn-{j}> <{RDF}type> <{E}Journal> {SHARED} .",
                        f'<{R}journal/syn-{j}> <{SDO}name> "Journal {j}" {SHARED} .')


def build_store(path: Path, n: int, batch: int = 10_000) -> tuple[int, float]:
    """Generate and bulk-load ``n`` articles; returns (quads, seconds)."""
    started, gen, quads = time.perf_counter(), Generator(), 0
    store = ox.Store(str(path))
    for first in range(0, n, batch):
        lines = [q for i in range(first, min(n, first + batch)) for q in gen.article(i)]
        quads += len(lines)
        store.bulk_load(("\n".join(lines) + "\n").encode(), ox.RdfFormat.N_QUADS)
    shared = list(gen.shared())
    store.bulk_load(("\n".join(shared) + "\n").encode(), ox.RdfFormat.N_QUADS)
    store.flush()
    return quads + len(shared), time.perf_counter() - started


def draw(param: str, n: int, rng: random.Random, pick: dict[str, Picker]) -> str:
    """A parameter value as a user would give it."""
    i = rng.randrange(n)
    values: dict[str, Callable[[], str]] = {
        "article": lambda: f"https://doi.org/10.5555/syn.{i}",
        "intervention": lambda: concept_iri("intervention", pick["intervention"]()),
        "subject": lambda: concept_iri("intervention", pick["intervention"]()),
        "condition": lambda: concept_iri("condition", pick["condition"]()),
        "person": lambda: f"{R}person/syn-{i}-1",
    }
    return values[param]()


def time_query(store: OxigraphStore, q: CatalogueQuery, params: Callable[[], dict[str, str]],
               runs: int, budget: float) -> tuple[list[float], list[int]]:
    store.query(q.text, bind_params(q, params()))  # warm-up
    times, rows, spent = [], [], 0.0
    while len(times) < runs and spent < budget:
        bindings = bind_params(q, params())
        t = time.perf_counter()
        result = store.query(q.text, bindings)
        times.append((time.perf_counter() - t) * 1000)
        rows.append(len(result.rows) or len(result.triples))
        spent += times[-1] / 1000
    return times, rows


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def params_for(q: CatalogueQuery, n: int, rng: random.Random, pick: dict[str, Picker],
               store: OxigraphStore) -> Callable[[], dict[str, str]]:
    names = {p.name for p in q.params}
    if "family" in names:
        return lambda: _author_names(store, rng.randrange(n))
    if {"intervention", "condition"} <= names:
        kind = "chain" if q.name.endswith("mechanisms-between") else "claim"
        return lambda: _connected(store, draw("intervention", n, rng, pick), kind)
    return lambda: {name: draw(name, n, rng, pick) for name in names if name != "person"}


_PREFIXES = ("PREFIX ekg: <https://w3id.org/evidence-kg/ontology#> "
             "PREFIX rel: <https://w3id.org/evidence-kg/id/relation/> ")
_CONNECTED = {
    "claim": _PREFIXES + "SELECT ?i ?c WHERE { ?k ekg:subject ?i ; ekg:object ?c ; "
             "ekg:relation ?r . FILTER(?r != rel:acts-through) } LIMIT 1",
    "chain": _PREFIXES + "SELECT ?i ?c WHERE { ?k ekg:subject ?i ; ekg:relation ?r ; "
             "ekg:object ?m . ?k2 ekg:subject ?m ; ekg:relation ?r2 ; ekg:object ?c . "
             "FILTER(?r = rel:acts-through && ?r2 = rel:implicated-in) } LIMIT 1",
}


def _connected(store: OxigraphStore, intervention: str, kind: str) -> dict[str, str]:
    """An intervention and a condition that a claim (or a mechanism chain) connects, as a user
    asking about a known pair would give them; the intervention alone if none."""
    rows = store.query(_CONNECTED[kind], {"i": ox_iri(intervention)}).rows
    if rows:
        return {"intervention": intervention, "condition": str(rows[0][1])}
    return {"intervention": intervention}


def _author_names(store: OxigraphStore, i: int) -> dict[str, str]:
    text = ("SELECT ?f ?g ?p WHERE { ?p <https://schema.org/familyName> ?f ; "
            "<https://schema.org/givenName> ?g }")
    row = store.query(text, {"p": ox_iri(f"{R}person/syn-{i}-1")}).rows
    return {"family": str(row[0][0]), "given": str(row[0][1])} if row else {}


def ox_iri(iri: str) -> object:
    from rdflib import URIRef

    return URIRef(iri)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=40)
    ap.add_argument("--budget", type=float, default=15.0, help="seconds per query at most")
    ap.add_argument("--store", type=Path, help="keep the generated store here (reused if there)")
    ap.add_argument("--http", action="store_true", help="also time the targets via ekg serve")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="ekg-bench-") as tmp:
        path = args.store or Path(tmp) / "store"
        if not path.exists():
            quads, secs = build_store(path, args.articles)
            print(f"generated and loaded {args.articles:,} articles: {quads:,} quads "
                  f"({quads / args.articles:.0f} per article) in {secs:.1f} s")
        report(path, args)


def report(path: Path, args: argparse.Namespace) -> None:
    store, rng = OxigraphStore(path, read_only=True), random.Random(5)
    pick = {role: Picker(size, rng) for role, size in POOLS.items()}
    print(f"{'query':42} {'runs':>4} {'median ms':>10} {'p95 ms':>9} {'rows':>7}")
    for q in list_catalogue():
        if q.group not in ("select", "construct") or q.name.startswith("select/analysis-"):
            continue
        times, rows = time_query(store, q, params_for(q, args.articles, rng, pick, store),
                                 args.runs, args.budget)
        mark = " *" if q.name in TARGETS else ""
        print(f"{q.name + mark:42} {len(times):4d} {statistics.median(times):10.1f} "
              f"{p95(times):9.1f} {statistics.median(rows):7.0f}")
    time_by_rank(store)
    if args.http:
        time_http(path, args, rng, pick)
    print("* target: median < 200 ms")


RANKS = (0, 3, 10, 40, 200, 1000)


def time_by_rank(store: OxigraphStore) -> None:
    """The evidence queries for concepts of a given popularity rank (0 = the most studied):
    their cost follows the size of the answer, so one number per rank says more than a mean."""
    print(f"\nby popularity rank ({', '.join(map(str, RANKS))}): median ms of 3 runs (rows)")
    cases = [("select/evidence-for-condition", "condition"),
             ("select/evidence-for-intervention", "intervention"),
             ("select/mechanisms-between", "intervention")]
    for name, param in cases:
        q = next(q for q in list_catalogue() if q.name == name)
        cells = []
        for rank in RANKS:
            iri = concept_iri(param, rank)
            given = (_connected(store, iri, "chain") if name.endswith("between")
                     else {param: iri})
            times, rows = time_query(store, q, lambda g=given: g, 3, 30.0)
            cells.append(f"{statistics.median(times):7.1f} ({statistics.median(rows):.0f})")
        print(f"{name:34} " + "  ".join(cells))


def time_http(path: Path, args: argparse.Namespace, rng: random.Random,
              pick: dict[str, Picker]) -> None:
    import threading

    import httpx

    from kg.serve import ServeOptions, make_server

    options = ServeOptions(path, port=0, timeout=30, max_rows=100_000, quiet=True)
    server, pool = make_server(options)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    host, port = server.server_address[:2]
    url = f"http://{host}:{port}"
    with httpx.Client(base_url=url, timeout=60) as client:
        client.get("/health")
        for name in TARGETS:
            q = next(q for q in list_catalogue() if q.name == name)
            names = [p.name for p in q.params]
            times = []
            for _ in range(args.runs):
                given = {k: draw(k, args.articles, rng, pick) for k in names}
                t = time.perf_counter()
                client.get(f"/queries/{name}", params=given).raise_for_status()
                times.append((time.perf_counter() - t) * 1000)
            print(f"{'HTTP ' + name:42} {len(times):4d} {statistics.median(times):10.1f} "
                  f"{p95(times):9.1f}")
    server.shutdown()
    pool.close()


if __name__ == "__main__":
    main()
