"""OCR of page images with Tesseract and its Vietnamese model.

Needs the ``ocr`` extra (pytesseract, Pillow, pypdfium2) and two system
packages: ``apt-get install -y tesseract-ocr tesseract-ocr-vie``. Without them
:func:`require_tesseract` raises :class:`~vanban.errors.MissingDependency`
with that command.

pytesseract runs the ``tesseract`` program once per page: a page that hangs
is killed at the file's time budget, a crash stays in its own process, and
the program is the one the system packages install. Each run is limited to
one OpenMP thread (``OMP_THREAD_LIMIT=1`` unless already set): on a machine
whose cores are busy with other files, Tesseract's own threads cost more CPU
than they save.

Before OCR an RGB image keeps only its red channel: red ink (seals, incoming
stamps, the red "HỎA TỐC") is as light as the paper there, so it no longer
hides the black text under it, while black print and blue handwriting stay
dark. ``benchmarks/ocr.py`` measures this against plain grey.

Words come back with their boxes in PDF points (origin top left) so the PDF
layout code (:mod:`vanban.loaders.pdf_layout`) lays OCR'd pages out exactly
like text-layer pages, and with Tesseract's confidence (0–100).
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import time
import unicodedata
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from vanban.errors import MissingDependency
from vanban.loaders.base import RawDocument
from vanban.loaders.ocr_mode import OcrMode, check_mode
from vanban.loaders.pdf_backends import Word

if TYPE_CHECKING:
    from PIL.Image import Image

__all__ = [
    "DPI",
    "INSTALL",
    "OcrMode",
    "OcrPage",
    "OcrRawDocument",
    "OcrResult",
    "check_mode",
    "ocr_image",
    "require_tesseract",
]


DPI = 300
"""Resolution of the page images given to Tesseract."""
LANG = "vie"
INSTALL = "apt-get install -y tesseract-ocr tesseract-ocr-vie"
"""The system packages OCR needs (Debian/Ubuntu)."""
PIP_INSTALL = "pip install pytesseract Pillow"
"""What reinstalls OCR's Python side (core dependencies of vanban) where it was removed."""
MAX_PIXELS = 60_000_000
"""Largest page image rendered for OCR; bigger pages are rendered at a lower dpi."""

# How the colour image becomes grey: "red" keeps the red channel (red ink turns
# as light as the paper), "mask" whitens the clearly red pixels of the luminance,
# "grey" is the plain luminance. benchmarks/ocr.py compares them.
COLOUR: Literal["red", "mask", "grey"] = "red"
# How much redder than green and blue a pixel must be to count as red ink ("mask").
RED_MARGIN = 60
# The signature block is read a second time with the red channel's pixels lighter than
# this made white (a seal's ring), over this many line heights from its "TM."/"KT." line.
PAPER_LEVEL = 150
SIGNATURE_LINES = 10
# Letters read with at least this confidence count when the two readings are compared.
LOW_CONFIDENCE_WORD = 70.0
# Tesseract's page segmentation: 3 = automatic, without orientation detection.
PSM = 3
# Under this confidence a word of at most three letters or digits is noise (see _noise).
NOISE_CONFIDENCE = 35.0
# Under this mean confidence a line of at most ten letters or digits is noise.
NOISE_LINE_CONFIDENCE = 55.0
# Under this mean confidence a line of one or two letters or digits is a pen stroke.
STROKE_LINE_CONFIDENCE = 75.0
# Words further apart than this many line heights are in different columns.
COLUMN_GAP = 3.0


@dataclass(slots=True)
class OcrPage:
    """One OCR'd page: words in points (origin top left) and their confidences."""

    index: int
    words: list[Word]
    confidences: list[float]
    width: float
    height: float


@dataclass(slots=True)
class OcrResult:
    """What OCR did to a document, for :mod:`vanban.loaders.ocr_report`.

    Attributes:
        pages: 1-based numbers of the pages read by OCR.
        words: every OCR'd word in Tesseract's reading order, with its confidence.
        engine: e.g. "tesseract 5.3.0 (vie)".
    """

    pages: list[int] = field(default_factory=list)
    words: list[tuple[str, float]] = field(default_factory=list)
    engine: str = "tesseract"

    def add(self, page: OcrPage) -> None:
        """Record one OCR'd page."""
        self.pages.append(page.index + 1)
        self.words.extend((w.text, c) for w, c in zip(page.words, page.confidences, strict=True))

    @property
    def mean_confidence(self) -> float | None:
        """Mean word confidence (0–100), or None when no word was read."""
        if not self.words:
            return None
        return sum(c for _, c in self.words) / len(self.words)


