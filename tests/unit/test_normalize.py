"""Normalisation steps: each a pure function with a table of real forms."""

from __future__ import annotations

import unicodedata

import pytest

from vanban.text.normalize import (
    collapse_whitespace,
    drop_page_numbers,
    join_date_breaks,
    join_orphan_bullets,
    normalize,
    strip_chrome,
    strip_markdown,
    to_nfc,
)
from vanban.text.rejoin import rejoin_split_words


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("**ỦY BAN NHÂN DÂN  \nTỈNH ĐẮK NÔNG**", "ỦY BAN NHÂN DÂN\nTỈNH ĐẮK NÔNG"),
        ("Số: **2680** /UBND-KGVX", "Số: 2680 /UBND-KGVX"),
        ("Đắk Nông, ngày **31** tháng 5 năm 2021", "Đắk Nông, ngày 31 tháng 5 năm 2021"),
        ("## 2. Sở Thông tin và Truyền thông", "2. Sở Thông tin và Truyền thông"),
        ("#### Nơi nhận:", "Nơi nhận:"),
        ("triển khai thực hiện *nb*", "triển khai thực hiện nb"),
        ("dòng một\\\ndòng hai", "dòng một\ndòng hai"),
        ("Điều 1\\. Phạm vi", "Điều 1. Phạm vi"),
    ],
)
def test_strip_markdown(raw: str, expected: str) -> None:
    assert strip_markdown(raw) == expected


def test_nfc_and_invisible_characters() -> None:
    nfd = unicodedata.normalize("NFD", "Nghị định")
    assert to_nfc(nfd + "\u200b\u00a0x") == "Nghị định x"
    assert to_nfc("\u00d0ắk Nông") == "Đắk Nông"  # eth for Đ


def test_control_characters_dropped_and_layout_ones_kept() -> None:
    """Every control character but tab, line and page breaks goes; the substring test that
    spares most texts the scan knows the same characters as the pattern."""
    from vanban.text.normalize import _CONTROL_RE, _CONTROLS

    dropped = [chr(c) for c in range(0x200) if _CONTROL_RE.fullmatch(chr(c))]
    assert "".join(dropped) == _CONTROLS
    assert to_nfc("a\x00b\x1bc\x7fd\te\nf") == "abcd\te\nf"


def test_whitespace_keeps_one_blank_line() -> None:
    assert collapse_whitespace("  a   b  \n\n\n\n c ") == "a b\n\nc"


@pytest.mark.parametrize("page", ["17", "- 2 -", "Trang 3", "3/12"])
def test_page_numbers_dropped(page: str) -> None:
    assert drop_page_numbers(f"Lưu: VT.\n{page}\nKT. CHỦ TỊCH") == "Lưu: VT.\nKT. CHỦ TỊCH"


def test_numbers_inside_lines_kept() -> None:
    text = "1. Sở Nội vụ\n2026"
    assert drop_page_numbers(text) == text


def test_date_broken_by_pdf_extraction_is_joined() -> None:
    assert join_date_breaks("Hà Nội, ngày 24\ntháng\n02\nnăm 2024") == (
        "Hà Nội, ngày 24 tháng 02 năm 2024"
    )
    # and survives page-number removal in the full pipeline
    assert "tháng 02 năm 2024" in normalize("Hà Nội, ngày 24\ntháng\n02\nnăm 2024")


@pytest.mark.parametrize(
    "chrome",
    [
        "A- A A+ | Chia sẻ bài viết lên facebook Chia sẻ bài viết lên twitter Tăng tương phản",
        "Hôm nay : 1.668",
        "Năm 2024 : 87.106",
        "banner",
        "Xem chi tiết icon",
        "Điện Biên tăng cường công tác truyền thông chính sách- Ảnh 1.",
        "Hội nghị tại điểm cầu tỉnh Điện Biên (Ảnh: Trang Lê)",
    ],
)
def test_chrome_lines_dropped(chrome: str) -> None:
    assert strip_chrome(f"Nội dung.\n{chrome}\nNội dung tiếp.") == "Nội dung.\nNội dung tiếp."


@pytest.mark.parametrize(
    "marker", ["Tin liên quan", "Thống kê truy cập", "Từ khoá:", "Tổng số điểm của bài viết là: 0"]
)
def test_footer_cut(marker: str) -> None:
    assert strip_chrome(f"Nội dung./.\n{marker}\nTin khác một\nTin khác hai") == "Nội dung./."


def test_normalize_is_idempotent_on_seed_like_text() -> None:
    raw = "**ỦY BAN NHÂN DÂN  \nTỈNH X**\n\n17\n\nSố: **12** /UBND\n\n\nA- A A+\n"
    once = normalize(raw, markdown=True)
    assert normalize(once, markdown=True) == once
    assert once == "ỦY BAN NHÂN DÂN\nTỈNH X\n\nSố: 12 /UBND"


