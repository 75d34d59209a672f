"""MeSH loaders: NLM descriptor XML, NLM ASCII ``d20XX.bin`` and the compact TSV tables.

All three give the same ``Concept`` model, so a user can point ``ekg vocab load`` at whatever NLM
file they have. The XML is parsed with lxml in streaming mode with entity resolution, DTD loading
and network access switched off: NLM's file names a DTD on the web, and a hostile file must not
make the parser fetch or expand anything.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import IO

from lxml import etree

from kg.errors import KGError
from kg.rdf.iris import mesh_iri
from kg.vocab.model import Concept, Vocabulary

__all__ = [
    "MeshFormatError",
    "find_mesh_files",
    "fingerprint_files",
    "load_mesh",
    "load_mesh_bin",
    "load_mesh_tsv",
    "load_mesh_xml",
    "load_pharmacological_actions_tsv",
    "load_scr_tsv",
    "open_maybe_gzip",
]


class MeshFormatError(KGError, ValueError):
    """A file is not MeSH in any format this module reads (names the file and, when known, line)."""


def open_maybe_gzip(path: Path) -> IO[bytes]:
    """The file's bytes, transparently gunzipped when it starts with the gzip magic number."""
    handle = path.open("rb")
    if handle.peek(2)[:2] == b"\x1f\x8b":  # type: ignore[attr-defined]
        return gzip.GzipFile(fileobj=handle)  # type: ignore[return-value]
    return handle


def fingerprint_files(paths: Iterable[Path]) -> str:
    """SHA-256 over the names and contents of ``paths``: what a compiled cache is keyed on."""
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(path.name.encode())
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    return digest.hexdigest()[:16]


def load_mesh(path: Path) -> Vocabulary:
    """Load MeSH from a file (XML, ``.bin`` or TSV, optionally gzipped) or a folder of them."""
    files = find_mesh_files(path) if path.is_dir() else [path]
    if not files:
        raise MeshFormatError(f"{path}: no MeSH descriptor file (desc*.xml, d*.bin, *.tsv) found")
    merged: dict[str, Concept] = {}
    for file in files:  # descriptors first: a later table only adds what they lack
        for concept in _load_one(file):
            merged.setdefault(concept.ui, concept)
    concepts = _resolve_action_names(list(merged.values()))
    return Vocabulary("mesh", tuple(concepts), fingerprint_files(files), tuple(map(str, files)))


def _resolve_action_names(concepts: list[Concept]) -> list[Concept]:
    """Fill in the UI of actions known by name only (the ASCII format gives ``PA = name``)."""
    if not any(ui == "" for c in concepts for ui, _ in c.pharmacological_actions):
        return concepts
    by_label = {c.label: c.ui for c in concepts}
    out = []
    for concept in concepts:
        actions = tuple((ui or by_label.get(name, ""), name)
                        for ui, name in concept.pharmacological_actions)
        out.append(replace(concept, pharmacological_actions=tuple(a for a in actions if a[0])))
    return out


def find_mesh_files(folder: Path) -> list[Path]:
    """The MeSH files a folder holds, recognised by content: the last descriptor file by name
    (the newest year), plus the supplementary-record table beside a TSV."""
    kinds = {p: _kind(p) for p in sorted(folder.iterdir()) if p.is_file()}
    descriptors = [p for p, kind in kinds.items() if kind in ("xml", "bin", "tsv")]
    if not descriptors:
        return []
    chosen = descriptors[-1]
    tables = ("scr", "pa") if kinds[chosen] == "tsv" else ()
    return [chosen, *(p for p, kind in kinds.items() if kind in tables)]


def _kind(path: Path) -> str | None:
    """``xml``, ``bin``, ``tsv`` (descriptors), ``scr`` (supplementary records) or None."""
    try:
        with open_maybe_gzip(path) as handle:
            head = handle.read(512).decode("utf-8", "replace")
    except (OSError, EOFError):
        return None
    if head.startswith("scr_ui\t"):
        return "scr"
    if head.startswith("pharm_action_ui\t"):
        return "pa"
    if head.startswith("descriptor_ui\t"):
        return "tsv"
    if "*NEWRECORD" in head:
        return "bin"
    if head.lstrip().startswith("<") and "Descriptor" in head:
        return "xml"
    return None


def _load_one(path: Path) -> list[Concept]:
    """Dispatch on content (XML / ASCII / TSV), not on the file name."""
    loaders = {"xml": load_mesh_xml, "bin": load_mesh_bin, "tsv": load_mesh_tsv,
               "scr": load_scr_tsv, "pa": load_pharmacological_actions_tsv}
    kind = _kind(path)
    if kind is None:
        raise MeshFormatError(f"{path}: not a MeSH descriptor XML, ASCII .bin or TSV file")
    return list(loaders[kind](path))


def load_mesh_xml(path: Path) -> Iterator[Concept]:
    """Descriptors from NLM's ``desc20XX.xml`` (or ``.gz``), streamed record by record."""
    with open_maybe_gzip(path) as handle:
        parser = etree.iterparse(
            handle, events=("end",), tag="DescriptorRecord", resolve_entities=False,
            no_network=True, load_dtd=False, huge_tree=False, dtd_validation=False)
        try:
            for _, element in parser:
                yield _concept_from_xml(element)
                element.clear(keep_tail=False)
                while element.getprevious() is not None:
                    del element.getparent()[0]
        except etree.XMLSyntaxError as exc:
            raise MeshFormatError(f"{path}:{exc.lineno}: malformed descriptor XML: {exc}") from exc


