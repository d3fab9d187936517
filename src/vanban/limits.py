"""Safety limits for untrusted input, with documented defaults.

Every archive holds files from anywhere, so each loader checks these before
doing expensive work and raises a :class:`~vanban.errors.LimitExceeded`
subclass with a message a person understands. Callers change them with
:func:`dataclasses.replace` on :data:`DEFAULT_LIMITS` and pass the result to
``vanban.parse(..., limits=...)``.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["DEFAULT_LIMITS", "Limits"]

MiB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Limits:
    """Upper bounds applied while reading one input.

    Attributes:
        max_input_bytes: size of the input file or bytes.
        max_docx_uncompressed_bytes: total uncompressed size of a DOCX's parts.
        max_docx_parts: number of entries in a DOCX zip.
        max_pdf_pages: pages read from a PDF (more are reported, not read).
        max_ocr_pages: pages (or image frames) of one file OCR'd with Tesseract,
            at about 1–3 s each; more are reported (``limits.ocr_pages``), not read.
        max_seconds: wall-clock budget for one file's loading (OCR stops there).
        max_html_depth: element nesting depth in HTML.
        max_line_chars: longest line kept; longer lines are cut with an Issue.
        max_text_chars: characters of text passed to the parser.
    """

    max_input_bytes: int = 100 * MiB
    max_docx_uncompressed_bytes: int = 300 * MiB
    max_docx_parts: int = 5000
    max_pdf_pages: int = 2000
    max_ocr_pages: int = 100
    max_seconds: float = 120.0
    max_html_depth: int = 512
    max_line_chars: int = 100_000
    max_text_chars: int = 20_000_000


DEFAULT_LIMITS = Limits()
