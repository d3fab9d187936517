"""Where the signature block is: line shapes typed from tvpl / vbpl / lamdong copies.

Read through ``parse_text`` so the tests hold whatever shape the layout takes.
"""

from __future__ import annotations

import vanban
from vanban.models import Document

LAW_HEADER = (
    "QUỐC HỘI --------\n"
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc ---------------\n"
    "Luật số: 52/2014/QH13\n"
    "Hà Nội, ngày 19 tháng 6 năm 2014\n"
    "LUẬT HÔN NHÂN VÀ GIA ĐÌNH\n"
    "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;\n"
    "Quốc hội ban hành Luật hôn nhân và gia đình.\n"
    "Chương I\nNHỮNG QUY ĐỊNH CHUNG\n"
    "Điều 1. Phạm vi điều chỉnh\n"
    "Luật này quy định chế độ hôn nhân và gia đình.\n"
)
PASSED = (
    "Luật này đã được Quốc hội nước Cộng hòa xã hội chủ nghĩa Việt Nam khóa XIII, kỳ họp thứ 7 "
    "thông qua ngày 19 tháng 6 năm 2014.\n"
)


def _sig(doc: Document) -> tuple[object, ...]:
    s = doc.signer
    assert s is not None, [i.code for i in doc.issues]
    return (s.authority, s.on_behalf_of, s.position, s.name)


def test_law_signed_by_the_chair_on_the_last_line() -> None:
    doc = vanban.parse_text(LAW_HEADER + PASSED + "CHỦ TỊCH QUỐC HỘI Nguyễn Sinh Hùng\n")
    assert _sig(doc) == ([], None, "CHỦ TỊCH QUỐC HỘI", "Nguyễn Sinh Hùng")
    assert not any(i.code.startswith("signer.") for i in doc.issues)


def test_portal_code_before_the_block() -> None:
    doc = vanban.parse_text(LAW_HEADER + PASSED + "Epas: 180408 CHỦ TỊCH QUỐC HỘI Vương Đình Huệ\n")
    assert _sig(doc) == ([], None, "CHỦ TỊCH QUỐC HỘI", "Vương Đình Huệ")


def test_block_followed_by_an_appendix() -> None:
    text = (
        LAW_HEADER
        + PASSED
        + "CHỦ TỊCH QUỐC HỘI\n(Đã ký)\nTrần Thanh Mẫn\n"
        + "PHỤ LỤC SỐ 01\nDANH MỤC HÀNG HÓA\n1. Xăng, dầu thành phẩm.\n"
    )
    assert _sig(vanban.parse_text(text)) == ([], None, "CHỦ TỊCH QUỐC HỘI", "Trần Thanh Mẫn")


def test_name_alone_with_its_mark() -> None:
    doc = vanban.parse_text(LAW_HEADER + PASSED + "Nguyễn Văn An (Đã ký)\n")
    assert _sig(doc) == ([], None, None, "Nguyễn Văn An")
    assert "signer.position_missing" in [i.code for i in doc.issues]


def test_consolidated_text_block_then_footnotes() -> None:
    text = (
        "VĂN PHÒNG QUỐC HỘI --------\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc ---------------\n"
        "Số: 01/VBHN-VPQH\n"
        "Hà Nội, ngày 10 tháng 7 năm 2024\n"
        "LUẬT THỦY SẢN\n"
        "Điều 1. Phạm vi điều chỉnh\nLuật này quy định về hoạt động thủy sản.\n"
        "Nơi nhận:\n- Chủ tịch Quốc hội (để báo cáo);\n- Lưu: HC, TH.\n"
        "XÁC THỰC VĂN BẢN HỢP NHẤT CHỦ NHIỆM Lê Quang Tùng\n"
        "[1] Luật Đất đai số 31/2024/QH15 có hiệu lực kể từ ngày 01 tháng 01 năm 2025.\n"
    )
    assert _sig(vanban.parse_text(text)) == ([], None, "CHỦ NHIỆM", "Lê Quang Tùng")


DECISION_HEADER = (
    "BỘ TÀI CHÍNH TỔNG CỤC HẢI QUAN --------\n"
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc ---------------\n"
    "Số: 2135/QĐ-TCHQ\n"
    "Hà Nội, ngày 31 tháng 7 năm 2015\n"
    "QUYẾT ĐỊNH\nBAN HÀNH QUY TRÌNH XÁC ĐỊNH TRƯỚC MÃ SỐ\n"
    "Căn cứ Luật Hải quan số 54/2014/QH13;\n"
    "QUYẾT ĐỊNH:\n"
    "Điều 1. Ban hành kèm theo Quyết định này Quy trình xác định trước mã số.\n"
)