def _concept_from_xml(record: etree._Element) -> Concept:
    """One ``DescriptorRecord`` element → Concept (entry terms from every concept's terms)."""
    ui = record.findtext("DescriptorUI", "").strip()
    label = record.findtext("DescriptorName/String", "").strip()
    trees = tuple(t.text.strip() for t in record.iterfind("TreeNumberList/TreeNumber") if t.text)
    actions = tuple(
        (a.findtext("DescriptorReferredTo/DescriptorUI", "").strip(),
         a.findtext("DescriptorReferredTo/DescriptorName/String", "").strip())
        for a in record.iterfind("PharmacologicalActionList/PharmacologicalAction"))
    entries: list[str] = []
    permuted: list[str] = []
    for term in record.iterfind("ConceptList/Concept/TermList/Term"):
        text = (term.findtext("String") or "").strip()
        is_permuted = term.get("IsPermutedTermYN") == "Y"
        if text and text != label:
            (permuted if is_permuted else entries).append(text)
    return _make(ui, label, entries, trees, actions, permuted)


def load_mesh_bin(path: Path) -> Iterator[Concept]:
    """Descriptors from NLM's ASCII ``d20XX.bin``: ``*NEWRECORD`` blocks of ``KEY = value``."""
    with open_maybe_gzip(path) as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8", errors="replace")
        fields: dict[str, list[str]] = {}
        start = 0
        for number, line in enumerate(text, 1):
            line = line.rstrip("\r\n")
            if line == "*NEWRECORD":
                if fields:
                    yield _concept_from_bin(fields, path, start)
                fields, start = {}, number
            elif " = " in line:
                key, value = line.split(" = ", 1)
                fields.setdefault(key.strip(), []).append(value.strip())
        if fields:
            yield _concept_from_bin(fields, path, start)


def _concept_from_bin(fields: dict[str, list[str]], path: Path, line: int) -> Concept:
    """``MH`` label, ``ENTRY``/``PRINT ENTRY`` terms (before the first ``|``), ``MN``, ``PA``."""
    ui = (fields.get("UI") or [""])[0]
    label = (fields.get("MH") or [""])[0]
    if not ui or not label:
        raise MeshFormatError(f"{path}:{line}: descriptor record without UI or MH")
    entries = [e.split("|", 1)[0] for key in ("PRINT ENTRY", "ENTRY") for e in fields.get(key, [])]
    actions = tuple(("", name) for name in fields.get("PA", []))  # names only: resolved later
    return _make(ui, label, entries, tuple(fields.get("MN", [])), actions, [])


def load_mesh_tsv(path: Path) -> Iterator[Concept]:
    """Descriptors from the compact table (``descriptor_ui``, ``preferred_name``, … columns)."""
    for row in _read_tsv(path):
        actions = tuple(tuple(a.split(":", 1)) for a in _split(row["pharmacological_actions"]))
        yield _make(row["descriptor_ui"], row["preferred_name"], _split(row["entry_terms"]),
                    tuple(_split(row["tree_numbers"])), actions,  # type: ignore[arg-type]
                    _split(row.get("permuted_entry_terms") or ""))


def load_scr_tsv(path: Path) -> Iterator[Concept]:
    """Supplementary concept records (C-IDs) with a name and pharmacological actions."""
    for row in _read_tsv(path):
        if not row.get("name"):
            continue
        actions = tuple(tuple(a.split(":", 1)) for a in _split(row["pharmacological_actions"]))
        yield _make(row["scr_ui"], row["name"], [], (), actions, [],  # type: ignore[arg-type]
                    source="mesh-scr")


def load_pharmacological_actions_tsv(path: Path) -> Iterator[Concept]:
    """The pharmacological-action descriptors (``pharm_action_ui``, name, tree numbers).

    They are descriptors too, so with a full descriptor file they add nothing; alone or beside
    a partial table they still give the action trees that decide which actions are mechanisms.
    """
    for row in _read_tsv(path):
        yield _make(row["pharm_action_ui"], row["pharm_action_name"], [],
                    tuple(_split(row.get("tree_numbers") or "")), (), [])


def _read_tsv(path: Path) -> Iterator[dict[str, str]]:
    """Rows of a tab-separated file with a header, gzipped or not."""
    with open_maybe_gzip(path) as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8", newline="")
        yield from csv.DictReader(text, delimiter="\t", quoting=csv.QUOTE_NONE)


def _split(value: str) -> list[str]:
    """The ``|``-separated values of a TSV field, blanks dropped."""
    return [v.strip() for v in value.split("|") if v.strip()] if value else []


def _make(ui: str, label: str, entries: Iterable[str], trees: tuple[str, ...],
          actions: tuple[tuple[str, str], ...], permuted: Iterable[str],
          source: str = "mesh") -> Concept:
    """A MeSH Concept, de-duplicating names and keeping NLM's order."""
    synonyms = tuple(dict.fromkeys(e for e in entries if e and e != label))
    permuted_only = tuple(dict.fromkeys(p for p in permuted if p not in synonyms and p != label))
    return Concept(iri=str(mesh_iri(ui)), ui=ui, label=label, synonyms=synonyms,
                   tree_numbers=trees, pharmacological_actions=actions, source=source,
                   permuted=permuted_only)
