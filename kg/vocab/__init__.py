"""Vocabularies: MeSH, SKOS/OBO and the curated overlay, compiled into a cached matcher.

``kg.vocab.default.default_vocabulary()`` is what the recogniser uses; ``kg.vocab.locate``
documents where MeSH is looked for, and ``kg.vocab.cli_support`` is what ``ekg vocab`` calls.
"""

from __future__ import annotations

__all__: list[str] = []
