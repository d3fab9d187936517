"""Splitting written lists of agencies."""

from __future__ import annotations

import pytest

from vanban.extract.agency_list import split_agency_list, starts_with_agency


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Các Sở, Ban, ngành; các cơ quan Trung ương trên địa bàn tỉnh, UBND các huyện, "
            "thành phố và các cơ quan báo chí của tỉnh (Báo Đắk Nông, Đài Phát thanh và Truyền "
            "hình Đắk Nông, Tạp chí Năm Nung):",
            [
                "Các Sở, Ban, ngành",
                "các cơ quan Trung ương trên địa bàn tỉnh",
                "UBND các huyện, thành phố",
                "các cơ quan báo chí của tỉnh",
            ],
        ),
        (
            "Ban Tuyên giáo Tỉnh ủy, Hội Nhà báo tỉnh cùng các Sở, Ban, ngành, địa phương",
            ["Ban Tuyên giáo Tỉnh ủy", "Hội Nhà báo tỉnh", "các Sở, Ban, ngành, địa phương"],
        ),
        ("Sở Văn hóa, Thể thao và Du lịch", ["Sở Văn hóa, Thể thao và Du lịch"]),
        ("Sở Tài nguyên và Môi trường", ["Sở Tài nguyên và Môi trường"]),
        (
            "Ban Tuyên giáo Tỉnh ủy, Sở Thông tin và Truyền thông, cơ quan, đơn vị liên quan",
            ["Ban Tuyên giáo Tỉnh ủy", "Sở Thông tin và Truyền thông", "cơ quan, đơn vị liên quan"],
        ),
        (
            "các sở, ban, ngành; các cơ quan báo chí tỉnh; UBND các huyện, thị xã, thành phố",
            ["các sở, ban, ngành", "các cơ quan báo chí tỉnh", "UBND các huyện, thị xã, thành phố"],
        ),
        ("Bộ Chỉ huy Quân sự tỉnh, Công an tỉnh", ["Bộ Chỉ huy Quân sự tỉnh", "Công an tỉnh"]),
    ],
)
def test_split(text: str, expected: list[str]) -> None:
    assert [i.text for i in split_agency_list(text)] == expected


def test_bracketed_members() -> None:
    items = split_agency_list("các cơ quan báo chí của tỉnh (Báo Đắk Nông, Tạp chí Năm Nung)")
    assert items[0].members == ["Báo Đắk Nông", "Tạp chí Năm Nung"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sở Thông tin và Truyền thông", True),
        ("UBND các huyện", True),
        ("Công an tỉnh Chủ trì", True),
        ("Phối hợp với", False),
        ("Sởi", False),
    ],
)
def test_starts_with_agency(text: str, expected: bool) -> None:
    assert starts_with_agency(text) is expected


def test_a_bracketed_note_is_no_member() -> None:
    items = split_agency_list(
        "Hội Điều dưỡng tỉnh Lâm Đồng (mới); các cơ quan báo chí (Báo A, Đài B)"
    )
    assert [(i.text, i.members) for i in items] == [
        ("Hội Điều dưỡng tỉnh Lâm Đồng", []),
        ("các cơ quan báo chí", ["Báo A", "Đài B"]),
    ]
