"""Every catalogue query (select, construct, qc) gives the same answer on Jena ARQ as on
Oxigraph, the product's engine: the catalogue is standard SPARQL 1.1, not Oxigraph's dialect.

The graph is the bundled examples (and, when ``../shared`` is there, a few dozen fixture records
of every format), built with ``ekg build``, with analysis results written back by ``ekg
related``, ``ekg discover`` and ``ekg paths``, a curator's retraction, and exported as TriG.
Each query runs with its required parameters bound to their documented examples (and, where it
has optional ones, once more with those bound too). Oxigraph binds by substitution; ARQ gets the
query text with a ``VALUES`` block of the same terms, written as N-Triples, at the head of the
outer group. Both see the default graph as the merge of the named graphs, as the catalogue
assumes. Answers are compared as multisets of rows (numbers by value, language tags in any
case, blank nodes as blank); CONSTRUCT answers as graphs, up to isomorphism. All queries run in
one JVM (``ArqBatch.java`` beside this file), a start per query would cost seconds each.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic
from rdflib.term import Node
from typer.testing import CliRunner

from kg.cli import _COMMAND_MODULES, app
from kg.export import export_store
from kg.query import CatalogueQuery, bind_params, list_catalogue
from kg.results import format_result
from kg.store.base import QueryResult
from kg.store.open import open_store
from kg.store.oxigraph import OxigraphStore
from tests.conftest import EXAMPLES, SHARED, shared_path

pytestmark = pytest.mark.slow

SEED = "https://doi.org/10.1111/papr.12829"
RETRACTED = "https://doi.org/10.1001/jama.2016.2323"
CURATED = """claims:
  - article: 10.1016/j.pain.2009.06.023
    curator: Test Curator
    subject: mesh:D007649
    relation: treats
    object: mesh:D020918
    direction: refutes
    design: randomised-controlled-trial
    sentence: "Read here as a trial in which ketamine did no better than placebo."
  - article: 10.1016/j.pain.2009.08.015
    curator: Test Curator
    subject: mesh:D007649
    relation: acts_through
    object: mesh:D016194
    sentence: "Read here as a trial showing that ketamine works by blocking NMDA receptors."
  - article: 10.1080/10298420290023954
    curator: Test Curator
    subject: mesh:D016194
    relation: implicated_in
    object: concept:opioid-withdrawal
    sentence: "Read here as a review finding NMDA receptors behind opioid withdrawal."
"""
LOOKUPS = {"select/mesh-headings": ("article", """
    PREFIX ekg: <https://w3id.org/evidence-kg/ontology#>
    SELECT ?article WHERE {
      ?m ekg:inArticle ?article ; ekg:assertedBy <https://w3id.org/evidence-kg/id/agent-kind/indexer>
    } ORDER BY ?article LIMIT 1""")}
"""Queries whose example finds nothing in this graph (the examples carry no MeSH headings): the
value is looked up, here an article of a PubMed fixture."""
"""Curator claims that give the conflict and mechanism queries something to find: a trial
read as refuting ketamine for CRPS, and a finding on each leg of ketamine → NMDA receptors →
opioid withdrawal (the examples state those legs in background sentences only)."""
GROUPS = ("select", "construct", "qc")
_FIXTURES_PER_FORMAT = 3
_FIXTURE_MAX_BYTES = 40_000
_NUMERIC = re.compile(r"http://www\.w3\.org/2001/XMLSchema#(integer|decimal|double|float|long|"
                      r"int|short|byte|nonNegativeInteger|positiveInteger|unsignedInt)$")
_COMMENT = re.compile(r"(^|\s)#.*$", re.M)
_WHERE = re.compile(r"\bWHERE\s*\{", re.I)
_CONCAT = re.compile(r'GROUP_CONCAT\((?:DISTINCT\s+)?[^;]+;\s*separator\s*=\s*"([^"]*)"\)\s+AS\s+'
                     r"\?(\w+)", re.I)
_BIND = re.compile(r"BIND\s*\((.+?)\s+AS\s+\?(\w+)\s*\)", re.I | re.S)


@dataclass(frozen=True)
class Case:
    """One query with one set of parameter values."""

    query: CatalogueQuery
    given: dict[str, str]

    @property
    def id(self) -> str:
        return self.query.name + ("" if not self.given else
                                  "[" + ",".join(sorted(self.given)) + "]")


def _cases() -> list[Case]:
    """Each query with its required parameters' examples; again with the optional ones too."""
    out = []
    for q in (q for q in list_catalogue() if q.group in GROUPS):
        examples = {p.name: p.example for p in q.params if p.example}
        required = {n: v for n, v in examples.items() if next(
            p for p in q.params if p.name == n).required}
        out.append(Case(q, required))
        if examples != required:
            out.append(Case(q, examples))
    return out


