"""Segmentation into Nghị định 30 regions, on real header shapes."""

from __future__ import annotations

import vanban
from vanban.extract.portal import read_property_table
from vanban.text.normalize import normalize
from vanban.text.segment import segment, unflatten_header

from ..conftest import shared_or_skip


def _layout(text: str):  # type: ignore[no-untyped-def]
    return segment(unflatten_header(normalize(text)))


CONG_VAN = """ỦY BAN NHÂN DÂN
TỈNH LÂM ĐỒNG
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: /UBND-NC
V/v tập trung thực hiện các giải pháp
cải thiện các chỉ số
Lâm Đồng, ngày tháng 12 năm 2025
Kính gửi:
- Các cơ quan chuyên môn thuộc Ủy ban nhân dân tỉnh;
- Ủy ban nhân dân các xã, phường, đặc khu.
Thực hiện chỉ đạo của Ủy ban nhân dân tỉnh, yêu cầu như sau:
1. Sở Nội vụ
- Rà soát các chỉ số.
Nơi nhận:
- Như trên;
- Lưu: VT, NC.
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Nguyễn Ngọc Phúc
"""


def test_cong_van_regions() -> None:
    layout = _layout(CONG_VAN)
    assert layout.is_document
    assert layout.motto
    assert layout.issuer.texts == ["ỦY BAN NHÂN DÂN", "TỈNH LÂM ĐỒNG"]
    assert layout.number is not None and layout.number.text == "/UBND-NC"
    assert layout.date is not None and layout.date.text == "Lâm Đồng, ngày tháng 12 năm 2025"
    assert layout.vv
    assert layout.subject.texts == ["tập trung thực hiện các giải pháp", "cải thiện các chỉ số"]
    assert len(layout.kinh_gui) == 2
    assert layout.body.lines[0].text.startswith("Thực hiện chỉ đạo")
    assert layout.distribution.texts == ["- Như trên;", "- Lưu: VT, NC."]
    assert layout.signature.texts[:3] == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Ngọc Phúc"]


def test_nơi_nhận_heading_lost_the_list_is_read_back_from_its_lưu_line() -> None:
    # OCR under a stamp loses "Nơi nhận:"; the entries and "- Lưu:" above the block remain.
    text = CONG_VAN.replace("Nơi nhận:\n", "")
    layout = _layout(text)
    assert layout.distribution.texts == ["- Như trên;", "- Lưu: VT, NC."]
    assert layout.body.texts == [
        "Thực hiện chỉ đạo của Ủy ban nhân dân tỉnh, yêu cầu như sau:",
        "1. Sở Nội vụ",
        "- Rà soát các chỉ số.",
    ]
    assert layout.signature.texts[:2] == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    doc = vanban.parse_text(text)
    assert [r.raw for r in doc.distribution] == ["Như trên"]
    assert doc.archive is not None


def test_body_bullets_without_a_lưu_line_stay_in_the_body() -> None:
    text = CONG_VAN.replace("Nơi nhận:\n", "").replace("- Lưu: VT, NC.\n", "")
    layout = _layout(text)
    assert not layout.distribution
    assert layout.body.texts[-1] == "- Như trên;"


def test_body_closing_line_is_not_a_nơi_nhận_entry() -> None:
    text = CONG_VAN.replace("Nơi nhận:\n", "- Đề nghị các cơ quan thực hiện./.\n")
    layout = _layout(text)
    assert layout.body.texts[-1] == "- Đề nghị các cơ quan thực hiện./."
    assert layout.distribution.texts == ["- Như trên;", "- Lưu: VT, NC."]


def _with_kinh_gui(block: str) -> str:
    start = CONG_VAN.index("Kính gửi:")
    end = CONG_VAN.index("Thực hiện chỉ đạo")
    return CONG_VAN[:start] + block + CONG_VAN[end:]


def test_kính_gửi_entry_wrapped_after_a_comma_or_inside_a_name() -> None:
    text = _with_kinh_gui(
        "Kính gửi:\n- Ban Chủ nhiệm các Đoàn Luật sư tỉnh Đắk Nông, tỉnh\n"
        "Bình Thuận và tỉnh Lâm Đồng (cũ),\n- Ban chấp hành lâm thời Hội Luật gia tỉnh Lâm\n"
        "Đồng.\n"
    )
    assert _layout(text).kinh_gui.texts == [
        "- Ban Chủ nhiệm các Đoàn Luật sư tỉnh Đắk Nông, tỉnh Bình Thuận và tỉnh Lâm Đồng (cũ),",
        "- Ban chấp hành lâm thời Hội Luật gia tỉnh Lâm Đồng.",
    ]