@dataclass(slots=True)
class OcrRawDocument(RawDocument):
    """A :class:`RawDocument` from a loader that may OCR (PDF, image).

    Attributes:
        ocr: what OCR read, or None when no page was OCR'd.
    """

    ocr: OcrResult | None = None


def _command() -> str:
    try:
        import pytesseract
    except ImportError:
        return "tesseract"
    return str(pytesseract.pytesseract.tesseract_cmd)


def require_tesseract(what: str = "this file needs OCR") -> str:
    """Check that pytesseract, the ``tesseract`` program and its ``vie`` model are there.

    Returns the engine's description ("tesseract 5.3.0 (vie)").

    Raises:
        MissingDependency: with the exact install command.
    """
    try:
        import PIL  # noqa: F401
        import pytesseract  # noqa: F401
    except ImportError as exc:
        raise MissingDependency(
            f"{what} and OCR needs pytesseract and Pillow, which are not installed: "
            f"{PIP_INSTALL} (and the system packages: {INSTALL})"
        ) from exc
    path = shutil.which(_command())
    if path is None:
        raise MissingDependency(
            f"{what} (a scan or a damaged text layer) and OCR needs Tesseract, "
            f"which is not installed: {INSTALL}"
        )
    version, langs = _probe(path)
    if LANG not in langs:
        raise MissingDependency(
            f"{what} and Tesseract's Vietnamese model is not installed: "
            "apt-get install -y tesseract-ocr-vie"
        )
    return f"tesseract {version} ({LANG})"


@functools.lru_cache(maxsize=8)
def _probe(path: str) -> tuple[str, frozenset[str]]:
    """The version and the languages of the Tesseract program at ``path``."""
    try:
        out = subprocess.run(
            [path, "--list-langs"], capture_output=True, timeout=30, check=False
        ).stdout.decode("utf-8", "replace")
        version = subprocess.run(
            [path, "--version"], capture_output=True, timeout=30, check=False
        ).stdout.decode("utf-8", "replace")
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise MissingDependency(f"Tesseract at {path} does not run ({exc}): {INSTALL}") from exc
    langs = frozenset(line.strip() for line in out.splitlines()[1:] if line.strip())
    first = version.split("\n", 1)[0].split()
    return (first[1] if len(first) > 1 else "?"), langs


def to_grey(image: Image) -> Image:
    """The image Tesseract reads: one 8-bit channel (see :data:`COLOUR`)."""
    if image.mode in ("RGBA", "LA", "P", "PA"):
        from PIL import Image as PILImage

        image = image.convert("RGBA")
        background = PILImage.new("RGB", image.size, (255, 255, 255))
        background.paste(image, mask=image.getchannel("A"))
        image = background
    elif image.mode == "CMYK":
        image = image.convert("RGB")
    if image.mode != "RGB":
        return image.convert("L") if image.mode != "L" else image.copy()
    if COLOUR == "red":
        return image.getchannel("R")
    if COLOUR == "mask":
        return _without_red_ink(image)
    return image.convert("L")


def _without_red_ink(image: Image) -> Image:
    """Luminance, with clearly red pixels (red well above green and blue) made white."""
    from PIL import Image as PILImage
    from PIL import ImageChops

    red, green, blue = image.split()
    redness = ImageChops.subtract(red, ImageChops.lighter(green, blue))
    mask = redness.point(lambda v: 255 if v > RED_MARGIN else 0)
    white = PILImage.new("L", image.size, 255)
    return PILImage.composite(white, image.convert("L"), mask)


class OcrFailed(Exception):
    """Tesseract failed or ran out of time on one page (reported as an Issue)."""


