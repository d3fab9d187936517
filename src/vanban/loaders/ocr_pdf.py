"""OCR of PDF pages: each page rendered by PDFium at 300 dpi, then Tesseract.

Pages are rendered one at a time and freed before the next, so memory stays
at one page image (about 26 MB for A4 in colour). The number of OCR'd pages is
bounded by ``Limits.max_ocr_pages`` and their time by ``Limits.max_seconds``;
pages left out are reported in an Issue, never silently dropped.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Sequence
from contextlib import AbstractContextManager
from typing import Any

from vanban.errors import CorruptDocument, MissingDependency
from vanban.limits import Limits
from vanban.loaders.ocr import DPI, MAX_PIXELS, OcrFailed, OcrPage, ocr_image, to_grey
from vanban.models import Issue

__all__ = ["ocr_pdf_pages"]


def ocr_pdf_pages(
    data: bytes, indices: Sequence[int], limits: Limits, *, started: float
) -> tuple[list[OcrPage], list[Issue]]:
    """OCR the pages ``indices`` (0-based) of the PDF ``data``.

    ``started`` is the ``time.monotonic()`` at which loading the file began:
    OCR stops when ``limits.max_seconds`` have passed since then.

    Raises:
        MissingDependency: pypdfium2 (the ``ocr`` extra) or Tesseract is missing.
        CorruptDocument: PDFium cannot open the PDF.
    """
    try:
        import pypdfium2 as pdfium
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise MissingDependency(
            "OCR renders pages with pypdfium2, which is not installed: pip install pypdfium2"
        ) from exc
    issues: list[Issue] = []
    todo = list(indices)
    if len(todo) > limits.max_ocr_pages:
        left = todo[limits.max_ocr_pages :]
        issues.append(
            Issue(
                code="limits.ocr_pages",
                message=f"{len(todo)} pages need OCR; only the first {limits.max_ocr_pages} "
                f"were OCR'd (Limits.max_ocr_pages); not read: {_pages(left)}",
            )
        )
        todo = todo[: limits.max_ocr_pages]
    try:
        with _lock():
            pdf: Any = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise CorruptDocument(f"not a readable PDF: {exc}") from exc
    done: list[OcrPage] = []
    try:
        for n, index in enumerate(todo):
            remaining = limits.max_seconds - (time.monotonic() - started)
            if remaining <= 1:
                issues.append(_out_of_time(todo[n:], limits))
                break
            try:
                with _lock():  # PDFium is not thread-safe; Tesseract runs outside the lock
                    image, dpi, width, height = _render(pdf, index)
            except pdfium.PdfiumError as exc:
                issues.append(_failed(index, f"PDFium cannot render it ({exc})"))
                continue
            try:
                page = ocr_image(image, index, dpi=dpi, timeout=remaining)
            except OcrFailed as exc:
                issues.append(_failed(index, str(exc)))
                if time.monotonic() - started >= limits.max_seconds - 1:
                    issues.append(_out_of_time(todo[n + 1 :], limits))
                    break
                continue
            finally:
                image.close()
            page.width, page.height = width, height
            done.append(page)
    finally:
        with _lock():
            pdf.close()
    return done, issues


def _lock() -> AbstractContextManager[Any]:
    """The process-wide PDFium lock of :mod:`vanban.loaders.pdf_backends`, if it has one."""
    from vanban.loaders import pdf_backends

    lock = getattr(pdf_backends, "pdfium_lock", None)
    return lock() if lock is not None else contextlib.nullcontext()


def _render(pdf: Any, index: int) -> tuple[Any, float, float, float]:
    """Page ``index`` as a PIL image, its dpi, and the page size in points."""
    page = pdf[index]
    try:
        width, height = (float(v) for v in page.get_size())
        dpi = float(DPI)
        pixels = (width * dpi / 72) * (height * dpi / 72)
        if pixels > MAX_PIXELS:  # a poster-sized page: fewer dots per inch
            dpi *= (MAX_PIXELS / pixels) ** 0.5
        bitmap = page.render(scale=dpi / 72, may_draw_forms=True)
        try:
            return to_grey(bitmap.to_pil()), dpi, width, height  # a copy: the bitmap is freed
        finally:
            bitmap.close()
    finally:
        page.close()


def _pages(indices: Sequence[int]) -> str:
    shown = ", ".join(str(i + 1) for i in indices[:20])
    return f"pages {shown}" + ("…" if len(indices) > 20 else "")


def _failed(index: int, why: str) -> Issue:
    return Issue(code="text.ocr_failed", message=f"page {index + 1} could not be OCR'd: {why}")


def _out_of_time(left: Sequence[int], limits: Limits) -> Issue:
    return Issue(
        code="limits.ocr_time",
        message=f"OCR stopped at the time limit of {limits.max_seconds:g} s "
        f"(Limits.max_seconds); not read: {_pages(left) if left else 'none'}",
    )
