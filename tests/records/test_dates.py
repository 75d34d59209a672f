"""Partial dates as bibliographic sources print them."""

from __future__ import annotations

import pytest

from kg.records.dates import build_partial_date, parse_month, parse_partial_date, parse_season
from kg.records.model import PartialDate


@pytest.mark.parametrize(("text", "expected"), [
    ("2019", PartialDate(2019)),
    ("2002 Sep", PartialDate(2002, 9)),
    ("2006 Mar 1", PartialDate(2006, 3, 1)),
    ("1976 Sep 28", PartialDate(1976, 9, 28)),
    ("2013 06 10", PartialDate(2013, 6, 10)),
    ("2010   06", PartialDate(2010, 6)),
    ("2019-11-05", PartialDate(2019, 11, 5)),
    ("2019/11/05", PartialDate(2019, 11, 5)),
    ("20060110", PartialDate(2006, 1, 10)),
    ("200601", PartialDate(2006, 1)),
    ("15 Nov 2019", PartialDate(2019, 11, 15)),
    ("November 2019", PartialDate(2019, 11)),
    ("2019 Sept", PartialDate(2019, 9)),
    ("1999 Spring", PartialDate(1999, season="Spring")),
    ("Winter 2020", PartialDate(2020, season="Winter")),
])
def test_parse_exact_dates_keep_no_text(text: str, expected: PartialDate) -> None:
    assert parse_partial_date(text) == expected


@pytest.mark.parametrize(("text", "year", "month"), [
    ("2019 Nov-Dec", 2019, 11),
    ("2018 May - Jun", 2018, 5),
    ("1998 Dec-1999 Jan", 1998, 12),
    ("1944-1945", 1944, None),
    ("2000 Fall-Winter", 2000, None),
])
def test_ranges_take_the_start_and_keep_the_text(text: str, year: int, month: int | None) -> None:
    date = parse_partial_date(text)
    assert date is not None
    assert (date.year, date.month, date.day) == (year, month, None)
    assert date.text == " ".join(text.split())


def test_impossible_day_is_dropped_and_text_kept() -> None:
    date = parse_partial_date("2019 Feb 30")
    assert date == PartialDate(2019, 2, None, text="2019 Feb 30")


@pytest.mark.parametrize("text", [None, "", "   ", "no date here", "Nov", "12 13"])
def test_no_year_gives_none(text: str | None) -> None:
    assert parse_partial_date(text) is None


def test_iso_precision_follows_what_is_known() -> None:
    assert parse_partial_date("2019 Nov-Dec").iso() == "2019-11"
    assert parse_partial_date("2006 Mar 1").iso() == "2006-03-01"


@pytest.mark.parametrize(("text", "month"), [
    ("Sep", 9), ("september", 9), ("09", 9), ("9", 9), ("Dec.", 12), ("13", None), ("0", None),
    ("Spring", None), (None, None),
])
def test_parse_month(text: str | None, month: int | None) -> None:
    assert parse_month(text) == month


def test_parse_season_canonical_case() -> None:
    assert parse_season("fall") == "Fall"
    assert parse_season("Sep") is None


def test_build_from_pubmed_fields() -> None:
    assert build_partial_date("1976", "Sep", "28") == PartialDate(1976, 9, 28)
    assert build_partial_date("1990", season="Spring") == PartialDate(1990, season="Spring")
    assert build_partial_date("2001", "xx", "12") == PartialDate(2001)  # no month → no day
    assert build_partial_date(None, text="2019 Nov-Dec") == PartialDate(
        2019, 11, text="2019 Nov-Dec")
    assert build_partial_date(None) is None
    assert build_partial_date("20x1") is None
