"""Page layout from word boxes: the closing block's two columns, with or without its label.

The pages are built from word boxes in points (origin top left), the way a text layer or
Tesseract's TSV gives them: a body paragraph across the page, then the closing block of
Nghị định 30 (Phụ lục I, item 9) with the distribution list on the left and the signer
on the right, on the same lines.
"""

from __future__ import annotations

from vanban.loaders.pdf_backends import Word
from vanban.loaders.pdf_layout import Page, layout_pages, make_lines


def _line(top: float, *cells: tuple[float, str]) -> list[Word]:
    """Words of one line: each cell is (x where it starts, its text); 6 pt per letter."""
    words = []
    for x0, text in cells:
        x = x0
        for token in text.split():
            words.append(Word(token, x, x + 6 * len(token), top, top + 12))
            x += 6 * len(token) + 4
    return words


def _page(*lines: list[Word]) -> list[str]:
    words = [w for line in lines for w in line]
    return layout_pages([Page(make_lines(words), 595.0, 842.0)])


BODY_TEXT = "Sở Nội vụ kính trình Chủ tịch UBND tỉnh xem xét, cho phép đổi tên hội./."
BODY = _line(400, (100, BODY_TEXT))


def test_closing_block_without_its_label_is_cut_into_its_columns() -> None:
    text = _page(
        BODY,
        _line(440, (100, "- Như trên;"), (380, "KT. GIÁM ĐỐC")),
        _line(456, (100, "- Giám đốc Sở;"), (380, "PHÓ GIÁM ĐỐC")),
        _line(472, (100, "- Lưu: VT, TCBC.")),
        _line(540, (385, "Nguyễn Đức Vũ")),
    )
    assert text[-6:] == [
        "- Như trên;",
        "- Giám đốc Sở;",
        "- Lưu: VT, TCBC.",
        "KT. GIÁM ĐỐC",
        "PHÓ GIÁM ĐỐC",
        "Nguyễn Đức Vũ",
    ]


def test_a_labelled_closing_block_is_cut_the_same_way() -> None:
    text = _page(
        BODY,
        _line(430, (100, "Nơi nhận:"), (380, "KT. GIÁM ĐỐC")),
        _line(446, (100, "- Như trên;"), (380, "PHÓ GIÁM ĐỐC")),
        _line(462, (100, "- Lưu: VT.")),
        _line(540, (385, "Nguyễn Đức Vũ")),
    )
    assert text[-6:] == [
        "Nơi nhận:",
        "- Như trên;",
        "- Lưu: VT.",
        "KT. GIÁM ĐỐC",
        "PHÓ GIÁM ĐỐC",
        "Nguyễn Đức Vũ",
    ]


def test_a_signing_title_wider_than_the_line_above_stays_in_its_column() -> None:
    """Centred under "TL. BỘ TRƯỞNG", a longer title starts left of it: the line still
    parts at the wide gap after "- Như trên;" (it used to end the block there and
    join the two columns into "- Như trên; CỤC TRƯỞNG …")."""
    text = _page(
        BODY,
        _line(430, (100, "Nơi nhận:"), (380, "TL. BỘ TRƯỞNG")),
        _line(446, (100, "- Như trên;"), (320, "CỤC TRƯỞNG CỤC BỔ TRỢ TƯ PHÁP")),
        _line(462, (100, "- Lưu: VT, BTTP.")),
        _line(540, (390, "Lê Xuân Hồng")),
    )
    assert text[-7:] == [
        BODY_TEXT,
        "Nơi nhận:",
        "- Như trên;",
        "- Lưu: VT, BTTP.",
        "TL. BỘ TRƯỞNG",
        "CỤC TRƯỞNG CỤC BỔ TRỢ TƯ PHÁP",
        "Lê Xuân Hồng",
    ]


def test_a_closing_block_ends_at_a_line_across_its_columns() -> None:
    """A wide gap is not enough: the words after it must stand centred right of the cut."""
    text = _page(
        BODY,
        _line(430, (100, "Nơi nhận:"), (380, "KT. GIÁM ĐỐC")),
        _line(446, (100, "- Như trên;"), (380, "PHÓ GIÁM ĐỐC")),
        _line(470, (100, "Ghi chú: hồ sơ gửi kèm"), (250, "theo đường bưu điện trước ngày 20.")),
    )
    assert text[-1] == "Ghi chú: hồ sơ gửi kèm theo đường bưu điện trước ngày 20."


def test_a_two_column_list_in_the_body_is_left_alone() -> None:
    """A list item with a lower-case note in the right half is a table row, not a signer."""
    rows = [
        _line(440, (100, "- Sở Tài chính"), (380, "chủ trì thực hiện")),
        _line(456, (100, "- Sở Nội vụ"), (380, "phối hợp thực hiện")),
    ]
    assert _page(BODY, *rows)[-2:] == [
        "- Sở Tài chính chủ trì thực hiện",
        "- Sở Nội vụ phối hợp thực hiện",
    ]


def test_no_cut_when_a_paragraph_runs_across_the_columns_below() -> None:
    """Capitals after a list item, but the text goes on across the page: still the body."""
    text = _page(
        BODY,
        _line(440, (100, "- Kinh phí:"), (380, "NGÂN SÁCH TỈNH")),
        _line(
            470, (100, "Các cơ quan, đơn vị căn cứ nội dung Kế hoạch này để triển khai thực hiện.")
        ),
    )
    assert text[-2] == "- Kinh phí: NGÂN SÁCH TỈNH"
