"""Partial publication dates as bibliographic sources print them.

PubMed's ``MedlineDate`` (``2019 Nov-Dec``, ``1998 Dec-1999 Jan``, ``1944-1945``), seasons
(``1999 Spring``), MEDLINE ``DP`` lines (``2006 Mar 1``, ``2013 06 10``), ``DEP`` stamps
(``20060110``) and ISO-like dates (``2019-11-05``, ``2019/11/05``) all become one
``PartialDate`` at the precision the source actually gives. The original text is kept only when
the structured fields lose something (a range, trailing words), so that the same date read from
two formats compares equal while a ``MedlineDate`` range is never silently narrowed.
"""

from __future__ import annotations

import calendar
import re

from kg.records.model import PartialDate

__all__ = [
    "MONTHS",
    "SEASONS",
    "build_partial_date",
    "parse_month",
    "parse_partial_date",
    "parse_season",
]

_MONTH_NAMES = [
    ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may", "may"),
    ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep"),
    ("october", "oct"), ("november", "nov"), ("december", "dec"),
]

MONTHS: dict[str, int] = {}
for _number, (_full, _abbr) in enumerate(_MONTH_NAMES, start=1):
    MONTHS[_full] = MONTHS[_abbr] = _number
MONTHS["sept"] = 9

SEASONS: dict[str, str] = {s.lower(): s for s in ("Spring", "Summer", "Fall", "Autumn", "Winter")}

_TOKEN = re.compile(r"\d+|[A-Za-z]+")
_COMPACT = re.compile(r"^\s*(\d{4})(\d{2})(\d{2})?\s*$")  # 20060110, 200601


def parse_month(text: str | None) -> int | None:
    """Month number from ``Sep``, ``September``, ``09`` or ``9``; None when not a month."""
    if not text:
        return None
    token = text.strip().rstrip(".").lower()
    if token.isdigit():
        number = int(token)
        return number if 1 <= number <= 12 else None
    return MONTHS.get(token)


def parse_season(text: str | None) -> str | None:
    """Canonical season name (``Spring``) or None."""
    return SEASONS.get(text.strip().lower()) if text else None


def _valid_day(year: int, month: int | None, day: int | None) -> int | None:
    """The day when it exists in that month (a day without a month means nothing)."""
    if day is None or month is None:
        return None
    return day if 1 <= day <= calendar.monthrange(year, month)[1] else None


def _is_year(token: str) -> bool:
    return len(token) == 4 and token.isdigit() and 1000 <= int(token) <= 2999


def _is_day(token: str) -> bool:
    return token.isdigit() and len(token) <= 2 and 1 <= int(token) <= 31


def build_partial_date(year: str | int | None, month: str | int | None = None,
                       day: str | int | None = None, season: str | None = None,
                       text: str | None = None) -> PartialDate | None:
    """A PartialDate from separate fields (PubMed ``Year``/``Month``/``Day``/``Season``).

    A month that is not a month drops the day too, rather than guessing; a missing or
    non-numeric year gives None because a date without a year cannot be placed.
    """
    year_text = str(year).strip() if year is not None else ""
    if not _is_year(year_text):
        return parse_partial_date(text) if text else None
    y = int(year_text)
    m = parse_month(str(month)) if month is not None else None
    d = int(str(day).strip()) if day is not None and str(day).strip().isdigit() else None
    return PartialDate(year=y, month=m, day=_valid_day(y, m, d), season=parse_season(season),
                       text=text)


def _parse_tokens(tokens: list[str]) -> tuple[int, int | None, int | None, str | None, int]:
    """(year, month, day, season, tokens consumed) from the first year onwards (or just before)."""
    start = next(i for i, t in enumerate(tokens) if _is_year(t))
    year, month, day, season, used = int(tokens[start]), None, None, None, 1
    after = tokens[start + 1:]
    if after and parse_month(after[0]) is not None and not _is_year(after[0]):
        month, used = parse_month(after[0]), 2
        if len(after) > 1 and _is_day(after[1]):
            day, used = int(after[1]), 3
    elif after and parse_season(after[0]):
        season, used = parse_season(after[0]), 2
    elif start > 0:  # "Nov 2019", "15 Nov 2019", "Spring 2019"
        before = tokens[:start]
        if parse_season(before[-1]):
            season, used = parse_season(before[-1]), 2
        elif parse_month(before[-1]) is not None and not before[-1].isdigit():
            month, used = parse_month(before[-1]), 2
            if len(before) > 1 and _is_day(before[-2]):
                day, used = int(before[-2]), 3
    return year, month, day, season, used


def parse_partial_date(text: str | None) -> PartialDate | None:
    """Parse a free-form bibliographic date; None when no year can be found.

    The first year wins (``1998 Dec-1999 Jan`` → 1998-12), followed by a month name or number,
    a day, or a season. ``text`` keeps the original when anything was left unparsed.
    """
    if not text or not text.strip():
        return None
    compact = _COMPACT.match(text)
    if compact:
        y, m, d = compact.groups()
        return build_partial_date(y, m, d)
    tokens = _TOKEN.findall(text)
    if not any(_is_year(t) for t in tokens):
        return None
    year, month, day, season, used = _parse_tokens(tokens)
    valid_day = _valid_day(year, month, day)
    lossy = used < len(tokens) or (day is not None and valid_day is None)
    return PartialDate(year=year, month=month, day=valid_day, season=season,
                       text=" ".join(text.split()) if lossy else None)
