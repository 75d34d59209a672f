"""Export: every format reads back to the same data, selections, gzip, atomicity, JSON-LD context,
the ontology/shapes/vocab exports, the command line, and independent validators (rapper, riot)."""

from __future__ import annotations

import gzip
import importlib
import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pyoxigraph as ox
import pytest
from export_examples import build_example_store
from rdflib import Dataset, Graph, Literal
from rdflib.compare import isomorphic
from typer.testing import CliRunner

from kg.cli import _COMMAND_MODULES, app
from kg.export import (
    FORMATS,
    ExportError,
    atomic_write,
    export_native,
    export_resources,
    export_store,
    load_context,
    parse_graph_names,
)
from kg.rdf.mapping import SHARED_GRAPH
from kg.store.oxigraph import OxigraphStore

EXT = {"trig": "trig", "nq": "nq", "turtle": "ttl", "nt": "nt", "jsonld": "jsonld",
       "rdfxml": "rdf"}


@pytest.fixture(scope="module")
def store() -> OxigraphStore:
    return build_example_store()


def read_back(path: Path, fmt: str) -> set[ox.Quad]:
    rdf_format = FORMATS[fmt].rdf_format
    if path.suffix == ".gz":
        return set(ox.parse(gzip.decompress(path.read_bytes()), rdf_format))
    return set(ox.parse(path=str(path), format=rdf_format))


def as_triples(quads: set[ox.Quad]) -> set[ox.Triple]:
    return {ox.Triple(q.subject, q.predicate, q.object) for q in quads}


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_whole_dataset_reads_back(store, tmp_path, fmt):
    path = tmp_path / f"all.{EXT[fmt]}"
    export_store(store, path, fmt)
    original = set(store.native)
    if FORMATS[fmt].keeps_graphs:
        assert read_back(path, fmt) == original
    else:  # a triple format holds the union of all graphs
        assert as_triples(read_back(path, fmt)) == as_triples(original)


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_one_graph_reads_back(store, tmp_path, fmt):
    graph = store.named_graphs()[0]
    path = tmp_path / f"one.{EXT[fmt]}"
    export_store(store, path, fmt, [str(graph)])
    expected = set(store.native.quads_for_pattern(None, None, None, ox.NamedNode(graph)))
    got = read_back(path, fmt)
    if FORMATS[fmt].keeps_graphs:
        assert got == expected
    else:
        assert got == {ox.Quad(t.subject, t.predicate, t.object) for t in as_triples(expected)}


@pytest.mark.parametrize("fmt", ["nq", "nt"])
def test_line_formats_are_the_same_whatever_the_thread_count(store, tmp_path, monkeypatch, fmt):
    outputs = []
    for threads in (1, 2, 3):
        monkeypatch.setattr("kg.export.EXPORT_THREADS", threads)
        monkeypatch.setattr("kg.export._GRAPHS_PER_TASK", 2)  # several tasks even here
        export_store(store, tmp_path / f"{threads}.{fmt}", fmt)
        outputs.append(read_back(tmp_path / f"{threads}.{fmt}", fmt))
    assert outputs[0] == outputs[1] == outputs[2]
    # graphs are written in a fixed order, however many threads read them
    assert (tmp_path / f"2.{fmt}").read_bytes() == (tmp_path / f"3.{fmt}").read_bytes()


def test_gzip_when_the_name_ends_in_gz(store, tmp_path):
    export_store(store, tmp_path / "g.nq", "nq")
    export_store(store, tmp_path / "g.nq.gz", "nq")
    packed = (tmp_path / "g.nq.gz").read_bytes()
    assert packed[:2] == b"\x1f\x8b"
    assert gzip.decompress(packed) == (tmp_path / "g.nq").read_bytes()
    assert read_back(tmp_path / "g.nq.gz", "nq") == set(store.native)


