"""parse / parse_text end to end on documents written for these tests."""

from __future__ import annotations

import datetime as dt
import unicodedata
from pathlib import Path

import pytest

import vanban
from vanban.limits import DEFAULT_LIMITS, Limits

DRAFT = """ỦY BAN NHÂN DÂN
TỈNH BÌNH THUẬN
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
HỎA TỐC
Số: /UBND-NCKSTTHC
V/v có ý kiến tổ chức đại hội Hội Nữ Doanh nhân tỉnh
Bình Thuận, ngày tháng 3 năm 2025
Kính gửi: Hội Nữ Doanh nhân tỉnh Bình Thuận.
Xét đề nghị của Sở Nội vụ, Ủy ban nhân dân tỉnh có ý kiến như sau:
Đồng ý chủ trương tổ chức đại hội nhiệm kỳ.
Nơi nhận:
- Như trên;
- Sở Nội vụ (để ph/h);
- Lưu: VT, NCKSTTHC.Châu
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Nguyễn Hồng Hải
"""


def test_draft_cong_van() -> None:
    doc = vanban.parse_text(DRAFT)
    assert doc.genre == "document"
    assert doc.doc_type is not None and doc.doc_type.name == "Công văn"
    assert doc.number is not None and doc.number.raw == "/UBND-NCKSTTHC"
    assert doc.number.seq is None
    assert doc.issued_date is None
    assert doc.place == "Bình Thuận"
    assert doc.issuer is not None and doc.issuer.raw == "ỦY BAN NHÂN DÂN TỈNH BÌNH THUẬN"
    assert doc.subject == "có ý kiến tổ chức đại hội Hội Nữ Doanh nhân tỉnh"
    assert [a.raw for a in doc.recipients] == ["Hội Nữ Doanh nhân tỉnh Bình Thuận"]
    assert [r.raw for r in doc.distribution] == ["Như trên", "Sở Nội vụ (để ph/h)"]
    assert doc.distribution[1].note == "để ph/h"
    assert doc.archive == "VT, NCKSTTHC.Châu"
    assert doc.signer is not None and doc.signer.name == "Nguyễn Hồng Hải"
    assert doc.urgency == "Hỏa tốc"
    codes = {i.code for i in doc.issues}
    assert {"number.blank_draft", "date.blank_draft"} <= codes


PARTY = """ĐẢNG BỘ TỈNH LÂM ĐỒNG
BAN TUYÊN GIÁO VÀ DÂN VẬN
*
ĐẢNG CỘNG SẢN VIỆT NAM
Số 03-HD/BTGDVTU
Lâm Đồng, ngày 15 tháng 8 năm 2025
HƯỚNG DẪN
Tuyên truyền kỷ niệm các ngày lễ lớn
Căn cứ Quy định số 08-QĐi/TW ngày 25/10/2018 của Ban Chấp hành Trung ương.
T/M BAN THƯỜNG VỤ
PHÓ TRƯỞNG BAN
Trần Văn B
"""


def test_party_document() -> None:
    doc = vanban.parse_text(PARTY)
    assert doc.genre == "document"
    assert doc.number is not None and doc.number.raw == "03-HD/BTGDVTU"
    assert doc.number.party
    assert doc.doc_type is not None and doc.doc_type.name == "Hướng dẫn"
    assert doc.issued_date == dt.date(2025, 8, 15)
    assert doc.issuer_parent is not None and doc.issuer_parent.raw == "ĐẢNG BỘ TỈNH LÂM ĐỒNG"
    assert doc.issuer is not None and doc.issuer.raw == "BAN TUYÊN GIÁO VÀ DÂN VẬN"
    assert doc.subject == "Tuyên truyền kỷ niệm các ngày lễ lớn"
    assert doc.signer is not None and doc.signer.authority == ["TM."]


def test_nfc_and_nfd_give_the_same_document() -> None:
    nfd = unicodedata.normalize("NFD", DRAFT)
    a = vanban.parse_text(DRAFT).model_dump(exclude={"source"})
    b = vanban.parse_text(nfd).model_dump(exclude={"source"})
    assert a == b


def test_empty_and_junk_text_never_raise() -> None:
    for text in ["", " ", "\x00\x01", "Số:", "Kính gửi:", "KT.", "1/" * 5000]:
        doc = vanban.parse_text(text)
        assert isinstance(doc, vanban.Document)


def test_parse_path_and_bytes_agree(tmp_path: Path) -> None:
    path = tmp_path / "cv.txt"
    path.write_text(DRAFT, encoding="utf-8")
    from_path = vanban.parse(path)
    from_bytes = vanban.parse(DRAFT.encode("utf-8"))
    assert from_path.source.path == str(path)
    assert from_path.source.sha256 == from_bytes.source.sha256
    assert from_path.model_dump(exclude={"source"}) == from_bytes.model_dump(exclude={"source"})


def test_size_limit(tmp_path: Path) -> None:
    small = Limits(max_input_bytes=10)
    with pytest.raises(vanban.FileTooLarge, match="over the limit"):
        vanban.parse(b"x" * 11, limits=small)
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 11)
    with pytest.raises(vanban.FileTooLarge):
        vanban.parse(path, limits=small)
    assert vanban.parse(b"x" * 10, limits=small).genre == "article"


def test_long_lines_are_cut_with_an_issue() -> None:
    limits = Limits(max_line_chars=1000)
    doc = vanban.parse_text("a" * 5000, limits=limits)
    assert "text.long_line" in {i.code for i in doc.issues}
    assert DEFAULT_LIMITS.max_line_chars > 1000


def test_missing_file_is_a_load_error(tmp_path: Path) -> None:
    with pytest.raises(vanban.LoadError, match="cannot be read"):
        vanban.parse(tmp_path / "nope.txt")
    with pytest.raises(vanban.LoadError, match="directory"):
        vanban.parse(tmp_path)


def test_own_number_is_no_citation() -> None:
    text = (
        "BỘ TÀI CHÍNH\nSố: 12/BTC-PC\nHà Nội, ngày 05 tháng 3 năm 2025\n"
        "V/v hướng dẫn\nKính gửi: Sở Tài chính\n"
        "Thực hiện Nghị định số 09/2017/NĐ-CP ngày 01/01/2017, Bộ Tài chính hướng dẫn "
        "như sau (kèm theo Công văn số 12/BTC-PC).\n"
    )
    doc = vanban.parse_text(text)
    assert doc.number is not None and doc.number.raw == "12/BTC-PC"
    assert [c.number.raw for c in doc.citations if c.number] == ["09/2017/NĐ-CP"]


def test_a_text_with_no_document_in_it_says_so() -> None:
    """A speech or a fragment: read as an article, with an Issue saying nothing was found."""
    doc = vanban.parse_text("THAM LUẬN\nKết quả công tác phòng, chống ma túy của địa phương.\n")
    assert doc.genre == "article"
    assert [i.code for i in doc.issues] == ["text.no_document"]
    article = vanban.parse_text(
        "Ngày 5/3, UBND tỉnh Lâm Đồng ban hành Quyết định số 12/QĐ-UBND về việc thành lập Ban."
    )
    assert "text.no_document" not in [i.code for i in article.issues]
