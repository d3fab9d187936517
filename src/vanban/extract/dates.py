"""Dates in Vietnamese documents: "ngày 31 tháng 5 năm 2021", "14/9/2021".

(Stub: the references work of issue #2 fills this in; signatures are fixed.)
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


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


def find_date(text: str, pos: int = 0) -> DateMatch | None:
    """The first date in ``text`` at or after ``pos``, in either written form."""
    return None


def parse_date(text: str) -> dt.date | None:
    """The first date in ``text``, or ``None``."""
    m = find_date(text)
    return m.date if m else None
