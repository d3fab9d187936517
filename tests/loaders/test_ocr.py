"""OCR: scans and images read with Tesseract, damaged layers, missing Tesseract, confidence.

The page images are drawn here (a công văn header in DejaVu Serif, 300 dpi) so
nothing from the corpus is needed; the tests that run Tesseract skip when it
(or its Vietnamese model) is not installed and keep to a few small images.
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
from pathlib import Path
from typing import Any

import pytest

import vanban
from vanban.errors import MissingDependency
from vanban.limits import Limits
from vanban.loaders import image as image_loader
from vanban.loaders import ocr as ocr_mod
from vanban.loaders import pdf as pdf_loader
from vanban.loaders.ocr import OcrResult, check_mode, require_tesseract
from vanban.loaders.ocr_report import field_confidence
from vanban.loaders.pdf_damage import damage

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")
BOLD = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf")

# (x, y, text, bold) in pixels at 300 dpi on an A4-wide strip
HEADER = [
    (150, 120, "ỦY BAN NHÂN DÂN", True),
    (170, 180, "TỈNH LÂM ĐỒNG", True),
    (1000, 120, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", True),
    (1160, 180, "Độc lập - Tự do - Hạnh phúc", True),
    (150, 280, "Số: 1234/UBND-VX", False),
    (1100, 280, "Lâm Đồng, ngày 15 tháng 3 năm 2025", False),
    (150, 340, "V/v triển khai công tác cải cách hành chính", False),
    (700, 470, "Kính gửi: Sở Nội vụ tỉnh Lâm Đồng", False),
    (300, 580, "Ủy ban nhân dân tỉnh giao Sở Nội vụ chủ trì thực hiện.", False),
]


def _tesseract() -> None:
    try:
        require_tesseract("the test")
    except MissingDependency as exc:
        pytest.skip(str(exc))


def _image(seal: bool = False) -> Any:
    pil = pytest.importorskip("PIL.Image")
    from PIL import ImageDraw, ImageFont

    if not FONT.exists():
        pytest.skip("DejaVu fonts not installed (apt-get install fonts-dejavu-core)")
    image = pil.new("RGB", (2480, 700), "white")
    draw = ImageDraw.Draw(image)
    fonts = {b: ImageFont.truetype(str(BOLD if b else FONT), 46) for b in (False, True)}
    for x, y, text, bold in HEADER:
        draw.text((x, y), text, fill="black", font=fonts[bold])
    if seal:  # a red seal over the issuer: its ink darkens the print under it (multiply)
        from PIL import ImageChops

        stamp = pil.new("RGB", image.size, "white")
        ink = ImageDraw.Draw(stamp)
        for r in range(150, 190, 6):
            ink.ellipse((340 - r, 170 - r, 340 + r, 170 + r), outline=(210, 40, 50), width=5)
        ink.text((180, 140), "SỞ NỘI VỤ", fill=(210, 40, 50), font=fonts[True])
        image = ImageChops.multiply(image, stamp)
    return image


def _png(image: Any) -> bytes:
    buf = io.BytesIO()
    image.save(buf, format="PNG", dpi=(300, 300))
    return buf.getvalue()


def _scanned_pdf(image: Any) -> bytes:
    """A PDF whose only page is ``image`` (a scan: no text layer)."""
    buf = io.BytesIO()
    image.save(buf, format="PDF", resolution=300.0)
    return buf.getvalue()


def _hide_tesseract(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("vanban.loaders.ocr.shutil.which", lambda _cmd: None)


# ---------------------------------------------------------------- with Tesseract


def test_image_header_is_read_by_ocr() -> None:
    _tesseract()
    doc = vanban.parse(_png(_image()), format="image")
    assert doc.source.ocr is True and doc.source.format == "image"
    assert doc.number is not None and doc.number.raw == "1234/UBND-VX"
    assert doc.issued_date == dt.date(2025, 3, 15)
    assert doc.issuer is not None and doc.issuer.name == "Ủy ban nhân dân tỉnh Lâm Đồng"
    (summary,) = [i for i in doc.issues if i.code == "text.ocr"]
    assert "mean word confidence" in summary.message


def test_scanned_pdf_is_ocrd_and_says_so() -> None:
    _tesseract()
    data = _scanned_pdf(_image())
    doc = vanban.parse(data)
    assert doc.source.format == "pdf" and doc.source.ocr is True
    assert doc.number is not None and doc.number.raw == "1234/UBND-VX"
    assert doc.issued_date == dt.date(2025, 3, 15)
    assert "text.ocr" in [i.code for i in doc.issues]
    assert "text.no_text_layer" not in [i.code for i in doc.issues]


def test_red_seal_over_the_issuer_is_dropped_before_ocr() -> None:
    _tesseract()
    doc = vanban.parse(_png(_image(seal=True)), format="image")
    # in plain grey the seal hides the whole issuer block from Tesseract
    assert doc.issuer is not None and doc.issuer.name == "Ủy ban nhân dân tỉnh Lâm Đồng"
    assert doc.number is not None and doc.number.raw == "1234/UBND-VX"


def test_ocr_never_keeps_todays_no_text_layer() -> None:
    data = _scanned_pdf(_image())
    doc = vanban.parse(data, ocr="never")
    assert doc.source.ocr is False
    assert [i.code for i in doc.issues if i.code.startswith("text.")] == ["text.no_text_layer"]
    raw = image_loader.load_bytes(_png(_image()), ocr="never")
    assert raw.text == "" and [i.code for i in raw.issues] == ["text.no_text_layer"]


def test_max_ocr_pages_zero_reports_the_pages_left_out() -> None:
    _tesseract()
    raw = pdf_loader.load_bytes(_scanned_pdf(_image()), limits=Limits(max_ocr_pages=0))
    assert "limits.ocr_pages" in [i.code for i in raw.issues]


# ---------------------------------------------------------------- without Tesseract


def test_scan_without_tesseract_raises_missing_dependency(monkeypatch: pytest.MonkeyPatch) -> None:
    _hide_tesseract(monkeypatch)
    data = _scanned_pdf(_image())
    with pytest.raises(
        MissingDependency, match="apt-get install -y tesseract-ocr tesseract-ocr-vie"
    ):
        vanban.parse(data)
    with pytest.raises(MissingDependency, match="tesseract-ocr-vie"):
        vanban.parse(_png(_image()), format="image")


def test_tesseract_off_path_raises_missing_dependency(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # an empty PATH: no tesseract program
    if shutil.which("tesseract"):
        pytest.skip("tesseract still found")
    with pytest.raises(MissingDependency, match="not installed: apt-get install"):
        vanban.parse(_scanned_pdf(_image()))


def test_missing_vietnamese_model_says_which_package(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("vanban.loaders.ocr.shutil.which", lambda _cmd: "/usr/bin/tesseract")
    monkeypatch.setattr(ocr_mod, "_probe", lambda _path: ("5.3.0", frozenset({"eng", "osd"})))
    with pytest.raises(MissingDependency, match="apt-get install -y tesseract-ocr-vie"):
        vanban.parse(_scanned_pdf(_image()))


def test_readable_pages_are_kept_when_others_need_ocr(monkeypatch: pytest.MonkeyPatch) -> None:
    _hide_tesseract(monkeypatch)
    from .test_pdf import make_pdf

    line = "Ủy ban nhân dân tỉnh giao Sở Tài chính và Sở Tư pháp chủ trì thực hiện"
    data = make_pdf([[(60, 100 + 20 * i, line) for i in range(6)], []], image_only=True)
    raw = pdf_loader.load_bytes(data)
    assert "Sở Tài chính" in raw.text
    (issue,) = [i for i in raw.issues if i.code == "text.needs_ocr"]
    assert "page 2" in issue.message and "apt-get install" in issue.message


def test_english_ocr_layer_is_damaged_and_needs_ocr(monkeypatch: pytest.MonkeyPatch) -> None:
    from .test_pdf import make_pdf

    lines = [
        "UY BAN NHAN DAN TINH LAM DONG",
        "CONG HOA XA HOI CHU NGHIA VIET NAM",
        "S6: 12/UBND-VX Lam Dong, ngdy 5 thang 3 ndm 2025",
        "Kinh gui: So Noi vu tinh Lam Dong",
        "Uy ban nhdn ddn tinh giao So Noi vu chu tri thuc hien",
    ]
    data = make_pdf([[(60, 100 + 20 * i, text) for i, text in enumerate(lines)]])
    raw = pdf_loader.load_bytes(data, ocr="never")
    assert [i.code for i in raw.issues] == ["text.damaged_layer"]
    assert "diacritics" in raw.issues[0].message
    _hide_tesseract(monkeypatch)
    with pytest.raises(MissingDependency):
        pdf_loader.load_bytes(data)


def test_clean_text_layer_is_not_ocrd(monkeypatch: pytest.MonkeyPatch) -> None:
    _hide_tesseract(monkeypatch)  # would raise if OCR were tried
    from .test_pdf import make_pdf

    line = "Ủy ban nhân dân tỉnh giao Sở Tài chính và Sở Tư pháp chủ trì thực hiện"
    raw = pdf_loader.load_bytes(make_pdf([[(60, 100 + 20 * i, line) for i in range(6)]]))
    assert raw.issues == [] and getattr(raw, "ocr", None) is None


# ---------------------------------------------------------------- pieces


def test_damage_tells_a_lost_diacritics_layer_from_english() -> None:
    vietnamese_ascii = (
        "Kinh gui: Uy ban nhan dan tinh Lam Dong ve viec thuc hien cac nhiem vu. " * 3
    )
    english = "The committee met on Monday and agreed the budget for the next year. " * 3
    assert damage(vietnamese_ascii, []) is not None
    assert damage(english, []) is None
    assert damage("Kính gửi: Ủy ban nhân dân tỉnh Lâm Đồng về việc thực hiện. " * 3, []) is None


def test_field_confidence_finds_the_words_of_a_value() -> None:
    result = OcrResult(
        words=[("Số:", 96.0), ("12/UBND-VX", 41.0), ("Nguyễn", 90.0), ("Văn", 80.0), ("A", 70.0)]
    )
    assert field_confidence("12/UBND-VX", result) == 41.0
    assert field_confidence("Nguyễn Văn A", result) == pytest.approx(80.0)
    assert field_confidence("Trần Văn B", result) is None


def test_ocr_mode_is_checked() -> None:
    assert check_mode("never") == "never"
    with pytest.raises(ValueError, match="auto, always, never"):
        vanban.parse(b"x", ocr="sometimes")  # type: ignore[arg-type]


_OCR_TEXT = """ỦY BAN NHÂN DÂN
TỈNH LÂM ĐỒNG
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: {number}/UBND-VX
Lâm Đồng, ngày {day} tháng 3 năm 2025
V/v triển khai công tác cải cách hành chính
Kính gửi: Sở Nội vụ tỉnh Lâm Đồng
Ủy ban nhân dân tỉnh giao Sở Nội vụ chủ trì thực hiện."""


def _ocr_doc(number: str, day: str, conf: float) -> vanban.Document:
    """The pipeline on OCR'd text whose number and day were read with ``conf``."""
    from vanban.loaders.ocr import OcrRawDocument
    from vanban.pipeline import run
    from vanban.rules import load_rules

    text = _OCR_TEXT.format(number=number, day=day)
    words = [(w, conf if w in (f"{number}/UBND-VX", day) else 95.0) for w in text.split()]
    raw = OcrRawDocument(
        text=text, format="pdf", pages=1, ocr=OcrResult(pages=[1], words=words, engine="t")
    )
    return run(raw, path=None, sha256=None, rules=load_rules(()))


