"""Old Word .doc (Word 97–2003 binary) read in pure Python.

The OLE container is opened with ``olefile``; the text comes from the piece
table (:mod:`vanban.loaders.msdoc_pieces`). Word's marks become the loader
text convention (:class:`~vanban.loaders.base.RawDocument`):

* paragraph marks (0x0D), line breaks (0x0B), page/section and column breaks
  are line ends; a table cell or row end (0x07) is a line end too, so a table
  comes out cell after cell, each cell's paragraphs on their own lines, as
  the DOCX loader gives it;
* fields keep their result and lose their code (``0x13 code 0x14 result
  0x15``; a field without a result is dropped); pictures, footnote and
  comment anchors and other object marks are dropped; the non-breaking
  hyphen becomes "-", the optional hyphen disappears; tabs stay tabs (the
  normaliser reads a tab inside a line as a column gap);
* text deleted by a tracked change, and hidden text, are dropped (from the
  character properties, :mod:`vanban.loaders.msdoc_props`);
* automatic list numbers are put back (:mod:`vanban.loaders.msdoc_lists`);
* only the main story is read: headers, footers, footnotes, comments and
  text boxes are not.

Legacy fonts: text typed in ``.VnTime`` (TCVN3) or ``VNI-Times`` is stored as
the 8-bit codes the font draws. When the font table lists such a font, the
character properties and styles say which run is in which font
(:mod:`vanban.loaders.msdoc_props`) and those runs are converted
(:mod:`vanban.loaders.msdoc_fonts`), with the issue ``text.legacy_encoding``;
when they cannot be read, whole lines are judged instead.
"""

from __future__ import annotations

import io
import struct
from dataclasses import dataclass
from typing import Any

import regex

from vanban.errors import CorruptDocument, EncryptedDocument, UnsupportedFormat
from vanban.limits import DEFAULT_LIMITS, Limits
from vanban.loaders.base import RawDocument
from vanban.loaders.msdoc_fonts import convert_lines, convert_runs, legacy_fonts
from vanban.loaders.msdoc_lists import insert_labels, list_labels
from vanban.loaders.msdoc_pieces import (
    WORD97_NFIB,
    Fib,
    MsDocFormatError,
    Piece,
    main_text,
    read_fib,
    read_pieces,
)
from vanban.loaders.msdoc_props import FontRuns, may_hide_text, may_use_fonts, read_font_runs
from vanban.models import Issue

__all__ = ["DocText", "load_bytes", "read_doc"]

_FIELD_BEGIN, _FIELD_SEP, _FIELD_END = "\x13", "\x14", "\x15"
# Word's marks in the text stream and what they become; other controls go.
_MARKS = {
    "\r": "\n",  # paragraph end
    "\n": "\n",
    "\x07": "\n",  # table cell or row end
    "\x0b": "\n",  # line break
    "\x0c": "\n",  # page or section break
    "\x0e": "\n",  # column break
    "\x1e": "-",  # non-breaking hyphen
    "\xa0": " ",
}
_CONTROLS = regex.compile(r"[\x00-\x08\x0a-\x1f\xa0]")
_FIELD_MARKS = regex.compile(r"[\x13\x14\x15]")
_FFN_INDEX = 15  # fcSttbfFfn in FibRgFcLcb97


def load_bytes(
    data: bytes,
    *,
    name: str | None = None,
    format: str = "doc",
    limits: Limits = DEFAULT_LIMITS,
) -> RawDocument:
    """Load a Word 97–2003 .doc from its bytes.

    Raises:
        EncryptedDocument: the file is password-protected.
        UnsupportedFormat: a Word 6/95 file (older than Word 97), or an OLE
            file that holds no Word document (Excel, PowerPoint).
        CorruptDocument: not an OLE file, or the Word structures are damaged.
    """
    doc = read_doc(data, limits=limits)
    issues: list[Issue] = []
    if doc.cut:
        issues.append(
            Issue(
                code="text.truncated",
                message=f"the .doc holds more than {limits.max_text_chars:,} characters "
                "(Limits.max_text_chars); the rest was not read",
            )
        )
    if doc.converted:
        issues.append(
            Issue(
                code="text.legacy_encoding",
                message=f"{doc.converted} {doc.unit} in legacy fonts "
                f"({', '.join(sorted(set(doc.legacy.values())))}) converted to Unicode",
            )
        )
    return RawDocument(text=doc.text, format="doc", issues=issues)


@dataclass(frozen=True, slots=True)
class DocText:
    """A .doc's main text and how it was read.

    Attributes:
        text: one paragraph or table cell per line.
        fonts: the names in the font table.
        legacy: font index -> legacy encoding, for the legacy fonts in the table.
        converted: how many runs (or lines) were converted from a legacy font.
        unit: "runs" when the fonts came from the character properties,
            "lines" when the fallback judged whole lines.
        cut: the text was cut at ``Limits.max_text_chars``.
    """

    text: str
    fonts: list[str]
    legacy: dict[int, str]
    converted: int
    unit: str
    cut: bool


