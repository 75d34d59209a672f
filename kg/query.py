"""The query catalogue: load ``queries/**/*.rq``, read their headers, bind parameters by type.

Parameters are bound as RDF terms (Oxigraph ``substitutions`` / rdflib ``initBindings``), never
pasted into query text, so a parameter value cannot change a query's structure. Oxigraph only
substitutes variables the query projects, so every parameter variable of a catalogue query is
projected and sits in a required (not OPTIONAL) pattern.

Whether a query text is read-only is :mod:`kg.readonly`'s question (re-exported here).

Catalogue updates (``queries/update``) are CONSTRUCT queries that compute the triples to add to
(or remove from) the curation graph, so they too are bound by substitution; the write itself goes
through the store API or a data-only update built from terms (:func:`apply_update`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.term import Node

from kg.errors import QueryError, UnsafeIRIError
from kg.rdf.iris import check_iri
from kg.rdf.namespaces import EKGR, PREFIXES, XSD
from kg.readonly import check_read_only, query_form
from kg.resources import queries_dir
from kg.store.base import GraphWrite, Store

__all__ = [
    "CURATION_GRAPH",
    "MAX_PARAM_LENGTH",
    "CatalogueQuery",
    "NameResolver",
    "Param",
    "apply_update",
    "bind_params",
    "check_read_only",
    "expand_curie",
    "list_catalogue",
    "load_internal_query",
    "load_query",
    "parse_param_value",
    "query_form",
]

_TYPES = {"iri", "concept", "literal", "string", "integer", "decimal", "date", "boolean", "year"}
MAX_PARAM_LENGTH = 2000
"""Longest accepted parameter value: values come from the command line and from HTTP."""
_PARAM = re.compile(r"^(?P<name>\w+)\s+(?P<type>\w+)(?:\s+(?P<need>optional|required)\b)?"
                    r"(?P<rest>.*)$")
_KV = re.compile(r"\b(default|example)=(\"[^\"]*\"|\S+)")


@dataclass(frozen=True, slots=True)
class Param:
    """One ``# param:`` header line: ``NAME TYPE [optional] [default=…] [example=…] — text``.

    A parameter is required unless marked ``optional`` or given a default: leaving out a required
    one is an error naming it, never a silently wider question.
    """

    name: str
    type: str
    description: str = ""
    default: str | None = None
    example: str | None = None
    optional: bool = False

    @property
    def required(self) -> bool:
        return not self.optional and self.default is None


@dataclass(frozen=True, slots=True)
class CatalogueQuery:
    name: str  # e.g. "select/evidence-for-condition"
    path: Path
    text: str
    title: str = ""
    description: str = ""
    params: tuple[Param, ...] = ()
    columns: tuple[str, ...] = field(default_factory=tuple)
    effect: str = ""  # update queries: "add" or "remove" (triples of the curation graph)

    @property
    def group(self) -> str:
        return self.name.split("/", 1)[0] if "/" in self.name else ""


def _parse_param(spec: str) -> Param:
    m = _PARAM.match(spec.strip())
    if not m or m["type"] not in _TYPES:
        raise QueryError(f"bad parameter header {spec!r}: want 'NAME TYPE [default=…] — text'")
    rest = m["rest"]
    kv = {k: v.strip('"') for k, v in _KV.findall(rest)}
    desc = _KV.sub("", rest).strip(" -—:")
    return Param(m["name"], m["type"], desc, kv.get("default"), kv.get("example"),
                 m["need"] == "optional")


_CONTINUED = re.compile(r"^#\s{2,}\S")  # an indented comment line continues the previous key


def _parse_header(text: str) -> dict[str, object]:
    meta: dict[str, object] = {"params": []}
    last = ""
    for line in text.splitlines():
        if not line.startswith("#"):
            if line.strip():
                break
            continue
        if _CONTINUED.match(line) and last in ("title", "description"):
            meta[last] = f"{meta[last]} {line.lstrip('# ').strip()}"
            continue
        key, sep, value = line.lstrip("# ").partition(":")
        key, last = key.strip().lower(), ""
        if not sep:
            continue
        if key == "param":
            meta["params"].append(_parse_param(value))  # type: ignore[union-attr]
        elif key == "columns":
            meta["columns"] = tuple(c.strip() for c in value.split(",") if c.strip())
        elif key in ("title", "description", "effect"):
            meta[key], last = value.strip(), key
    return meta


def _load(path: Path, root: Path) -> CatalogueQuery:
    text = path.read_text(encoding="utf-8")
    meta = _parse_header(text)
    return CatalogueQuery(
        name=path.relative_to(root).with_suffix("").as_posix(), path=path, text=text,
        title=str(meta.get("title", "")), description=str(meta.get("description", "")),
        params=tuple(meta["params"]),  # type: ignore[arg-type]
        columns=meta.get("columns", ()),  # type: ignore[arg-type]
        effect=str(meta.get("effect", "")),
    )


def list_catalogue(root: Path | None = None) -> list[CatalogueQuery]:
    """Every public catalogue query (``internal/`` is plumbing and not listed)."""
    root = root or queries_dir()
    return [_load(p, root) for p in sorted(root.rglob("*.rq"))
            if p.relative_to(root).parts[0] != "internal"]


def load_query(name_or_file: str, root: Path | None = None) -> CatalogueQuery:
    """By catalogue name (``select/article-card`` or unique ``article-card``) or by file path."""
    root = root or queries_dir()
    path = Path(name_or_file)
    if path.suffix == ".rq" and path.is_file():
        return _load(path.resolve(), path.resolve().parent)
    exact = root / f"{name_or_file}.rq"
    if exact.is_file():
        return _load(exact, root)
    matches = [q for q in list_catalogue(root) if q.name.rsplit("/", 1)[-1] == name_or_file]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise QueryError(f"no catalogue query named {name_or_file!r} (see: ekg query --list)")
    raise QueryError(f"{name_or_file!r} is ambiguous: {', '.join(q.name for q in matches)}")


def load_internal_query(name: str) -> str:
    return (queries_dir() / "internal" / f"{name}.rq").read_text(encoding="utf-8")


def expand_curie(value: str) -> URIRef:
    """``mesh:D007649`` → its IRI; a full IRI is checked and returned; anything else refused."""
    prefix, sep, local = value.partition(":")
    if sep and prefix in PREFIXES and not local.startswith("//"):
        if not re.fullmatch(r"[\w.\-/]*", local):
            raise QueryError(f"bad CURIE {value!r}")
        return check_iri(f"{PREFIXES[prefix]}{local}")
    try:
        return check_iri(value)
    except UnsafeIRIError as exc:
        raise QueryError(f"not an IRI or known CURIE: {value!r}") from exc


NameResolver = Callable[[str], URIRef]
"""Looks a concept up by name (``kg.names.resolve_concept`` bound to a store)."""


def parse_param_value(param: Param, raw: str, names: NameResolver | None = None) -> Node:
    """Turn a command-line (or HTTP) string into a typed RDF term for ``param``.

    A ``concept`` parameter takes a CURIE or IRI, or (given ``names``) a concept's name.
    """
    kind = param.type
    if len(raw) > MAX_PARAM_LENGTH:
        raise QueryError(f"parameter {param.name}: value longer than {MAX_PARAM_LENGTH} characters")
    if kind == "concept":
        return _concept_value(param, raw, names)
    try:
        if kind == "iri":
            return expand_curie(raw)
        if kind == "integer":
            return Literal(int(raw), datatype=XSD.integer)
        if kind == "decimal":
            return Literal(str(Decimal(raw)), datatype=XSD.decimal)
        if kind == "boolean":
            return Literal(raw.lower() in ("1", "true", "yes"), datatype=XSD.boolean)
        if kind == "date":
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw):
                raise ValueError("want YYYY-MM-DD")
            return Literal(raw, datatype=XSD.date)
        if kind == "year":
            return Literal(int(raw), datatype=XSD.integer)
    except (ValueError, InvalidOperation) as exc:
        raise QueryError(f"parameter {param.name}: {raw!r} is not a valid {kind}: {exc}") from exc
    return Literal(raw)


def _concept_value(param: Param, raw: str, names: NameResolver | None) -> URIRef:
    try:
        return expand_curie(raw)
    except QueryError:
        if names is None or not raw.strip():
            raise
    try:
        return names(raw)
    except LookupError as exc:
        raise QueryError(f"parameter {param.name}: {exc}") from exc


def bind_params(query: CatalogueQuery, given: dict[str, str],
                names: NameResolver | None = None) -> dict[str, Node]:
    """Bindings for the query: given values, else defaults; unknown names and missing required
    parameters are errors. ``names`` looks up concept parameters given by name."""
    known = {p.name: p for p in query.params}
    unknown = set(given) - set(known)
    if unknown:
        raise QueryError(f"{query.name}: unknown parameter(s) {', '.join(sorted(unknown))}; "
                         f"known: {', '.join(known) or 'none'}")
    missing = [p.name for p in query.params if p.required and p.name not in given]
    if missing:
        raise QueryError(f"{query.name}: missing required parameter(s) {', '.join(missing)}")
    bindings: dict[str, Node] = {}
    for name, param in known.items():
        raw = given.get(name, param.default)
        if raw is not None:
            bindings[name] = parse_param_value(param, raw, names)
    return bindings


# --- Catalogue updates --------------------------------------------------------------------------
CURATION_GRAPH = check_iri(f"{EKGR}graph/curation")
"""Named graph of curator assertions: kept apart from record graphs so rebuilds never lose it."""


def apply_update(store: Store, query: CatalogueQuery, given: dict[str, str]) -> int:
    """Run a catalogue update: its CONSTRUCT (parameters bound by substitution) gives the
    triples to add to or remove from :data:`CURATION_GRAPH`; returns how many."""
    if query.effect not in ("add", "remove"):
        raise QueryError(f"{query.name} is not an update (header 'effect: add|remove' missing)")
    missing = [p.name for p in query.params if p.name not in given and p.default is None]
    if missing:
        raise QueryError(f"{query.name}: an update needs every parameter; missing {missing}")
    result = store.query(query.text, bind_params(query, given))
    if result.kind != "construct":
        raise QueryError(f"{query.name}: an update must be a CONSTRUCT query")
    triples = tuple(dict.fromkeys(result.triples))
    if triples and query.effect == "add":
        store.put_graphs([GraphWrite(CURATION_GRAPH, triples, add=True)])
    elif triples:
        store.remove_triples(CURATION_GRAPH, triples)
    return len(triples)