def ocr_image(image: Image, index: int, *, dpi: float, timeout: float | None) -> OcrPage:
    """OCR one page image whose resolution is ``dpi``; boxes come back in points.

    Raises:
        MissingDependency: Tesseract went missing.
        OcrFailed: Tesseract failed on the image, or ran over ``timeout`` seconds.
    """
    grey = to_grey(image)
    grey.format = "PPM"  # written uncompressed (as PGM) for Tesseract: PNG costs time
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    config = f"--psm {PSM} --dpi {round(dpi)}"
    started = time.monotonic()
    page = _page(_tesseract(grey, config, timeout), index, grey.width, grey.height, dpi)
    left = timeout - (time.monotonic() - started) if timeout else None
    if left is not None and left <= 1:
        return page
    return _second_look(grey, page, dpi, config, left)


def _tesseract(grey: Image, config: str, timeout: float | None) -> dict[str, list[Any]]:
    """Tesseract's TSV of one grey image, as pytesseract gives it.

    Raises:
        MissingDependency: Tesseract went missing.
        OcrFailed: Tesseract failed on the image, or ran over ``timeout`` seconds.
    """
    import pytesseract

    try:
        data: dict[str, list[Any]] = pytesseract.image_to_data(
            grey,
            lang=LANG,
            config=config,
            output_type=pytesseract.Output.DICT,
            timeout=max(1, round(timeout)) if timeout else 0,
        )
    except pytesseract.TesseractNotFoundError as exc:
        raise MissingDependency(f"Tesseract is not installed: {INSTALL}") from exc
    except pytesseract.TesseractError as exc:
        raise OcrFailed(f"Tesseract failed: {exc.message or exc.status}") from exc
    except RuntimeError as exc:  # pytesseract's timeout
        raise OcrFailed(f"Tesseract took longer than {timeout:.0f} s") from exc
    return data


def _signature_box(page: OcrPage) -> tuple[float, float, float, float] | None:
    """The box (points) from the page's last "TM." / "KT." / "TL." line down through the
    title and name under it, in that line's column; ``None`` on a page without one."""
    from vanban.text.lexicon import lexicon

    prefixes = {p for p in lexicon().signer.authority_prefixes if p[-1] in "./"}
    # The prefix may share Tesseract's line with the Nơi nhận column on its left.
    heads = [w for w in page.words if w.text.upper() in prefixes]
    if not heads:
        return None
    first = max(heads, key=lambda w: w.top)
    top, bottom = first.top, first.bottom
    height = max(bottom - top, 1.0)
    return (
        max(0.0, first.x0 - 2 * height),
        max(0.0, top - height / 2),
        page.width,
        min(page.height, top + SIGNATURE_LINES * height),
    )


def _second_look(
    grey: Image, page: OcrPage, dpi: float, config: str, timeout: float | None
) -> OcrPage:
    """``page`` with its signature block read again from ``grey`` (the image the page was
    read from) without the light grey a red seal leaves on the red channel
    (:data:`PAPER_LEVEL`), when that reads more.

    A seal stamped over the signing title ("CHỦ TỊCH") or the name often makes
    Tesseract skip the line on the whole page; read alone, with the ring made
    white, the block's lines come back. The words of the second reading replace
    those of the first inside the block only when they hold more letters read
    with a confidence of :data:`LOW_CONFIDENCE_WORD` or more.
    """
    box = _signature_box(page)
    if box is None:
        return page
    scale = dpi / 72.0
    pixels = tuple(round(v * scale) for v in box)
    crop = grey.crop(pixels).point(lambda v: 255 if v > PAPER_LEVEL else v)  # type: ignore[arg-type]
    crop.format = "PPM"
    try:
        data = _tesseract(crop, config, timeout)
    except OcrFailed:
        return page  # the first reading stands
    again = _page(data, page.index, crop.width, crop.height, dpi)
    x, y = box[0], box[1]
    inside = [
        i
        for i, w in enumerate(page.words)
        if box[0] <= (w.x0 + w.x1) / 2 <= box[2] and box[1] <= (w.top + w.bottom) / 2 <= box[3]
    ]
    before = _sure_letters([page.words[i] for i in inside], [page.confidences[i] for i in inside])
    if _sure_letters(again.words, again.confidences) <= before:
        return page
    replaced = set(inside)
    keep = [i for i in range(len(page.words)) if i not in replaced]
    moved = [Word(w.text, w.x0 + x, w.x1 + x, w.top + y, w.bottom + y) for w in again.words]
    page.words = [page.words[i] for i in keep] + moved
    page.confidences = [page.confidences[i] for i in keep] + again.confidences
    return page


