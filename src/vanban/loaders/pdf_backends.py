"""PDF backends: words with coordinates, page by page.

Two implementations give the same :class:`Word` lists, so the layout code on
top does not care which one read the file:

* :class:`PdfiumBackend` (pypdfium2, the ``fast`` extra): PDFium's text
  layer, 1–2 ms a page; the default when installed;
* :class:`PlumberBackend` (pdfplumber/pdfminer): the reference, about a
  hundred times slower.

Coordinates are in PDF points with the origin at the top left of the page
(``top`` grows downwards), as pdfplumber gives them.

PDFium is not thread-safe (two threads inside it at once crash the process),
so every call into it, from opening a document to closing it, holds the one
process-wide :data:`PDFIUM_LOCK`. Code elsewhere that calls PDFium (page
rendering for OCR) must do the same: ``with pdfium_lock(): ...``. The lock is
re-entrant. Threads still parse in parallel everywhere else (layout, the
text pipeline); pdfplumber needs no lock.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any, NamedTuple, Protocol

import regex

from vanban.errors import CorruptDocument, EncryptedDocument, MissingDependency

_ENCRYPTED = (
    "the PDF is encrypted with a password: open it with the password, save an "
    "unprotected copy (or print it to PDF), and parse that copy"
)

__all__ = [
    "PdfBackend",
    "PdfiumBackend",
    "PlumberBackend",
    "Word",
    "available_backends",
    "open_backend",
    "pdfium_lock",
]

PDFIUM_LOCK = threading.RLock()
"""Held around every PDFium call in the process (PDFium is not thread-safe)."""


def pdfium_lock() -> threading.RLock:
    """The process-wide PDFium lock, as a context manager: ``with pdfium_lock(): ...``.

    Hold it for as long as any pypdfium2 object is used, including rendering
    pages and closing documents, pages, text pages and bitmaps.
    """
    return PDFIUM_LOCK


_TOKEN = regex.compile(r"\S+")
# pdfminer joins characters closer than this (points) into one word; PDFium
# inserts a space where the gap looks like one. 1.5 agrees with PDFium best.
_X_TOLERANCE = 1.5
# Where pdfminer puts a word's top and bottom, in font sizes from the baseline.
_ASCENT, _DESCENT = 0.78, 0.22


class Word(NamedTuple):
    """One word on a page: its text and its box (points, origin top left).

    A named tuple, not a dataclass: pages have thousands of words, and a
    frozen dataclass costs four times as much to build.
    """

    text: str
    x0: float
    x1: float
    top: float
    bottom: float


class PdfBackend(Protocol):
    """What the layout needs from a PDF library."""

    name: str

    def page_count(self) -> int:
        """Number of pages in the document."""

    def page_size(self, index: int) -> tuple[float, float]:
        """``(width, height)`` of page ``index`` in points."""

    def words(self, index: int) -> list[Word]:
        """The words of page ``index`` (0-based), in any order."""

    def plain_text(self, index: int) -> str:
        """The library's own text extraction of the page (for benchmarks)."""

    def close(self) -> None:
        """Free the document."""


class PdfiumBackend:
    """pypdfium2 (PDFium): words from the text page's characters."""

    name = "pdfium"

    def __init__(self, data: bytes) -> None:
        try:
            import pypdfium2 as pdfium
        except ImportError as exc:  # pragma: no cover - depends on the install
            raise MissingDependency("pypdfium2 is not installed: pip install pypdfium2") from exc
        try:
            with PDFIUM_LOCK:
                self._pdf: Any = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as exc:
            message = str(exc)
            if "password" in message.lower():
                raise EncryptedDocument(_ENCRYPTED) from exc
            raise CorruptDocument(f"not a readable PDF: {message}") from exc

    def page_count(self) -> int:
        with PDFIUM_LOCK:
            return len(self._pdf)

    def page_size(self, index: int) -> tuple[float, float]:
        import pypdfium2 as pdfium

        try:
            with PDFIUM_LOCK:
                width, height = self._pdf.get_page_size(index)
        except pdfium.PdfiumError as exc:  # a broken page tree (found by the fuzzer)
            raise CorruptDocument(f"PDF page {index + 1} cannot be read: {exc}") from exc
        return float(width), float(height)

    def _textpage(self, index: int) -> tuple[Any, Any, float]:
        """Page, text page and height; the caller holds PDFIUM_LOCK."""
        import pypdfium2 as pdfium

        page = None
        try:
            page = self._pdf[index]
            # numbers and dates stamped at signing live in form-field
            # appearances: flatten them into the page, as a viewer shows it
            # (a second page load, so only when an appearance draws text)
            if (
                _annotations_draw_text(page.raw)
                and pdfium.raw.FPDFPage_Flatten(page.raw, pdfium.raw.FLAT_NORMALDISPLAY) == 1
            ):
                page.close()
                page = self._pdf[index]
            return page, page.get_textpage(), float(page.get_height())
        except pdfium.PdfiumError as exc:
            if page is not None:
                page.close()
            raise CorruptDocument(f"PDF page {index + 1} cannot be read: {exc}") from exc

    def words(self, index: int) -> list[Word]:
        """Words with x from the glyph boxes and y from the baseline and font size.

        Glyph boxes are tight (an accent or a descender moves them); a box from
        the baseline, as pdfminer draws it, puts the words of a line level.
        """
        with PDFIUM_LOCK:
            return self._words(index)

    def _words(self, index: int) -> list[Word]:
        page, textpage, height = self._textpage(index)
        try:
            return _pdfium_words(textpage, height)
        finally:
            textpage.close()
            page.close()

    def plain_text(self, index: int) -> str:
        with PDFIUM_LOCK:
            page, textpage, _ = self._textpage(index)
            try:
                return str(textpage.get_text_range())
            finally:
                textpage.close()
                page.close()

    def close(self) -> None:
        with PDFIUM_LOCK:
            self._pdf.close()


