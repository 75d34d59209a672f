"""The query catalogue: load ``queries/**/*.rq``, read their headers, bind parameters by type.

Parameters are bound as RDF terms (Oxigraph ``substitutions`` / rdflib ``initBindings``), never
pasted into query text, so a parameter value cannot change a query's structure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.term import Node

from kg.errors import QueryError, UnsafeIRIError
from kg.rdf.iris import check_iri
from kg.rdf.namespaces import PREFIXES, XSD
from kg.resources import queries_dir

__all__ = [
    "CatalogueQuery",
    "Param",
    "bind_params",
    "expand_curie",
    "list_catalogue",
    "load_internal_query",
    "load_query",
    "parse_param_value",
]

_TYPES = {"iri", "literal", "string", "integer", "decimal", "date", "boolean", "year"}
_PARAM = re.compile(r"^(?P<name>\w+)\s+(?P<type>\w+)(?P<rest>.*)$")
_KV = re.compile(r"\b(default|example)=(\"[^\"]*\"|\S+)")


@dataclass(frozen=True, slots=True)
class Param:
    name: str
    type: str
    description: str = ""
    default: str | None = None
    example: str | None = None


@dataclass(frozen=True, slots=True)
class CatalogueQuery:
    name: str  # e.g. "select/evidence-for-condition"
    path: Path
    text: str
    title: str = ""
    description: str = ""
    params: tuple[Param, ...] = ()
    columns: tuple[str, ...] = field(default_factory=tuple)

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
    return Param(m["name"], m["type"], desc, kv.get("default"), kv.get("example"))


def _parse_header(text: str) -> dict[str, object]:
    meta: dict[str, object] = {"params": []}
    for line in text.splitlines():
        if not line.startswith("#"):
            if line.strip():
                break
            continue
        key, sep, value = line.lstrip("# ").partition(":")
        key = key.strip().lower()
        if not sep:
            continue
        if key == "param":
            meta["params"].append(_parse_param(value))  # type: ignore[union-attr]
        elif key == "columns":
            meta["columns"] = tuple(c.strip() for c in value.split(",") if c.strip())
        elif key in ("title", "description"):
            meta[key] = value.strip()
    return meta


def _load(path: Path, root: Path) -> CatalogueQuery:
    text = path.read_text(encoding="utf-8")
    meta = _parse_header(text)
    return CatalogueQuery(
        name=path.relative_to(root).with_suffix("").as_posix(), path=path, text=text,
        title=str(meta.get("title", "")), description=str(meta.get("description", "")),
        params=tuple(meta["params"]),  # type: ignore[arg-type]
        columns=meta.get("columns", ()),  # type: ignore[arg-type]
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


def parse_param_value(param: Param, raw: str) -> Node:
    """Turn a command-line string into a typed RDF term for ``param``."""
    kind = param.type
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


def bind_params(query: CatalogueQuery, given: dict[str, str]) -> dict[str, Node]:
    """Bindings for the query: given values, else defaults; unknown names are an error."""
    known = {p.name: p for p in query.params}
    unknown = set(given) - set(known)
    if unknown:
        raise QueryError(f"{query.name}: unknown parameter(s) {', '.join(sorted(unknown))}; "
                         f"known: {', '.join(known) or 'none'}")
    bindings: dict[str, Node] = {}
    for name, param in known.items():
        raw = given.get(name, param.default)
        if raw is not None:
            bindings[name] = parse_param_value(param, raw)
    return bindings
