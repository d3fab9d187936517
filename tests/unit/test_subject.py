"""Trích yếu of flattened headers: the type heading, what runs into the trích yếu."""

from __future__ import annotations

import pytest

import vanban
from vanban.extract.subject import clean_subject


@pytest.mark.parametrize(
    ("heading", "subject"),
    [
        # the type is the longest run of words that is a type's name
        ("LUẬT HÔN NHÂN VÀ GIA ĐÌNH", "HÔN NHÂN VÀ GIA ĐÌNH"),
        ("NGHỊ ĐỊNH VỀ ĐĂNG KÝ BIỆN PHÁP BẢO ĐẢM", "VỀ ĐĂNG KÝ BIỆN PHÁP BẢO ĐẢM"),
        # "Ở" is an upper-case letter
        ("LUẬT NHÀ Ở", "NHÀ Ở"),
        (
            "NGHỊ QUYẾT HƯỚNG DẪN ÁP DỤNG MỘT SỐ QUY ĐỊNH CỦA BỘ LUẬT DÂN SỰ",
            "HƯỚNG DẪN ÁP DỤNG MỘT SỐ QUY ĐỊNH CỦA BỘ LUẬT DÂN SỰ",
        ),
        # the enacting authority printed on the same line
        (
            "QUYẾT ĐỊNH BAN HÀNH KẾ HOẠCH TRIỂN KHAI NĂM 2015 BỘ TRƯỞNG BỘ TƯ PHÁP",
            "BAN HÀNH KẾ HOẠCH TRIỂN KHAI NĂM 2015",
        ),
        # the body's first sentence on the same line
        (
            "CHỈ THỊ VỀ CÔNG TÁC ĐO ĐẠC TRONG CẢ NƯỚC Ngày 24 tháng 6 năm 1977 Hội đồng Chính phủ đã",
            "VỀ CÔNG TÁC ĐO ĐẠC TRONG CẢ NƯỚC",
        ),
    ],
)
def test_flattened_heading(heading: str, subject: str) -> None:
    text = (
        "QUỐC HỘI CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc\n"
        "Số: 52/2014/QH13\nHà Nội, ngày 19 tháng 06 năm 2014\n"
        f"{heading}\nCăn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;\n"
    )
    assert vanban.parse_text(text).subject == subject


def test_a_body_after_of_stays_in_the_subject() -> None:
    subject = "QUY ĐỊNH VỀ CÔNG TÁC THI ĐUA, KHEN THƯỞNG CỦA BỘ XÂY DỰNG"
    assert clean_subject(subject, issuer="BỘ XÂY DỰNG") == subject
    assert (
        clean_subject(
            "PHÊ DUYỆT KẾ HOẠCH HUYỆN CHÂU THÀNH ỦY BAN NHÂN DÂN TỈNH TÂY NINH",
            issuer="ỦY BAN NHÂN DÂN TỈNH TÂY NINH",
        )
        == "PHÊ DUYỆT KẾ HOẠCH HUYỆN CHÂU THÀNH"
    )


def test_point_letters_and_codes_are_not_running_text() -> None:
    subject = "HƯỚNG DẪN THỰC HIỆN CÁC ĐIỂM đ, h, i, k KHOẢN 1 ĐIỀU 12a NGHỊ ĐỊNH SỐ 05/2011/NĐ-CP"
    assert clean_subject(subject) == subject


def test_old_law_heading_and_consolidated_text() -> None:
    old = "SỐ13/2003/QH11 CỦA QUỐC HỘI NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM VỀ ĐẤT ĐAI"
    assert clean_subject(old) == "VỀ ĐẤT ĐAI"
    vbhn = "THỦY SẢN Luật Thủy sản số 18/2017/QH14 ngày 21 tháng 11 năm 2017 của Quốc hội"
    assert clean_subject(vbhn, heading="LUẬT") == "LUẬT THỦY SẢN"


def test_mixed_case_subject_is_left_as_written() -> None:
    assert clean_subject("triển khai thực hiện Chỉ thị số 12/CT-TTg") == (
        "triển khai thực hiện Chỉ thị số 12/CT-TTg"
    )


def test_law_heading_naming_the_session_and_the_state() -> None:
    assert (
        clean_subject("TRÁCH NHIỆM BỒI THƯỜNG CỦA NHÀ NƯỚC CỦA QUỐC HỘI KHOÁ XII, KỲ HỌP THỨ 5")
        == "TRÁCH NHIỆM BỒI THƯỜNG CỦA NHÀ NƯỚC"
    )
    text = (
        "QUỐC HỘI CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc\n"
        "Hà Nội, ngày 28 tháng 11 năm 2013 HIẾN PHÁP NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "LỜI NÓI ĐẦU\nTừ năm 1930, dưới sự lãnh đạo của Đảng Cộng sản Việt Nam\n"
    )
    assert vanban.parse_text(text).subject == "NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"


def test_title_before_the_issuer_printed_after_the_subject() -> None:
    got = clean_subject(
        "VỀ VIỆC BAN HÀNH QUY TRÌNH XÁC ĐỊNH TRƯỚC MÃ SỐ TỔNG CỤC TRƯỞNG TỔNG CỤC HẢI QUAN",
        issuer="TỔNG CỤC HẢI QUAN",
    )
    assert got == "VỀ VIỆC BAN HÀNH QUY TRÌNH XÁC ĐỊNH TRƯỚC MÃ SỐ"


def test_a_preamble_run_into_the_title_is_cut() -> None:
    got = clean_subject(
        "NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM LỜI NÓI ĐẦU Trải qua mấy nghìn năm"
    )
    assert got == "NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"


def test_an_issuer_bound_by_do_stays_in_the_trich_yeu() -> None:
    # "… DO BỘ TRƯỞNG BỘ Y TẾ BAN HÀNH" names who issued the documents repealed; a title
    # run into the end of a flattened heading without a binding word is dropped.
    assert clean_subject("BÃI BỎ MỘT SỐ VĂN BẢN DO BỘ TRƯỞNG BỘ Y TẾ BAN HÀNH") == (
        "BÃI BỎ MỘT SỐ VĂN BẢN DO BỘ TRƯỞNG BỘ Y TẾ BAN HÀNH"
    )
    assert clean_subject("BAN HÀNH KẾ HOẠCH NĂM 2015 BỘ TRƯỞNG BỘ TƯ PHÁP") == (
        "BAN HÀNH KẾ HOẠCH NĂM 2015"
    )
