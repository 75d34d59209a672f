"""Recognition and extraction grow linearly with the text: a four times longer abstract costs
about four times as much, not sixteen (a quadratic step would turn 5 MB into hours).

CPU time (not wall time) is measured, so other processes on the machine do not skew the ratio;
the smaller size is timed twice and the faster run kept.
"""

from __future__ import annotations

import dataclasses
import time

from kg.extract.claims import extract
from kg.extract.recognise import recognise
from kg.records.model import AbstractSection, Record
from tests.factories import make_record

# Sentences of our own: a finding with a comparator, an adverse effect with a p value, a null
# result; repeated, they give every extraction step (pairs, cues, significance) work to do.
PARAGRAPH = (
    "In this randomised trial, ketamine reduced pain in patients with complex regional pain "
    "syndrome compared with placebo. Nausea was more frequent with morphine than with saline "
    "(p < 0.05). Cognitive behavioural therapy did not improve depression scores at twelve "
    "weeks. "
)
SMALL, LARGE = 50_000, 200_000
LINEAR_RATIO = LARGE / SMALL
CEILING_S = 60.0


def _record(size: int) -> Record:
    text = (PARAGRAPH * (size // len(PARAGRAPH) + 1))[:size]
    return dataclasses.replace(make_record(), abstract=(AbstractSection(text, "Results"),))


def _cpu_seconds(record: Record) -> float:
    start = time.process_time()
    extract(record, recognise(record))
    return time.process_time() - start


def test_recognise_and_extract_grow_linearly():
    _cpu_seconds(_record(2_000))  # vocabulary and models load once, outside the timings
    small = min(_cpu_seconds(_record(SMALL)) for _ in range(2))
    large = _cpu_seconds(_record(LARGE))
    assert large < CEILING_S
    # Linear is 4x; quadratic would be 16x. Twice linear leaves room for noise.
    assert large / small < 2 * LINEAR_RATIO, f"{SMALL}: {small:.2f} s, {LARGE}: {large:.2f} s"