def test_block_inside_the_last_noi_nhan_line() -> None:
    text = (
        DECISION_HEADER
        + "Nơi nhận:\n- Như Điều 3;\n- Lãnh đạo TCHQ;\n"
        + "- Lưu: VT, TXNK (30b) KT. TỔNG CỤC TRƯỞNG PHÓ TỔNG CỤC TRƯỞNG Nguyễn Dương Thái "
        + "QUY TRÌNH XÁC ĐỊNH TRƯỚC MÃ SỐ (Ban hành kèm theo Quyết định số 2135/QĐ-TCHQ)\n"
        + "Điều 1. Phạm vi điều chỉnh\n"
    )
    doc = vanban.parse_text(text)
    assert _sig(doc) == (["KT."], "TỔNG CỤC TRƯỞNG", "PHÓ TỔNG CỤC TRƯỞNG", "Nguyễn Dương Thái")
    assert doc.archive is not None and "TỔNG CỤC" not in doc.archive


def test_block_after_the_drafters_name_in_the_lưu_line() -> None:
    text = (
        DECISION_HEADER
        + "Nơi nhận:\n- Như trên;\n"
        + "- Lưu: VT, ĐMDN (2b). Trung Anh BỘ TRƯỞNG, CHỦ NHIỆM Mai Tiến Dũng\n"
    )
    assert _sig(vanban.parse_text(text)) == ([], None, "BỘ TRƯỞNG, CHỦ NHIỆM", "Mai Tiến Dũng")


def test_block_printed_before_an_appendix_noi_nhan() -> None:
    # The main text has no Nơi nhận; the one further down belongs to a Phụ lục form.
    text = (
        "NGÂN HÀNG NHÀ NƯỚC VIỆT NAM\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "Số: 66/2025/TT-NHNN\nHà Nội, ngày 31 tháng 12 năm 2025\n"
        "THÔNG TƯ\nSửa đổi, bổ sung một số điều của Thông tư số 34/2024/TT-NHNN\n"
        "Căn cứ Luật Ngân hàng Nhà nước Việt Nam số 46/2010/QH12;\n"
        "Điều 16. Trách nhiệm tổ chức thực hiện\n"
        "Thủ trưởng các đơn vị thuộc Ngân hàng Nhà nước chịu trách nhiệm thi hành./.\n"
        "KT.THỐNG ĐỐC\nPHÓ THỐNG ĐỐC\n(Đã ký)\nPhạm Tiến Dũng\n"
        "PHỤ LỤC\n(Ban hành kèm theo Thông tư số 66/2025/TT-NHNN)\n"
        "Nơi nhận:\n- Như Điều 7;\n- Lưu: VP, QLGS.\nTHỐNG ĐỐC\n"
    )
    assert _sig(vanban.parse_text(text)) == (
        ["KT."],
        "THỐNG ĐỐC",
        "PHÓ THỐNG ĐỐC",
        "Phạm Tiến Dũng",
    )


def test_a_formula_variable_is_no_signature() -> None:
    text = (
        "NGÂN HÀNG NHÀ NƯỚC VIỆT NAM\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "Số: 20/2025/TT-NHNN\nHà Nội, ngày 15 tháng 8 năm 2025\n"
        "THÔNG TƯ\nQuy định về cho vay đặc biệt\n"
        "Căn cứ Luật Các tổ chức tín dụng số 32/2024/QH15;\n"
        "b) Giá trị quy đổi của từng tài sản bảo đảm được xác định theo công thức sau:\n"
        "TS =\nGT\nTL\nTrong đó:\nTS: Giá trị quy đổi của từng tài sản bảo đảm;\n"
        "TL: Tỷ lệ quy đổi tài sản bảo đảm.\n"
        "Điều 38. Hiệu lực thi hành\nThông tư này có hiệu lực thi hành kể từ ngày 15 tháng 10 năm 2025.\n"
        "KT. THỐNG ĐỐC\nPHÓ THỐNG ĐỐC\nPhạm Thanh Hà\n"
    )
    assert _sig(vanban.parse_text(text)) == (["KT."], "THỐNG ĐỐC", "PHÓ THỐNG ĐỐC", "Phạm Thanh Hà")


