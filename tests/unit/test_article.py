"""Portal articles: dateline, author, captions."""

from __future__ import annotations

import datetime as dt

import pytest

from vanban.extract.article import split_article
from vanban.text.layout import Line, lines_of


def _lines(*texts: str) -> list[Line]:
    return list(lines_of("\n".join(texts)))


@pytest.mark.parametrize(
    ("dateline", "expected"),
    [
        ("Cập nhật lúc: 20:33 14/09/2021", dt.datetime(2021, 9, 14, 20, 33)),
        ("Chủ nhật, 03/12/2023 10:32", dt.datetime(2023, 12, 3, 10, 32)),
        ("Thứ hai, 05/02/2024 - 08:15", dt.datetime(2024, 2, 5, 8, 15)),
        ("Ngày đăng: 15/06/2021", dt.datetime(2021, 6, 15)),
        ("08:30 | 12/01/2026", dt.datetime(2026, 1, 12, 8, 30)),
    ],
)
def test_dateline(dateline: str, expected: dt.datetime) -> None:
    parts = split_article(_lines("Tiêu đề bài viết", dateline, "Nội dung bài viết."))
    assert parts.published_at == expected
    assert [ln.text for ln in parts.prose] == ["Nội dung bài viết."]


def test_author_line_and_closing_byline() -> None:
    parts = split_article(_lines("Tiêu đề", "Nội dung.", "Tác giả: Lan Anh"))
    assert parts.author == "Lan Anh"
    parts = split_article(_lines("Tiêu đề", "Nội dung./.", "Hà Chi - Sở TT&TT Điện Biên"))
    assert parts.author == "Hà Chi"
    assert [ln.text for ln in parts.prose] == ["Nội dung./."]


def test_captions_are_not_prose() -> None:
    parts = split_article(
        _lines("Tiêu đề", "Đoạn một.", "Ngã sáu Buôn Ma Thuột", "Đoạn hai.", "Buôn làng vào hội")
    )
    assert [ln.text for ln in parts.prose] == ["Đoạn một.", "Đoạn hai."]
    assert parts.title == "Tiêu đề"


def test_empty() -> None:
    parts = split_article([])
    assert parts.title is None and parts.prose == []
