"""Shape tests in the W3C data-shapes style: each data file, its shapes file, the results expected.

pySHACL is the engine of record; the project's fast path (kg.validate) must give the same results,
and Apache Jena SHACL, where installed, the same results again.
"""

from __future__ import annotations

import shutil
import subprocess
from functools import cache
from pathlib import Path

import pytest
import yaml
from pyshacl import validate as pyshacl_validate
from rdflib import BNode, Graph, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from kg.commands.validate import shorten
from kg.rdf.namespaces import PREFIXES
from kg.validate import validate_graph

ROOT = Path(__file__).resolve().parents[2]
SHAPES_DIR = ROOT / "ontology" / "shapes"
DATA_DIR = ROOT / "tests" / "data" / "shapes"
MANIFEST: dict[str, dict] = yaml.safe_load((DATA_DIR / "manifest.yaml").read_text())
JENA_SH = Path("/work/shared/tools/jena.sh")
JENA_JAR = Path("/usr/share/java/jena-core.jar")

Result = tuple[str, str, str]  # (focus IRI, path as CURIE / "^CURIE" / "-", severity)


def _expand(curie: str) -> str:
    prefix, _, local = curie.partition(":")
    ns = PREFIXES.get(prefix)
    return f"{ns}{local}" if ns is not None and not local.startswith("//") else curie


def _expected(entry: dict) -> set[Result]:
    return {(_expand(focus), path, severity) for focus, path, severity in entry["results"]}


def _path_text(results: Graph, path: Node | None) -> str:
    if path is None:
        return "-"
    if isinstance(path, BNode):
        inverse = results.value(path, SH.inversePath)
        return "^" + shorten(str(inverse)) if inverse is not None else "?"
    return shorten(str(path))


@cache
def _shapes_for(name: str) -> Graph:
    return Graph().parse(SHAPES_DIR / f"{name}.ttl")


def _pyshacl_results(rel: str) -> set[Result]:
    data = Graph().parse(DATA_DIR / rel)
    _conforms, results, _text = pyshacl_validate(
        data, shacl_graph=_shapes_for(rel.split("/")[0]), inference="none")
    return {(str(results.value(r, SH.focusNode)),
             _path_text(results, results.value(r, SH.resultPath)),
             str(results.value(r, SH.resultSeverity)).rsplit("#", 1)[-1])
            for r in results.objects(None, SH.result)}


@pytest.mark.parametrize("rel", sorted(MANIFEST))
def test_pyshacl_gives_the_expected_results(rel):
    assert _pyshacl_results(rel) == _expected(MANIFEST[rel])


@pytest.mark.parametrize("rel", sorted(MANIFEST))
def test_verdict_matches_manifest(rel):
    report = validate_graph(Graph().parse(DATA_DIR / rel), shapes=_shapes_for(rel.split("/")[0]))
    assert report.conforms is MANIFEST[rel]["conforms"]
    assert (not MANIFEST[rel]["conforms"]) == any(
        sev == "Violation" for _f, _p, sev in _expected(MANIFEST[rel]))


@pytest.mark.parametrize("rel", sorted(MANIFEST))
def test_fast_path_gives_pyshacl_results(rel):
    """kg.validate caches compiled shapes and prepared SPARQL: same results as plain pySHACL."""
    report = validate_graph(Graph().parse(DATA_DIR / rel), shapes=_shapes_for(rel.split("/")[0]))
    got = {(i.focus, i.path or "-", i.severity) for i in report.issues}
    assert got == _pyshacl_results(rel)
    assert len(report.issues) == len(got)


def test_every_shapes_file_has_a_valid_and_an_invalid_case():
    for shapes in sorted(SHAPES_DIR.glob("*.ttl")):
        cases = {rel for rel in MANIFEST if rel.startswith(shapes.stem + "/")}
        assert any("/valid-" in c for c in cases), shapes.name
        assert any("/invalid-" in c for c in cases), shapes.name
        on_disk = {p.relative_to(DATA_DIR).as_posix()
                   for p in (DATA_DIR / shapes.stem).glob("*.ttl")}
        assert on_disk == cases, f"manifest and {shapes.stem}/ disagree"


def test_invalid_cases_list_at_least_one_violation_each_and_valid_ones_none():
    for rel, entry in MANIFEST.items():
        severities = {sev for _f, _p, sev in entry["results"]}
        if "/invalid-" in rel:
            assert "Violation" in severities, rel
        else:
            assert not entry["results"], rel


# --- Apache Jena as an independent engine -------------------------------------------------------

def _jena_available() -> bool:
    return JENA_SH.is_file() and JENA_JAR.is_file() and shutil.which("java") is not None


needs_jena = pytest.mark.skipif(not _jena_available(),
                                reason="Jena (libapache-jena-java) not installed")


_FAST_JVM = ("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")  # short runs: start fast


def _run_jena(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["sh", str(JENA_SH), *_FAST_JVM, *args], capture_output=True, text=True,
                          timeout=300, check=False, cwd=ROOT)


@needs_jena
def test_jena_riot_accepts_ontology_and_shapes():
    files = [ROOT / "ontology" / "ekg.ttl", ROOT / "ontology" / "controlled.ttl",
             *sorted(SHAPES_DIR.glob("*.ttl"))]
    proc = _run_jena("riotcmd.riot", "--validate", *map(str, files))
    assert proc.returncode == 0, proc.stderr
    assert "WARN" not in proc.stderr and "ERROR" not in proc.stderr, proc.stderr


def _jena_path(text: str) -> str:
    if text == "-":
        return text
    inverse = text.startswith("^")
    iri = text.lstrip("^").strip("<>")
    return ("^" if inverse else "") + shorten(iri)


@cache
def _jena_results() -> dict[str, set[Result]]:
    """All data files validated by Jena SHACL in one JVM (tests/shapes/JenaShacl.java)."""
    args: list[str] = []
    for rel in sorted(MANIFEST):
        args += [str(SHAPES_DIR / f"{rel.split('/')[0]}.ttl"), str(DATA_DIR / rel)]
    proc = _run_jena(str(Path(__file__).with_name("JenaShacl.java")), *args)
    assert proc.returncode == 0, proc.stderr
    found: dict[str, set[Result]] = {}
    for line in proc.stdout.splitlines():
        kind, data, *rest = line.split("\t")
        rel = Path(data).relative_to(DATA_DIR).as_posix()
        bucket = found.setdefault(rel, set())
        if kind == "RESULT":
            severity, focus, path = rest
            bucket.add((focus, _jena_path(path), severity.rsplit("#", 1)[-1]))
    return found


@needs_jena
@pytest.mark.parametrize("rel", sorted(MANIFEST))
def test_jena_shacl_agrees_with_pyshacl(rel):
    jena = _jena_results()
    assert rel in jena, "Jena did not report on this file"
    assert jena[rel] == _pyshacl_results(rel)
    jena_conforms = not any(sev == "Violation" for _f, _p, sev in jena[rel])
    assert jena_conforms is MANIFEST[rel]["conforms"]


def test_path_texts_are_curies():
    g = Graph()
    assert _path_text(g, URIRef(_expand("ekg:doi"))) == "ekg:doi"
    assert _jena_path("^<https://w3id.org/evidence-kg/ontology#describes>") == "^ekg:describes"
