"""PDF: two backends, header columns, stamps and page numbers, damaged layers, errors."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from vanban.errors import CorruptDocument
from vanban.limits import Limits
from vanban.loaders.pdf import load_bytes
from vanban.loaders.pdf_backends import available_backends, open_backend

from .conftest import FORMATS

PDF = (FORMATS / "cv001.pdf").read_bytes()
BACKENDS = available_backends()
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")


def make_pdf(pages: list[list[tuple[float, float, str]]], *, image_only: bool = False) -> bytes:
    """A PDF whose pages hold the given (x, y-from-top, text) strings."""
    canvas_mod = pytest.importorskip("reportlab.pdfgen.canvas")
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if not FONT.exists():
        pytest.skip("DejaVu fonts not installed (apt-get install fonts-dejavu-core)")
    pdfmetrics.registerFont(TTFont("TestSerif", str(FONT)))
    buf = io.BytesIO()
    c = canvas_mod.Canvas(buf, pagesize=(595, 842), invariant=1)
    for page in pages:
        if image_only:
            c.rect(50, 50, 400, 600, fill=1)
        c.setFont("TestSerif", 12)
        for x, y, text in page:
            c.drawString(x, 842 - y, text)
        c.showPage()
    c.save()
    return buf.getvalue()


@pytest.mark.parametrize("backend", BACKENDS)
def test_fixture_header_columns_are_not_interleaved(backend: str) -> None:
    lines = load_bytes(PDF, backend=backend).text.splitlines()
    assert lines[:9] == [
        "ỦY BAN NHÂN DÂN",
        "TỈNH ĐẮK NÔNG",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 2680/UBND-KGVX",
        "V/v triển khai thực hiện Chỉ thị",
        "số 12/CT-TTg ngày 12/5/2021",
        "của Thủ tướng Chính phủ",
        "Đắk Nông, ngày 31 tháng 5 năm 2021",
    ]


@pytest.mark.parametrize("backend", BACKENDS)
def test_fixture_stamp_and_page_numbers_are_dropped(backend: str) -> None:
    raw = load_bytes(PDF, backend=backend)
    assert raw.pages == 3
    assert "Ký bởi" not in raw.text and "Thời gian ký" not in raw.text and "@" not in raw.text
    assert not [x for x in raw.text.splitlines() if x.strip().isdigit()]
    tail = raw.text.splitlines()[-3:]
    assert tail == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Tôn Thị Ngọc Hạnh"]


def test_fixture_paragraphs_are_joined() -> None:
    lines = load_bytes(PDF).text.splitlines()
    first = next(x for x in lines if x.startswith("Thực hiện Chỉ thị"))
    assert first.endswith("Ủy ban nhân dân tỉnh chỉ đạo như sau:")


@pytest.mark.skipif(len(BACKENDS) < 2, reason="pypdfium2 not installed")
def test_backends_give_the_same_text_on_the_fixture() -> None:
    assert load_bytes(PDF, backend="pdfium").text == load_bytes(PDF, backend="pdfplumber").text


def test_backends_words_have_coordinates() -> None:
    for name in BACKENDS:
        doc = open_backend(PDF, name)
        try:
            words = doc.words(0)
            assert words and all(w.x1 >= w.x0 and w.bottom > w.top for w in words)
            assert doc.page_size(0) == pytest.approx((595.3, 841.9), abs=1)
        finally:
            doc.close()


def test_stamped_number_lands_on_its_line() -> None:
    # a number stamped at signing comes last in the content stream
    data = make_pdf(
        [
            [
                (80, 60, "UBND TỈNH LÂM ĐỒNG"),
                (300, 60, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
                (80, 90, "Số:"),
                (140, 90, "/UBND-VX"),
                (300, 90, "Lâm Đồng, ngày 5 tháng 3 năm 2025"),
                (80, 140, "Kính gửi: Sở Nội vụ"),
                (108, 90, "166"),
            ]
        ]
    )
    lines = load_bytes(data).text.splitlines()
    assert lines[:4] == [
        "UBND TỈNH LÂM ĐỒNG",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Số: 166 /UBND-VX",
        "Lâm Đồng, ngày 5 tháng 3 năm 2025",
    ]


def test_no_text_layer_is_reported_with_the_page_count() -> None:
    raw = load_bytes(make_pdf([[], []], image_only=True), ocr="never")
    assert raw.text == ""
    assert raw.pages == 2
    (issue,) = raw.issues
    assert issue.code == "text.no_text_layer" and "2 pages" in issue.message


def test_lost_capitals_are_a_damaged_layer() -> None:
    line = "Ủy ban nhân dân tỉnh giao Sở   ài chính và Sở   ư pháp chủ trì"
    raw = load_bytes(make_pdf([[(60, 100 + 20 * i, line) for i in range(6)]]), ocr="never")
    assert [i.code for i in raw.issues] == ["text.damaged_layer"]


def test_clean_text_is_not_damaged() -> None:
    line = "Ủy ban nhân dân tỉnh giao Sở Tài chính và Sở Tư pháp chủ trì thực hiện"
    raw = load_bytes(make_pdf([[(60, 100 + 20 * i, line) for i in range(6)]]))
    assert raw.issues == []


def test_tcvn3_mojibake_layer_is_converted() -> None:
    # a .VnTime PDF without a ToUnicode map: the bytes show as Latin-1 letters
    line = "C\xe9ng ho\xb5 x\xb7 h\xe9i ch\xf1 ngh\xdca vi\xd6t nam c\xf1a c\xb8c t\xd8nh"
    raw = load_bytes(make_pdf([[(60, 100 + 20 * i, line) for i in range(4)]]))
    assert "Cộng hoà xã hội chủ nghĩa việt nam của các tỉnh" in raw.text
    assert [i.code for i in raw.issues] == ["text.legacy_encoding"]


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("data", [b"%PDF-1.7\n garbage", PDF[: len(PDF) // 3], b"%PDF-"])
def test_corrupt_pdf_raises_corrupt_document(backend: str, data: bytes) -> None:
    with pytest.raises(CorruptDocument):
        load_bytes(data, backend=backend)


def test_page_limit_reads_the_first_pages_and_says_so() -> None:
    raw = load_bytes(PDF, limits=Limits(max_pdf_pages=1))
    assert raw.pages == 3
    assert [i.code for i in raw.issues] == ["limits.pages"]
    assert "Nơi nhận" not in raw.text
