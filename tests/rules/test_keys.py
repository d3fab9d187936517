"""Match keys: case, tone placement, NFC/NFD, separators, the no-diacritics tier."""

from __future__ import annotations

import unicodedata

import pytest

from vanban.rules import RuleSet
from vanban.rules.keys import bare_key, clean_text, word_key


@pytest.mark.parametrize(
    ("a", "b"),
    [("hoà", "hòa"), ("Uỷ", "Ủy"), ("HOÁ", "hóa"), ("thuỷ", "thủy"), ("khoẻ", "khỏe")],
)
def test_tone_placement_folds(a: str, b: str) -> None:
    assert word_key(a) == word_key(b)


@pytest.mark.parametrize(("a", "b"), [("hoàn", "hoan"), ("hòa", "hoa"), ("HĐ", "HD")])
def test_distinct_words_stay_distinct(a: str, b: str) -> None:
    assert word_key(a) != word_key(b)


def test_nfd_equals_nfc() -> None:
    word = "Nghiệp"
    assert word_key(unicodedata.normalize("NFD", word)) == word_key(word)


def test_bare_tier_drops_every_mark() -> None:
    assert bare_key("Đắk") == bare_key("dak") == "dak"


def test_key_ignores_separators_and_va(rules: RuleSet) -> None:
    index = rules.tiers[0]
    full = index.key("Sở Văn hóa, Thể thao và Du lịch")
    for variant in ("Sở VH,TT&DL", "Sở VH-TT&DL", "Sở VHTTDL", "SỞ VĂN HOÁ  THỂ THAO & DU LỊCH"):
        assert index.key(variant) == full


def test_key_expands_fragments_mixed_with_words(rules: RuleSet) -> None:
    index = rules.tiers[0]
    assert index.key("Nông nghiệp và PTNT") == index.key("Nông nghiệp và Phát triển nông thôn")


def test_tu_phap_is_not_trung_uong(rules: RuleSet) -> None:
    assert rules.tiers[0].key("Bộ Tư pháp") != rules.tiers[0].key("Bộ Trung ương pháp")


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("- Tạp chí Năm Nung.", "Tạp chí Năm Nung"),
        ("Thường trực Tỉnh ủy (b/c);", "Thường trực Tỉnh ủy"),
        ("  Sở   Nội vụ ,", "Sở Nội vụ"),
        ("Sở Tài chính", "Sở Tài chính"),
    ],
)
def test_clean_text(raw: str, clean: str) -> None:
    assert clean_text(raw) == clean
