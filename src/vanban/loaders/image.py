"""Images (PNG, JPEG, TIFF — a multi-page TIFF is one page per frame), read by OCR.

An image has no text layer: with ``ocr="auto"`` or ``"always"`` each frame is
turned upright (EXIF orientation), brought to about 300 dpi and OCR'd with
Tesseract (:mod:`vanban.loaders.ocr`); its words go through the PDF layout code,
so a photographed or scanned công văn reads like a PDF one. With
``ocr="never"`` the result is empty text with the Issue ``text.no_text_layer``.
"""

from __future__ import annotations

import io
import time
import warnings
from typing import Any

from vanban.errors import CorruptDocument, FileTooLarge, MissingDependency
from vanban.limits import DEFAULT_LIMITS, Limits
from vanban.loaders.ocr import (
    DPI,
    MAX_PIXELS,
    PIP_INSTALL,
    OcrFailed,
    OcrRawDocument,
    OcrResult,
    check_mode,
    ocr_image,
    require_tesseract,
    to_grey,
)
from vanban.loaders.pdf_layout import Page, layout_pages, make_lines
from vanban.models import Issue

__all__ = ["load_bytes"]

# Without a resolution in the file, a page is taken to be A4 wide (8.27 in).
_A4_WIDTH_INCHES = 8.27


def load_bytes(
    data: bytes,
    *,
    name: str | None = None,
    format: str = "image",
    limits: Limits = DEFAULT_LIMITS,
    ocr: str = "auto",
) -> OcrRawDocument:
    """OCR an image file into text following the :class:`RawDocument` conventions.

    Raises:
        CorruptDocument: the bytes are not an image Pillow can read.
        FileTooLarge: the image has more pixels than Pillow's safety limit.
        MissingDependency: Pillow, pytesseract, Tesseract or its Vietnamese
            model is missing (unless ``ocr="never"``).
    """
    mode = check_mode(ocr)
    started = time.monotonic()
    try:
        from PIL import Image, ImageOps
    except ImportError as exc:
        raise MissingDependency(f"reading images needs Pillow: {PIP_INSTALL}") from exc
    image = _open(data, Image)
    frames = int(getattr(image, "n_frames", 1) or 1)
    if mode == "never":
        return OcrRawDocument(
            text="",
            format="image",
            pages=frames,
            issues=[
                Issue(
                    code="text.no_text_layer",
                    message="an image has no text layer: it can only be read by OCR "
                    "(ocr='never' was given)",
                )
            ],
        )
    engine = require_tesseract(f"{name or 'the input'} is an image")
    result = OcrResult(engine=engine)
    issues: list[Issue] = []
    pages: list[Page] = []
    todo = min(frames, limits.max_ocr_pages)
    if frames > todo:
        issues.append(
            Issue(
                code="limits.ocr_pages",
                message=f"the image has {frames} pages; only the first {todo} were OCR'd "
                "(Limits.max_ocr_pages)",
            )
        )
    for index in range(todo):
        remaining = limits.max_seconds - (time.monotonic() - started)
        if remaining <= 1:
            issues.append(
                Issue(
                    code="limits.ocr_time",
                    message=f"OCR stopped at the time limit of {limits.max_seconds:g} s "
                    f"(Limits.max_seconds) before page {index + 1} of {frames}",
                )
            )
            break
        try:
            image.seek(index)
            frame, dpi = _prepare(ImageOps.exif_transpose(image) or image)
        except (OSError, ValueError, EOFError) as exc:
            issues.append(_failed(index, f"the frame cannot be decoded ({exc})"))
            continue
        try:
            page = ocr_image(frame, index, dpi=dpi, timeout=remaining)
        except OcrFailed as exc:
            issues.append(_failed(index, str(exc)))
            continue
        result.add(page)
        pages.append(Page(make_lines(page.words), page.width, page.height))
    from vanban.loaders.ocr_lexicon import fix_lines

    text = "\n".join(fix_lines(layout_pages(pages)))
    return OcrRawDocument(text=text, format="image", pages=frames, issues=issues, ocr=result)


def _open(data: bytes, image_module: Any) -> Any:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", image_module.DecompressionBombWarning)
            image = image_module.open(io.BytesIO(data))
            image.load()
    except (image_module.DecompressionBombError, image_module.DecompressionBombWarning) as exc:
        raise FileTooLarge(f"the image is too large to read safely: {exc}") from exc
    except (OSError, ValueError, SyntaxError, EOFError) as exc:  # Pillow's decoding errors
        raise CorruptDocument(f"not a readable image: {exc}") from exc
    return image


def _prepare(frame: Any) -> tuple[Any, float]:
    """The frame in grey at about 300 dpi, and its resolution."""
    dpi_info = frame.info.get("dpi")
    try:
        dpi = float(dpi_info[0]) if dpi_info else 0.0
    except (TypeError, ValueError, IndexError):
        dpi = 0.0
    if not 50 <= dpi <= 2400:
        dpi = frame.width / _A4_WIDTH_INCHES
    grey = to_grey(frame)
    scale = 1.0
    if dpi < DPI * 0.8:  # a low-resolution scan or photo: Tesseract reads 300 dpi best
        scale = DPI / dpi
    if grey.width * grey.height * scale * scale > MAX_PIXELS:
        scale = (MAX_PIXELS / (grey.width * grey.height)) ** 0.5
    if abs(scale - 1.0) > 0.05:
        size = (max(1, round(grey.width * scale)), max(1, round(grey.height * scale)))
        from PIL import Image

        grey = grey.resize(size, Image.Resampling.LANCZOS)
        dpi *= scale
    return grey, dpi


def _failed(index: int, why: str) -> Issue:
    return Issue(code="text.ocr_failed", message=f"page {index + 1} could not be OCR'd: {why}")
