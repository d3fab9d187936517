"""RTF to text: a small reader of Word's RTF, no external program needed.

Handles what Vietnamese documents use: ``\\uN`` escapes (with ``\\ucN``
fallback skipping), ``\\'hh`` bytes in the font's charset (163 = Windows-1258)
or the document's ``\\ansicpg``, paragraphs, line breaks, table cells and
rows, and skips the destinations that hold no body text (font and colour
tables, styles, pictures, document info, ``{\\*\\…}`` groups).

Hostile files are read in linear time and bounded memory: a control word's
number has at most 10 digits (RTF's are 16-bit; longer digit runs are text),
``\\uN`` outside Unicode becomes U+FFFD (surrogate pairs are joined, a lone
surrogate is U+FFFD too), ``\\ucN`` is clamped to 0..16, and groups nested
deeper than :data:`MAX_DEPTH` share their parent's state instead of each
saving a copy (4 million ``{`` cost no more memory than 1,000).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, replace

import regex

from vanban.errors import CorruptDocument
from vanban.limits import check_deadline

__all__ = ["MAX_DEPTH", "rtf_to_text"]

MAX_DEPTH = 1000  # group nesting whose states are kept
_MAX_UC = 16
_TOKEN = regex.compile(
    r"\\([a-zA-Z]{1,32})(-?\d{1,10})? ?|\\'([0-9a-fA-F]{2})|\\([^a-zA-Z])|([{}])"
    r"|([^\\{}\r\n]+)|[\r\n]+"
)
_SKIP_DEST = {
    "fonttbl", "colortbl", "stylesheet", "info", "pict", "object", "header", "footer",
    "headerl", "headerr", "headerf", "footerl", "footerr", "footerf", "listtable",
    "listoverridetable", "rsidtbl", "generator", "xmlnstbl", "themedata", "colorschememapping",
    "latentstyles", "datastore", "fldinst", "bkmkstart", "bkmkend", "shppict", "nonshppict",
    "revtbl", "pgdsctbl", "filetbl", "mmathPr", "protusertbl", "wgrffmtfilter", "sp",
}  # fmt: skip
_CHARSETS = {163: "cp1258", 238: "cp1250", 204: "cp1251", 222: "cp874"}
_BREAKS = {"par": "\n", "line": "\n", "cell": "\n", "row": "\n", "sect": "\n", "page": "\n"}
_SPECIAL = {
    "tab": " ", "emdash": "—", "endash": "–", "lquote": "‘", "rquote": "’",
    "ldblquote": "“", "rdblquote": "”", "bullet": "•", "~": "\u00a0", "_": "-", "-": "",
}  # fmt: skip


@dataclass(slots=True)
class _State:
    skip: bool = False
    uc: int = 1
    codec: str = "cp1252"
    font: int = 0


def rtf_to_text(data: bytes) -> str:
    """The text of an RTF document, one paragraph (or table cell) per line.

    >>> rtf_to_text(rb"{\\rtf1\\ansi{\\fonttbl{\\f0 Times;}}S\\u7889?: 12\\par Xin ch\\'e0o}")
    'Số: 12\\nXin chào'

    Raises:
        CorruptDocument: the bytes do not start like RTF.
    """
    if not data.lstrip()[:5] == b"{\\rtf":
        raise CorruptDocument("not an RTF document (no {\\rtf header)")
    source = data.decode("latin-1")
    out: list[str] = []
    pending = bytearray()  # \'hh bytes, decoded together (multi-byte code pages)
    state = _State()
    stack: list[_State] = []
    fonts: dict[int, str] = {}
    skip_chars = 0
    fonts.update(_font_charsets(source))
    ansi = "cp1252"
    deep = 0  # groups opened beyond MAX_DEPTH, sharing the state of the deepest kept one
    high = 0  # a high surrogate waiting for its low half

    def flush() -> None:
        if pending:
            out.append(pending.decode(state.codec, errors="replace"))
            pending.clear()

    for n, m in enumerate(_TOKEN.finditer(source)):
        if n % 65536 == 0:
            check_deadline("reading RTF")
        word, arg, hexbyte, symbol, brace, text = m.groups()
        if skip_chars and (text or hexbyte or symbol):
            if text:
                cut = min(skip_chars, len(text))
                skip_chars -= cut
                text = text[cut:]
                if not text:
                    continue
            else:
                skip_chars -= 1
                continue
        if hexbyte:
            if not state.skip:
                pending.append(int(hexbyte, 16))
            continue
        flush()
        if high and (text or symbol or brace or (word and word != "u")):
            out.append("\ufffd")  # a high surrogate without its low half
            high = 0
        if brace == "{":
            if len(stack) < MAX_DEPTH:
                stack.append(replace(state))
            else:
                deep += 1
        elif brace == "}":
            if deep:
                deep -= 1
            elif stack:
                state = stack.pop()
        elif symbol:
            if symbol == "*":
                state.skip = True
            elif not state.skip and symbol in _SPECIAL:
                out.append(_SPECIAL[symbol])
            elif not state.skip and symbol in "\\{}":
                out.append(symbol)
        elif word:
            if word in _SKIP_DEST:
                state.skip = True
            elif word == "uc":
                state.uc = min(max(int(arg or 1), 0), _MAX_UC)
            elif word == "u" and arg is not None:
                if not state.skip:
                    char, high = _unicode(int(arg), high)
                    out.append(char)
                skip_chars = state.uc
            elif word == "ansicpg" and arg:
                ansi = state.codec = _codec(f"cp{arg}")
            elif word == "f" and arg is not None:
                state.codec = fonts.get(int(arg), ansi)
            elif not state.skip:
                if word in _BREAKS:
                    out.append(_BREAKS[word])
                elif word in _SPECIAL:
                    out.append(_SPECIAL[word])
        elif text and not state.skip:
            out.append(text)
    flush()
    if high:
        out.append("\ufffd")
    text = unicodedata.normalize("NFC", "".join(out))
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def _unicode(code: int, high: int) -> tuple[str, int]:
    """The character of ``\\uN`` (N signed 16-bit), and a high surrogate still waiting.

    >>> _unicode(7889, 0), _unicode(-10179, 0), _unicode(-8704, 0xD83D), _unicode(9999999, 0)
    (('ố', 0), ('', 55357), ('😀', 0), ('\ufffd', 0))
    """
    if -32768 <= code < 0:
        code += 65536
    if 0xD800 <= code < 0xDC00:  # the first half of a pair
        return ("\ufffd" if high else ""), code
    if 0xDC00 <= code < 0xE000:
        if high:
            return chr(0x10000 + ((high - 0xD800) << 10) + (code - 0xDC00)), 0
        return "\ufffd", 0
    prefix = "\ufffd" if high else ""
    if not 0 <= code <= 0x10FFFF:
        return prefix + "\ufffd", 0
    return prefix + chr(code), 0


def _codec(name: str) -> str:
    import codecs

    try:
        codecs.lookup(name)
    except LookupError:
        return "cp1252"
    return name


def _font_charsets(source: str) -> dict[int, str]:
    """Font number -> code page, from the font table's ``\\fN … \\fcharsetN``."""
    table: dict[int, str] = {}
    for m in regex.finditer(r"\\f(\d{1,10})[^;{}]*?\\fcharset(\d{1,10})", source[:200_000]):
        codec = _CHARSETS.get(int(m.group(2)))
        if codec:
            table[int(m.group(1))] = codec
    return table
