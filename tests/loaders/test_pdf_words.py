"""The fast PDFium word reader gives exactly what the plain bindings give.

:func:`vanban.loaders.pdf_backends._pdfium_words` calls PDFium's per-character
functions without ctypes' argument conversion, and pages are flattened only
when an annotation's appearance draws text. These tests hold the words (text
and boxes, to the last bit) and the page text equal to a straightforward
reading through pypdfium2's documented bindings, on the fixture and on every
PDF of the real folder (skipped without ``../shared``).
"""

from __future__ import annotations

import ctypes
from pathlib import Path
from typing import Any

import pytest
import regex

from vanban.loaders.pdf_backends import Word

from .conftest import FORMATS

pdfium = pytest.importorskip("pypdfium2")
pdfium_c = pytest.importorskip("pypdfium2.raw")

from vanban.loaders.pdf_backends import PdfiumBackend, _pdfium_words  # noqa: E402

_ASCENT, _DESCENT = 0.78, 0.22


def reference_words(textpage: Any, height: float) -> list[Word]:
    """Word boxes through the standard bindings, one character call at a time."""
    text = textpage.get_text_range()
    handle = textpage.raw
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    ox, oy = ctypes.c_double(), ctypes.c_double()

    def box(i: int) -> tuple[float, float, float, float]:
        pdfium_c.FPDFText_GetCharBox(
            handle, i, *(ctypes.byref(v) for v in (left, right, bottom, top))
        )
        return left.value, bottom.value, right.value, top.value

    out: list[Word] = []
    for m in regex.finditer(r"\S+", text):
        start, end = m.start(), m.end() - 1
        x0, b0, x1, t0 = box(start)
        if end != start:
            ex0, eb, ex1, et = box(end)
            if ex0 < x0 or eb > t0 or et < b0:
                chars: list[tuple[str, tuple[float, float, float, float]]] = []
                for i, ch in enumerate(m.group()):
                    cb = box(start + i)
                    if chars:
                        px0, pb, _, pt = chars[-1][1]
                        if cb[0] < px0 or cb[1] > pt or cb[3] < pb:
                            out.append(_word(chars, height))
                            chars = []
                    chars.append((ch, cb))
                out.append(_word(chars, height))
                continue
            x1 = max(x1, ex1)
        size = pdfium_c.FPDFText_GetFontSize(handle, start)
        if size > 0 and pdfium_c.FPDFText_GetCharOrigin(
            handle, start, ctypes.byref(ox), ctypes.byref(oy)
        ):
            base = height - oy.value
            out.append(Word(m.group(), x0, x1, base - _ASCENT * size, base + _DESCENT * size))
        else:
            out.append(Word(m.group(), x0, x1, height - t0, height - b0))
    return out


def _word(chars: list[tuple[str, tuple[float, float, float, float]]], height: float) -> Word:
    return Word(
        "".join(c for c, _ in chars),
        min(b[0] for _, b in chars),
        max(b[2] for _, b in chars),
        height - max(b[3] for _, b in chars),
        height - min(b[1] for _, b in chars),
    )


def _check_words(data: bytes) -> int:
    pdf = pdfium.PdfDocument(data)
    try:
        for i in range(len(pdf)):
            page = pdf[i]
            textpage = page.get_textpage()
            try:
                height = float(page.get_height())
                assert _pdfium_words(textpage, height) == reference_words(textpage, height), i
            finally:
                textpage.close()
                page.close()
        return len(pdf)
    finally:
        pdf.close()


def _flattened_text(data: bytes) -> list[str]:
    """Every page's text with every annotation flattened (what a viewer shows)."""
    pdf = pdfium.PdfDocument(data)
    try:
        texts = []
        for i in range(len(pdf)):
            page = pdf[i]
            if pdfium_c.FPDFPage_GetAnnotCount(page.raw) > 0 and (
                pdfium_c.FPDFPage_Flatten(page.raw, pdfium_c.FLAT_NORMALDISPLAY) == 1
            ):
                page.close()
                page = pdf[i]
            textpage = page.get_textpage()
            texts.append(textpage.get_text_range())
            textpage.close()
            page.close()
        return texts
    finally:
        pdf.close()


def _backend_text(data: bytes) -> list[str]:
    doc = PdfiumBackend(data)
    try:
        return [doc.plain_text(i) for i in range(doc.page_count())]
    finally:
        doc.close()


def _corpus_pdfs(lamdong: Path) -> list[Path]:
    return sorted(p for p in lamdong.rglob("*.pdf") if p.is_file())


def test_fast_words_equal_the_bindings_on_the_fixture() -> None:
    assert _check_words((FORMATS / "cv001.pdf").read_bytes()) == 3


def test_fast_words_equal_the_bindings_on_the_real_folder(lamdong: Path) -> None:
    pages = sum(_check_words(p.read_bytes()) for p in _corpus_pdfs(lamdong))
    assert pages > 100


def test_flattening_only_text_annotations_loses_no_text(lamdong: Path) -> None:
    # signed PDFs carry signature widgets drawn as images: skipping their
    # flattening (a second page load) must not change any page's text
    checked = 0
    for path in _corpus_pdfs(lamdong):
        data = path.read_bytes()
        assert _backend_text(data) == _flattened_text(data), path.name
        checked += 1
    assert checked > 50


def _form_pdf(*, field: bool) -> bytes:
    import io

    canvas = pytest.importorskip("reportlab.pdfgen.canvas")
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(595, 842), invariant=1)
    c.setFont("Helvetica", 12)
    c.drawString(80, 750, "So:")
    c.drawString(140, 750, "/UBND-VX")
    if field:  # a number filled in at signing, drawn by the field's appearance
        c.acroForm.textfield(
            name="so", value="166", x=105, y=745, width=30, height=16,
            borderWidth=0, fontSize=12, fontName="Helvetica",
        )  # fmt: skip
    c.linkURL("https://vbpl.vn", (80, 700, 200, 720))  # no appearance: nothing to flatten
    c.showPage()
    c.save()
    return buf.getvalue()


@pytest.mark.parametrize("field", [True, False])
def test_annotation_text_is_flattened_only_when_drawn(field: bool) -> None:
    from vanban.loaders.pdf import load_bytes
    from vanban.loaders.pdf_backends import _annotations_draw_text

    data = _form_pdf(field=field)
    pdf = pdfium.PdfDocument(data)
    try:
        page = pdf[0]
        assert pdfium_c.FPDFPage_GetAnnotCount(page.raw) == (2 if field else 1)
        assert _annotations_draw_text(page.raw) is field
        page.close()
    finally:
        pdf.close()
    assert load_bytes(data).text == ("So: 166 /UBND-VX" if field else "So: /UBND-VX")
