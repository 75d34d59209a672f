"""Coverage-guided fuzzing of catalogue query parameters with atheris, for long local runs.

The Hypothesis test (``tests/test_hardening_fuzz_inputs.py``) runs in seconds on every test
run; this harness runs as long as you let it. Each input picks a catalogue query and gives its
parameters values cut from the fuzzer's bytes (any Unicode, lone surrogates included); binding
must give terms or a ``QueryError``, and the query must then run on an empty store or fail
with a ``StoreError``, its text unchanged. Anything else escaping is a finding::

    .venv/bin/pip install atheris
    .venv/bin/python bench/fuzz/fuzz_query_params.py -max_total_time=600 corpus/params
"""

from __future__ import annotations

import sys

from atheris_run import fuzz  # type: ignore[import-not-found]  # this folder

from kg.errors import KGError
from kg.query import bind_params, list_catalogue
from kg.store.oxigraph import OxigraphStore

__all__ = ["main", "one_input"]

_QUERIES = [q for q in list_catalogue() if q.params and q.group in ("select", "construct")]
_STORE = OxigraphStore(None)


def one_input(data: bytes) -> None:
    """libFuzzer's entry point: one query, values for its parameters, bound and run."""
    import atheris

    fdp = atheris.FuzzedDataProvider(data)
    query = _QUERIES[fdp.ConsumeIntInRange(0, len(_QUERIES) - 1)]
    given = {p.name: fdp.ConsumeUnicode(64) for p in query.params if fdp.ConsumeBool()}
    text = query.text
    try:
        _STORE.query(query.text, bind_params(query, given))
    except KGError:
        pass
    if query.text != text:
        raise AssertionError("a parameter value changed the query text")


def main(argv: list[str]) -> int:
    return fuzz(argv, one_input)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
