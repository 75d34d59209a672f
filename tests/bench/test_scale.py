"""The scale benchmark's measuring parts: growth exponent, memory sampling, the time cap."""

from __future__ import annotations

import math
import sys

from bench.scale import growth_exponent, run_measured


def test_growth_exponent_is_one_for_linear_time_and_two_for_quadratic() -> None:
    assert math.isclose(growth_exponent(1000, 10.0, 10_000, 100.0), 1.0)
    assert math.isclose(growth_exponent(1000, 1.0, 3000, 9.0), 2.0)


def test_a_measured_process_reports_its_memory_and_output() -> None:
    code = "import time; x = bytearray(200 * 2**20); x[::4096] = b'1' * len(x[::4096]); " \
           "time.sleep(1); print('done')"
    run = run_measured([sys.executable, "-c", code])
    assert run.returncode == 0 and "done" in run.output and not run.timed_out
    assert run.tree_peak_mib > 200 and run.process_peak_mib > 200


def test_a_process_past_the_cap_is_killed_and_marked() -> None:
    run = run_measured([sys.executable, "-c", "import time; time.sleep(30)"], cap=1.0)
    assert run.timed_out and run.seconds < 10