# Annotation flags (PDF 32000-1, 12.5.3) that keep PDFium's flattening away.
_INVISIBLE, _HIDDEN = 1, 2


def _annotations_draw_text(page: Any) -> bool:
    """Whether an annotation flattening would draw holds text (form fields, stamps).

    Flattening means loading the page twice, and most signed PDFs carry
    signature widgets drawn as images only, so the appearance streams are
    looked into first (the same annotations PDFium's flattening takes).
    """
    import pypdfium2.raw as pdfium_c

    for k in range(pdfium_c.FPDFPage_GetAnnotCount(page)):
        annot = pdfium_c.FPDFPage_GetAnnot(page, k)
        if not annot:
            continue
        try:
            if pdfium_c.FPDFAnnot_GetSubtype(annot) == pdfium_c.FPDF_ANNOT_POPUP:
                continue
            if pdfium_c.FPDFAnnot_GetFlags(annot) & (_INVISIBLE | _HIDDEN):
                continue
            count = pdfium_c.FPDFAnnot_GetObjectCount(annot)
            if any(_draws_text(pdfium_c.FPDFAnnot_GetObject(annot, i)) for i in range(count)):
                return True
        finally:
            pdfium_c.FPDFPage_CloseAnnot(annot)
    return False


def _draws_text(obj: Any, depth: int = 0) -> bool:
    import pypdfium2.raw as pdfium_c

    if not obj:
        return False
    kind = pdfium_c.FPDFPageObj_GetType(obj)
    if kind == pdfium_c.FPDF_PAGEOBJ_TEXT:
        return True
    if kind != pdfium_c.FPDF_PAGEOBJ_FORM:
        return False
    if depth > 16:  # nested forms this deep: flatten rather than look further
        return True
    return any(
        _draws_text(pdfium_c.FPDFFormObj_GetObject(obj, i), depth + 1)
        for i in range(pdfium_c.FPDFFormObj_CountObjects(obj))
    )


@dataclass(frozen=True, slots=True)
class _CharApi:
    """PDFium's per-character calls, without ctypes' argument conversion.

    pypdfium2's bindings convert and check every argument, which costs more
    than PDFium's work for a character box; these call the same functions
    with the arguments already in C form (a text page handle as ``c_void_p``,
    an index as ``int``, out-parameters as ``c_void_p`` addresses).
    """

    char_box: Any
    char_origin: Any
    font_size: Any


_CHAR_API: list[_CharApi] = []


def _char_api() -> _CharApi:
    if not _CHAR_API:
        import ctypes

        import pypdfium2.raw as pdfium_c

        def bare(fn: Any, restype: Any) -> Any:
            address = ctypes.cast(fn, ctypes.c_void_p).value
            if not address:  # pragma: no cover - a pypdfium2 build without the symbol
                raise MissingDependency("pypdfium2 lacks PDFium's text-page functions")
            call: Any = ctypes.CFUNCTYPE(restype)(address)
            call.argtypes = None  # no per-call conversion: callers pass C values
            return call

        _CHAR_API.append(
            _CharApi(
                bare(pdfium_c.FPDFText_GetCharBox, ctypes.c_int),
                bare(pdfium_c.FPDFText_GetCharOrigin, ctypes.c_int),
                bare(pdfium_c.FPDFText_GetFontSize, ctypes.c_double),
            )
        )
    return _CHAR_API[0]