def test_handwritten_number_and_day_read_badly_give_null_and_an_issue() -> None:
    doc = _ocr_doc("289", "22", conf=35.0)
    assert doc.number is None and doc.issued_date is None
    codes = {i.code: i for i in doc.issues}
    assert codes["number.unreadable"].field == "number"
    assert "'289/UBND-VX'" in codes["number.unreadable"].message
    assert codes["date.unreadable"].field == "issued_date"
    assert doc.source.ocr is True and "text.ocr" in codes


def test_ocr_garbage_in_the_number_is_not_a_number() -> None:
    doc = _ocr_doc("2X", "22", conf=96.0)
    assert doc.number is None
    assert "number.unreadable" in [i.code for i in doc.issues]
    assert doc.issued_date == dt.date(2025, 3, 22)


def test_confidently_read_number_and_day_are_kept() -> None:
    doc = _ocr_doc("289", "22", conf=93.0)
    assert doc.number is not None and doc.number.raw == "289/UBND-VX"
    assert doc.issued_date == dt.date(2025, 3, 22)
    assert not [i for i in doc.issues if i.code.endswith(".unreadable")]


def _tsv(lines: list[list[tuple[str, float, int]]]) -> dict[str, list[Any]]:
    """Tesseract's TSV as pytesseract gives it: one text line per item of ``lines``,
    each word (text, confidence, left) 40 px high and 20 px wide per letter."""
    data: dict[str, list[Any]] = {
        k: [] for k in ("level", "block_num", "par_num", "line_num", "text", "conf")
    }
    data.update(left=[], top=[], width=[], height=[])

    def row(level: int, n: int, text: str, conf: float, left: int, width: int) -> None:
        for key, value in zip(
            ("level", "block_num", "par_num", "line_num", "text", "conf"),
            (level, 1, 1, n, text, conf),
            strict=True,
        ):
            data[key].append(value)
        data["left"].append(left)
        data["top"].append(100 * n)
        data["width"].append(width)
        data["height"].append(40)

    for n, words in enumerate(lines, start=1):
        row(4, n, "", -1, 0, 2400)
        for text, conf, left in words:
            row(5, n, text, conf, left, 20 * len(text))
    return data


