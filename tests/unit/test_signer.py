"""Signature blocks: real forms from design/domain.md §1.5.7 and the corpus."""

from __future__ import annotations

import pytest

from vanban.extract.person_name import find_name, is_name
from vanban.extract.signer import extract_signer, extract_signers, lead_signer, signer_issues
from vanban.models import Signer

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
    # Shapes typed from the tvpl / vbpl copies of laws, decrees and circulars.
    pytest.param(
        ["CHỦ TỊCH QUỐC HỘI Nguyễn Sinh Hùng"],
        ([], None, "CHỦ TỊCH QUỐC HỘI", "Nguyễn Sinh Hùng"),
        id="national-assembly-one-line",
    ),
    pytest.param(
        ["CHỦ TỊCH QUỐC HỘI", "(Đã ký)", "Trần Thanh Mẫn"],
        ([], None, "CHỦ TỊCH QUỐC HỘI", "Trần Thanh Mẫn"),
        id="national-assembly-lines",
    ),
    pytest.param(
        [
            "XÁC THỰC VĂN BẢN HỢP NHẤT CHỦ NHIỆM Bùi Văn Cường Luật Đất đai số 31/2024/QH15 có "
            "hiệu lực kể từ ngày 01 tháng 01 năm 2025"
        ],
        ([], None, "CHỦ NHIỆM", "Bùi Văn Cường"),
        id="vbhn-heading-and-footnote",
    ),
    pytest.param(
        ["XÁC THỰC VĂN BẢN HỢP NHẤT CHỦ NHIỆM Nguyễn Hạnh Phúc 1 Luật hải quan số 54/2014/QH13"],
        ([], None, "CHỦ NHIỆM", "Nguyễn Hạnh Phúc"),
        id="vbhn-footnote-number",
    ),
    pytest.param(
        ["TM. CHÍNH PHỦ KT.", "THỦ TƯỚNG PHÓ THỦ TƯỚNG Trần Hồng Hà", "PHỤ LỤC I MẪU THÔNG BÁO"],
        (["TM.", "KT."], "THỦ TƯỚNG", "PHÓ THỦ TƯỚNG", "Trần Hồng Hà"),
        id="split-after-kt",
    ),
    pytest.param(
        ["TM.", "CHÍNH PHỦ KT. THỦ TƯỚNG PHÓ THỦ TƯỚNG Phạm Bình Minh"],
        (["TM.", "KT."], "THỦ TƯỚNG", "PHÓ THỦ TƯỚNG", "Phạm Bình Minh"),
        id="split-after-tm",
    ),
    pytest.param(
        [
            "TM. CHÍNH PHỦ KT. THỦ TƯỚNG PHÓ THỦ TƯỚNG Trần Hồng Hà Phụ lục (Kèm theo Nghị định số "
            "291/2025/NĐ-CP ngày 06 tháng 11 năm 2025 của Chính phủ) Mẫu số 04/LCHS",
            "THUẾ CƠ SỞ:.....",
        ],
        (["TM.", "KT."], "THỦ TƯỚNG", "PHÓ THỦ TƯỚNG", "Trần Hồng Hà"),
        id="runs-on-into-phu-luc",
    ),
    pytest.param(
        [
            "KT. BỘ TRƯỞNG THỨ TRƯỞNG Nguyễn Hữu Chí Mẫu Quyết định số 01/QĐ-HĐ (Ban hành kèm theo "
            "Thông tư số 203/2014/TT-BTC ngày 22/12/2014 của Bộ Tài chính) TỔNG CỤC HẢI QUAN"
        ],
        (["KT."], "BỘ TRƯỞNG", "THỨ TRƯỞNG", "Nguyễn Hữu Chí"),
        id="runs-on-into-a-form",
    ),
    pytest.param(
        [
            "KT.",
            "TỔNG CỤC TRƯỞNG PHÓ TỔNG CỤC TRƯỞNG Vũ Ngọc Anh TÊN ĐƠN VỊ CUNG CẤP:……….",
            "ĐỊA CHỈ:....",
        ],
        (["KT."], "TỔNG CỤC TRƯỞNG", "PHÓ TỔNG CỤC TRƯỞNG", "Vũ Ngọc Anh"),
        id="runs-on-into-upper-case",
    ),
    pytest.param(
        [
            "KT. BỘ TRƯỞNG THỨ TRƯỞNG Vũ Thị Mai DANH MỤC CÁC BIỂU MẪU (Ban hành kèm Thông tư số 22/2019)"
        ],
        (["KT."], "BỘ TRƯỞNG", "THỨ TRƯỞNG", "Vũ Thị Mai"),
        id="runs-on-into-danh-muc",
    ),
    pytest.param(
        ["BỘ TRƯỞNG Đặng Quốc Khánh CHƯƠNG TRÌNH HÀNH ĐỘNG CỦA NGÀNH TÀI NGUYÊN VÀ MÔI TRƯỜNG"],
        ([], None, "BỘ TRƯỞNG", "Đặng Quốc Khánh"),
        id="minister-without-prefix",
    ),
    pytest.param(
        ["BỘ TRƯỞNG, CHỦ NHIỆM Mai Tiến Dũng"],
        ([], None, "BỘ TRƯỞNG, CHỦ NHIỆM", "Mai Tiến Dũng"),
        id="title-with-comma",
    ),
    pytest.param(
        ["THỐNG ĐỐC", "PHÓ THỐNG ĐỐC", "(Đã ký)", "Đoàn Thái Sơn"],
        ([], None, "PHÓ THỐNG ĐỐC", "Đoàn Thái Sơn"),
        id="deputy-without-kt",
    ),
    pytest.param(
        ["KT.THỐNG ĐỐC", "PHÓ THỐNG ĐỐC", "(Đã ký)", "Phạm Tiến Dũng", "PHỤ LỤC"],
        (["KT."], "THỐNG ĐỐC", "PHÓ THỐNG ĐỐC", "Phạm Tiến Dũng"),
        id="governor-glued-prefix",
    ),
    pytest.param(
        ["TM. ỦY BAN THƯỜNG VỤ QUỐC HỘI", "CHỦ TỊCH", "( đã kí)", "Trần Thanh Mẫn"],
        (["TM."], "ỦY BAN THƯỜNG VỤ QUỐC HỘI", "CHỦ TỊCH", "Trần Thanh Mẫn"),
        id="da-ki-with-spaces",
    ),
    pytest.param(
        ["KT. BỘ TRƯỞNG", "THỨ TRƯỞNG", "(Đã ký)", "Thượng tướng Nguyễn Trường Thắng"],
        (["KT."], "BỘ TRƯỞNG", "THỨ TRƯỞNG", "Nguyễn Trường Thắng"),
        id="rank-before-name",
    ),
    pytest.param(
        ["BỘ TRƯỞNG", "Đại tướng Lương Tam Quang", "Phụ lục", "CÁC MẪU TUYỂN CHỌN, CHẾ ĐỘ"],
        ([], None, "BỘ TRƯỞNG", "Lương Tam Quang"),
        id="general-then-appendix",
    ),
    pytest.param(
        ["KT. TH", "Ủ TƯỚNG", "PHÓ TH", "Ủ TƯỚNG", "( Đã ký )", "Hồ Quốc Dũng"],
        (["KT."], "THỦ TƯỚNG", "PHÓ THỦ TƯỚNG", "Hồ Quốc Dũng"),
        id="words-broken-across-lines",
    ),
    pytest.param(
        ["KT. B", "Ộ TRƯỞNG", "TH", "Ứ TRƯỞNG", "(Đã ký)", "Y Thông"],
        (["KT."], "BỘ TRƯỞNG", "THỨ TRƯỞNG", "Y Thông"),
        id="broken-words-two-syllable-name",
    ),
    pytest.param(
        ["TL.", "BỘ TRƯỞNG CHÁNH VĂN PHÒNG Nguyễn Đức Tâm"],
        (["TL."], "BỘ TRƯỞNG", "CHÁNH VĂN PHÒNG", "Nguyễn Đức Tâm"),
        id="tl-alone-then-flattened",
    ),
    pytest.param(
        ["TM. HỘI ĐỒNG THẨM PHÁN CHÁNH ÁN Nguyễn Hòa Bình"],
        (["TM."], "HỘI ĐỒNG THẨM PHÁN", "CHÁNH ÁN", "Nguyễn Hòa Bình"),
        id="collegial-body-flattened",
    ),
    pytest.param(
        ["TL. BỘ TRƯỞNG", "CỤC TRƯỞNG CỤC BỔ TRỢ TƯ PHÁP", "Lê Xuân Hồng"],
        (["TL."], "BỘ TRƯỞNG", "CỤC TRƯỞNG CỤC BỔ TRỢ TƯ PHÁP", "Lê Xuân Hồng"),
        id="long-unit-title",
    ),
    pytest.param(
        ["TL. BỘ TRƯỞNG", "CỤC TRƯỞNG", "CỤC BỔ TRỢ TƯ PHÁP", "Lê Xuân Hồng"],
        (["TL."], "BỘ TRƯỞNG", "CỤC TRƯỞNG CỤC BỔ TRỢ TƯ PHÁP", "Lê Xuân Hồng"),
        id="long-unit-title-wrapped",
    ),
    pytest.param(
        ["TL. BỘ TRƯỞNG VỤ TRƯỞNG VỤ PHÁP CHẾ Nguyễn Thị Hà"],
        (["TL."], "BỘ TRƯỞNG", "VỤ TRƯỞNG VỤ PHÁP CHẾ", "Nguyễn Thị Hà"),
        id="long-unit-title-flattened",
    ),
    pytest.param(
        ["TM. BAN CHỈ ĐẠO", "PHÓ TRƯỞNG BAN", "PHÓ CHỦ TỊCH UBND TỈNH", "Nguyễn Ngọc Phúc"],
        (["TM."], "BAN CHỈ ĐẠO", "PHÓ TRƯỞNG BAN", "Nguyễn Ngọc Phúc"),
        id="concurrent-title-left-out",
    ),
    pytest.param(
        ["KT. CHÁNH ÁN TÒA ÁN", "NHÂN DÂN TỐI CAO", "PHÓ CHÁNH ÁN", "(Đã ký)", "Nguyễn Văn Tiến"],
        (["KT."], "CHÁNH ÁN TÒA ÁN NHÂN DÂN TỐI CAO", "PHÓ CHÁNH ÁN", "Nguyễn Văn Tiến"),
        id="on-behalf-wrapped",
    ),
    pytest.param(
        ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "|]", "Nguyễn Đức Vũ"],
        (["KT."], "GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Nguyễn Đức Vũ"),
        id="seal-noise-line",
    ),
    pytest.param(
        [
            "KT. BỘ TRƯỞNG",
            "BỘ QUỐC PHÒNG",
            "THỨ TRƯỞNG",
            "(Đã ký)",
            "Thượng tướng Võ Minh Lươn",
            "g",
        ],
        (["KT."], "BỘ TRƯỞNG BỘ QUỐC PHÒNG", "THỨ TRƯỞNG", "Võ Minh Lương"),
        id="name-broken-across-lines",
    ),
    pytest.param(
        ["Nguyễn Văn An (Đã ký)"],
        ([], None, None, "Nguyễn Văn An"),
        id="signed-name-alone",
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


def test_a_bare_name_or_a_place_is_no_block() -> None:
    assert extract_signer(["Hà Nội"]) is None
    assert extract_signer(["Nguyễn Văn An"]) is None
    assert (
        extract_signer(["TL", "Trong đó:", "TS: Giá trị quy đổi của từng tài sản bảo đảm;"]) is None
    )


JOINT = [
    "KT. BỘ TRƯỞNG",
    "BỘ CÔNG AN",
    "THỨ TRƯỞNG",
    "(Đã ký)",
    "Thượng tướng Lê Quốc Hùng",
    "KT. BỘ TRƯỞNG",
    "BỘ TƯ PHÁP",
    "THỨ TRƯỞNG",
    "(Đã ký)",
    "Nguyễn Thanh Ngọc",
    "KT. VIỆN TRƯỞNG VIỆN KIỂM SÁT",
    "NHÂN DÂN TỐI CAO",
    "PHÓ VIỆN TRƯỞNG",
    "(Đã ký)",
    "Hồ Đức Anh",
    "Nơi nhận:",
    "- Ban Bí thư TW Đảng;",
]


def test_joint_circular_every_block_in_order() -> None:
    signers = extract_signers(JOINT)
    assert [(s.on_behalf_of, s.position, s.name) for s in signers] == [
        ("BỘ TRƯỞNG BỘ CÔNG AN", "THỨ TRƯỞNG", "Lê Quốc Hùng"),
        ("BỘ TRƯỞNG BỘ TƯ PHÁP", "THỨ TRƯỞNG", "Nguyễn Thanh Ngọc"),
        ("VIỆN TRƯỞNG VIỆN KIỂM SÁT NHÂN DÂN TỐI CAO", "PHÓ VIỆN TRƯỞNG", "Hồ Đức Anh"),
    ]
    # The lead agency is the one the header names first.
    lead = lead_signer(signers, ["BỘ TƯ PHÁP - BỘ CÔNG AN - VIỆN KIỂM SÁT NHÂN DÂN TỐI CAO"])
    assert lead is not None and lead.name == "Nguyễn Thanh Ngọc"
    assert lead_signer(signers, ["BỘ NỘI VỤ"]) == signers[0]


def test_joint_circular_flattened_on_one_line() -> None:
    line = (
        "KT. BỘ TRƯỞNG BỘ CÔNG THƯƠNG THỨ TRƯỞNG Nguyễn Cẩm Tú "
        "KT. BỘ TRƯỞNG BỘ TÀI CHÍNH THỨ TRƯỞNG Đỗ Hoàng Anh Tuấn"
    )
    signers = extract_signers([line, "Nơi nhận:"])
    assert [(s.authority, s.on_behalf_of, s.name) for s in signers] == [
        (["KT."], "BỘ TRƯỞNG BỘ CÔNG THƯƠNG", "Nguyễn Cẩm Tú"),
        (["KT."], "BỘ TRƯỞNG BỘ TÀI CHÍNH", "Đỗ Hoàng Anh Tuấn"),
    ]
    lead = lead_signer(signers, ["BỘ TÀI CHÍNH - BỘ CÔNG THƯƠNG"])
    assert lead is not None and lead.name == "Đỗ Hoàng Anh Tuấn"


def test_a_block_is_not_followed_by_body_text() -> None:
    signers = extract_signers(["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Ngọc Phúc", "Trần Văn Hiệp"])
    assert len(signers) == 1


def test_issues_say_why_a_signer_is_empty() -> None:
    assert [i.code for i in signer_issues([], found=False)] == ["signer.missing"]
    assert [i.code for i in signer_issues([], found=True)] == ["signer.missing"]
    unsigned = Signer(authority=["TM."], on_behalf_of="ỦY BAN NHÂN DÂN", position="CHỦ TỊCH")
    assert [i.code for i in signer_issues([unsigned], found=True)] == ["signer.name_missing"]
    whole = Signer(position="BỘ TRƯỞNG", name="Nguyễn Mạnh Hùng")
    assert signer_issues([whole], found=True) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Nguyễn Sinh Hùng", "Nguyễn Sinh Hùng"),
        ("Đỗ Hoàng Anh Tuấn", "Đỗ Hoàng Anh Tuấn"),
        ("Y Thông", "Y Thông"),
        ("Thiếu tướng Nguyễn Văn Long", "Nguyễn Văn Long"),
        ("Trần Hồng Hà Phụ lục (Kèm theo Nghị định)", "Trần Hồng Hà"),
        ("Lê Quang Tùng [[1]] Luật Đất đai số 31/2024/QH15", "Lê Quang Tùng"),
        ("Bùi Văn Cường Luật Đất đai số 31/2024/QH15 có hiệu lực", "Bùi Văn Cường"),
        ("Vũ Ngọc Anh TÊN ĐƠN VỊ CUNG CẤP", "Vũ Ngọc Anh"),
        ("Nguyễn Văn Nam Quy định chi tiết", "Nguyễn Văn Nam"),
        ("Bộ Tài chính", None),
        ("Bộ Công Thương", None),
        ("Hà Nội, ngày 5 tháng 3 năm 2025", None),
        ("Quốc hội ban hành Luật", None),
        ("Nguyễn", None),
    ],
)
def test_find_name(text: str, name: str | None) -> None:
    m = find_name(text)
    assert (m.name if m else None) == name


