"""PDF: words with coordinates from a backend, laid out as typed text.

The backend is pypdfium2 when installed (the ``fast`` extra), else
pdfplumber; both give the same words (see :mod:`vanban.loaders.pdf_backends`)
and :mod:`vanban.loaders.pdf_layout` turns them into lines.

A page without a text layer (a scan), or whose layer is damaged (see
:mod:`vanban.loaders.pdf_damage`: legacy-font mojibake, lost capitals, a
scanner's English OCR without Vietnamese diacritics), is OCR'd with Tesseract
(``ocr="auto"``, the default; :mod:`vanban.loaders.ocr_pdf`) and its words go
through the same layout. ``ocr="never"`` keeps the layer and reports
``text.no_text_layer`` / ``text.damaged_layer``; ``ocr="always"`` OCRs every
page. When a page needs OCR and Tesseract is not installed, a PDF with no
usable page raises :class:`~vanban.errors.MissingDependency` (with the install
command); one that still has readable pages keeps them, with the Issue
``text.needs_ocr``.
"""

from __future__ import annotations

import time

from vanban.errors import MissingDependency
from vanban.limits import DEFAULT_LIMITS, Limits, check_deadline
from vanban.loaders.base import RawDocument
from vanban.loaders.encodings import from_tcvn3
from vanban.loaders.ocr import (
    INSTALL,
    OcrRawDocument,
    OcrResult,
    check_mode,
    require_tesseract,
)
from vanban.loaders.pdf_backends import PdfBackend, Word, open_backend
from vanban.loaders.pdf_damage import damage, is_tcvn3
from vanban.loaders.pdf_layout import Line, Page, layout_pages, make_lines
from vanban.models import Issue

__all__ = ["load_bytes", "read_words"]


def load_bytes(
    data: bytes,
    *,
    name: str | None = None,
    format: str = "pdf",
    limits: Limits = DEFAULT_LIMITS,
    backend: str | None = None,
    ocr: str = "auto",
) -> RawDocument:
    """Load a PDF into text following the :class:`RawDocument` conventions.

    Args:
        data: the PDF bytes.
        name: the file name, for messages.
        format: always "pdf".
        limits: ``max_pdf_pages`` pages are read, ``max_ocr_pages`` of them OCR'd,
            within ``max_seconds``; more are reported.
        backend: "pdfium" or "pdfplumber"; default: pdfium when installed.
        ocr: "auto" (pages without a usable text layer), "always" or "never".

    Returns:
        an :class:`~vanban.loaders.ocr.OcrRawDocument` whose ``ocr`` says which
        pages were OCR'd (None when none was).

    Raises:
        CorruptDocument: the bytes are not a readable PDF.
        EncryptedDocument: the PDF is encrypted with a password.
        MissingDependency: no page has a usable text layer (or ``ocr="always"``)
            and Tesseract, its Vietnamese model or pytesseract is not installed.
    """
    mode = check_mode(ocr)
    started = time.monotonic()
    doc = open_backend(data, backend)
    try:
        pages, issues, count = _read_pages(doc, limits)
    finally:
        doc.close()
    result: OcrResult | None = None
    ocred: set[int] = set()
    targets = _ocr_targets(pages, mode)
    if targets:
        try:
            engine = require_tesseract(_why(name, targets, pages))
        except MissingDependency:
            if mode == "always" or len(targets) == len(pages):
                raise
            issues.append(
                Issue(
                    code="text.needs_ocr",
                    message=f"{_pages(targets)} need OCR and Tesseract is not installed "
                    f"({INSTALL}): they were not read",
                )
            )
        else:
            from vanban.loaders.ocr_pdf import ocr_pdf_pages

            done, more = ocr_pdf_pages(data, targets, limits, started=started)
            issues += more
            result = OcrResult(engine=engine)
            for page in done:
                old = pages[page.index]
                pages[page.index] = Page(make_lines(page.words), old.width, old.height)
                ocred.add(page.index)
                result.add(page)
    text = "\n".join(layout_pages(pages))
    if ocred:
        text, more = _check_mixed(pages, ocred, count)
        from vanban.loaders.ocr_lexicon import fix_lines

        text = "\n".join(fix_lines(text.split("\n")))
    else:
        text, more = _check_layer(text, pages, count)
    return OcrRawDocument(text=text, format="pdf", pages=count, issues=issues + more, ocr=result)