def test_kính_gửi_ending_on_a_plural_place_does_not_take_the_body() -> None:
    text = _with_kinh_gui("Kính gửi: Ủy ban nhân dân các xã\n")
    layout = _layout(text)
    assert layout.kinh_gui.texts == ["Ủy ban nhân dân các xã"]
    assert layout.body.texts[0].startswith("Thực hiện chỉ đạo")


def test_flattened_portal_header() -> None:
    text = (
        "BỘ TÀI CHÍNH --------\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc ----------------\n"
        "Số: 19046/BTC-TCHQ V/v hướng dẫn thực hiện các quy định của Luật hải quan 2014\n"
        "Hà Nội, ngày 29 tháng 12 năm 2014 Kính gửi: Cục Hải quan các tỉnh, thành phố.\n"
        "Luật hải quan được Quốc hội khóa XIII kỳ họp thứ 7 thông qua ngày 23/6/2014.\n"
    )
    layout = _layout(text)
    assert layout.issuer.texts == ["BỘ TÀI CHÍNH"]
    assert layout.number is not None and layout.number.text == "19046/BTC-TCHQ"
    assert layout.date is not None and layout.date.text == "Hà Nội, ngày 29 tháng 12 năm 2014"
    assert layout.subject.texts == ["hướng dẫn thực hiện các quy định của Luật hải quan 2014"]
    assert layout.kinh_gui.texts == ["Cục Hải quan các tỉnh, thành phố."]


def test_type_heading_and_subject() -> None:
    text = (
        "CHÍNH PHỦ\n——-\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập – Tự do – Hạnh phúc\n"
        "Số: 360/2025/NĐ-CP\nHà Nội, ngày 31 tháng 12 năm 2025\nNGHỊ ĐỊNH\n"
        "Quy định chi tiết thi hành một số điều của Luật Thuế tiêu thụ đặc biệt\n"
        "Căn cứ Luật Tổ chức Chính phủ số 63/2025/QH15;\n"
    )
    layout = _layout(text)
    assert layout.type_heading == "NGHỊ ĐỊNH"
    assert layout.subject.texts == [
        "Quy định chi tiết thi hành một số điều của Luật Thuế tiêu thụ đặc biệt"
    ]
    assert layout.issuer.texts == ["CHÍNH PHỦ"]


def test_law_number_label_and_split_date() -> None:
    text = (
        "QUỐC HỘI\nLuật số: 128/2025/QH15\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Hà Nội, ngày 24\ntháng\n02\nnăm 2025\nLUẬT\nTHI HÀNH TẠM GIỮ, TẠM GIAM\n"
        "VÀ CẤM ĐI KHỎI NƠI CƯ TRÚ\nCăn cứ Hiến pháp;\n"
    )
    layout = _layout(text)
    assert layout.number is not None and layout.number.text == "128/2025/QH15"
    assert layout.number is not None and layout.number.label == "Luật"
    assert layout.date is not None and layout.date.text == "Hà Nội, ngày 24 tháng 02 năm 2025"
    assert layout.subject.texts == ["THI HÀNH TẠM GIỮ, TẠM GIAM", "VÀ CẤM ĐI KHỎI NƠI CƯ TRÚ"]


def test_article_is_not_a_document() -> None:
    layout = _layout("Tiêu đề bài báo\nCập nhật lúc: 20:33 14/09/2021\nUBND tỉnh vừa ban hành.")
    assert not layout.is_document


def test_portal_property_table() -> None:
    text = (
        "Văn bản hợp nhất số 03/VBHN-BNV Quy định về thành lập đơn vị sự nghiệp công lập\n"
        "Số hiệu\n03/VBHN-BNV\nLoại văn bản\nVăn bản hợp nhất\nNgành\n--\n"
        "Ngày ký xác thực\n04/12/2025\nCơ quan ban hành\nBộ Nội vụ\nChức danh\nBộ trưởng\n"
        "Người ký\nĐỗ Thanh Bình\nSố hiệu\n99/VBHN-BNV\n"
    )
    layout = _layout(text)
    record = read_property_table(layout.lines)
    assert record is not None
    assert record.number == "03/VBHN-BNV"
    assert record.doc_type == "Văn bản hợp nhất"
    assert record.issuer == "Bộ Nội vụ"
    assert record.signer_name == "Đỗ Thanh Bình"
    assert record.subject == "Quy định về thành lập đơn vị sự nghiệp công lập"


