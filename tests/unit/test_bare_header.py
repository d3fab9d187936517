"""A text that is only a header line still gives what it states, with Issues for the rest."""

from __future__ import annotations

import vanban


def test_a_number_line_alone() -> None:
    doc = vanban.parse_text("Số: 12/UBND-VP")
    assert doc.genre == "document"
    assert doc.number is not None and doc.number.raw == "12/UBND-VP"
    codes = {i.code for i in doc.issues}
    assert {"date.missing", "signer.missing", "subject.missing"} <= codes


def test_a_short_text_without_a_number_stays_an_article() -> None:
    doc = vanban.parse_text("Một bài báo ngắn.\nSố liệu: 12 người")
    assert doc.genre == "article"
