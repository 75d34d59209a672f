"""Records lost when hostile files join a batch: must be 0.

Builds the shared fixture records alone, then the same records with a folder of hostile files
beside them (and hostile records inside one of the batches), into in-memory stores, and prints
how many good records each build stored. Every hostile input is generated here::

    .venv/bin/python bench/fuzz/batch_survival.py [FIXTURE_DIR …]   (default: all fixtures)
"""

from __future__ import annotations

import gzip
import sys
import tempfile
import time
from pathlib import Path

from rdflib import URIRef

from kg.pipeline import BuildSummary, build
from kg.store.oxigraph import OxigraphStore

__all__ = ["main", "write_hostile_files"]

_FIXTURES = Path(__file__).resolve().parents[3] / "shared" / "fixtures"
_GOOD = "TY  - JOUR\nTI  - Survey of reading habits {n}\nDO  - 10.9999/good.{n}\nER  - \n"


def write_hostile_files(folder: Path) -> int:
    """Hostile files, some with good records of their own mixed in; returns how many records
    of them a build must store."""
    folder.mkdir(parents=True, exist_ok=True)
    good = "".join(_GOOD.format(n=n) for n in range(5))
    (folder / "surrogate.json").write_text(
        '[{"type": "article-journal", "title": "Bad \\ud800 text", "DOI": "10.9999/s.1"},'
        '{"type": "article-journal", "title": "Nul \\u0000 text", "DOI": "10.9999/s.2"}]')
    (folder / "no-end-tag.ris").write_text(good.replace("ER  - \n", "", 2))
    (folder / "controls.ris").write_bytes(good.encode() + b"TY  - JOUR\nTI  - Bell\x07\nER  - \n")
    (folder / "bomb.ris.gz").write_bytes(gzip.compress(b"\0" * (64 * 1024 * 1024), 1))
    (folder / "crowd.ris").write_text(
        "TY  - JOUR\nTI  - Crowd\n" + "AU  - Person, A\n" * 11_000 + "ER  - \n")
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (folder / "notes.txt").write_text("Shopping list\nmilk\n")
    (folder / "empty.bib").write_text("")
    (folder / "bad-doi.json").write_text(
        '[{"type": "article-journal", "title": "Space", "DOI": "10.9999/a b"}]')
    # stored: 5 of no-end-tag.ris, 5 + 1 cleaned of controls.ris, 2 cleaned of surrogate.json
    return 13


def _run(paths: list[Path]) -> tuple[BuildSummary, set[URIRef], float]:
    started = time.perf_counter()
    store = OxigraphStore(None)
    summary = build([str(p) for p in paths], store)
    return summary, set(store.named_graphs()), time.perf_counter() - started


def main(argv: list[str]) -> int:
    fixtures = [Path(a) for a in argv[1:]] or [_FIXTURES]
    alone, graphs_alone, seconds_alone = _run(fixtures)
    with tempfile.TemporaryDirectory() as tmp:
        extra_good = write_hostile_files(Path(tmp) / "hostile")
        mixed, graphs_mixed, seconds_mixed = _run([*fixtures, Path(tmp) / "hostile"])
    lost = len(graphs_alone - graphs_mixed) + max(0, alone.stored + extra_good - mixed.stored)
    print(f"fixtures alone: {alone.records_read} read, {alone.stored} stored, "
          f"{len(alone.rejected)} rejected, {seconds_alone:.1f} s")
    print(f"with hostile files: {mixed.records_read} read, {mixed.stored} stored, "
          f"{len(mixed.rejected)} rejected, {len(mixed.notices)} warnings, {seconds_mixed:.1f} s")
    print(f"good records lost: {lost}")
    return 0 if lost == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