def test_joint_circular_signers_and_lead() -> None:
    text = (
        "BỘ TÀI CHÍNH - BỘ CÔNG THƯƠNG -------\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc ---------------\n"
        "Số: 89/2016/TTLT-BTC-BCT\n"
        "Hà Nội, ngày 17 tháng 6 năm 2016\n"
        "THÔNG TƯ LIÊN TỊCH\nHƯỚNG DẪN THỰC HIỆN THỦ TỤC HÀNH CHÍNH THEO CƠ CHẾ MỘT CỬA QUỐC GIA\n"
        "Căn cứ Luật Hải quan số 54/2014/QH13;\n"
        "Điều 1. Phạm vi điều chỉnh\nThông tư liên tịch này hướng dẫn thủ tục.\n"
        "KT. BỘ TRƯỞNG BỘ CÔNG THƯƠNG THỨ TRƯỞNG Nguyễn Cẩm Tú "
        "KT. BỘ TRƯỞNG BỘ TÀI CHÍNH THỨ TRƯỞNG Đỗ Hoàng Anh Tuấn\n"
        "Nơi nhận:\n- Thủ tướng, các Phó Thủ tướng Chính phủ;\n- Lưu: VT, TCHQ.\n"
    )
    doc = vanban.parse_text(text)
    assert [s.name for s in doc.signers] == ["Nguyễn Cẩm Tú", "Đỗ Hoàng Anh Tuấn"]
    assert _sig(doc) == (["KT."], "BỘ TRƯỞNG BỘ TÀI CHÍNH", "THỨ TRƯỞNG", "Đỗ Hoàng Anh Tuấn")
    assert len(doc.distribution) + bool(doc.archive) == 2


def test_pdf_name_column_on_the_lưu_line() -> None:
    text = (
        "VĂN PHÒNG CHÍNH PHỦ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "Số: 2003/CĐ-VPCP\nHà Nội, ngày 07 tháng 10 năm 2025\n"
        "CÔNG ĐIỆN\nMời dự Hội nghị triển khai Chương trình mục tiêu quốc gia\n"
        "Văn phòng Chính phủ trân trọng đề nghị các Bộ dự Hội nghị đúng thành phần./.\n"
        "Nơi nhận:\n- Như trên;\n- Bộ Công an (để phối hợp);\n"
        "KT. BỘ TRƯỞNG, CHỦ NHIỆM\nPHÓ CHỦ NHIỆM\n"
        "Trợ lý, Thư ký của: TTg, PTTg Lê Thành Long;\n"
        "- Lưu: VT, TH(2). H Đỗ Ngọc Huỳnh\n"
        "Số điện thoại liên hệ: 0913001110.\n"
    )
    assert _sig(vanban.parse_text(text)) == (
        ["KT."],
        "BỘ TRƯỞNG, CHỦ NHIỆM",
        "PHÓ CHỦ NHIỆM",
        "Đỗ Ngọc Huỳnh",
    )


def test_no_block_gives_an_issue() -> None:
    doc = vanban.parse_text(
        "ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG\nSố: 12/UBND-VP\nLâm Đồng, ngày 5 tháng 3 năm 2025\n"
        "V/v triển khai\nNội dung văn bản.\n"
    )
    assert doc.signer is None and doc.signers == []
    assert "signer.missing" in [i.code for i in doc.issues]


def test_a_nameless_example_in_the_body_is_not_the_signature() -> None:
    # A circular that shows how a certificate is signed, then is signed itself.
    text = (
        "BỘ TÀI NGUYÊN VÀ MÔI TRƯỜNG\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "Số: 10/2024/TT-BTNMT\nHà Nội, ngày 31 tháng 7 năm 2024\n"
        "THÔNG TƯ\nQuy định về hồ sơ địa chính\n"
        "Căn cứ Luật Đất đai số 31/2024/QH15;\n"
        "Điều 38. Phần ký Giấy chứng nhận\n"
        "b) Trường hợp cơ quan cấp Giấy chứng nhận là Ủy ban nhân dân cấp tỉnh thì ghi như sau:\n"
        "TM.\n"
        "ỦY BAN NHÂN DÂN... (ghi tên đơn vị hành chính cấp có thẩm quyền cấp Giấy chứng nhận) "
        "CHỦ TỊCH Chữ ký, đóng dấu của Ủy ban nhân dân và họ tên người ký;\n"
        "Điều 39. Hiệu lực thi hành\nThông tư này có hiệu lực từ ngày 01 tháng 8 năm 2024.\n"
        "Noi nhận:\n- Văn phòng Chính phủ;\n- Lưu: VT, CĐKDLTTĐĐ.\n"
        "KT. BỘ TRƯỞNG THỨ TRƯỞNG Lê Minh Ngân\n"
    )
    assert _sig(vanban.parse_text(text)) == (["KT."], "BỘ TRƯỞNG", "THỨ TRƯỞNG", "Lê Minh Ngân")
