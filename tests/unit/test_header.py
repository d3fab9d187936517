"""Header: issuer and parent, place, stamps."""

from __future__ import annotations

import pytest

from vanban.extract.header import split_issuer_lines, stamps
from vanban.text.layout import Line, Region, lines_of
from vanban.text.segment import read_date_line


def _split(lines: list[str]) -> tuple[str | None, str | None]:
    full = "\n".join(lines)
    parent, issuer = split_issuer_lines(lines_of(full))
    for got in (parent, issuer):  # each group's span covers its lines
        assert got is None or " ".join(full[got.start : got.end].split()) == got.text
    return (parent.text if parent else None, issuer.text if issuer else None)


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["ỦY BAN NHÂN DÂN", "TỈNH ĐẮK NÔNG"], (None, "ỦY BAN NHÂN DÂN TỈNH ĐẮK NÔNG")),
        (["UBND TỈNH LÂM ĐỒNG", "SỞ NỘI VỤ"], ("UBND TỈNH LÂM ĐỒNG", "SỞ NỘI VỤ")),
        (
            ["BỘ NỘI VỤ", "CỤC VĂN THƯ VÀ LƯU TRỮ NHÀ NƯỚC"],
            ("BỘ NỘI VỤ", "CỤC VĂN THƯ VÀ LƯU TRỮ NHÀ NƯỚC"),
        ),
        (["CHÍNH PHỦ"], (None, "CHÍNH PHỦ")),
        (["BỘ KHOA HỌC VÀ", "CÔNG NGHỆ"], (None, "BỘ KHOA HỌC VÀ CÔNG NGHỆ")),
        (
            ["ỦY BAN NHÂN DÂN", "TỈNH LÂM ĐỒNG", "SỞ NỘI VỤ"],
            ("ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG", "SỞ NỘI VỤ"),
        ),
        (
            ["DỰ THẢO", "ỦY BAN NHÂN DÂN", "TỈNH BÌNH THUẬN"],
            (None, "ỦY BAN NHÂN DÂN TỈNH BÌNH THUẬN"),
        ),
        ([], (None, None)),
    ],
)
def test_split_issuer_lines(lines: list[str], expected: tuple[str | None, str | None]) -> None:
    assert _split(lines) == expected


@pytest.mark.parametrize(
    ("line", "place"),
    [
        ("Đắk Nông, ngày 31 tháng 5 năm 2021", "Đắk Nông"),
        ("Hà Nội, ngày 05 tháng 01 năm 2020", "Hà Nội"),
        ("Thành phố Hồ Chí Minh, ngày 29 tháng 6 năm 2019", "Thành phố Hồ Chí Minh"),
        ("299/TTg Hà Nội, ngày 10 tháng 11 năm 1980", "Hà Nội"),
        ("Lâm Đồng, ngày tháng 12 năm 2025", "Lâm Đồng"),
        ("Bình Thuận, ngày   tháng 3 năm 2025", "Bình Thuận"),
    ],
)
def test_place(line: str, place: str) -> None:
    found = read_date_line(Line(line, 7, 7 + len(line)))
    assert found is not None and found.place is not None
    assert found.place.text == place
    start, end = found.place.span
    assert line[start - 7 : end - 7] == place


def test_no_date_line() -> None:
    assert read_date_line(Line("Không có ngày", 0, 13)) is None


def _stamps(*marks: str) -> tuple[str | None, str | None]:
    urgency, secrecy = stamps(Region(lines_of("\n".join(marks))))
    return (urgency.text if urgency else None, secrecy.text if secrecy else None)


def test_stamps() -> None:
    assert _stamps("HỎA TỐC", "MẬT") == ("Hỏa tốc", "Mật")
    assert _stamps("HOẢ TỐC") == ("Hỏa tốc", None)
    assert _stamps() == (None, None)


def test_wrapped_name_without_a_head_word_continues_the_line_above() -> None:
    assert _split(["VĂN PHÒNG UBND TỈNH", "TRUNG TÂM PHỤC VỤ", "HÀNH CHÍNH CÔNG"]) == (
        "VĂN PHÒNG UBND TỈNH",
        "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG",
    )


def test_unit_printed_on_its_parents_line_is_split_where_the_parent_is_known() -> None:
    known = {"BỘ TÀI CHÍNH", "BỘ NỘI VỤ", "UBND TỈNH LÂM ĐỒNG"}.__contains__
    cases = {
        "BỘ TÀI CHÍNH TỔNG CỤC HẢI QUAN": ("BỘ TÀI CHÍNH", "TỔNG CỤC HẢI QUAN"),
        # "VỤ" ends the ministry's name before it heads the unit
        "BỘ NỘI VỤ VỤ TỔ CHỨC CÁN BỘ": ("BỘ NỘI VỤ", "VỤ TỔ CHỨC CÁN BỘ"),
        "UBND TỈNH LÂM ĐỒNG SỞ NỘI VỤ": ("UBND TỈNH LÂM ĐỒNG", "SỞ NỘI VỤ"),
        # no known parent before a unit head: one body
        "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG": (None, "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG"),
        "BỘ TÀI NGUYÊN VÀ MÔI TRƯỜNG": (None, "BỘ TÀI NGUYÊN VÀ MÔI TRƯỜNG"),
    }
    for line, expected in cases.items():
        parent, issuer = split_issuer_lines(lines_of(line), known)
        assert (parent.text if parent else None, issuer.text if issuer else None) == expected


def test_a_name_cut_after_thuong_vu_goes_on_on_the_next_line() -> None:
    assert _split(["ỦY BAN THƯỜNG VỤ", "QUỐC HỘI"]) == (None, "ỦY BAN THƯỜNG VỤ QUỐC HỘI")