def test_layout_flattened_into_space_aligned_paragraphs() -> None:
    # A DOCX whose header and signature tables were typed as paragraphs with tabs.
    text = (
        "ỦY BAN NHÂN DÂN\t\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "TỈNH LÂM ĐỒNG\t\tĐộc lập - Tự do - Hạnh phúc\n"
        "Số: /UBND-NC        Lâm Đồng, ngày    tháng 02 năm 2026\n"
        "V/v triển khai thực hiện Công văn số 427/BCA-C04 của Bộ Công an\n"
        "Kính gửi: Công an tỉnh\n"
        "Thực hiện Công văn số 427/BCA-C04, Chủ tịch UBND tỉnh có ý kiến như sau:\n"
        "Nơi nhận: \t TL. CHỦ TỊCH\n"
        "- Như trên; \t CHÁNH VĂN PHÒNG\n"
        "- Lưu: VT, NC.\n"
        "\n\n"
        "Đỗ Tấn Sương\n"
    )
    layout = _layout(text)
    assert layout.issuer.texts == ["ỦY BAN NHÂN DÂN", "TỈNH LÂM ĐỒNG"]
    assert layout.number is not None and layout.number.text == "/UBND-NC"
    assert layout.date is not None and layout.date.text == "Lâm Đồng, ngày tháng 02 năm 2026"
    assert layout.distribution.texts == ["- Như trên;", "- Lưu: VT, NC."]
    assert layout.signature.texts[:3] == ["TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG", "Đỗ Tấn Sương"]


def test_kinh_gui_on_following_lines_without_bullets() -> None:
    text = (
        "BỘ NỘI VỤ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 12/BNV-CCHC\n"
        "Hà Nội, ngày 18 tháng 9 năm 2025\nV/v lấy ý kiến\nKính gửi:\n"
        "Các bộ, cơ quan ngang bộ;\nỦy ban nhân dân các tỉnh, thành phố.\n"
        "Thực hiện nhiệm vụ được giao, Bộ Nội vụ đề nghị như sau.\n"
    )
    assert _layout(text).kinh_gui.texts == [
        "Các bộ, cơ quan ngang bộ;",
        "Ủy ban nhân dân các tỉnh, thành phố.",
    ]


def test_wrapped_subject_citing_a_number_is_not_the_number_line() -> None:
    text = (
        "ỦY BAN NHÂN DÂN\nTỈNH ĐẮK NÔNG\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 2680 /UBND-KGVX\nĐắk Nông, ngày 31 tháng 5 năm 2021\n"
        "V/v triển khai thực hiện Chỉ thị\nsố 12/CT-TTg ngày 12/5/2021\n"
        "của Thủ tướng Chính phủ\n\nKính gửi: Các Sở, Ban, ngành\n"
    )
    layout = _layout(text)
    assert layout.number is not None and layout.number.text == "2680 /UBND-KGVX"
    assert layout.subject.texts == [
        "triển khai thực hiện Chỉ thị",
        "số 12/CT-TTg ngày 12/5/2021",
        "của Thủ tướng Chính phủ",
    ]


def test_number_split_into_fragments_and_bare_heading_document() -> None:
    text = (
        "QUỐC HỘI\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nNghị quyết\nsố:\n253\n/\n2025\n/QH15\n"
        "NGHỊ QUYẾT\nVề các cơ chế, chính sách phát triển năng lượng quốc gia\nCăn cứ Hiến pháp;\n"
    )
    layout = _layout(text)
    assert layout.number is not None and layout.number.text == "253/2025/QH15"
    assert layout.type_heading == "NGHỊ QUYẾT"
    # A text that starts at its type heading is still a document.
    bare = _layout("THÔNG TƯ\nQuy định về phân công trách nhiệm\nCăn cứ Bộ luật Tố tụng hình sự;\n")
    assert bare.is_document
    assert bare.subject.texts == ["Quy định về phân công trách nhiệm"]


def test_enacting_line_is_not_part_of_the_subject() -> None:
    text = (
        "ỦY BAN THƯỜNG VỤ QUỐC HỘI\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 87/2025/UBTVQH15\n"
        "Hà Nội, ngày 10 tháng 12 năm 2025\nNGHỊ QUYẾT\nĐiều chỉnh Chương trình lập pháp năm 2025\n"
        "ỦY BAN THƯỜNG VỤ QUỐC HỘI\nCăn cứ Hiến pháp;\n"
    )
    assert _layout(text).subject.texts == ["Điều chỉnh Chương trình lập pháp năm 2025"]