CASES = _cases()


def _fixture_files() -> list[Path]:
    """A few small record files of every format in ../shared/fixtures (none without it)."""
    if not (SHARED / "fixtures").is_dir():
        return []
    files = []
    for folder in sorted(p for p in (SHARED / "fixtures").iterdir() if p.is_dir()):
        small = [f for f in sorted(folder.iterdir())
                 if f.is_file() and f.stat().st_size <= _FIXTURE_MAX_BYTES]
        files.extend(small[:_FIXTURES_PER_FORMAT])
    return files


def _ekg(*argv: str) -> None:
    result = CliRunner().invoke(app, list(argv))
    assert result.exit_code in (0, 1), result.output  # 1: a fixture record rejected, as meant


def _build(folder: Path) -> Path:
    """The store the queries run on, as a user would make it."""
    for module in _COMMAND_MODULES:
        __import__(module)
    store = str(folder / "store")
    (folder / "curated.yaml").write_text(CURATED, encoding="utf-8")
    _ekg("build", str(EXAMPLES), str(folder / "curated.yaml"), *map(str, _fixture_files()),
         "--store", store, "--out", str(folder / "out"))
    _ekg("related", SEED, "--store", store, "-f", "json")
    _ekg("discover", "mesh:D007649", "--store", store, "-f", "json")
    _ekg("paths", "mesh:D007649", "mesh:D020918", "--co-mentions", "--store", store, "-f", "json")
    _ekg("update", "mark-retracted", "-p", f"article={RETRACTED}", "--store", store)
    return folder / "store"


def arq_text(query: CatalogueQuery, bindings: dict[str, Node]) -> str:
    """The query for ARQ: comments dropped and each binding as a one-row ``VALUES`` block, in
    N-Triples syntax, at the head of the outer group (where a substitution binds it)."""
    text = _COMMENT.sub(r"\1", query.text)
    if not bindings:
        return text
    where = _WHERE.search(text)
    assert where, f"{query.name}: no WHERE clause to bind parameters in"
    values = " ".join(f"VALUES ?{name} {{ {term.n3()} }}" for name, term in bindings.items())
    return f"{text[:where.end()]} {values}\n{text[where.end():]}"


def concatenated(query: CatalogueQuery) -> dict[str, str]:
    """Variables made by ``GROUP_CONCAT`` (or bound from one), with their separator: SPARQL
    leaves the order of the parts open, so the parts are compared, not their order."""
    found = {var: sep for sep, var in _CONCAT.findall(query.text)}
    for expression, var in _BIND.findall(query.text):
        for source, sep in list(found.items()):
            if re.search(rf"\?{source}\b", expression):
                found[var] = sep
    return found


def _term(binding: dict[str, str] | None, separator: str | None) -> tuple[str, ...] | None:
    """A SPARQL JSON term, normalised: numbers by value, language tags lower-case, blank
    nodes all alike, plain and xsd:string literals the same, concatenated parts sorted."""
    if binding is None:
        return None
    kind, value = binding["type"], binding["value"]
    if kind == "bnode":
        return ("bnode",)
    if kind == "uri":
        return ("uri", value)
    datatype = binding.get("datatype", "")
    if _NUMERIC.match(datatype):
        try:
            return ("number", str(Decimal(value).normalize()))
        except InvalidOperation:
            return ("number", value)
    if separator:
        value = separator.join(sorted(value.split(separator)))
    if datatype.endswith("#string"):
        datatype = ""
    return ("literal", value, binding.get("xml:lang", "").lower(), datatype)


def rows_of(srj: dict, concat: dict[str, str] | None = None) -> Counter:
    """A SPARQL JSON answer as a multiset of rows (ASK: one row with the boolean)."""
    if "boolean" in srj:
        return Counter([(("boolean", srj["boolean"]),)])
    names, concat = srj["head"]["vars"], concat or {}
    return Counter(tuple((n, _term(b.get(n), concat.get(n))) for n in names)
                   for b in srj["results"]["bindings"])


