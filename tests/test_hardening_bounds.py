"""Hostile inputs, each read in a fresh process with a time and memory ceiling.

Every case writes its own small hostile file (nothing copied from real data), reads it through
the public entry points (``read_file``, ``load_curated``) in a child Python, and asserts that the
child finished within ``SECONDS`` and ``RSS_BYTES`` of peak resident memory, ending with the
project's own error (or, where the input is legitimate, with its records). The child also runs
under an address-space limit so a regression fails the test instead of swapping the machine.
"""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SECONDS = 10.0
RSS_BYTES = 1024**3
_AS_LIMIT = 3 * 1024**3

_CHILD = """
import json, resource, sys, time
resource.setrlimit(resource.RLIMIT_AS, ({as_limit}, {as_limit}))
started = time.perf_counter()
from kg.errors import RecordParseError
from kg.records.base import ReadWarning
out = []
{body}
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(json.dumps({{"out": out, "seconds": time.perf_counter() - started, "rss": peak}}))
"""

_READ = """
from kg.records.registry import read_file
for r in read_file({path!r}):
    kind = ("error" if isinstance(r, RecordParseError) else
            "warning" if isinstance(r, ReadWarning) else "record")
    out.append([kind, getattr(r, "reason", None)])
"""

_CURATED = """
from kg.extract.curated import load_curated
try:
    out.append(["claims", len(load_curated({path!r}))])
except RecordParseError as exc:
    out.append(["error", exc.reason])
"""


def run_bounded(body: str, env: dict[str, str] | None = None) -> dict:
    """Run ``body`` in a child Python; its ``out`` list, seconds and peak RSS (bytes)."""
    code = _CHILD.format(as_limit=_AS_LIMIT, body=textwrap.dedent(body))
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                          text=True, timeout=60, env={**os.environ, **(env or {})})
    wall = time.perf_counter() - started
    assert proc.returncode == 0, proc.stderr[-2000:]
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    result["wall"] = wall
    return result


def read_bounded(path: Path, env: dict[str, str] | None = None) -> dict:
    result = run_bounded(_READ.format(path=str(path)), env)
    assert result["seconds"] < SECONDS, result
    assert result["rss"] < RSS_BYTES, result
    return result


def _only_error(result: dict, *words: str) -> str:
    kinds = [k for k, _ in result["out"]]
    assert kinds == ["error"], result["out"]
    reason = result["out"][0][1]
    assert all(w in reason for w in words), reason
    return reason


def test_gzip_bomb_is_refused_early(tmp_path):
    path = tmp_path / "bomb.ris.gz"
    with gzip.open(path, "wb", compresslevel=9) as fh:
        chunk = b"\0" * (1024 * 1024)
        for _ in range(256):  # 256 MiB of zeros in ~250 KB
            fh.write(chunk)
    assert path.stat().st_size < 400_000
    _only_error(read_bounded(path), "gzip", "expands more than")


def test_gzip_past_the_input_size_cap_is_refused(tmp_path):
    path = tmp_path / "big.ris.gz"
    line = b"TY  - JOUR\nTI  - " + os.urandom(30).hex().encode() + b"\nER  - \n"
    with gzip.open(path, "wb") as fh:
        fh.write(line * 20_000)
    result = read_bounded(path, {"EKG_MAX_INPUT_BYTES": "100000"})
    _only_error(result, "larger than 100,000 bytes", "EKG_MAX_INPUT_BYTES")


def test_dev_zero_is_read_to_the_cap_and_refused():
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero")
    _only_error(read_bounded(Path("/dev/zero")), "larger than")


def test_fifo_without_writer_reads_as_empty_without_blocking(tmp_path):
    fifo = tmp_path / "records.ris"
    os.mkfifo(fifo)
    result = read_bounded(fifo)
    assert result["out"] == [["warning", "file is empty: no records in it"]]


def test_oversized_regular_file_is_refused_before_reading(tmp_path):
    path = tmp_path / "large.ris"
    with path.open("wb") as fh:
        fh.truncate(600 * 1024 * 1024)  # sparse: no disk used
    _only_error(read_bounded(path), "larger than")


def test_yaml_alias_bomb_is_refused(tmp_path):
    levels = ["a: &a [" + ", ".join(['"lol"'] * 9) + "]"]
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        levels.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    path = tmp_path / "bomb.yaml"
    path.write_text("\n".join(levels) + "\n")
    assert path.stat().st_size < 700
    result = run_bounded(_CURATED.format(path=str(path)))
    assert result["rss"] < RSS_BYTES and result["seconds"] < SECONDS, result
    assert result["out"][0][0] == "error" and "alias" in result["out"][0][1]


