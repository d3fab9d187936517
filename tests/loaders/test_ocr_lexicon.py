"""Marks given back to known phrases on OCR'd lines (loaders/ocr_lexicon.py)."""

from __future__ import annotations

import tomllib
from importlib import resources

import pytest

from vanban.loaders.ocr_lexicon import fix_line, fix_lines, fold


def _phrases() -> list[str]:
    raw = resources.files("vanban").joinpath("data", "ocr_phrases.toml").read_text("utf-8")
    phrases: list[str] = tomllib.loads(raw)["phrases"]
    return phrases


def test_generated_phrases_are_two_marked_syllables_with_distinct_folds() -> None:
    phrases = _phrases()
    assert len(phrases) > 1000
    assert all(len(p.split()) == 2 and p == p.lower() for p in phrases)
    assert all(fold(p) != p for p in phrases)  # something to restore
    assert len({fold(p) for p in phrases}) == len(phrases)


@pytest.mark.parametrize(
    ("seen", "fixed"),
    [
        ("tô chức Đại hội", "tổ chức Đại hội"),
        ("Báo cáo Tống kết công tác", "Báo cáo Tổng kết công tác"),
        ("về việc đôi tên Quỹ", "về việc đổi tên Quỹ"),
        ("(sửa đổi, bồ sung)", "(sửa đổi, bổ sung)"),
        ("các tỉnh, thành phô", "các tỉnh, thành phố"),
        ("TÔ CHỨC", "TỔ CHỨC"),
    ],
)
def test_stacked_marks_swapped_by_ocr_are_restored(seen: str, fixed: str) -> None:
    assert " ".join(fix_line(seen.split())) == fixed


@pytest.mark.parametrize(
    "text",
    ["tính toán", "bán hàng", "tổ chức", "Ông Tô Lâm"],
)
def test_words_already_right_or_not_a_known_pair_are_kept(text: str) -> None:
    assert " ".join(fix_line(text.split())) == text


@pytest.mark.parametrize(
    ("lines", "second"),
    [
        (["NGHỊ QUYẾT", "và việc sáp nhập Liên đoàn Karate"], "Về việc sáp nhập Liên đoàn Karate"),
        (["TỜ TRÌNH", "và việc"], "Về việc"),
        # under a sentence, "và việc" is the phrase it looks like
        (["Sở Tư pháp đã rà soát hồ sơ", "và việc hợp nhất"], "và việc hợp nhất"),
        # under a heading, a line that only starts with the same letters
        (["QUYẾT NGHỊ:", "và việcx"], "và việcx"),
        # a line of figures is no heading
        (["2025", "và việc hợp nhất"], "và việc hợp nhất"),
    ],
)
def test_a_line_opening_is_read_with_the_line_above(lines: list[str], second: str) -> None:
    assert fix_lines(lines) == [lines[0], second]


@pytest.mark.parametrize(
    ("seen", "fixed"),
    [
        ("PHO GIAM ĐÓỌC", "PHÓ GIÁM ĐỐC"),  # a letter doubled, the marks lost
        ("BỘ TRƯỞN G", "BỘ TRƯỞNG"),  # a space inside a word
        ("CHU TICH", "CHU TICH"),  # the same letters: fix_line gives the marks back
        ("BAN CHẤP HÀNH", "BAN CHẤP HÀNH"),  # not a signing title
        ("Phó giam đốc", "Phó giam đốc"),  # not a capitals line
        ("GIÁM ĐỐC 12", "GIÁM ĐỐC 12"),
    ],
)
def test_a_capitals_line_one_letter_off_a_signing_title_is_that_title(
    seen: str, fixed: str
) -> None:
    assert fix_lines(["UBND TỈNH", seen]) == ["UBND TỈNH", fixed]