def test_signature_column_interleaved_with_noi_nhan_in_pdf_text() -> None:
    text = (
        "ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 85/GM-UBND\n"
        "Lâm Đồng, ngày 19 tháng 01 năm 2026\nGIẤY MỜI\nHọp đánh giá công tác cải cách hành chính\n"
        "Đề nghị các đồng chí dự họp đúng thành phần./.\n"
        "Nơi nhận:\n- Như thành phần mời;\nTL. CHỦ TỊCH\nKT. CHÁNH VĂN PHÒNG\n"
        "- PCT. UBND tỉnh (Đ/c Phúc); PHÓ CHÁNH VĂN PHÒNG\n- Phòng HCQT;\n- Lưu: VT, HCC, NC.\n"
        "Trịnh Ngọc Duệ\n"
    )
    layout = _layout(text)
    assert layout.distribution.texts == [
        "- Như thành phần mời;",
        "- PCT. UBND tỉnh (Đ/c Phúc);",
        "- Phòng HCQT;",
        "- Lưu: VT, HCC, NC.",
    ]
    assert layout.signature.texts[:4] == [
        "TL. CHỦ TỊCH",
        "KT. CHÁNH VĂN PHÒNG",
        "PHÓ CHÁNH VĂN PHÒNG",
        "Trịnh Ngọc Duệ",
    ]


def test_pdf_columns_on_one_line() -> None:
    # PDF text where each header line holds both columns.
    text = (
        "UBND TỈNH LÂM ĐỒNG CÔNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "SỞ KHOA HỌC VÀ CÔNG NGHỆ Độc lập – Tự do – Hạnh phúc\n"
        "Số: 171 /SKHCN-CĐS\n"
        "V/v góp ý dự thảo Kế hoạch kiểm Lâm Đồng, ngày 16 tháng 01 năm 2026\n"
        "tra cải cách hành chính năm 2026\ntrên địa bàn tỉnh Lâm Đồng\n"
        "Kính gửi: Sở Nội vụ\n"
    )
    layout = _layout(text)
    assert layout.issuer.texts == ["UBND TỈNH LÂM ĐỒNG", "SỞ KHOA HỌC VÀ CÔNG NGHỆ"]
    assert layout.date is not None and layout.date.text == "Lâm Đồng, ngày 16 tháng 01 năm 2026"
    assert " ".join(layout.subject.texts) == (
        "góp ý dự thảo Kế hoạch kiểm tra cải cách hành chính năm 2026 trên địa bàn tỉnh Lâm Đồng"
    )


def test_number_cut_after_its_digits_by_a_column_gap() -> None:
    text = (
        "BỘ Y TẾ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "Số:\u00a0 53\u00a0 \u00a0/2025/TT-BYT\nHà Nội, ngày 31 tháng 12 năm 2025\nTHÔNG TƯ\n"
        "Sửa đổi một số điều\nCăn cứ Luật Tổ chức Chính phủ;\n"
    )
    layout = _layout(text)
    assert layout.number is not None and layout.number.text == "53/2025/TT-BYT"
    assert [ln.text for ln in layout.issuer] == ["BỘ Y TẾ"]


def test_a_year_piece_of_a_split_number_is_not_a_page_number() -> None:
    text = (
        "BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số:\n90\n/20\n25\n/TT-BNNM\nT\nHà Nội, ngày 31 tháng 12 năm 2025\nTHÔNG TƯ\n"
        "Quy định đối tượng thủy sản nuôi chủ lực\nCăn cứ Luật Thủy sản;\n"
    )
    layout = _layout(text)
    assert layout.number is not None and layout.number.text == "90/2025/TT-BNNMT"


def test_flattened_upper_case_subject_wrapped_onto_the_next_lines() -> None:
    text = (
        "BỘ TÀI NGUYÊN VÀ MÔI TRƯỜNG ------- CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM "
        "Độc lập - Tự do - Hạnh phúc ---------------\nSố: 59/QĐ-BTNMT\n"
        "Hà Nội, ngày 08 tháng 01 năm 2024 QUYẾT ĐỊNH VỀ VIỆC BAN HÀNH CHƯƠNG TRÌNH "
        "THỰC HIỆN KẾ HOẠCH PHÁT TRIỂN KINH TẾ\n- XÃ HỘI NĂM 2024 BỘ TRƯỞNG BỘ TÀI NGUYÊN "
        "VÀ MÔI TRƯỜNG\nCăn cứ Nghị định số 68/2022/NĐ-CP;\n"
    )
    doc = vanban.parse_text(text)
    assert doc.subject == (
        "VỀ VIỆC BAN HÀNH CHƯƠNG TRÌNH THỰC HIỆN KẾ HOẠCH PHÁT TRIỂN KINH TẾ - XÃ HỘI NĂM 2024"
    )