def read_words(doc: PdfBackend, limits: Limits) -> tuple[list[Page], list[Issue], int]:
    """Every page's lines (up to the page limit), issues, and the page count."""
    return _read_pages(doc, limits)


def _read_pages(doc: PdfBackend, limits: Limits) -> tuple[list[Page], list[Issue], int]:
    count = doc.page_count()
    issues: list[Issue] = []
    if count > limits.max_pdf_pages:
        issues.append(
            Issue(
                code="limits.pages",
                message=f"the PDF has {count} pages; only the first "
                f"{limits.max_pdf_pages} were read (Limits.max_pdf_pages)",
            )
        )
    pages = []
    for i in range(min(count, limits.max_pdf_pages)):
        check_deadline(f"reading PDF page {i + 1} of {count}")
        width, height = doc.page_size(i)
        pages.append(Page(make_lines(doc.words(i)), width, height))
    return pages, issues, count


def _ocr_targets(pages: list[Page], mode: str) -> list[int]:
    """The pages to OCR: all (always), none (never), or those without a usable layer."""
    if mode == "never":
        return []
    if mode == "always":
        return list(range(len(pages)))
    targets = [i for i, p in enumerate(pages) if not p.lines or _page_damage(p)]
    if targets and len(targets) < len(pages):
        return targets
    if not targets and pages and damage("\n".join(layout_pages(pages)), pages):
        return list(range(len(pages)))  # damaged as a whole, though no page alone is
    return targets


def _page_damage(page: Page) -> str | None:
    return damage("\n".join(line.text for line in page.lines), [page])


def _why(name: str | None, targets: list[int], pages: list[Page]) -> str:
    what = f"{name}: " if name else ""
    if len(targets) == len(pages):
        return f"{what}no page of this PDF has a usable text layer"
    return f"{what}{_pages(targets)} of this PDF have no usable text layer"


def _pages(indices: list[int]) -> str:
    shown = ", ".join(str(i + 1) for i in indices[:20]) + ("…" if len(indices) > 20 else "")
    return f"page {shown}" if len(indices) == 1 else f"pages {shown}"


def _check_mixed(pages: list[Page], ocred: set[int], count: int) -> tuple[str, list[Issue]]:
    """Layer checks on the pages that kept their text layer, with OCR'd pages beside them."""
    kept = [p for i, p in enumerate(pages) if i not in ocred]
    issues: list[Issue] = []
    if kept:
        layer = "\n".join(layout_pages(kept))
        if is_tcvn3(layer):
            kept_ids = {id(p) for p in kept}
            pages = [_tcvn3_page(p) if id(p) in kept_ids else p for p in pages]
            issues.append(_legacy())
        unread = [i + 1 for i, p in enumerate(pages) if not p.lines and i not in ocred]
        if unread:
            issues.append(_no_layer(unread, count))
    return "\n".join(layout_pages(pages)), issues


def _tcvn3_page(page: Page) -> Page:
    lines = [
        Line([Word(from_tcvn3(w.text), w.x0, w.x1, w.top, w.bottom) for w in line.words])
        for line in page.lines
    ]
    return Page(lines, page.width, page.height)


def _check_layer(text: str, pages: list[Page], count: int) -> tuple[str, list[Issue]]:
    empty = [i + 1 for i, p in enumerate(pages) if not p.lines]
    issues: list[Issue] = []
    if pages and len(empty) == len(pages):
        issues.append(
            Issue(
                code="text.no_text_layer",
                message=f"none of the {count} pages has a text layer (a scan?): "
                "run OCR on it first (vanban.parse(..., ocr='auto') with Tesseract installed)",
            )
        )
        return text, issues
    if empty:
        issues.append(_no_layer(empty, count))
    if is_tcvn3(text):
        issues.append(_legacy())
        return from_tcvn3(text), issues
    why = damage(text, pages)
    if why:
        issues.append(
            Issue(code="text.damaged_layer", message=f"the PDF text layer is damaged: {why}")
        )
    return text, issues


def _no_layer(empty: list[int], count: int) -> Issue:
    shown = ", ".join(map(str, empty[:20])) + ("…" if len(empty) > 20 else "")
    return Issue(
        code="text.no_text_layer",
        message=f"{len(empty)} of {count} pages have no text layer (pages {shown})",
    )


def _legacy() -> Issue:
    return Issue(
        code="text.legacy_encoding",
        message="the text layer was in the TCVN3 (.VnTime) encoding; converted",
    )
