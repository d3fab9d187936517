"""Dates in Vietnamese documents: "ngày 31 tháng 5 năm 2021", "14/9/2021".

Two written forms (design/domain.md §1.5.4):

* long: "ngày 05 tháng 01 năm 2020", also without "ngày" ("31 tháng 5 năm
  2021"), and a draft's blank "ngày   tháng 3 năm 2025", "ngày … tháng … năm
  2026" (then ``date`` is ``None``, ``blank_day`` is set and ``year`` kept);
* numeric: "05/7/2021", "14-9-2021", "14.9.2021" (one separator throughout),
  optionally after "ngày".

An impossible date ("31/02/2025") gives ``date=None`` with the year kept. The
patterns are plain regexes with no nested or adjacent unbounded repeats, so
a search is linear in the text length.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache

import regex

from vanban.text.anchors import fragment

__all__ = ["DateMatch", "date_pattern", "find_date", "find_dates", "parse_date"]


@dataclass(frozen=True, slots=True)
class DateMatch:
    """A date found in text.

    Attributes:
        date: the date, or ``None`` when a part is blank or impossible.
        start, end: the span of the match in the searched text.
        blank_day: the day (or day and month) is left blank, as in a draft's
            "ngày   tháng 3 năm 2025".
        year: the year, when printed (also for a blank draft date).
    """

    date: dt.date | None
    start: int
    end: int
    blank_day: bool = False
    year: int | None = None


# A blank is a run of dots, ellipses, underscores or nothing, then spaces.
_BLANK = r"[.…_]{0,40}\s{0,40}"


@cache
def date_pattern() -> regex.Pattern[str]:
    """The combined pattern of both written forms (named groups).

    The words of the long form are the layout's OCR-tolerant anchors: "ngay 16 thang
    10 nam 2025" is a date too.
    """
    day, month, year = (fragment(f"long_date_{w}") for w in ("day", "month", "year"))
    long_form = (
        rf"(?:(?P<kw>\b{day})\s{{0,40}}(?:(?P<d>\d{{1,2}})\s{{1,40}}|{_BLANK})"
        rf"|(?<![\p{{L}}\d/.\-])(?P<d2>\d{{1,2}})\s{{1,40}})"
        rf"{month}\s{{0,40}}(?:(?P<m>\d{{1,2}})\s{{0,40}}(?:,\s{{0,40}})?|{_BLANK})"
        rf"{year}\s{{0,40}}(?P<y>\d{{4}})(?!\d)"
    )
    numeric = (
        rf"(?:(?P<kw2>\b{day})\s{{1,40}})?(?<![\p{{L}}\d/.\-])"
        r"(?P<nd>\d{1,2})(?P<sep>[/.\-])(?P<nm>\d{1,2})(?P=sep)(?P<ny>\d{4})(?![\d/.\-]\d)(?!\d)"
    )
    return regex.compile(rf"{long_form}|{numeric}", regex.IGNORECASE)


def _make(day: str | None, month: str | None, year: str) -> tuple[dt.date | None, bool]:
    if day is None or month is None:
        return None, True
    try:
        return dt.date(int(year), int(month), int(day)), False
    except ValueError:
        return None, False


def _to_match(m: regex.Match[str]) -> DateMatch | None:
    if m.group("ny") is not None:
        date, blank = _make(m.group("nd"), m.group("nm"), m.group("ny"))
        return DateMatch(date, m.start(), m.end(), blank, int(m.group("ny")))
    day = m.group("d") or m.group("d2")
    date, blank = _make(day, m.group("m"), m.group("y"))
    return DateMatch(date, m.start(), m.end(), blank, int(m.group("y")))


def find_date(text: str, pos: int = 0, endpos: int | None = None) -> DateMatch | None:
    """The first date in ``text`` at or after ``pos`` (and before ``endpos``), in either form.

    >>> find_date("Đắk Nông, ngày 31 tháng 5 năm 2021").date
    datetime.date(2021, 5, 31)
    >>> m = find_date("Hà Nội, ngày    tháng 3 năm 2025"); (m.date, m.blank_day, m.year)
    (None, True, 2025)
    """
    m = date_pattern().search(text, pos, len(text) if endpos is None else endpos)
    return _to_match(m) if m is not None else None


def find_dates(text: str, pos: int = 0, endpos: int | None = None) -> list[DateMatch]:
    """Every date in ``text``, in order."""
    end = len(text) if endpos is None else endpos
    found = (_to_match(m) for m in date_pattern().finditer(text, pos, end))
    return [d for d in found if d is not None]


def match_date_at(text: str, pos: int) -> DateMatch | None:
    """The date that starts exactly at ``pos`` (after "ngày" or not), else ``None``."""
    m = date_pattern().match(text, pos)
    return _to_match(m) if m is not None else None


def parse_date(text: str) -> dt.date | None:
    """The first date in ``text``, or ``None``.

    >>> parse_date("ngày 05/7/2021")
    datetime.date(2021, 7, 5)
    """
    m = find_date(text)
    return m.date if m else None
