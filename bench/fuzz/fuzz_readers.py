"""Coverage-guided fuzzing of the readers with atheris (libFuzzer), for long local runs.

The Hypothesis tests (``tests/records/test_fuzz_readers.py``) run in seconds on every test run;
this harness runs for as long as you let it and keeps a corpus of inputs that reached new code.
atheris is not a dependency of the project; install it where you fuzz::

    .venv/bin/pip install atheris
    .venv/bin/python bench/fuzz/fuzz_readers.py ris -max_total_time=600 corpus/ris
    .venv/bin/python bench/fuzz/fuzz_readers.py --list

Any exception other than ``RecordParseError`` escaping a reader is a finding (atheris stops and
writes the input as ``crash-*``). Memory and time per input are bounded by libFuzzer's own
``-rss_limit_mb`` (default 2048) and ``-timeout`` flags.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from atheris_run import fuzz  # type: ignore[import-not-found]  # this folder

from kg.errors import RecordParseError
from kg.records.registry import READERS, get_reader

__all__ = ["main", "one_input"]


def one_input(name: str) -> Callable[[bytes], None]:
    """libFuzzer's entry point for reader ``name``: read the bytes, tolerate only parse errors."""
    reader = get_reader(name)

    def run(data: bytes) -> None:
        try:
            for _ in reader.read(data, f"fuzz.{name}"):
                pass
        except RecordParseError:
            pass

    return run


def main(argv: list[str]) -> int:
    get_reader("ris")  # registers every reader
    if len(argv) < 2 or argv[1] == "--list":
        print("readers:", ", ".join(sorted(READERS)))
        return 0
    return fuzz([argv[0], *argv[2:]], one_input(argv[1]))


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