def test_a_note_line_after_a_mixed_case_subject_is_not_part_of_it() -> None:
    text = (
        "BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 12/2025/TT-BNNMT\nHà Nội, ngày 31 tháng 12 năm 2025\nTHÔNG TƯ\n"
        "Quy định chuẩn nghèo đa chiều giai đoạn 2026\n- 2030\n"
        "- Nội dung được hướng dẫn\nCăn cứ Luật Đa dạng sinh học;\n"
    )
    assert vanban.parse_text(text).subject == "Quy định chuẩn nghèo đa chiều giai đoạn 2026 - 2030"


def test_a_subject_cut_into_many_short_pieces_is_read_whole() -> None:
    pieces = [
        "Nghị định sửa đổi, bổ sung một số điều của Nghị định",
        "số 118/2025/NĐ-CP",
        "ngày 09 tháng 6 năm 2025 của Chính phủ",
        "về thực hiện",
        "thủ tục hành chính",
        "theo cơ chế một cửa, một cửa liên thông tại Bộ phận Một cửa và",
        "Cổng Dịch vụ công quốc gia",
    ]
    text = (
        "CHÍNH PHỦ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 12/2025/NĐ-CP\n"
        "Hà Nội, ngày 31 tháng 12 năm 2025\nNGHỊ ĐỊNH\n"
        + "\n".join(pieces)
        + "\nCăn cứ Luật Tổ chức Chính phủ;\n"
    )
    assert vanban.parse_text(text).subject == " ".join(pieces)


def test_law_without_a_date_line_takes_the_day_of_passage() -> None:
    text = (
        "QUỐC HỘI\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "Luật số:\n137\n/2025/QH15\nLUẬT\nĐIỀU ƯỚC QUỐC TẾ\nCăn cứ Hiến pháp;\n"
        "Điều 1. Phạm vi điều chỉnh\nLuật này quy định về điều ước quốc tế.\n"
        "Luật này được Quốc hội nước Cộng hòa xã hội chủ nghĩa Việt Nam khóa XV, Kỳ họp thứ 10"
        " thông qua ngày\n10\ntháng\n12\nnăm 2025./.\nCHỦ TỊCH QUỐC HỘI\n(Đã ký)\nTrần Thanh Mẫn\n"
    )
    doc = vanban.parse_text(text)
    assert doc.issued_date is not None and doc.issued_date.isoformat() == "2025-12-10"
    assert doc.place is None
    assert doc.number is not None and doc.number.raw == "137/2025/QH15"


def test_consolidated_text_whose_header_stands_in_its_closing_block() -> None:
    text = (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nTHÔNG TƯ\n"
        "QUY ĐỊNH THỦ TỤC CẤP GIẤY CHỨNG NHẬN LAO ĐỘNG HÀNG HẢI\n"
        "Căn cứ Bộ luật Hàng hải Việt Nam năm 2005;\nĐiều 1. Phạm vi điều chỉnh\n"
        "Thông tư này quy định thủ tục cấp giấy chứng nhận./.\nBỘ XÂY DỰNG\n_____________\n"
        "Số: 07/VBHN-BXD\nXÁC THỰC VĂN BẢN HỢP NHẤT\nHà Nội, ngày 03 tháng 3 năm 2026\n"
        "KT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\n(Đã ký)\nNguyễn Xuân Sang\n"
    )
    doc = vanban.parse_text(text)
    assert doc.number is not None and doc.number.raw == "07/VBHN-BXD"
    assert doc.doc_type is not None and doc.doc_type.name == "Văn bản hợp nhất"
    assert doc.issued_date is not None and doc.issued_date.isoformat() == "2026-03-03"
    assert doc.place == "Hà Nội"
    assert doc.issuer is not None and doc.issuer.name == "Bộ Xây dựng"
    assert doc.subject == "THÔNG TƯ QUY ĐỊNH THỦ TỤC CẤP GIẤY CHỨNG NHẬN LAO ĐỘNG HÀNG HẢI"
    assert doc.signer is not None and doc.signer.name == "Nguyễn Xuân Sang"


def test_noi_nhan_entries_cut_by_html_spans_are_joined_back() -> None:
    text = (
        "BỘ CÔNG AN\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 131/2025/TT-BCA\n"
        "Hà Nội, ngày 25 tháng 12 năm 2025\nTHÔNG TƯ\nSửa đổi một số điều\nCăn cứ Luật;\n"
        "Điều 1. Thông tư này có hiệu lực./.\nNơi nhận:\n-\nThủ tướng\nChính phủ\n"
        ", các Phó Thủ tướng Chính phủ;\n- Văn phòng Chính phủ (Phòng Công báo;\n"
        "Cổng thông tin điện tử Chính phủ, Vụ CN);\n- Các đơn vị thuộc\ncơ quan\nBộ Công an;\n"
        "- Lưu: VT, V03.\nBỘ TRƯỞNG\nĐại tướng Lương Tam Quang\n"
    )
    entries = [" ".join(ln.text.split()) for ln in _layout(text).distribution]
    assert entries == [
        "- Thủ tướng Chính phủ , các Phó Thủ tướng Chính phủ;",
        "- Văn phòng Chính phủ (Phòng Công báo; Cổng thông tin điện tử Chính phủ, Vụ CN);",
        "- Các đơn vị thuộc cơ quan Bộ Công an;",
        "- Lưu: VT, V03.",
    ]


