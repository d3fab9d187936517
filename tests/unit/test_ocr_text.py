"""OCR-damaged text given to parse_text: the header anchors, the date line and the type
heading are found through OCR's confusions, and clean text is read as before (issue #9,
item 3)."""

from __future__ import annotations

import datetime as dt

import pytest

import vanban
from vanban.extract.doctypes import doc_type_by_name, type_name_words
from vanban.text.anchors import anchored, fix_ocr_lookalikes
from vanban.text.normalize import normalize

# A công văn as Tesseract may print it: marks lost or swapped, "1"/"l" for "I", "O"
# for "0", a space lost in the Quốc hiệu and one put inside "nhận".
DAMAGED = """UBND TỈNH LÂM ĐỒNG
SỞ NỘI VỤ
CỘNG HÒA XÃ HỘ1 CHỦ NGHĨA VIỆTNAM
Độc lập - Tự do - Hạnh phuc
Só: l2/SNV-TCBC
V/v báo cáo số lượng biên chế
Lâm Đồng, ngay l6 thang 3 nam 2O25
Kính gưi: Ủy ban nhân dân tỉnh
Sở Nội vụ báo cáo số lượng biên chế năm 2025 như sau.
Noi nhậ n:
- Như trên;
- Lưu: VT, TCBC.
GIÁM ĐỐC
Nguyễn Văn An
"""


def test_damaged_header_is_read() -> None:
    doc = vanban.parse_text(DAMAGED)
    assert doc.number is not None and doc.number.raw == "12/SNV-TCBC"
    assert doc.issued_date == dt.date(2025, 3, 16)
    assert doc.place == "Lâm Đồng"
    assert doc.issuer is not None and doc.issuer.name == "Sở Nội vụ tỉnh Lâm Đồng"
    assert [r.name for r in doc.recipients] == ["Ủy ban nhân dân tỉnh Lâm Đồng"]
    assert [r.raw for r in doc.distribution] == ["Như trên"]
    assert doc.archive == "VT, TCBC"
    assert doc.signer is not None and doc.signer.name == "Nguyễn Văn An"


def test_damaged_law_heading_gives_type_and_subject() -> None:
    text = (
        "QUỐC HỘI\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "Luật số: 11/2025/QH15\nHà Nội, ngày 25 tháng 6 năm 2025\nLUAT\nTHANH TRA\n"
        "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;\n"
    )
    doc = vanban.parse_text(text)
    assert doc.doc_type is not None and doc.doc_type.name == "Luật"
    assert doc.subject == "THANH TRA"


@pytest.mark.parametrize(
    ("words", "n"),
    [(["LUAT", "THANH", "TRA"], 1), (["THONG", "TU", "SỬA"], 2), (["Luat", "Thanh"], 0)],
)
def test_type_heading_without_marks_only_in_capitals(words: list[str], n: int) -> None:
    assert type_name_words(words) == n


def test_type_name_without_marks_needs_capitals() -> None:
    assert doc_type_by_name("QUYET DINH") is not None
    assert doc_type_by_name("quyet dinh") is None


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("năm 2O26, Điều |9", "năm 2026, Điều |9"),  # "|" stays: a Markdown cell
        ("HỘ1 ĐỒNG, ĐlỀU 5", "HỘI ĐỒNG, ĐIỀU 5"),
        (
            "Nghị quyết số 12/2025/QH15; NĐ-CP; QH1; HCl; lO",
            "Nghị quyết số 12/2025/QH15; NĐ-CP; QH1; HCl; lO",
        ),
    ],
)
def test_lookalikes(text: str, read: str) -> None:
    assert fix_ocr_lookalikes(text) == read


@pytest.mark.parametrize(
    "line",
    ["Giám đốc các Sở: Nội vụ, Tài chính", "hồ sơ: bản sao", "Số lượng: 12", "sơ kết: 5"],
)
def test_tolerant_number_label_keeps_other_words(line: str) -> None:
    words = line.split()
    assert all(
        anchored("number_label").match(" ".join(words[k:])) is None for k in range(len(words))
    )


def test_clean_reduplication_is_kept() -> None:
    # "vi vi phạm" is Vietnamese; only a name the registry knows is read without a repeat.
    text = "QUY ĐỊNH XỬ PHẠT HÀNH VI VI PHẠM HÀNH CHÍNH; BỘ TÊ TÊ"
    assert normalize(text) == text
    header = "BỘ BỘ Y TẾ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 12/BYT-KCB\n"
    doc = vanban.parse_text(header + "Hà Nội, ngày 5 tháng 3 năm 2025\nV/v khám bệnh\n")
    assert doc.issuer is not None and doc.issuer.name == "Bộ Y tế"
    assert doc.issuer.raw == "BỘ BỘ Y TẾ"


@pytest.mark.parametrize(
    ("line", "code"),
    [
        ("Hà Nội, ngày |] tháng 3 năm 2025", "date.unreadable"),
        ("Hà Nội, ngày    tháng    năm 2025", "date.blank_draft"),
    ],
)
def test_unreadable_day_is_null_with_an_issue(line: str, code: str) -> None:
    header = "BỘ Y TẾ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 12/BYT-KCB\n"
    doc = vanban.parse_text(header + line + "\nV/v khám bệnh\nNội dung.\n")
    assert doc.issued_date is None
    assert [i.code for i in doc.issues if i.field == "issued_date"] == [code]