def test_yaml_with_many_aliases_is_refused(tmp_path):
    path = tmp_path / "aliases.yaml"
    path.write_text("x: &x 1\nclaims: [" + ", ".join(["*x"] * 500) + "]\n")
    result = run_bounded(_CURATED.format(path=str(path)))
    assert result["out"] == [["error", "more than 100 YAML aliases; refused (an alias bomb?)"]]


def test_yaml_python_object_tag_is_refused(tmp_path):
    path = tmp_path / "evil.yaml"
    path.write_text("claims:\n  - !!python/object/apply:os.system ['echo owned']\n")
    result = run_bounded(_CURATED.format(path=str(path)))
    assert result["out"][0][0] == "error" and "not valid YAML" in result["out"][0][1]


def test_xml_billion_laughs_is_refused(tmp_path):
    ents = ['<!ENTITY a "lol">'] + [f'<!ENTITY {c} "{("&" + p + ";") * 10}">'
                                    for p, c in zip("abcdefgh", "bcdefghi", strict=True)]
    path = tmp_path / "laughs.xml"
    path.write_text(f'<?xml version="1.0"?>\n<!DOCTYPE PubmedArticleSet [{"".join(ents)}]>\n'
                    "<PubmedArticleSet><PubmedArticle>&i;</PubmedArticle></PubmedArticleSet>\n")
    _only_error(read_bounded(path), "entities")


def test_xml_external_entity_is_refused(tmp_path):
    path = tmp_path / "xxe.xml"
    path.write_text('<?xml version="1.0"?>\n<!DOCTYPE PubmedArticleSet [<!ENTITY x SYSTEM '
                    '"file:///etc/passwd">]>\n<PubmedArticleSet><PubmedArticle><MedlineCitation>'
                    "<PMID>1</PMID><Article><ArticleTitle>&x;</ArticleTitle></Article>"
                    "</MedlineCitation></PubmedArticle></PubmedArticleSet>\n")
    result = read_bounded(path)
    _only_error(result, "entities")
    assert "root:" not in json.dumps(result["out"])


def test_deeply_nested_xml_is_an_error(tmp_path):
    path = tmp_path / "deep.xml"
    depth = 200_000
    path.write_text("<PubmedArticleSet><PubmedArticle>" + "<a>" * depth + "</a>" * depth
                    + "</PubmedArticle></PubmedArticleSet>")
    kinds = {k for k, _ in read_bounded(path)["out"]}
    assert kinds == {"error"}


def test_deeply_nested_json_is_an_error(tmp_path):
    path = tmp_path / "deep.json"
    path.write_text('[{"title": ' + "[" * 200_000 + "]" * 200_000 + "}]")
    kinds = {k for k, _ in read_bounded(path)["out"]}
    assert kinds == {"error"}


def _ris_record(title: str, authors: int = 1, abstract: str = "") -> str:
    lines = ["TY  - JOUR", f"TI  - {title}", *[f"AU  - Person{i}, A" for i in range(authors)]]
    if abstract:
        lines.append(f"AB  - {abstract}")
    return "\n".join([*lines, "ER  - ", ""])


def test_record_with_too_many_authors_is_refused_and_the_next_is_read(tmp_path):
    path = tmp_path / "authors.ris"
    path.write_text(_ris_record("Crowded", authors=12_000) + _ris_record("Next one"))
    result = read_bounded(path)
    assert [k for k, _ in result["out"]] == ["error", "record"]
    assert "12,000 authors" in result["out"][0][1]


def test_record_with_an_enormous_abstract_is_refused(tmp_path):
    path = tmp_path / "abstract.ris"
    path.write_text(_ris_record("Long", abstract="word " * 300_000) + _ris_record("Short"))
    result = read_bounded(path)
    assert [k for k, _ in result["out"]] == ["error", "record"]
    assert "abstract characters" in result["out"][0][1]


def test_oversized_curator_file_is_refused_before_parsing(tmp_path, monkeypatch):
    from kg.errors import RecordParseError
    from kg.extract import curated, curated_yaml

    monkeypatch.setattr(curated_yaml, "MAX_YAML_BYTES", 64)
    path = tmp_path / "claims.yaml"
    path.write_text("claims:\n" + "  - {}\n" * 40)
    with pytest.raises(RecordParseError, match="larger than 64 bytes"):
        curated.load_curated(path)


def test_yaml_alias_to_its_own_container_is_refused(tmp_path):
    path = tmp_path / "loop.yaml"
    path.write_text("claims: &a [*a, {article: *a}]\n")
    result = run_bounded(_CURATED.format(path=str(path)))
    assert result["seconds"] < SECONDS and result["rss"] < RSS_BYTES, result
    assert result["out"][0][0] == "error" and "recursive" in result["out"][0][1]