def test_an_appendix_title_after_the_luu_line_is_not_an_entry() -> None:
    text = (
        "BỘ TÀI NGUYÊN VÀ MÔI TRƯỜNG\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 59/QĐ-BTNMT\n"
        "Hà Nội, ngày 08 tháng 01 năm 2024\nQUYẾT ĐỊNH\nBAN HÀNH CHƯƠNG TRÌNH HÀNH ĐỘNG\n"
        "Căn cứ Nghị định;\nĐiều 1. Quyết định này có hiệu lực./.\nNơi nhận:\n- Như Điều 2;\n"
        "- Văn phòng Chính phủ;\n- Lưu: VT, KHTC.D.\nBỘ TRƯỞNG Đặng Quốc Khánh CHƯƠNG TRÌNH "
        "HÀNH ĐỘNG THỰC HIỆN KẾ HOẠCH PHÁT TRIỂN KINH TẾ\n- XÃ HỘI VÀ DỰ TOÁN NGÂN SÁCH NĂM 2024\n"
    )
    doc = vanban.parse_text(text)
    assert len(doc.distribution) == 2 and doc.archive is not None


def test_body_run_into_the_kinh_gui_line_is_not_a_recipient() -> None:
    text = (
        "BỘ KẾ HOẠCH VÀ ĐẦU TƯ ----------- CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do "
        "- Hạnh phúc ---------------\nSố: 3397/BKHĐT-QLKTTW V/v hướng dẫn áp dụng Điều 162 "
        "Hà Nội, ngày 23 tháng 5 năm 2019 Kính gửi: Tổng công ty Khí Việt Nam-CTCP (PV GAS) "
        "Phúc đáp Công văn số 615/KVN-PC ngày 3 tháng 4 năm 2019, Bộ có ý kiến như sau:\n"
        "1. Về chấp thuận các hợp đồng.\n"
    )
    assert [ln.text for ln in _layout(text).kinh_gui] == ["Tổng công ty Khí Việt Nam-CTCP (PV GAS)"]


def test_a_subject_wrapped_before_a_cited_number_goes_on() -> None:
    text = (
        "BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố:\n77/2025/TT-BNNMT\n"
        "Hà Nội, ngày 29 tháng 12 năm 2025\nTHÔNG TƯ\nSửa đổi, bổ sung một số điều của Thông tư số\n"
        "15/2023/TT-BNNPTNT\nngày 15 tháng 12 năm 2023 của Bộ trưởng\nCăn cứ Luật An toàn thực phẩm;\n"
    )
    assert vanban.parse_text(text).subject == (
        "Sửa đổi, bổ sung một số điều của Thông tư số 15/2023/TT-BNNPTNT "
        "ngày 15 tháng 12 năm 2023 của Bộ trưởng"
    )


def test_portal_title_wrapped_onto_lower_case_lines() -> None:
    text = (
        ">\nVăn bản quy phạm pháp luật Trung ương\n>\n"
        "Thông tư số 25/2025/TT-BTP Quy định định mức khoán chi cho nhiệm vụ, xây dựng\n"
        "chính sách, văn bản quy phạm pháp luật thuộc thẩm quyền\ncủa Bộ Tư pháp\n"
        "GIỚI THIỆU\nSố hiệu\n25/2025/TT-BTP\nLoại văn bản\nThông tư\n"
        "Cơ quan ban hành\nBộ Tư pháp\n"
    )
    record = read_property_table(_layout(text).lines)
    assert record is not None
    assert record.subject == (
        "Quy định định mức khoán chi cho nhiệm vụ, xây dựng chính sách, văn bản quy phạm "
        "pháp luật thuộc thẩm quyền của Bộ Tư pháp"
    )


