"""Bounds on the work one input may cause: every reader's input passes these before parsing.

A small hostile file must not be able to exhaust memory or time (a 2 MB gzip that expands to
2 GiB, ``/dev/zero`` given as a file, a record with a million authors). Each bound is a named
number with the reason for its size; the ones a user may legitimately need to raise read an
environment variable (``EKG_<NAME>``) so a large but honest corpus can still be built.
"""

from __future__ import annotations

import os

__all__ = [
    "GZIP_RATIO_FLOOR",
    "MAX_ABSTRACT_CHARS",
    "MAX_AUTHORS",
    "MAX_GZIP_RATIO",
    "MAX_INPUT_BYTES",
    "MAX_RECORD_CHARS",
    "MAX_YAML_ALIASES",
    "MAX_YAML_BYTES",
    "MAX_YAML_NODES",
    "limit",
]

MAX_INPUT_BYTES = 512 * 1024 * 1024
"""Bytes of one input file after decompression (``EKG_MAX_INPUT_BYTES``). Readers parse a
file in memory, so this caps the memory one file can take; it leaves room for the largest bulk
files the readers are meant for (a PubMed baseline file of ~30,000 citations) with margin."""

MAX_GZIP_RATIO = 100
"""Decompressed size / compressed size of a ``.gz`` input (``EKG_MAX_GZIP_RATIO``). Text
records compress 5–15×; a ratio of 100 is only reached by padding, which is how gzip bombs are
made (1,000× and more), so the bomb is refused after reading at most 100× its size."""

GZIP_RATIO_FLOOR = 16 * 1024 * 1024
"""Output below this size is never refused for its ratio: small repetitive files (test data,
a file of identical stubs) legitimately compress far better than text, and 16 MiB is harmless."""

MAX_AUTHORS = 10_000
"""Authors of one record (``EKG_MAX_AUTHORS``). The largest consortium papers list a few
thousand names; past ten thousand it is an error or an attack, and every author becomes
several triples and a person node."""

MAX_ABSTRACT_CHARS = 200_000
"""Characters of one abstract (``EKG_MAX_ABSTRACT_CHARS``). Real abstracts are under
~5,000; 200,000 leaves room for full-text mistaken for an abstract while keeping mention
recognition (linear in the text, but the dominant cost) bounded to well under a second."""

MAX_RECORD_CHARS = 2_000_000
"""Characters of all the text of one record (``EKG_MAX_RECORD_CHARS``): one record is one
named graph, validated in memory by SHACL; a larger one would dominate a whole batch."""

MAX_YAML_BYTES = 16 * 1024 * 1024
"""Bytes of one curator claim file: thousands of hand-written claims fit in a few MiB."""

MAX_YAML_ALIASES = 100
"""YAML aliases (``*name``) in one curator claim file. Aliases let 600 bytes describe
billions of nodes (the "billion laughs" of YAML); hand-written claims need few or none."""

MAX_YAML_NODES = 1_000_000
"""YAML nodes of one curator file once its aliases are expanded: a few aliases nested a few
levels deep stand for billions of nodes, which any later walk (printing, hashing) would
visit; a million nodes is far beyond any hand-written claim file."""


def limit(name: str) -> int:
    """The bound ``name`` of this module, or ``$EKG_<name>`` when set to a positive integer."""
    default: int = globals()[name]
    raw = os.environ.get(f"EKG_{name}", "").strip()
    if raw.isdigit() and int(raw) > 0:
        return int(raw)
    return default
