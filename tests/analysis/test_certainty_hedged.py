"""A hedged finding ("X may reduce Y") never lifts a claim's rolled-up certainty above what its
plain findings show, in the roll-up and as read back from a store."""

from __future__ import annotations

from dataclasses import replace

from kg.analysis.certainty import Finding, read_findings, roll_up
from tests.analysis.test_certainty import _case, _claim, _rct, _store_with, _trial


def _hedged_rct(ev: str) -> Finding:
    return replace(_rct(ev), hedged=True)


def test_a_hedged_trial_does_not_lift_plain_case_reports():
    [r] = roll_up([_claim("a", "supports", _case("e1"), _hedged_rct("e2"))])
    assert r.certainty == "very-low"


def test_hedged_findings_alone_still_rate_the_claim():
    [r] = roll_up([_claim("a", "supports", _hedged_rct("e1"), _hedged_rct("e2"))])
    assert r.certainty == "high"


def test_hedged_flag_is_read_from_the_store():
    extraction = _trial()
    claim = extraction.claims[0]
    hedged = replace(claim, evidence=(replace(claim.evidence[0], hedged=True),))
    store = _store_with(("10.1000/h", replace(extraction, claims=(hedged,))),
                        ("10.1000/p", _trial()))
    [found] = read_findings(store)
    assert sorted(f.hedged for f in found.findings) == [False, True]
