"""Safety limits for untrusted input, with documented defaults.

Every archive holds files from anywhere, so each loader checks these before
doing expensive work and raises a :class:`~vanban.errors.LimitExceeded`
subclass with a message a person understands. Callers change them with
:func:`dataclasses.replace` on :data:`DEFAULT_LIMITS` and pass the result to
``vanban.parse(..., limits=...)``.

``max_seconds`` is a deadline for the whole parse of one input: :func:`deadline`
starts the clock (``vanban.parse`` does), and the loaders and the pipeline call
:func:`check_deadline` between pages, blocks and paragraphs, so a file that is
merely huge (a million ``<p>``, thousands of PDF pages) stops with
``LimitExceeded`` instead of running for minutes. The clock lives in a
:class:`contextvars.ContextVar`, so threads parsing at the same time each have
their own.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

__all__ = ["DEFAULT_LIMITS", "Limits", "check_deadline", "deadline"]

MiB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Limits:
    """Upper bounds applied while reading one input.

    Attributes:
        max_input_bytes: size of the input file or bytes.
        max_docx_uncompressed_bytes: total uncompressed size of a DOCX's parts,
            checked from the zip directory and again while inflating.
        max_docx_parts: number of entries in a DOCX zip.
        max_docx_xml_bytes: size of one XML part handed to lxml (a parsed tree
            takes about 10–100 times its XML size in memory).
        max_docx_paragraphs: paragraphs read from a DOCX body (more are
            dropped with an Issue).
        max_pdf_pages: pages read from a PDF (more are reported, not read).
        max_ocr_pages: pages (or image frames) of one file OCR'd with Tesseract,
            at about 1–3 s each; more are reported (``limits.ocr_pages``), not read.
        max_seconds: wall-clock budget for one file's whole parse (and for
            an external converter).
        max_html_depth: element nesting depth in HTML.
        max_html_elements: elements in an HTML page.
        max_line_chars: longest line kept; longer lines are cut with an Issue.
        max_text_chars: characters of text passed to the parser.
    """

    max_input_bytes: int = 100 * MiB
    max_docx_uncompressed_bytes: int = 300 * MiB
    max_docx_parts: int = 5000
    max_docx_xml_bytes: int = 64 * MiB
    max_docx_paragraphs: int = 500_000
    max_pdf_pages: int = 2000
    max_ocr_pages: int = 100
    max_seconds: float = 120.0
    max_html_depth: int = 512
    max_html_elements: int = 2_000_000
    max_line_chars: int = 100_000
    max_text_chars: int = 20_000_000


DEFAULT_LIMITS = Limits()

_DEADLINE: ContextVar[tuple[float, float] | None] = ContextVar("vanban_deadline", default=None)


@contextmanager
def deadline(limits: Limits) -> Iterator[None]:
    """Start the ``max_seconds`` clock for one parse; an enclosing clock wins."""
    if _DEADLINE.get() is not None:
        yield
        return
    token = _DEADLINE.set((time.monotonic() + limits.max_seconds, limits.max_seconds))
    try:
        yield
    finally:
        _DEADLINE.reset(token)


def check_deadline(doing: str = "") -> None:
    """Raise :class:`~vanban.errors.LimitExceeded` once the parse's time is up.

    A no-op outside :func:`deadline`. Cheap (one clock read): call it between
    pages, blocks and paragraphs.
    """
    current = _DEADLINE.get()
    if current is not None and time.monotonic() > current[0]:
        from vanban.errors import LimitExceeded

        where = f" ({doing})" if doing else ""
        raise LimitExceeded(
            f"parsing took longer than {current[1]:g} s{where}: the file is too large "
            "or too complex for Limits.max_seconds (raise it to read this file)"
        )