def _pdfium_words(textpage: Any, height: float) -> list[Word]:
    """The words of a PDFium text page: one box and one baseline per token."""
    import ctypes

    text = textpage.get_text_range()
    if not text.strip():
        return []
    api = _char_api()
    get_box, get_origin, get_size = api.char_box, api.char_origin, api.font_size
    handle = ctypes.c_void_p(ctypes.cast(textpage.raw, ctypes.c_void_p).value)
    # left, right, bottom, top of a box, then x, y of an origin
    out6 = (ctypes.c_double * 6)()
    base = ctypes.addressof(out6)
    box_args = tuple(ctypes.c_void_p(base + 8 * i) for i in range(4))
    origin_args = (ctypes.c_void_p(base + 32), ctypes.c_void_p(base + 40))

    def box(i: int) -> tuple[float, float, float, float]:
        get_box(handle, i, *box_args)
        return out6[0], out6[2], out6[1], out6[3]  # left, bottom, right, top

    out: list[Word] = []
    append = out.append
    for m in _TOKEN.finditer(text):
        start, stop = m.span()
        token = text[start:stop]
        get_box(handle, start, *box_args)
        x0, x1, b0, t0 = out6[0], out6[1], out6[2], out6[3]
        if stop - start > 1:
            get_box(handle, stop - 1, *box_args)
            ex0, eb, et = out6[0], out6[2], out6[3]
            if ex0 < x0 or eb > t0 or et < b0:  # the token jumps: split it by char
                out += _split_token(token, start, box, height)
                continue
            if out6[1] > x1:
                x1 = out6[1]
        size = get_size(handle, start)
        if size > 0 and get_origin(handle, start, *origin_args):
            baseline = height - out6[5]
            append(Word(token, x0, x1, baseline - _ASCENT * size, baseline + _DESCENT * size))
        else:
            append(Word(token, x0, x1, height - t0, height - b0))
    return out


def _split_token(token: str, start: int, box: Any, height: float) -> list[Word]:
    """Split a token whose characters do not run left to right on one line."""
    words: list[Word] = []
    chars: list[tuple[str, tuple[float, float, float, float]]] = []
    for i, ch in enumerate(token):
        cb = box(start + i)
        if chars:
            px0, pb, _, pt = chars[-1][1]
            if cb[0] < px0 or cb[1] > pt or cb[3] < pb:
                words.append(_word(chars, height))
                chars = []
        chars.append((ch, cb))
    if chars:
        words.append(_word(chars, height))
    return words


def _word(chars: list[tuple[str, tuple[float, float, float, float]]], height: float) -> Word:
    text = "".join(c for c, _ in chars)
    x0 = min(b[0] for _, b in chars)
    x1 = max(b[2] for _, b in chars)
    bottom = min(b[1] for _, b in chars)
    top = max(b[3] for _, b in chars)
    return Word(text, x0, x1, height - top, height - bottom)


class PlumberBackend:
    """pdfplumber (pdfminer.six): the reference backend."""

    name = "pdfplumber"

    def __init__(self, data: bytes) -> None:
        import io

        import pdfplumber
        from pdfminer.pdfdocument import PDFPasswordIncorrect
        from pdfminer.pdfparser import PDFSyntaxError

        try:
            self._pdf: Any = pdfplumber.open(io.BytesIO(data))
            self._pages: Any = self._pdf.pages
        except PDFPasswordIncorrect as exc:
            raise EncryptedDocument(_ENCRYPTED) from exc
        except (PDFSyntaxError, Exception) as exc:  # pdfminer raises many kinds
            if isinstance(exc.__cause__ or exc.__context__, PDFPasswordIncorrect):
                raise EncryptedDocument(_ENCRYPTED) from exc  # wrapped by pdfplumber
            raise CorruptDocument(f"not a readable PDF: {exc or type(exc).__name__}") from exc

    def page_count(self) -> int:
        return len(self._pages)

    def page_size(self, index: int) -> tuple[float, float]:
        try:
            page = self._pages[index]
            return float(page.width), float(page.height)
        except Exception as exc:  # pdfminer's errors have no common base
            raise CorruptDocument(f"PDF page {index + 1} cannot be read: {exc}") from exc

    def words(self, index: int) -> list[Word]:
        page = self._pages[index]
        try:
            raw = page.extract_words(
                keep_blank_chars=False, use_text_flow=False, x_tolerance=_X_TOLERANCE
            )
            stamped = _annotation_words(page)
        except Exception as exc:  # pdfminer's errors have no common base
            raise CorruptDocument(f"PDF page {index + 1} cannot be read: {exc}") from exc
        finally:
            page.flush_cache()
        return [
            Word(w["text"], float(w["x0"]), float(w["x1"]), float(w["top"]), float(w["bottom"]))
            for w in raw
        ] + stamped

    def plain_text(self, index: int) -> str:
        page = self._pages[index]
        try:
            return str(page.extract_text() or "")
        finally:
            page.flush_cache()

    def close(self) -> None:
        self._pdf.close()


