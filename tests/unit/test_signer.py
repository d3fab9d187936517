"""Signature blocks: real forms from design/domain.md §1.5.7 and the corpus."""

from __future__ import annotations

import pytest

from vanban.extract.signer import extract_signer

CASES = [
    pytest.param(
        ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Tôn Thị Ngọc Hạnh"],
        (["KT."], "CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Tôn Thị Ngọc Hạnh"),
        id="kt-two-lines",
    ),
    pytest.param(
        ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Ngọc Phúc"],
        (["TM.", "KT."], "CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Ngọc Phúc"),
        id="tm-kt-nested",
    ),
    pytest.param(
        ["TL. CHỦ TỊCH", "KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG", "Lê Văn Bình"],
        (["TL.", "KT."], "CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG", "Lê Văn Bình"),
        id="tl-kt",
    ),
    pytest.param(
        ["KT. BỘ TRƯỞNG THỨ TRƯỞNG Đỗ Hoàng Anh Tuấn"],
        (["KT."], "BỘ TRƯỞNG", "THỨ TRƯỞNG", "Đỗ Hoàng Anh Tuấn"),
        id="flattened-one-line",
    ),
    pytest.param(
        ["K/T THỦ TƯỚNG CHÍNH PHỦ PHÓ THỦ TƯỚNG Tố Hữu"],
        (["KT."], "THỦ TƯỚNG CHÍNH PHỦ", "PHÓ THỦ TƯỚNG", "Tố Hữu"),
        id="party-style-slash",
    ),
    pytest.param(
        ["TM. CHÍNH PHỦ", "KT. THỦ TƯỚNG", "PHÓ THỦ TƯỚNG", "(Đã ký)", "Hồ Đức Phớc"],
        (["TM.", "KT."], "THỦ TƯỚNG", "PHÓ THỦ TƯỚNG", "Hồ Đức Phớc"),
        id="da-ky-placeholder",
    ),
    pytest.param(
        ["KT.", "BỘ TRƯỞNG", "THỨ TRƯỞNG", "(Đã ký)", "Nguyễn Sinh Nhật Tân"],
        (["KT."], "BỘ TRƯỞNG", "THỨ TRƯỞNG", "Nguyễn Sinh Nhật Tân"),
        id="prefix-alone-on-line",
    ),
    pytest.param(
        ["TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH Nguyễn Văn An"],
        (["TM.", "KT."], "CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Văn An"),
        id="nested-flattened",
    ),
    pytest.param(
        ["BỘ TRƯỞNG", "(Đã ký)", "Nguyễn Mạnh Hùng"],
        ([], None, "BỘ TRƯỞNG", "Nguyễn Mạnh Hùng"),
        id="no-prefix",
    ),
    pytest.param(
        ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"],
        (["TM."], "ỦY BAN NHÂN DÂN", "CHỦ TỊCH", None),
        id="unsigned",
    ),
    pytest.param(
        ["Q. GIÁM ĐỐC", "Trần Văn Cường"],
        (["Q."], None, "GIÁM ĐỐC", "Trần Văn Cường"),
        id="acting-q",
    ),
    pytest.param(
        ["T/L BAN BÍ THƯ", "PHÓ CHÁNH VĂN PHÒNG", "Nguyễn Văn D"],
        (["TL."], "BAN BÍ THƯ", "PHÓ CHÁNH VĂN PHÒNG", "Nguyễn Văn D"),
        id="party-tl",
    ),
]


@pytest.mark.parametrize(("lines", "expected"), CASES)
def test_signer(lines: list[str], expected: tuple[object, ...]) -> None:
    signer = extract_signer(lines)
    assert signer is not None
    assert (signer.authority, signer.on_behalf_of, signer.position, signer.name) == expected


def test_no_signature_block() -> None:
    assert extract_signer(["Nội dung văn bản bình thường.", "Không có chữ ký"]) is None


def test_prefix_without_space_and_concurrent_title() -> None:
    signer = extract_signer(
        ["TM.HỘI ĐỒNG THẨM ĐỊNH", "CHỦ TỊCH", "GIÁM ĐỐC SỞ NỘI VỤ", "Đỗ Văn Chung"]
    )
    assert signer is not None
    assert (signer.authority, signer.on_behalf_of, signer.position, signer.name) == (
        ["TM."],
        "HỘI ĐỒNG THẨM ĐỊNH",
        "CHỦ TỊCH",
        "Đỗ Văn Chung",
    )
    signer = extract_signer(["TL.CHỦ TỊCH", "KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG"])
    assert signer is not None and signer.authority == ["TL.", "KT."]


def test_stray_line_before_the_name() -> None:
    signer = extract_signer(["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Hdfđ", "Nguyễn Đức Vũ"])
    assert signer is not None and signer.name == "Nguyễn Đức Vũ"