def test_atomic_write_keeps_the_old_file_when_writing_fails(tmp_path):
    path = tmp_path / "out.nq"
    path.write_bytes(b"old")

    def broken(out):
        out.write(b"partial")
        raise OSError("disk full")

    with pytest.raises(ExportError, match="disk full"):
        atomic_write(path, broken)
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.nq"]  # no temporary file left


def test_atomic_write_gives_a_readable_file(tmp_path):
    path = tmp_path / "sub" / "x.nt"
    atomic_write(path, lambda out: out.write(b"hello"))
    assert path.read_bytes() == b"hello"
    assert path.stat().st_mode & 0o044 == 0o044  # readable by others, like any written file


def test_rdfxml_refuses_what_xml_cannot_carry(tmp_path):
    st = ox.Store()
    st.add(ox.Quad(ox.NamedNode("https://example.org/a"), ox.NamedNode("https://example.org/p"),
                   ox.Literal("bad\x00nul"), ox.NamedNode("https://example.org/g")))
    with pytest.raises(ExportError, match="RDF/XML"):
        export_native(st, tmp_path / "x.rdf", "rdfxml")
    assert not list(tmp_path.iterdir())
    export_native(st, tmp_path / "x.nt", "nt")  # other formats carry it
    assert read_back(tmp_path / "x.nt", "nt") == {
        ox.Quad(q.subject, q.predicate, q.object) for q in st}


def test_unknown_format_and_unsafe_graph_are_refused(store, tmp_path):
    with pytest.raises(ExportError, match="unknown export format"):
        export_store(store, tmp_path / "x", "n3x")
    with pytest.raises(ValueError, match="unsafe IRI"):
        export_store(store, tmp_path / "x.nt", "nt", ["https://example.org/a b"])


def test_a_graph_named_twice_is_written_once(store, tmp_path):
    graph = str(store.named_graphs()[0])
    assert parse_graph_names([graph, "default", graph]) == [ox.NamedNode(graph), ox.DefaultGraph()]
    location = tmp_path / "store"
    build_example_store(location).close()
    result = CliRunner().invoke(cli(), ["export", "--store", str(location), "-f", "nq", "-g",
                                        graph, "-g", graph, "--out", "-"])
    assert result.exit_code == 0, result.output
    lines = result.stdout_bytes.splitlines()
    assert lines and len(lines) == len(set(lines))


def test_jsonld_is_compact_with_the_published_context(store, tmp_path):
    path = tmp_path / "g.jsonld"
    export_store(store, path, "jsonld")
    doc = json.loads(path.read_text(encoding="utf-8"))
    published = json.loads(Path("ontology/context.jsonld").read_text(encoding="utf-8"))
    assert doc["@context"] == published["@context"] == load_context()
    graphs = {item["id"]: item["@graph"] for item in doc["@graph"]}
    ekgr = doc["@context"]["ekgr"]
    assert {g.replace("ekgr:", ekgr) for g in graphs} == {str(g) for g in store.named_graphs()}
    shared = graphs[str(SHARED_GRAPH).replace(ekgr, "ekgr:")]
    keys = {k for node in shared + [n for g in graphs.values() for n in g] for k in node}
    assert {"id", "type", "title", "prefLabel", "subject", "hasEvidence"} <= keys
    assert not [k for k in keys if k.startswith("http")], "every property has a term or CURIE"


def test_jsonld_reads_back_with_rdflib_without_fetching_anything(store, tmp_path):
    path = tmp_path / "g.jsonld"
    export_store(store, path, "jsonld")
    parsed = Dataset()
    parsed.parse(path, format="json-ld")
    for graph in store.named_graphs():
        assert isomorphic(normalised(parsed.graph(graph)),
                          normalised(store.graph_triples(graph))), graph


def normalised(triples) -> Graph:
    """rdflib's parsers normalise lexical forms (``Z`` → ``+00:00``); compare on that footing."""
    out = Graph()
    for s, p, o in triples:
        if isinstance(o, Literal):
            o = Literal(str(o), lang=o.language, datatype=o.datatype)
        out.add((s, p, o))
    return out