def test_fragments_of_a_header_broken_by_html_spans() -> None:
    # vbpl pages put each inline span on its own line.
    assert join_date_breaks("Hà Nội\n,\nngày\n10\ntháng\n12\nnăm 202\n5\nTHÔNG TƯ") == (
        "Hà Nội, ngày 10 tháng 12 năm 2025\nTHÔNG TƯ"
    )
    assert drop_page_numbers("Nghị quyết\nsố:\n253\n/\n2025\n/QH15") == (
        "Nghị quyết\nsố:\n253\n/\n2025\n/QH15"
    )


@pytest.mark.parametrize(
    ("broken", "joined"),
    [
        # syllables cut by HTML spans or a PDF text layer (vbpl copies, signed PDFs)
        ("TH\nỦ TƯỚNG", "THỦ TƯỚNG"),
        ("Độc lập - Tự do - Hạnh ph\núc", "Độc lập - Tự do - Hạnh phúc"),
        ("S\nố: 70/2025/TT-BNNMT", "Số: 70/2025/TT-BNNMT"),
        # not a cut: a whole word ends the line, or a new word starts the next one
        (
            "Thành phố Hồ Chí Minh, TP\nỦy ban nhân dân",
            "Thành phố Hồ Chí Minh, TP\nỦy ban nhân dân",
        ),
        ("- Như trên;\n- Lưu: VT, KGVX", "- Như trên;\n- Lưu: VT, KGVX"),
        ("Điều 3. Sở X\nỦy ban nhân dân", "Điều 3. Sở X\nỦy ban nhân dân"),
        ("số lượng 12\n3 đơn vị", "số lượng 12\n3 đơn vị"),
    ],
)
def test_rejoin_split_words(broken: str, joined: str) -> None:
    assert rejoin_split_words(broken) == joined


def test_a_year_cut_twice_is_joined_back() -> None:
    # vbpl copies whose HTML spans cut the year: "năm 20" / "2" / "5"
    assert join_date_breaks("Hà Nội, ngày 28 tháng 11 năm 20\n2\n5") == (
        "Hà Nội, ngày 28 tháng 11 năm 2025"
    )


def test_numbers_of_a_date_split_over_lines_are_not_page_numbers() -> None:
    from vanban.text.normalize import drop_page_numbers

    text = "thông qua ngày\n10\ntháng\n12\nnăm 2025./."
    assert drop_page_numbers(text) == text
    assert drop_page_numbers("Lưu: VT.\n17\nKT. CHỦ TỊCH") == "Lưu: VT.\nKT. CHỦ TỊCH"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("SỞ NÔNG NGHIỆP VÀ MÔITRƯỜNG", "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG"),
        # one syllable each, acronyms, foreign words, mixed case: left alone
        ("NGUYỄN KHUYẾN NGHIỆP HOÀNG NGƯỜI", "NGUYỄN KHUYẾN NGHIỆP HOÀNG NGƯỜI"),
        ("UBND BNNMT NCKSTTHC INTERNET", "UBND BNNMT NCKSTTHC INTERNET"),
        ("LIệUT môitrường", "LIệUT môitrường"),
    ],
)
def test_glued_upper_case_syllables_are_split(text: str, expected: str) -> None:
    from vanban.text.rejoin import split_glued_syllables

    assert split_glued_syllables(text) == expected


def test_toned_vowels_cut_into_lines_of_their_own_are_joined_back() -> None:
    broken = (
        "V\nề\ncác cơ ch\nế\n, chính sách phát tri\nể\nn năng lư\nợ\nng\nqu\nố\n"
        "c gia giai đo\nạ\nn 2026 - 2030"
    )
    assert rejoin_split_words(broken) == (
        "Về\ncác cơ chế, chính sách phát triển năng lượng\nquốc gia giai đoạn 2026 - 2030"
    )
    # a vowel pair that no syllable has ("iở"): two words, left alone
    assert rejoin_split_words("đi\nở\nnhà") == "đi\nở\nnhà"


def test_chrome_matched_over_a_line_break_is_no_chrome_line() -> None:
    # "Hôm nay :" / "1.668": the counter's pattern spans the break; each line alone is
    # no chrome, and "Trang chủ" still is.
    text = "Tin tức\nHôm nay :\n1.668\nTrang chủ\nNội dung"
    assert strip_chrome(text) == "Tin tức\nHôm nay :\n1.668\nNội dung"


def test_chrome_tail_cuts_and_long_lines_are_kept() -> None:
    long_line = "Trang chủ " + "x" * 300 + " - Ảnh 1."
    assert strip_chrome(f"Nội dung\n{long_line}\nTừ khoá: a\nbanner") == f"Nội dung\n{long_line}"


def test_breaks_on_the_first_line_are_repaired() -> None:
    assert join_orphan_bullets("-\nThủ tướng Chính phủ;") == "- Thủ tướng Chính phủ;"
    assert drop_page_numbers("17\nKT. CHỦ TỊCH") == "KT. CHỦ TỊCH"
    assert rejoin_split_words("\nế") == "\nế"  # a lone vowel with nothing to join


def test_a_date_broken_after_the_header_window_is_left_alone() -> None:
    body = "a\n" * 3000
    text = "ngày 24\ntháng 02\n" + body + "ngày 5\ntháng 3"
    assert join_date_breaks(text) == "ngày 24 tháng 02\n" + body + "ngày 5\ntháng 3"
