"""The one way the harnesses in this folder hand a target to atheris (coverage-guided).

atheris is installed where one fuzzes, not with the project, so its absence is a message and
exit 2 rather than an import error; the project's Python code is instrumented so coverage of
it guides the mutations.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

__all__ = ["fuzz"]


def fuzz(argv: list[str], target: Callable[[bytes], None],
         before: Callable[[], None] = lambda: None) -> int:
    """Run libFuzzer with ``argv`` (its options and corpus folders) on ``target``; ``before``
    prepares what the target needs once atheris is known to be there."""
    try:
        import atheris
    except ImportError:
        print("atheris is not installed: .venv/bin/pip install atheris", file=sys.stderr)
        return 2
    before()
    atheris.Setup(argv, target)
    atheris.instrument_all()
    atheris.Fuzz()
    return 0