def test_jsonld_keeps_every_value_of_a_property(tmp_path):
    """Several values, one of them empty, blank nodes and typed values off the coerced type:
    all survive (rdflib's own serialiser drops an empty string beside another value)."""
    st = ox.Store()
    g, a = ox.NamedNode("https://example.org/g"), ox.NamedNode("https://doi.org/10.1/x")
    title = ox.NamedNode("http://purl.org/dc/terms/title")
    issued = ox.NamedNode("http://purl.org/dc/terms/issued")
    creator = ox.NamedNode("http://purl.org/dc/terms/creator")
    xsd = "http://www.w3.org/2001/XMLSchema#"
    st.extend([ox.Quad(a, title, ox.Literal(v), g) for v in ("", "0", "title")] + [
        ox.Quad(a, issued, ox.Literal("2020", datatype=ox.NamedNode(xsd + "gYear")), g),
        ox.Quad(a, issued, ox.Literal("2020-01-02", datatype=ox.NamedNode(xsd + "date")), g),
        ox.Quad(a, creator, ox.BlankNode("b1"), g),
        ox.Quad(a, creator, ox.Literal("A. Person"), g),
        ox.Quad(ox.BlankNode("b1"), title, ox.Literal("x", language="en"), g)])
    export_native(st, tmp_path / "x.jsonld", "jsonld")
    parsed = read_back(tmp_path / "x.jsonld", "jsonld")
    assert len(parsed) == len(st)
    assert {(str(q.predicate), str(q.object)) for q in parsed if q.subject == a
            and not isinstance(q.object, ox.BlankNode)} == {
        (str(q.predicate), str(q.object)) for q in st if q.subject == a
        and not isinstance(q.object, ox.BlankNode)}


def test_context_terms_point_into_known_namespaces():
    context = load_context()
    prefixes = {k: v for k, v in context.items() if isinstance(v, str) and v.endswith(("#", "/"))}
    for term, value in context.items():
        target = value["@id"] if isinstance(value, dict) else value
        if term in prefixes or target.startswith("@"):
            continue
        prefix, _, local = target.partition(":")
        assert prefix in prefixes and local, (term, target)


def _write_ontology(root: Path) -> None:
    (root / "shapes").mkdir(parents=True)
    (root / "vocab").mkdir()
    (root / "ekg.ttl").write_text(
        "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
        "<https://w3id.org/evidence-kg/ontology> a owl:Ontology .\n", encoding="utf-8")
    (root / "shapes" / "a.ttl").write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n<https://example.org/S> a sh:NodeShape .\n",
        encoding="utf-8")


@pytest.mark.parametrize("fmt", ["turtle", "nq", "jsonld"])
def test_ontology_and_shapes_export(tmp_path, fmt):
    root = tmp_path / "ontology"
    _write_ontology(root)
    export_resources("ontology", tmp_path / f"o.{EXT[fmt]}", fmt, root)
    export_resources("shapes", tmp_path / f"s.{EXT[fmt]}", fmt, root)
    assert len(read_back(tmp_path / f"o.{EXT[fmt]}", fmt)) == 1
    assert {str(q.object) for q in read_back(tmp_path / f"s.{EXT[fmt]}", fmt)} == {
        "<http://www.w3.org/ns/shacl#NodeShape>"}
    with pytest.raises(ExportError, match="no vocab files"):
        export_resources("vocab", tmp_path / "v.ttl", "turtle", root)
    with pytest.raises(ExportError, match="unknown resource"):
        export_resources("queries", tmp_path / "q.ttl", "turtle", root)


def cli():
    """The full ``ekg`` app, every command module registered as ``main()`` does."""
    for module in _COMMAND_MODULES:
        importlib.import_module(module)
    return app


