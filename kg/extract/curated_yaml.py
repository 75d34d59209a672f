"""Loading a curator's YAML file within bounds: size, aliases, alias-expanded size, safe tags.

A 600-byte YAML file can describe billions of nodes through nested aliases, and PyYAML builds
them as shared references that explode on the first walk (printing, hashing the claims into
the pipeline fingerprint). Here the file is refused before that: its size is capped before
parsing, aliases are counted while composing, and the expanded size of the node tree is
computed without expanding it. Only PyYAML's safe tags are constructed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from kg.errors import RecordParseError
from kg.records.limits import MAX_YAML_ALIASES, MAX_YAML_BYTES, MAX_YAML_NODES

__all__ = ["load_yaml_bounded"]


def _read_text(path: Path) -> str:
    """The file's text, refused beyond ``MAX_YAML_BYTES`` before it is parsed."""
    try:
        with path.open("rb") as fh:
            raw = fh.read(MAX_YAML_BYTES + 1)
    except OSError as exc:
        raise RecordParseError(f"cannot read: {exc.strerror or exc}", path=str(path)) from exc
    if len(raw) > MAX_YAML_BYTES:
        raise RecordParseError(f"curator file is larger than {MAX_YAML_BYTES:,} bytes; refused",
                               path=str(path))
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise RecordParseError(f"not UTF-8: {exc.reason} at byte {exc.start}",
                               path=str(path)) from exc


def _expanded_size(root: yaml.Node | None, cap: int) -> int:
    """Nodes the document stands for with every alias expanded, counted without expanding
    (each node's size once, by identity, depth first), stopping as soon as ``cap`` is passed.
    A node met again while its own children are being counted is an alias to itself (``&a
    [*a]``): infinite once expanded, so refused."""
    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)] if root is not None else []
    while stack:
        node, done = stack.pop()
        key = id(node)
        if done:
            open_nodes.discard(key)
            sizes[key] = 1 + sum(sizes[id(c)] for c in _children(node))
            if sizes[key] > cap:
                return sizes[key]
        elif key not in sizes:
            if key in open_nodes:
                raise _TooLarge("a YAML alias refers to a node that contains it (a recursive "
                                "structure); refused")
            open_nodes.add(key)
            stack.append((node, True))
            stack.extend((c, False) for c in _children(node) if id(c) not in sizes)
    return sizes.get(id(root), 0)


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    return []


class _BoundedLoader(yaml.SafeLoader):
    """PyYAML's safe loader counting aliases as it composes: more than ``MAX_YAML_ALIASES``
    stops the parse (YAML's billion laughs)."""

    aliases = 0

    def compose_node(self, parent: yaml.Node | None, index: object) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            self.aliases += 1
            if self.aliases > MAX_YAML_ALIASES:
                raise _TooLarge(f"more than {MAX_YAML_ALIASES} YAML aliases; refused (an "
                                "alias bomb?)")
        return super().compose_node(parent, index)  # type: ignore[no-any-return]


class _TooLarge(Exception):
    """A curator file past a bound (turned into RecordParseError with its path)."""


def _parse_yaml(text: str) -> tuple[Any, yaml.Node | None]:
    loader = _BoundedLoader(text)
    try:
        root = loader.get_single_node()
        if _expanded_size(root, MAX_YAML_NODES) > MAX_YAML_NODES:
            raise _TooLarge(f"aliases expand to more than {MAX_YAML_NODES:,} YAML nodes; "
                            "refused (an alias bomb?)")
        return (loader.construct_document(root) if root is not None else None), root
    finally:
        loader.dispose()


def load_yaml_bounded(path: Path) -> tuple[Any, list[int]]:
    """The YAML data of a curator file and the line of each claim entry, within bounds: file
    size, aliases and alias-expanded size (``kg.records.limits``); safe tags only."""
    text = _read_text(path)
    try:
        data, root = _parse_yaml(text)
    except _TooLarge as exc:
        raise RecordParseError(str(exc), path=str(path)) from exc
    except (yaml.YAMLError, RecursionError) as exc:
        raise RecordParseError(f"not valid YAML: {exc}", path=str(path)) from exc
    return data, _entry_lines(root)


def _entry_lines(root: yaml.Node | None) -> list[int]:
    """1-based line of each claim entry, from the YAML node tree."""
    if isinstance(root, yaml.MappingNode):
        root = next((v for k, v in root.value if getattr(k, "value", None) == "claims"), None)
    if not isinstance(root, yaml.SequenceNode):
        return []
    return [node.start_mark.line + 1 for node in root.value]
