"""PDF: words with coordinates from a backend, laid out as typed text.

The backend is pypdfium2 when installed (the ``fast`` extra), else
pdfplumber; both give the same words (see :mod:`vanban.loaders.pdf_backends`)
and :mod:`vanban.loaders.pdf_layout` turns them into lines. Pages without a
text layer (scans) are reported with ``text.no_text_layer``; a text layer that
lost its capitals or carries legacy-font mojibake with ``text.damaged_layer``.
"""

from __future__ import annotations

from statistics import median

import regex

from vanban.limits import DEFAULT_LIMITS, Limits, check_deadline
from vanban.loaders.base import RawDocument
from vanban.loaders.encodings import from_tcvn3, vietnamese_score
from vanban.loaders.pdf_backends import PdfBackend, open_backend
from vanban.loaders.pdf_layout import Page, layout_pages, make_lines
from vanban.models import Issue

__all__ = ["load_bytes"]

# A capital lost from the text layer leaves two spaces and a lower-case tail:
# "Sở  ài chính", "Ủy ban nhân dân  ỉnh".
_LOST_CAPITAL = regex.compile(r"(?<=\p{L})  +\p{Ll}")
_VIETNAMESE_MARKS = regex.compile(r"[ăâđêôơưàáảãạèéẻẽẹìíỉĩịòóỏõọùúủũụỳýỷỹỵ]", regex.IGNORECASE)
# Letters that the .VnTime fonts' codes show up as when a PDF lacks a ToUnicode map.
_TCVN3_MOJIBAKE = regex.compile(r"[µ¶·¸¹»¼½¾ÆÇÈÉËÌÎÏÐÑÒÓÔÕÖ×ØÜÝÞßªº¬­®§]")


def load_bytes(
    data: bytes,
    *,
    name: str | None = None,
    format: str = "pdf",
    limits: Limits = DEFAULT_LIMITS,
    backend: str | None = None,
) -> RawDocument:
    """Load a PDF into text following the :class:`RawDocument` conventions.

    Args:
        data: the PDF bytes.
        name: the file name, for messages.
        format: always "pdf".
        limits: ``max_pdf_pages`` pages are read; more are reported.
        backend: "pdfium" or "pdfplumber"; default: pdfium when installed.

    Raises:
        CorruptDocument: the bytes are not a readable PDF.
        UnsupportedFormat: the PDF is encrypted with a password.
    """
    doc = open_backend(data, backend)
    try:
        pages, issues, count = _read_pages(doc, limits)
    finally:
        doc.close()
    text = "\n".join(layout_pages(pages))
    text, more = _check_layer(text, pages, count)
    return RawDocument(text=text, format="pdf", pages=count, issues=issues + more)


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


def _check_layer(text: str, pages: list[Page], count: int) -> tuple[str, list[Issue]]:
    empty = [i + 1 for i, p in enumerate(pages) if not p.lines]
    issues: list[Issue] = []
    if pages and len(empty) == len(pages):
        issues.append(
            Issue(
                code="text.no_text_layer",
                message=f"none of the {count} pages has a text layer (a scan?): "
                "run OCR on it first",
            )
        )
        return text, issues
    if empty:
        shown = ", ".join(map(str, empty[:20])) + ("…" if len(empty) > 20 else "")
        issues.append(
            Issue(
                code="text.no_text_layer",
                message=f"{len(empty)} of {count} pages have no text layer (pages {shown})",
            )
        )
    letters = sum(1 for c in text if c.isalpha())
    if letters < 50:
        return text, issues
    mojibake = len(_TCVN3_MOJIBAKE.findall(text))
    if mojibake > letters * 0.03:
        converted = from_tcvn3(text)
        if vietnamese_score(converted) > vietnamese_score(text) + 5:
            issues.append(
                Issue(
                    code="text.legacy_encoding",
                    message="the text layer was in the TCVN3 (.VnTime) encoding; converted",
                )
            )
            return converted, issues
        issues.append(_damaged("legacy-font characters (mojibake) fill the text layer"))
        return text, issues
    lost = len(_LOST_CAPITAL.findall(text)) + _wide_gaps(pages)
    if lost >= 3 and lost * 100 > text.count(" "):
        issues.append(_damaged(f"{lost} words lost their first letter (e.g. 'Sở  ài chính')"))
    elif len(_VIETNAMESE_MARKS.findall(text)) < letters * 0.02:
        issues.append(_damaged("the text has almost no Vietnamese diacritics (a bad OCR layer?)"))
    return text, issues


def _wide_gaps(pages: list[Page]) -> int:
    """Gaps where a capital went missing: far wider than the line's other gaps."""
    count = 0
    for page in pages:
        for line in page.lines:
            pairs = list(zip(line.words, line.words[1:], strict=False))
            if len(pairs) < 4:
                continue
            usual = median(b.x0 - a.x1 for a, b in pairs)
            for a, b in pairs:
                height = b.bottom - b.top
                gap = b.x0 - a.x1
                if (
                    max(2.0 * usual, 0.6 * height) < gap < 1.5 * height
                    and b.text[:1].islower()
                    and a.text[-1:].isalpha()
                ):
                    count += 1
    return count


def _damaged(why: str) -> Issue:
    return Issue(code="text.damaged_layer", message=f"the PDF text layer is damaged: {why}")
