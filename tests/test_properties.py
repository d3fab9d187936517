"""Invariants checked with hypothesis on arbitrary and document-like text."""

from __future__ import annotations

import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import vanban
from vanban.text.normalize import collapse_whitespace, normalize

# Fragments of real layouts, so that generated texts reach the deep code paths.
FRAGMENTS = [
    "ỦY BAN NHÂN DÂN\n",
    "TỈNH ĐẮK NÔNG\n",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n",
    "Độc lập - Tự do - Hạnh phúc\n",
    "Số: 2680 /UBND-KGVX\n",
    "Số: /QĐ-UBND\n",
    "Đắk Nông, ngày 31 tháng 5 năm 2021\n",
    "Hà Nội, ngày   tháng 3 năm 2025\n",
    "V/v triển khai thực hiện Chỉ thị số 12/CT-TTg ngày 12/5/2021\n",
    "QUYẾT ĐỊNH\n",
    "Kính gửi:\n",
    "- Các Sở, Ban, ngành;\n",
    "1. Sở Thông tin và Truyền thông\n",
    "- Chủ trì, phối hợp với Công an tỉnh, Bộ CHQS tỉnh\n",
    "Nơi nhận:\n",
    "- Lưu: VT, KGVX.\n",
    "KT. CHỦ TỊCH\n",
    "PHÓ CHỦ TỊCH\n",
    "Tôn Thị Ngọc Hạnh\n",
    "**",
    "## ",
    "  \n",
    "\t",
    "[1]",
    "(b/c)",
    "Cập nhật lúc: 20:33 14/09/2021\n",
]

doc_like = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=40)), max_size=30).map(
    "".join
)
any_text = st.one_of(st.text(max_size=400), doc_like)

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(any_text)
def test_parse_text_never_raises(text: str) -> None:
    doc = vanban.parse_text(text)
    assert isinstance(doc, vanban.Document)
    for citation in doc.citations:
        start, end = citation.span
        assert 0 <= start <= end


@SETTINGS
@given(any_text, st.booleans())
def test_normalisation_is_idempotent(text: str, markdown: bool) -> None:
    once = normalize(text, markdown=markdown)
    assert normalize(once, markdown=markdown) == once


@SETTINGS
@given(st.text(alphabet=" \t\nab\u00a0\u3000", max_size=60) | any_text)
def test_whitespace_collapse_keeps_every_other_character(text: str) -> None:
    """No tab, no run of spaces, no space at a line's edge, at most one blank line, and
    every character that is not a space, tab or line break kept, in order."""
    out = collapse_whitespace(text)
    assert "\t" not in out and "  " not in out and "\n\n\n" not in out
    assert all(line == line.strip(" ") for line in out.split("\n"))
    assert out == out.strip("\n") and collapse_whitespace(out) == out
    assert [c for c in out if c not in " \n"] == [c for c in text if c not in " \t\n"]
    # a run of blanks inside a line became one space, never nothing
    assert len(out.replace("\n", " ").split()) == len(text.replace("\t", " ").split())


@SETTINGS
@given(doc_like)
def test_nfc_and_nfd_give_the_same_document(text: str) -> None:
    nfc = vanban.parse_text(unicodedata.normalize("NFC", text))
    nfd = vanban.parse_text(unicodedata.normalize("NFD", text))
    assert nfc.model_dump(exclude={"source"}) == nfd.model_dump(exclude={"source"})


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.one_of(
        st.binary(max_size=2000),
        st.sampled_from([b"%PDF-1.4\n", b"PK\x03\x04", b"<html>", b"{\\rtf1", b"\xff\xfe"]).flatmap(
            lambda head: st.binary(max_size=1000).map(lambda tail: head + tail)
        ),
    )
)
def test_parse_on_bytes_raises_only_vanban_errors(data: bytes) -> None:
    try:
        doc = vanban.parse(data)
    except vanban.VanbanError:
        return
    assert isinstance(doc, vanban.Document)