def _annotation_words(page: Any) -> list[Word]:
    """Words drawn by annotation appearances (what PDFium's flattening shows)."""
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LTChar
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdftypes import resolve1

    chars: list[Any] = []
    height = float(page.height)
    # not ``page.annots``: pdfplumber resolves those fully, and cyclic
    # references (/P back to the page) make that recurse without end
    for ref in resolve1(getattr(page.page_obj, "annots", None)) or []:
        data = resolve1(ref)
        if not isinstance(data, dict):
            continue
        if int(resolve1(data.get("F", 0)) or 0) & 2:  # hidden
            continue
        appearance = resolve1(data.get("AP"))
        stream = resolve1(appearance.get("N")) if isinstance(appearance, dict) else None
        rect = resolve1(data.get("Rect"))
        if stream is None or not hasattr(stream, "get") or not rect:
            continue
        bbox = [float(resolve1(v)) for v in resolve1(stream.get("BBox", [0, 0, 1, 1]))]
        x0, y0, x1, y1 = (float(resolve1(v)) for v in rect)
        sx = (x1 - x0) / ((bbox[2] - bbox[0]) or 1)
        sy = (y1 - y0) / ((bbox[3] - bbox[1]) or 1)
        ctm = (sx, 0.0, 0.0, sy, min(x0, x1) - bbox[0] * sx, min(y0, y1) - bbox[1] * sy)
        manager = PDFResourceManager()
        device = PDFPageAggregator(manager)
        device.begin_page(page.page_obj, (1, 0, 0, 1, 0, 0))
        PDFPageInterpreter(manager, device).render_contents(
            resolve1(stream.get("Resources")) or {}, [stream], ctm=ctm
        )
        device.end_page(page.page_obj)
        stack: list[Any] = [device.get_result()]
        while stack:
            item = stack.pop()
            if isinstance(item, LTChar):
                chars.append(item)
            elif hasattr(item, "__iter__"):
                stack.extend(item)
    return _chars_to_words(chars, height)


def _chars_to_words(chars: list[Any], height: float) -> list[Word]:
    words: list[Word] = []
    chars.sort(key=lambda c: (round(c.y0), c.x0))
    current: list[Any] = []
    for ch in chars:
        prev = current[-1] if current else None
        if prev is not None and (
            ch.get_text().isspace()
            or abs(ch.y0 - prev.y0) > 1
            or ch.x0 - prev.x1 > _X_TOLERANCE
            or ch.x0 < prev.x0  # went back: another line, or another field
        ):
            words.append(_plumber_word(current, height))
            current = []
        if not ch.get_text().isspace():
            current.append(ch)
    if current:
        words.append(_plumber_word(current, height))
    return [w for w in words if w.text]


def _plumber_word(chars: list[Any], height: float) -> Word:
    return Word(
        "".join(c.get_text() for c in chars),
        min(c.x0 for c in chars),
        max(c.x1 for c in chars),
        height - max(c.y1 for c in chars),
        height - min(c.y0 for c in chars),
    )


def available_backends() -> list[str]:
    """Names of the installed backends, the default first."""
    names = []
    try:
        import pypdfium2  # noqa: F401

        names.append("pdfium")
    except ImportError:  # pragma: no cover - depends on the install
        pass
    names.append("pdfplumber")
    return names


def open_backend(data: bytes, name: str | None = None) -> PdfBackend:
    """Open ``data`` with backend ``name`` ("pdfium", "pdfplumber"; default: fastest)."""
    chosen = name or available_backends()[0]
    if chosen == "pdfium":
        return PdfiumBackend(data)
    if chosen == "pdfplumber":
        return PlumberBackend(data)
    raise ValueError(f"unknown PDF backend {chosen!r}; known: pdfium, pdfplumber")