def _sure_letters(words: list[Word], confidences: list[float]) -> int:
    return sum(
        sum(c.isalpha() for c in w.text)
        for w, conf in zip(words, confidences, strict=True)
        if conf >= LOW_CONFIDENCE_WORD
    )


def _noise(text: str, conf: float) -> bool:
    """A speck of a seal, a signature stroke or a pen line read as a "word".

    Such words come back with a confidence under :data:`NOISE_CONFIDENCE` and at
    most three letters or digits ("——..", "»", "sa)", "i===de."); a real word that
    short with that little confidence is lost too, and longer ones are kept.
    """
    if conf >= NOISE_CONFIDENCE:
        return False
    return sum(1 for c in text if c.isalnum()) <= 3


def _noise_line(items: list[tuple[str, float, float, float, float]]) -> bool:
    """A line of seal or signature strokes: little text, read with little confidence
    ("72 SN", "=4. 12/21/4", "⁄{) /"); a line of one or two letters ("- z") unless
    read with high confidence (a list number "1.", a roman "II.")."""
    alnum = sum(1 for text, *_ in items for c in text if c.isalnum())
    mean = sum(conf for _, conf, *_ in items) / len(items)
    if alnum <= 2:
        return mean < STROKE_LINE_CONFIDENCE
    return alnum <= 10 and mean < NOISE_LINE_CONFIDENCE


def _page(data: dict[str, list[Any]], index: int, width: int, height: int, dpi: float) -> OcrPage:
    """Words of Tesseract's TSV, each with its line's top and bottom (a level line),
    known phrases given their diacritics back (:mod:`vanban.loaders.ocr_lexicon`)."""
    from vanban.loaders.ocr_lexicon import fix_line

    scale = 72.0 / dpi
    boxes: dict[tuple[int, int, int], tuple[float, float]] = {}
    lines: dict[tuple[int, int, int], list[tuple[str, float, float, float, float]]] = {}
    for i in range(len(data["text"])):
        key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
        level = int(data["level"][i])
        if level == 4:  # a text line's box
            boxes[key] = (float(data["top"][i]), float(data["top"][i] + data["height"][i]))
            continue
        text = unicodedata.normalize("NFC", str(data["text"][i])).strip()
        conf = float(data["conf"][i])
        if level != 5 or not text or conf < 0 or _noise(text, conf):
            continue
        left, top = float(data["left"][i]), float(data["top"][i])
        right, bottom = left + float(data["width"][i]), top + float(data["height"][i])
        lines.setdefault(key, []).append((text, conf, left, right, bottom))
        boxes.setdefault(key, (top, bottom))
    words: list[Word] = []
    confs: list[float] = []
    for key, line in lines.items():
        top, bottom = boxes[key]
        if _noise_line(line):
            continue
        first, *more = _parts(line, bottom - top)
        kept = first + [w for part in more if not _noise_line(part) for w in part]
        texts = fix_line([t for t, *_ in kept])
        for text, (_, conf, left, right, _b) in zip(texts, kept, strict=True):
            words.append(Word(text, left * scale, right * scale, top * scale, bottom * scale))
            confs.append(conf)
    return OcrPage(index, words, confs, width * scale, height * scale)


def _parts(
    items: list[tuple[str, float, float, float, float]], height: float
) -> list[list[tuple[str, float, float, float, float]]]:
    """A Tesseract line cut where its words lie columns apart.

    Tesseract often reads the two columns of the closing block as one line
    ("- Như kính gửi;" and, far to the right, the strokes of a signature): the
    parts right of the first are judged as noise on their own words
    (:func:`_noise_line`); the first goes with its whole line, so that a short
    left column read with little confidence ("Nơi nhận", a handwritten "Số: 0J/…")
    stays.
    """
    gap = COLUMN_GAP * max(height, 1.0)
    parts = [[items[0]]]
    for item in items[1:]:
        if item[2] - parts[-1][-1][3] > gap:
            parts.append([item])
        else:
            parts[-1].append(item)
    return parts