def _graph(ntriples: str) -> Graph:
    return Graph().parse(data=ntriples, format="nt")


@dataclass
class Answers:
    oxigraph: dict[str, QueryResult]
    arq: dict[str, Path]


def _run_arq(trig: Path, texts: dict[str, str], folder: Path) -> dict[str, Path]:
    """Run every query text in one ARQ process; the answer file of each case."""
    jena = shared_path("tools", "jena.sh")
    if shutil.which("java") is None:
        pytest.skip("no java on this machine for Jena ARQ")
    (folder / "q").mkdir()
    (folder / "a").mkdir()
    files = []
    for i, text in enumerate(texts.values()):
        files.append(folder / "q" / f"{i}.rq")
        files[-1].write_text(text, encoding="utf-8")
    helper = Path(__file__).with_name("ArqBatch.java")
    done = subprocess.run([str(jena), str(helper), str(trig), str(folder / "a"), *map(str, files)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    return {case_id: _answer_file(folder / "a", i) for i, case_id in enumerate(texts)}


def _answer_file(folder: Path, i: int) -> Path:
    for suffix in (".srj", ".nt", ".err"):
        if (found := folder / f"{i}{suffix}").exists():
            return found
    raise AssertionError(f"ARQ wrote no answer for query {i}")


def _given(st: OxigraphStore, case: Case) -> dict[str, str]:
    """The case's values, with those :data:`LOOKUPS` finds in the graph."""
    if case.query.name not in LOOKUPS:
        return case.given
    name, sparql = LOOKUPS[case.query.name]
    found = st.query(sparql).rows
    return {**case.given, name: str(found[0][0])} if found else case.given


def on_oxigraph(st: OxigraphStore) -> tuple[dict[str, QueryResult], dict[str, str]]:
    """Every case's answer on Oxigraph, bound by substitution, and its text for ARQ."""
    oxigraph, texts = {}, {}
    for case in CASES:
        bindings = bind_params(case.query, _given(st, case))
        oxigraph[case.id] = st.query(case.query.text, bindings)
        texts[case.id] = arq_text(case.query, bindings)
    return oxigraph, texts


@pytest.fixture(scope="module")
def answers(tmp_path_factory: pytest.TempPathFactory) -> Answers:
    shared_path("tools", "jena.sh")  # skip before building when Jena is not there
    folder = tmp_path_factory.mktemp("arq")
    st = open_store(_build(folder), read_only=True)
    trig = folder / "graph.trig"
    export_store(st, trig, "trig")
    oxigraph, texts = on_oxigraph(st)
    return Answers(oxigraph, _run_arq(trig, texts, folder))


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_arq_gives_the_answer_oxigraph_gives(answers: Answers, case: Case):
    ours, theirs = answers.oxigraph[case.id], answers.arq[case.id]
    assert theirs.suffix != ".err", theirs.read_text()
    if ours.kind == "construct":
        assert ours.triples, f"{case.id}: no triples, so nothing is compared"
        assert isomorphic(_graph(format_result(ours, "nt")), _graph(theirs.read_text()))
        return
    concat = concatenated(case.query)
    expected = rows_of(json.loads(format_result(ours, "json")), concat)
    got = rows_of(json.loads(theirs.read_text(encoding="utf-8")), concat)
    assert got == expected, (f"only on Oxigraph: {list((expected - got).elements())[:3]}; "
                             f"only on ARQ: {list((got - expected).elements())[:3]}")
    fixtures_needed = case.query.name in LOOKUPS and not _fixture_files()
    if case.query.group != "qc" and not fixtures_needed:
        assert expected, f"{case.id}: no rows, so nothing is compared"


def test_a_bound_value_reaches_arq_as_an_n_triples_term():
    from rdflib import Literal, URIRef

    q = next(c.query for c in CASES if c.query.name == "select/author-works")
    text = arq_text(q, {"family": Literal('O"Brien'), "person": URIRef(SEED)})
    assert 'WHERE { VALUES ?family { "O\\"Brien" } VALUES ?person { <' + SEED + "> }" in text
    assert "# param" not in text
