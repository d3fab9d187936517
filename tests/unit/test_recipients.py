"""Kính gửi and Nơi nhận entries, the Lưu line."""

from __future__ import annotations

import pytest

from vanban.extract import recipients
from vanban.extract.recipients import DistributionLine, clean_item
from vanban.text.layout import collapse, lines_of


def kinh_gui_items(lines: list[str]) -> list[str]:
    """The items' texts; each item's span slices its text out of the lines."""
    text = "\n".join(lines)
    items = recipients.kinh_gui_items(lines_of(text))
    assert all(text[i.start : i.end] == i.text for i in items)
    return [i.text for i in items]


def distribution_lines(lines: list[str]) -> tuple[list[DistributionLine], str | None]:
    text = "\n".join(lines)
    read = recipients.distribution_lines(lines_of(text))
    for e in read.entries:
        assert e.span is not None and collapse(text[e.span[0] : e.span[1]]) == e.raw
        if e.agency_text is not None:
            assert e.agency_span is not None
            assert collapse(text[e.agency_span[0] : e.agency_span[1]]) == e.agency_text
    if read.archive is not None:
        start, end = read.archive.span
        assert text[start:end] == read.archive.text
    return read.entries, read.archive.text if read.archive else None


def test_kinh_gui_list_form() -> None:
    lines = ["- Các Sở, Ban, ngành;", "- Báo Đắk Nông;", "- Tạp chí Năm Nung."]
    assert kinh_gui_items(lines) == ["Các Sở, Ban, ngành", "Báo Đắk Nông", "Tạp chí Năm Nung"]


def test_kinh_gui_single_line() -> None:
    assert kinh_gui_items(["Cục Hải quan các tỉnh, thành phố."]) == [
        "Cục Hải quan các tỉnh, thành phố"
    ]


def test_kinh_gui_flattened_bullets() -> None:
    assert kinh_gui_items(["- Sở Nội vụ; - Sở Tài chính."]) == ["Sở Nội vụ", "Sở Tài chính"]


@pytest.mark.parametrize(
    ("line", "raw", "agency", "note"),
    [
        ("- Như trên;", "Như trên", None, None),
        ("- Thường trực Tỉnh ủy (b/c);", "Thường trực Tỉnh ủy (b/c)", "Thường trực Tỉnh ủy", "b/c"),
        ("– Lãnh đạo Bộ (để b/c);", "Lãnh đạo Bộ (để b/c)", "Lãnh đạo Bộ", "để b/c"),
        (
            "- Cục Kiểm tra văn bản (Bộ Tư pháp);",
            "Cục Kiểm tra văn bản (Bộ Tư pháp)",
            "Cục Kiểm tra văn bản (Bộ Tư pháp)",
            None,
        ),
        ("- Như Điều 3;", "Như Điều 3", None, None),
    ],
)
def test_distribution_entry(line: str, raw: str, agency: str | None, note: str | None) -> None:
    entries, _ = distribution_lines([line])
    assert (entries[0].raw, entries[0].agency_text, entries[0].note) == (raw, agency, note)


@pytest.mark.parametrize(
    ("line", "archive"),
    [
        ("- Lưu: VT, TTĐT, NgV, KGVX (Q).", "VT, TTĐT, NgV, KGVX (Q)"),
        ("- Lưu: VT, KGVX", "VT, KGVX"),
        ("– Lưu: VT, KTTH (2b).", "VT, KTTH (2b)"),
        ("- Lưu VT, QHĐP (3) Cương.", "VT, QHĐP (3) Cương"),
    ],
)
def test_archive_line(line: str, archive: str) -> None:
    entries, got = distribution_lines(["- Như trên;", line])
    assert got == archive
    assert len(entries) == 1


def test_clean_item() -> None:
    assert clean_item("- Tạp chí Năm Nung.") == "Tạp chí Năm Nung"


def test_dash_inside_a_name_is_not_a_separator() -> None:
    assert kinh_gui_items(["Hội Truyền thống Trường Sơn - Đường Hồ Chí Minh tỉnh Lâm Đồng"]) == [
        "Hội Truyền thống Trường Sơn - Đường Hồ Chí Minh tỉnh Lâm Đồng"
    ]


def test_a_doubled_bullet_before_lưu_is_still_the_archive_line() -> None:
    """OCR read "- Lưu: …" beside a stray stroke as "- - Lưu: …"."""
    read = recipients.distribution_lines(lines_of("- Như trên;\n- - Lưu: VT, NC."))
    assert [e.raw for e in read.entries] == ["Như trên"]
    assert read.archive is not None and read.archive.text == "VT, NC"