def test_cli_export(store, tmp_path):
    location = tmp_path / "store"
    disk = build_example_store(location)
    expected = set(disk.native)
    disk.close()
    runner = CliRunner()
    out = tmp_path / "g.trig.gz"
    result = runner.invoke(cli(), ["export", "--store", str(location), "-f", "trig",
                                 "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert read_back(out, "trig") == expected
    bad = runner.invoke(cli(), ["export", "--store", str(location), "-f", "yaml"])
    assert bad.exit_code == 2
    if Path("ontology/ekg.ttl").exists():
        onto = runner.invoke(cli(), ["export", "--what", "ontology", "-f", "nt",
                                   "--out", str(tmp_path / "o.nt")])
        assert onto.exit_code == 0, onto.output
        assert len(read_back(tmp_path / "o.nt", "nt")) > 10


# --- independent validators -----------------------------------------------------------------

RAPPER_SYNTAX = {"trig": "trig", "nq": "nquads", "turtle": "turtle", "nt": "ntriples",
                 "rdfxml": "rdfxml"}
_JENA = Path("/usr/share/java")
# Jena's JSON-LD 1.0 reader needs httpclient-cache besides the usual riot classpath.
_JENA_DEPS = ("commons-cli", "commons-codec", "commons-compress", "commons-io", "commons-lang3",
              "commons-csv", "dexx.collection", "gson", "guava", "httpclient", "httpclient-cache",
              "httpcore", "jackson-core", "jackson-databind", "jackson-annotations", "jsonld-java",
              "slf4j-api", "slf4j-simple", "jcl-over-slf4j", "protobuf", "thrift")
_XERCES_IN_JAR = "org/apache/jena/ext/xerces/"


@pytest.fixture(scope="module")
def exported(store, tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("validate")
    paths = {}
    for fmt in FORMATS:
        paths[fmt] = folder / f"graph.{EXT[fmt]}"
        export_store(store, paths[fmt], fmt)
    return paths


@pytest.mark.parametrize("fmt", sorted(RAPPER_SYNTAX))
def test_rapper_accepts_every_export(exported, fmt):
    if not shutil.which("rapper"):
        pytest.skip("rapper (raptor2-utils) is not installed")
    run = subprocess.run(["rapper", "-c", "-i", RAPPER_SYNTAX[fmt], str(exported[fmt])],
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert "Error" not in run.stderr and "Warning" not in run.stderr, run.stderr


@pytest.fixture(scope="module")
def jena_classpath(tmp_path_factory) -> str:
    """Debian's Jena jars, plus resources its repackaged Xerces looks for under another name
    (without them every run dies in a static initialiser) and httpclient-cache for JSON-LD."""
    jars = sorted(p for p in _JENA.glob("jena-*.jar") if not any(c.isdigit() for c in p.stem))
    deps = [_JENA / f"{name}.jar" for name in _JENA_DEPS]
    if not jars or not shutil.which("java") or not all(d.exists() for d in deps):
        pytest.skip("Jena (libapache-jena-java) is not installed")
    resources = tmp_path_factory.mktemp("jena-resources")
    with zipfile.ZipFile(_JENA / "jena-core.jar") as jar:
        for name in jar.namelist():
            if name.startswith(_XERCES_IN_JAR) and name.endswith(".properties"):
                target = resources / "xerces" / name[len(_XERCES_IN_JAR):]
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(jar.read(name))
    return ":".join(str(p) for p in [resources, *jars, *deps])


def test_jena_riot_accepts_every_export(exported, jena_classpath):
    for syntax, files in ((None, [p for f, p in exported.items() if f != "jsonld"]),
                          ("jsonld10", [exported["jsonld"]])):
        args = ["java", "-cp", jena_classpath, "riotcmd.riot", "--validate"]
        args += [f"--syntax={syntax}"] if syntax else []
        run = subprocess.run(args + [str(p) for p in files], capture_output=True, text=True,
                             timeout=120)
        assert run.returncode == 0, run.stdout + run.stderr
        assert "ERROR" not in run.stderr and "WARN" not in run.stderr, run.stderr