def _ocr_lines(lines: list[list[tuple[str, float, int]]]) -> list[str]:
    from vanban.loaders.pdf_layout import make_lines

    page = ocr_mod._page(_tsv(lines), 0, 2480, 3508, 300)
    return [line.text for line in make_lines(page.words)]


def test_signature_strokes_read_on_the_distribution_line_are_dropped() -> None:
    """Far right of a well-read list item, a signature read as "72 S1 SN": a column of its own."""
    lines = _ocr_lines(
        [
            [
                *[("-", 93, 426), ("Như", 96, 451), ("kính", 96, 544), ("gửi;", 96, 636)],
                *[("72", 56, 1418), ("SN", 56, 1725)],
            ],
            [("-", 47, 1472), ("z", 68, 1713)],
            [("Nơi", 90, 425), ("nhận:", 88, 514)],
        ]
    )
    assert lines == ["- Như kính gửi;", "Nơi nhận:"]


def test_a_short_left_column_read_with_little_confidence_stays() -> None:
    """A handwritten number: the "Số:" line keeps its words for the number's Issue."""
    lines = _ocr_lines([[("Số:", 40, 300), ("0J/NQ-HĐQL", 45, 380), ("Đắk", 90, 1500)]])
    assert lines == ["Số: 0J/NQ-HĐQL Đắk"]