def test_is_name_is_the_whole_text() -> None:
    assert is_name("Trần Thanh Mẫn")
    assert not is_name("Trần Thanh Mẫn PHỤ LỤC")


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        pytest.param(
            ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "i ,ỷ |ị . ~ ` '", "Nguyễn Đức Vũ"],
            (["KT."], "GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Nguyễn Đức Vũ"),
            id="seal-specks",
        ),
        pytest.param(
            ["KT. KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Hồng Hải"],
            (["KT."], "CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Hồng Hải"),
            id="doubled-prefix",
        ),
        pytest.param(
            ["TM. CHÍNH PHỦ KT. THỦ TƯỚNG PHÓ PHÓ THỦ TƯỚNG Trần Hồng Hà"],
            (["TM.", "KT."], "THỦ TƯỚNG", "PHÓ THỦ TƯỚNG", "Trần Hồng Hà"),
            id="doubled-title-word",
        ),
        pytest.param(
            ["CHỦ TỊCH QUÓC HỘI NguyễnThị Kim Ngân"],
            ([], None, "CHỦ TỊCH QUÓC HỘI", "Nguyễn Thị Kim Ngân"),
            id="tone-swapped-and-glued",
        ),
        pytest.param(
            ["KT. CHU TỊCH", "PHÓ CHỦ TICH", "Đỗ Hoàng Hoàng Anh Tuấn"],
            (["KT."], "CHU TỊCH", "PHÓ CHỦ TICH", "Đỗ Hoàng Anh Tuấn"),
            id="marks-dropped-syllable-doubled",
        ),
    ],
)
def test_ocr_damage(lines: list[str], expected: tuple[object, ...]) -> None:
    signer = extract_signer(lines)
    assert signer is not None
    assert (signer.authority, signer.on_behalf_of, signer.position, signer.name) == expected


def test_an_unsigned_drafts_appendix_heading_is_no_part_of_the_title() -> None:
    """A draft with no name yet: "CHỦ TỊCH" and then the attached plan's "PHỤ LỤC"."""
    signer = extract_signer(
        ["CHỦ TỊCH", "PHỤ LỤC", "PHÂN CÔNG THỰC HIỆN NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH", "STT"]
    )
    assert signer is not None
    assert (signer.position, signer.name) == ("CHỦ TỊCH", None)