def test_a_misread_số_label_before_a_whole_number_is_the_number_line() -> None:
    """OCR read "Số:" as "860:": the line is the number, not a third issuer line."""
    text = (
        "HỘI CÔNG CHỨNG VIÊN\nTỈNH LÂM ĐỒNG\n860:40/HCCV\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Độc lập - Tự do - Hạnh phúc\nLâm Đồng, ngày 05 tháng 9 năm 2025\n"
        "Kính gửi: Sở Tư pháp tỉnh Lâm Đồng\n"
    )
    layout = _layout(text)
    assert layout.number is not None and layout.number.text == "40/HCCV"
    assert [ln.text for ln in layout.issuer] == ["HỘI CÔNG CHỨNG VIÊN", "TỈNH LÂM ĐỒNG"]
    # a short label before no whole number ("KT: 40 người") is no number line
    assert _layout(text.replace("860:40/HCCV", "KT: 40 người")).number is None


def test_a_short_note_beside_two_nơi_nhận_entries_does_not_end_the_list() -> None:
    """A DOCX text box "Để đăng dự thảo / Thông tư xin ý kiến" set beside two entries."""
    text = CONG_VAN.replace(
        "- Như trên;\n- Lưu: VT, NC.\n",
        "- Như trên;\n- Cổng thông tin điện tử Chính phủ;\nĐể đăng dự thảo\n"
        "- Cổng thông tin điện tử Bộ Tài chính;\n- Lưu: VT, NC.\n",
    )
    layout = _layout(text)
    entries = [ln.text for ln in layout.distribution]
    assert entries[0] == "- Như trên;" and entries[-1] == "- Lưu: VT, NC."
    assert "- Cổng thông tin điện tử Bộ Tài chính;" in entries
    assert not any("Để đăng" in e for e in entries)
    # a sentence (it has its end mark) still ends the list
    ended = _layout(text.replace("Để đăng dự thảo", "Đề nghị gửi sớm."))
    assert not any("Bộ Tài chính" in ln.text for ln in ended.distribution)


def test_a_dashed_rule_after_the_signature_is_no_nơi_nhận_entry() -> None:
    """ "-------- Danh sách container …" after the signature of a tvpl công văn: the rule
    and title of an attached form, not a seventh Nơi nhận entry."""
    path = shared_or_skip("corpus", "tvpl", "crawl", "hai_quan", "Công_văn_778_TCHQ-GSQL.txt")
    doc = vanban.parse(path)
    assert [r.raw[:9] for r in doc.distribution] == [
        "Như trên", "Đ/c Tổng ", "Cục GSQL ", "Cục CNTT&", "Tổng Công", "Công ty L",
    ]  # fmt: skip
    assert doc.archive == "VT, GSQL(03b)"


def test_a_long_trích_yếu_wrapped_over_six_lines_is_read_whole() -> None:
    text = (
        "BỘ TÀI CHÍNH\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "Số: 12/2025/TT-BTC\nHà Nội, ngày 05 tháng 3 năm 2025\nTHÔNG TƯ\n"
        "Bãi bỏ Thông tư liên tịch số 15/2010/TTLT-BTC-BGDĐT ngày 29/01/2010\n"
        "của Bộ Tài chính và Bộ Giáo dục và Đào tạo hướng dẫn quản lý và sử dụng\n"
        "kinh phí thực hiện Chương trình đảm bảo chất lượng giáo dục trường học\n"
        "giai đoạn 2010 - 2015 và Thông tư liên tịch số 143/2013/TTLT-BTC-BGDĐT\n"
        "ngày 18/10/2013 của Bộ Tài chính và Bộ Giáo dục và Đào tạo sửa đổi, bổ sung\n"
        "một số điều của Thông tư liên tịch số 15/2010/TTLT-BTC-BGDĐT.\n"
        "Căn cứ Luật Ban hành văn bản quy phạm pháp luật;\n"
    )
    doc = vanban.parse_text(text)
    assert doc.subject is not None
    assert doc.subject.startswith("Bãi bỏ Thông tư liên tịch số 15/2010")
    assert doc.subject.endswith("một số điều của Thông tư liên tịch số 15/2010/TTLT-BTC-BGDĐT")


DECREE_WITH_FORMS = """CHÍNH PHỦ
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 12/2025/NĐ-CP
Hà Nội, ngày 25 tháng 12 năm 2025
NGHỊ ĐỊNH
Quy định chính sách hỗ trợ học sinh
Điều 1. Phạm vi điều chỉnh
Nghị định này quy định chính sách hỗ trợ học sinh.
Điều 2. Hiệu lực thi hành
Nghị định này có hiệu lực thi hành kể từ ngày ký ban hành.
TM. CHÍNH PHỦ
KT. THỦ TƯỚNG
PHÓ THỦ TƯỚNG
Trần Văn Bình
{appendix}
Mẫu số 01
ỦY BAN NHÂN DÂN XÃ ……
Số: …/QĐ-UBND
QUYẾT ĐỊNH
Phê duyệt danh sách học sinh
Nơi nhận:
- Như Điều 3;
- Lưu: VT.
CHỦ TỊCH
(Ký, ghi rõ họ tên)
"""