def read_doc(data: bytes, *, limits: Limits = DEFAULT_LIMITS) -> DocText:
    """Read the main text of a .doc; see :func:`load_bytes` for the errors."""
    import olefile  # type: ignore[import-untyped]

    try:
        if not olefile.isOleFile(io.BytesIO(data)):
            raise CorruptDocument("not an OLE compound file, so not a Word 97–2003 .doc")
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            if not ole.exists("WordDocument"):
                raise UnsupportedFormat(
                    "this OLE file holds no Word document (an Excel, PowerPoint or other "
                    "Office file saved under a .doc name?)"
                )
            word = _stream(ole, "WordDocument", limits)
            fib = read_fib(word)
            _check_readable(fib)
            if not ole.exists(fib.table_stream):
                raise CorruptDocument(f"the .doc has no {fib.table_stream} stream")
            table = _stream(ole, fib.table_stream, limits)
        pieces = read_pieces(fib, table, len(word))
        end = min(fib.ccp_text, limits.max_text_chars + 1)
        fonts = _font_names(fib, table)
        legacy = legacy_fonts(fonts)
        if legacy and not _may_use(fib, word, table, set(legacy)):
            legacy = {}  # listed in the font table, but no run or style uses them
        runs = _font_runs(fib, word, table) if legacy or _may_hide(fib, word, table) else None
        converted, unit = 0, "runs"
        raw = main_text(word, pieces, fib.ccp_text, end)
        labels = _labels(fib, word, table, raw, pieces)
        if runs is not None and (legacy or runs.any_hidden):
            raw, converted = convert_runs(word, pieces, end, runs, legacy, labels)
        else:
            raw = insert_labels(raw, labels)
    except (CorruptDocument, UnsupportedFormat, EncryptedDocument):
        raise
    except (MsDocFormatError, OSError, struct.error, ValueError, IndexError) as exc:
        raise CorruptDocument(f"damaged .doc file: {exc}") from exc
    except Exception as exc:  # olefile raises bare exceptions on some damage
        raise CorruptDocument(f"damaged .doc file: {type(exc).__name__}: {exc}") from exc
    cut = len(raw) > limits.max_text_chars
    text = _lines(_strip_fields(raw[: limits.max_text_chars]))
    if legacy and runs is None:
        text, converted = convert_lines(text, legacy)
        unit = "lines"
    return DocText(text, fonts, legacy, converted, unit, cut)


def _labels(fib: Fib, word: bytes, table: bytes, raw: str, pieces: list[Piece]) -> dict[int, str]:
    """Automatic list numbers by CP; none when the list tables cannot be read."""
    try:
        return list_labels(fib, word, table, raw, pieces)
    except (MsDocFormatError, struct.error, IndexError, KeyError):
        return {}


def _may_hide(fib: Fib, word: bytes, table: bytes) -> bool:
    try:
        return may_hide_text(fib, word, table)
    except (MsDocFormatError, struct.error, IndexError):
        return False


def _may_use(fib: Fib, word: bytes, table: bytes, fonts: set[int]) -> bool:
    try:
        return may_use_fonts(fib, word, table, fonts)
    except (MsDocFormatError, struct.error, IndexError):
        return True  # cannot tell: read the properties (or judge lines)


def _font_runs(fib: Fib, word: bytes, table: bytes) -> FontRuns | None:
    """The fonts by run, or None when the properties cannot be read (then judge lines)."""
    try:
        return read_font_runs(fib, word, table)
    except (MsDocFormatError, struct.error, IndexError, KeyError):
        return None


def _stream(ole: Any, name: str, limits: Limits) -> bytes:
    size = ole.get_size(name)
    if size > limits.max_input_bytes * 4:
        raise CorruptDocument(f"the {name} stream claims {size:,} bytes")
    data: bytes = ole.openstream(name).read()
    return data


def _check_readable(fib: Fib) -> None:
    if fib.encrypted or fib.obfuscated:
        raise EncryptedDocument(
            "this .doc is password-protected: open it in Word or LibreOffice with the "
            "password, save a copy without protection (or as .docx), and parse that copy"
        )
    if fib.nfib < 101:
        raise UnsupportedFormat(f"a Word file older than Word 6 (nFib {fib.nfib})")
    if fib.nfib < WORD97_NFIB:
        raise UnsupportedFormat(
            "a Word 6/95 .doc (before Word 97) is not read: save it as .docx in "
            "Word or LibreOffice, then parse that copy"
        )


def _strip_fields(raw: str) -> str:
    """Field codes out, field results in (fields nest)."""
    if _FIELD_BEGIN not in raw:
        return raw
    out: list[str] = []
    stack: list[bool] = []  # per open field: in its result part?
    pos = 0
    for m in _FIELD_MARKS.finditer(raw):
        if all(stack):
            out.append(raw[pos : m.start()])
        mark = m.group()
        if mark == _FIELD_BEGIN:
            stack.append(False)
        elif mark == _FIELD_SEP:
            if stack:
                stack[-1] = True
        elif stack:
            stack.pop()
        pos = m.end()
    if all(stack):
        out.append(raw[pos:])
    return "".join(out)


def _lines(text: str) -> str:
    text = _CONTROLS.sub(lambda m: _MARKS.get(m.group(), ""), text)
    lines = (line.strip(" ") for line in text.split("\n"))
    return "\n".join(line for line in lines if line.strip())


def _font_names(fib: Fib, table: bytes) -> list[str]:
    """Names in the font table (SttbfFfn); empty when it cannot be read."""
    fc, lcb = fib.pair(_FFN_INDEX)
    if lcb < 4 or fc + lcb > len(table):
        return []
    data = table[fc : fc + lcb]
    (count,) = struct.unpack_from("<H", data, 0)
    pos, names = 4, []
    for _ in range(min(count, 4096)):
        if pos >= len(data):
            break
        size = data[pos]
        ffn = data[pos + 1 : pos + 1 + size]
        pos += 1 + size
        if len(ffn) > 39:
            names.append(ffn[39:].decode("utf-16-le", errors="replace").split("\0", 1)[0])
    return names