def _second_look(
    first: list[list[tuple[str, float, int]]],
    again: list[list[tuple[str, float, int]]],
    monkeypatch: pytest.MonkeyPatch,
) -> tuple[list[str], list[tuple[int, int, int, int]]]:
    """The lines of a page read as ``first``, after the signature block was read again
    as ``again`` (Tesseract's answer on the crop, in the crop's pixels), and the crops."""
    pil = pytest.importorskip("PIL.Image")
    import pytesseract

    from vanban.loaders.pdf_layout import make_lines

    crops: list[tuple[int, int, int, int]] = []
    image = pil.new("RGB", (2480, 3508), "white")
    real_crop = image.crop

    def crop(box: tuple[int, int, int, int]) -> Any:
        crops.append(box)
        return real_crop(box)

    monkeypatch.setattr(image, "crop", crop)
    monkeypatch.setattr(pytesseract, "image_to_data", lambda *a, **k: _tsv(again))
    page = ocr_mod._page(_tsv(first), 0, 2480, 3508, 300)
    page = ocr_mod._second_look(image, page, 300, "--psm 3", 30)
    return [line.text for line in make_lines(page.words)], crops


Lines = list[list[tuple[str, float, int]]]

SIGNED_FIRST: Lines = [
    [
        ("Nơi", 90, 300),
        ("nhận:", 90, 400),
        ("TM.", 96, 1400),
        ("BAN", 93, 1480),
        ("CHẤP", 92, 1580),
        ("HÀNH", 92, 1700),
    ],
    [("-", 90, 300), ("Như", 90, 340), ("trên;", 90, 440)],
    [("Nguyễn", 90, 1500), ("Th{Lê", 40, 1650), ("Dung", 90, 1780)],
]


def test_a_seal_over_the_signing_title_is_read_again_without_the_seal(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The title under a seal was skipped on the page; read alone, the block gives it back,
    and the words left of the block (the Nơi nhận column) stay."""
    again: Lines = [
        [("TM.", 96, 100), ("BAN", 95, 180), ("CHẤP", 93, 280), ("HÀNH", 94, 400)],
        [("CHỦ", 92, 200), ("TỊCH", 92, 300)],
        [("Nguyễn", 93, 200), ("Thị", 91, 350), ("Lê", 93, 430), ("Dung", 93, 500)],
    ]
    lines, crops = _second_look(SIGNED_FIRST, again, monkeypatch)
    text = "\n".join(lines)
    assert "CHỦ TỊCH" in text and "Nguyễn Thị Lê Dung" in text
    assert "Nơi nhận:" in text and "- Như trên;" in text
    assert "Th{Lê" not in text
    (box,) = crops
    assert 300 < box[0] < 1400 and box[1] < 100  # from left of "TM." at its line


def test_a_second_reading_that_reads_less_is_not_taken(monkeypatch: pytest.MonkeyPatch) -> None:
    again: Lines = [[("TM.", 96, 100), ("BAN", 40, 180)], [("~~", 20, 200)]]
    lines, _ = _second_look(SIGNED_FIRST, again, monkeypatch)
    assert lines == ["Nơi nhận: TM. BAN CHẤP HÀNH", "- Như trên;", "Nguyễn Th{Lê Dung"]


def test_a_page_without_a_signing_prefix_is_read_once(monkeypatch: pytest.MonkeyPatch) -> None:
    first: Lines = [
        [("Kính", 90, 300), ("gửi:", 90, 400), ("Sở", 90, 500), ("Nội", 90, 560), ("vụ", 90, 640)]
    ]
    lines, crops = _second_look(first, [[("X", 99, 100)]], monkeypatch)
    assert crops == [] and lines == ["Kính gửi: Sở Nội vụ"]
