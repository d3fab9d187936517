"""RTF to text: a small reader of Word's RTF, no external program needed.

Handles what Vietnamese documents use: ``\\uN`` escapes (with ``\\ucN``
fallback skipping), ``\\'hh`` bytes in the font's charset (163 = Windows-1258)
or the document's ``\\ansicpg``, paragraphs, line breaks, table cells and
rows, and skips the destinations that hold no body text (font and colour
tables, styles, pictures, document info, ``{\\*\\…}`` groups).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, replace

import regex

from vanban.errors import CorruptDocument

__all__ = ["rtf_to_text"]

_TOKEN = regex.compile(
    r"\\([a-zA-Z]+)(-?\d+)? ?|\\'([0-9a-fA-F]{2})|\\([^a-zA-Z])|([{}])|([^\\{}\r\n]+)|[\r\n]+"
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

    def flush() -> None:
        if pending:
            out.append(pending.decode(state.codec, errors="replace"))
            pending.clear()

    for m in _TOKEN.finditer(source):
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
        if brace == "{":
            stack.append(replace(state))
        elif brace == "}":
            state = stack.pop() if stack else state
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
                state.uc = int(arg or 1)
            elif word == "u" and arg is not None:
                if not state.skip:
                    code = int(arg)
                    out.append(chr(code + 65536 if code < 0 else code))
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
    text = unicodedata.normalize("NFC", "".join(out))
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


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
    for m in regex.finditer(r"\\f(\d+)[^;{}]*?\\fcharset(\d+)", source[:200_000]):
        codec = _CHARSETS.get(int(m.group(2)))
        if codec:
            table[int(m.group(1))] = codec
    return table
