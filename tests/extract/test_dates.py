"""find_date / parse_date on the written forms of design/domain.md §1.5.4."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vanban.extract.dates import find_date, find_dates, parse_date

D = dt.date

# (text, date, blank_day, year, matched text)
ROWS = [
    pytest.param("ngày 31 tháng 5 năm 2021", D(2021, 5, 31), False, 2021, "ngày 31 tháng 5 năm 2021", id="long"),
    pytest.param("Đắk Nông, ngày 31 tháng 5 năm 2021", D(2021, 5, 31), False, 2021, "ngày 31 tháng 5 năm 2021", id="seed001-header"),
    pytest.param("Hà Nội, ngày 05 tháng 01 năm 2020", D(2020, 1, 5), False, 2020, "ngày 05 tháng 01 năm 2020", id="nd30-example"),
    pytest.param("NGÀY 05 THÁNG 01 NĂM 2020", D(2020, 1, 5), False, 2020, "NGÀY 05 THÁNG 01 NĂM 2020", id="upper"),
    pytest.param("31 tháng 5 năm 2021", D(2021, 5, 31), False, 2021, "31 tháng 5 năm 2021", id="long-no-ngay"),
    pytest.param("ngày 31 tháng 5, năm 2021", D(2021, 5, 31), False, 2021, "ngày 31 tháng 5, năm 2021", id="comma-before-nam"),
    pytest.param("ngày 05/7/2021", D(2021, 7, 5), False, 2021, "ngày 05/7/2021", id="numeric-ngay"),
    pytest.param("14/9/2021", D(2021, 9, 14), False, 2021, "14/9/2021", id="slash"),
    pytest.param("14-9-2021", D(2021, 9, 14), False, 2021, "14-9-2021", id="hyphen"),
    pytest.param("14.9.2021", D(2021, 9, 14), False, 2021, "14.9.2021", id="dot"),
    pytest.param("Cập nhật lúc: 20:33 14/09/2021", D(2021, 9, 14), False, 2021, "14/09/2021", id="seed000-portal"),
    pytest.param("Hà Nội, ngày   tháng 3 năm 2025", None, True, 2025, "ngày   tháng 3 năm 2025", id="draft-blank-day"),
    pytest.param("ngày … tháng … năm 2026", None, True, 2026, "ngày … tháng … năm 2026", id="draft-ellipsis"),
    pytest.param("ngày ... tháng ... năm 2026", None, True, 2026, "ngày ... tháng ... năm 2026", id="draft-dots"),
    pytest.param("Hà Nội, ngày tháng năm 2026", None, True, 2026, "ngày tháng năm 2026", id="draft-e-signed"),
    pytest.param("ngày 15 tháng … năm 2026", None, True, 2026, "ngày 15 tháng … năm 2026", id="draft-blank-month"),
    pytest.param("31/02/2025", None, False, 2025, "31/02/2025", id="impossible-numeric"),
    pytest.param("ngày 31 tháng 02 năm 2025", None, False, 2025, "ngày 31 tháng 02 năm 2025", id="impossible-long"),
    pytest.param("ngày 29 tháng 02 năm 2024", D(2024, 2, 29), False, 2024, "ngày 29 tháng 02 năm 2024", id="leap-day"),
    pytest.param("ngày 18 tháng 02 năm 2025;", D(2025, 2, 18), False, 2025, "ngày 18 tháng 02 năm 2025", id="luat-tcchp"),
    # A long day with a numeric month and year ("ngày 12 tháng 5/2021") is not read yet.
    pytest.param("ngày 12 tháng 5/2021", D(2021, 5, 12), False, 2021, "ngày 12 tháng 5/2021", id="mixed-long-numeric", marks=pytest.mark.xfail(strict=True)),
]  # fmt: skip


@pytest.mark.parametrize(("text", "date", "blank", "year", "matched"), ROWS)
def test_find_date(text: str, date: dt.date | None, blank: bool, year: int, matched: str) -> None:
    m = find_date(text)
    assert m is not None
    assert (m.date, m.blank_day, m.year, text[m.start : m.end]) == (date, blank, year, matched)


@pytest.mark.parametrize(
    "text",
    ["tháng 3 năm 2025", "09/2017/NĐ-CP", "1.14.9.2021", "số 12/5", "năm 2021", "2021-2025", ""],
)
def test_no_date(text: str) -> None:
    assert find_date(text) is None


def test_find_date_from_position() -> None:
    text = "ngày 01/02/2020 và ngày 03/04/2021"
    first = find_date(text)
    assert first is not None
    second = find_date(text, first.end)
    assert second is not None and second.date == D(2021, 4, 3)


def test_find_dates_and_parse_date() -> None:
    text = "Công văn số 8792/UBND-KGVX ngày 14/9/2021; Luật ngày 18 tháng 02 năm 2025"
    assert [d.date for d in find_dates(text)] == [D(2021, 9, 14), D(2025, 2, 18)]
    assert parse_date(text) == D(2021, 9, 14)
    assert parse_date("không có ngày") is None


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789/-. ngàytháng năm…", max_size=40))
def test_find_dates_never_raises(text: str) -> None:
    for d in find_dates(text):
        assert 0 <= d.start < d.end <= len(text)
        assert d.date is None or d.date.year == d.year