def test_a_forms_noi_nhan_after_an_appendix_heading_is_not_the_documents() -> None:
    # A portal copy printed no Nơi nhận of its own; the one of a form in the Phụ lục
    # belongs to the form, and the signer is the decree's.
    doc = vanban.parse_text(DECREE_WITH_FORMS.format(appendix="PHỤ LỤC"))
    assert doc.distribution == [] and doc.archive is None
    assert doc.signer is not None and doc.signer.name == "Trần Văn Bình"
    assert doc.signer.position == "PHÓ THỦ TƯỚNG"


def test_without_an_appendix_heading_the_noi_nhan_after_the_block_stays() -> None:
    # The same lines without "PHỤ LỤC": a Nơi nhận after the signature is the document's
    # (joint circulars print the signatures first).
    doc = vanban.parse_text(DECREE_WITH_FORMS.format(appendix="Danh sách kèm theo"))
    assert [r.raw for r in doc.distribution] == ["Như Điều 3"]


RESOLUTION = """CHÍNH PHỦ
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 66/2025/NQ-CP
{date}
{heading}
Xử lý khó khăn, vướng mắc trong quy định về cơ sở dữ liệu quốc gia
Căn cứ Luật Tổ chức Chính phủ số 63/2025/QH15;
QUYẾT NGHỊ:
Điều 1. Nghị quyết này có hiệu lực từ ngày ký.
"""

SUBJECT = "Xử lý khó khăn, vướng mắc trong quy định về cơ sở dữ liệu quốc gia"


def test_a_date_line_without_its_place_is_the_date_of_issue() -> None:
    doc = vanban.parse_text(
        RESOLUTION.format(date="Ngày 8 tháng 12 năm 2025", heading="NGHỊ QUYẾT")
    )
    assert doc.issued_date is not None and doc.issued_date.isoformat() == "2025-12-08"
    assert doc.place is None and doc.subject == SUBJECT
    # A body that opens with a date goes on after it: no date of issue is taken from it.
    body = vanban.parse_text("Ngày 8 tháng 12 năm 2025, Ủy ban nhân dân tỉnh họp phiên thường kỳ.")
    assert body.issued_date is None


def test_a_drop_cap_type_heading_is_read_whole() -> None:
    doc = vanban.parse_text(
        RESOLUTION.format(date="Hà Nội, ngày 8 tháng 12 năm 2025", heading="N\nGHỊ QUYẾT")
    )
    assert doc.doc_type is not None and doc.doc_type.name == "Nghị quyết"
    assert doc.subject == SUBJECT
    assert doc.issuer is not None and doc.issuer.name == "Chính phủ"


def test_a_trich_yeu_line_cut_inside_a_number_goes_on() -> None:
    text = RESOLUTION.format(
        date="Hà Nội, ngày 8 tháng 12 năm 2025",
        heading="NGHỊ QUYẾT\nBãi bỏ Thông tư liên tịch số 01/2001/\nTTLT/\nBNG-TCBĐ về phát hình",
    ).replace(SUBJECT + "\n", "")
    doc = vanban.parse_text(text)
    assert doc.subject == "Bãi bỏ Thông tư liên tịch số 01/2001/ TTLT/ BNG-TCBĐ về phát hình"


def test_a_first_noi_nhan_entry_without_its_bullet_is_an_entry() -> None:
    """ "Như trên;" typed without its dash, or OCR's "7 Như" for "- Như", opens the list
    when a bullet follows it; the list used to end there, losing every entry."""
    for first in ("Như trên;", "7 Như"):
        text = (
            "Nội dung thực hiện.\nNơi nhận:\n"
            f"{first}\n- Bộ trưởng (để b/c);\n- Lưu: VT, BTTP.\n"
            "KT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\nNguyễn Văn A\n"
        )
        layout = segment(text)
        assert [ln.text for ln in layout.distribution.lines] == [
            first,
            "- Bộ trưởng (để b/c);",
            "- Lưu: VT, BTTP.",
        ]
    # A heading in capitals under "Nơi nhận:" is still no entry.
    layout = segment("Nơi nhận:\nKT. BỘ TRƯỞNG\n- Như trên;\n- Lưu: VT.\nNguyễn Văn A\n")
    assert [ln.text for ln in layout.distribution.lines] == ["- Như trên;", "- Lưu: VT."]
