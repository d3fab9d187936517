"""Vietnamese text encodings: detect and convert to NFC Unicode.

Archives hold text in UTF-8, UTF-16 (with or without BOM), Windows-1258 and the
legacy font encodings TCVN3 (ABC, the ``.VnTime`` fonts) and VNI (the
``VNI-Times`` fonts). The legacy tables are data files in
``vanban/data/encodings/``. Conversion happens on the bytes, before any
cleaning: in TCVN3 "ư" is byte 0xAD, which a cleaner would drop as a soft
hyphen.

Detection decodes the bytes each candidate way and keeps the reading with the
most common Vietnamese syllables; ties go to Windows-1258.
"""

from __future__ import annotations

import tomllib
import unicodedata
from functools import cache
from importlib import resources

import regex

__all__ = [
    "decode_bytes",
    "decode_text",
    "detect_legacy",
    "from_tcvn3",
    "from_vni",
    "legacy_font_encoding",
    "utf16_without_bom",
    "vietnamese_score",
]

# Byte -> char for Windows-1252, with its five holes read as Latin-1.
_CP1252 = "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in range(256))

# Characters that a wrong 8-bit reading of Vietnamese produces: symbols, and a
# capital letter inside a lower-case word.
_ODD = regex.compile(r"[^\p{L}\p{N}\s.,;:!?()\[\]/\\\"'“”‘’%&*+=<>@#\-–—…]|(?<=\p{Ll})\p{Lu}")


@cache
def _tcvn3_table() -> str:
    data = tomllib.loads(_read_data("tcvn3.toml"))
    chars = list(_CP1252)
    for code, char in data["bytes"].items():
        chars[int(code, 16)] = char
    return "".join(chars)


@cache
def _vni_pattern() -> tuple[regex.Pattern[str], dict[str, str]]:
    data = tomllib.loads(_read_data("vni.toml"))
    seqs: dict[str, str] = data["sequences"]
    keys = sorted(seqs, key=len, reverse=True)
    return regex.compile("|".join(regex.escape(k) for k in keys)), seqs


@cache
def _common() -> regex.Pattern[str]:
    """Whole-word frequent syllables (``data/encodings/syllables.toml``)."""
    words: list[str] = tomllib.loads(_read_data("syllables.toml"))["common"]
    alternation = "|".join(regex.escape(w) for w in sorted(set(words), key=len, reverse=True))
    return regex.compile(rf"(?<!\w)(?:{alternation})(?!\w)", regex.IGNORECASE)


def _read_data(name: str) -> str:
    return resources.files("vanban").joinpath("data", "encodings", name).read_text("utf-8")


def from_tcvn3(data: bytes | str, *, upper: bool = False) -> str:
    """Convert TCVN3 (ABC) bytes, or text whose code points are those bytes, to NFC.

    Args:
        data: the bytes, or a str of code points below 256 (a DOCX run in a
            ``.VnTime`` font).
        upper: the text was drawn in a ``…H`` font (``.VnTimeH``), whose
            lower-case codes show as capitals.

    >>> from_tcvn3(b"C\\xe9ng ho\\xb5 x\\xb7 h\\xe9i ch\\xf1 ngh\\xdca")
    'Cộng hoà xã hội chủ nghĩa'
    >>> from_tcvn3(b"Ch\\xad\\xacng")
    'Chương'
    """
    raw = data if isinstance(data, bytes) else _to_bytes(data)
    text = raw.decode("latin-1").translate(dict(enumerate(_tcvn3_table())))
    if upper:
        text = text.upper()
    return unicodedata.normalize("NFC", text)


def from_vni(data: bytes | str) -> str:
    """Convert VNI-Windows bytes, or text read from a ``VNI-Times`` run, to NFC.

    >>> from_vni("Vieät Nam, Thoâng tö soá".encode("cp1252"))
    'Việt Nam, Thông tư số'
    """
    raw = data if isinstance(data, bytes) else _to_bytes(data)
    text = raw.decode("latin-1").translate(dict(enumerate(_CP1252)))
    pattern, seqs = _vni_pattern()
    return unicodedata.normalize("NFC", pattern.sub(lambda m: seqs[m.group()], text))


def _to_bytes(text: str) -> bytes:
    """Code points back to the bytes a legacy font saw (Windows-1252 first)."""
    out = bytearray()
    for ch in text:
        code = ord(ch)
        if code < 256:
            out.append(code)
        else:
            try:
                out += ch.encode("cp1252")
            except UnicodeEncodeError:
                out += b"?"
    return bytes(out)


def legacy_font_encoding(font: str | None) -> str | None:
    """The legacy encoding a font name implies: "tcvn3", "tcvn3-upper", "vni" or None.

    >>> legacy_font_encoding(".VnTimeH"), legacy_font_encoding("VNI-Times")
    ('tcvn3-upper', 'vni')
    >>> legacy_font_encoding("Times New Roman") is None
    True
    """
    if not font:
        return None
    name = font.strip()
    if name.startswith((".Vn", "Vn")):
        return "tcvn3-upper" if name.rstrip().endswith("H") else "tcvn3"
    if name.upper().startswith("VNI"):
        return "vni"
    return None


def vietnamese_score(text: str) -> int:
    """A decoding's score: frequent Vietnamese syllables, less stray symbols.

    >>> vietnamese_score("Chương trình") > vietnamese_score("Ch\xad¬ng trƯnh")
    True
    """
    common = sum(1 for _ in _common().finditer(text))
    return 10 * common - len(_ODD.findall(text))


def detect_legacy(data: bytes) -> tuple[str, str]:
    """Pick the best 8-bit reading of non-UTF-8 bytes: ``(text, encoding)``.

    The candidates are Windows-1258, TCVN3 and VNI; the text is NFC.
    """
    cp1258 = unicodedata.normalize("NFC", data.decode("cp1258", errors="replace"))
    candidates = [
        (vietnamese_score(cp1258), 2, cp1258, "windows-1258"),
        (vietnamese_score(tcvn := from_tcvn3(data)), 1, tcvn, "tcvn3"),
        (vietnamese_score(vni := from_vni(data)), 0, vni, "vni"),
    ]
    _, _, text, encoding = max(candidates, key=lambda c: (c[0], c[1]))
    return text, encoding


def utf16_without_bom(data: bytes) -> str | None:
    """``"utf-16-le"``/``"utf-16-be"`` when every other byte is mostly zero."""
    sample = data[:4096]
    if len(sample) < 8 or len(sample) % 2:
        return None
    even = sample[0::2].count(0) / (len(sample) / 2)
    odd = sample[1::2].count(0) / (len(sample) / 2)
    if odd > 0.3 and even < 0.05:
        return "utf-16-le"
    if even > 0.3 and odd < 0.05:
        return "utf-16-be"
    return None


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode text bytes to NFC, returning ``(text, encoding)``.

    The encoding is one of "utf-8", "utf-16", "windows-1258", "tcvn3", "vni".

    >>> decode_bytes("Số".encode("utf-16"))
    ('Số', 'utf-16')
    >>> decode_bytes("Ch\\xad\\xacng tr\\xd7nh".encode("latin-1"))
    ('Chương trình', 'tcvn3')
    """
    text, encoding, _ = decode_text(data)
    return text, encoding


def decode_text(data: bytes) -> tuple[str, str, int]:
    r"""Like :func:`decode_bytes`, plus the number of bad UTF-8 sequences replaced.

    UTF-8 text with a few bad bytes (a damaged sector, a file cut inside a
    character) stays UTF-8: each bad sequence becomes U+FFFD and is counted.
    Only bytes that are mostly not UTF-8 are read as a legacy 8-bit encoding.

    >>> decode_text("Số: 12 – Hà Nội".encode() + b"\xff")
    ('Số: 12 – Hà Nội�', 'utf-8', 1)
    >>> decode_text("Số".encode()[:-1])
    ('S�', 'utf-8', 1)
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return _utf8_replacing(data[3:])
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _nfc(data.decode("utf-16", errors="replace")), "utf-16", 0
    bomless = utf16_without_bom(data)
    if bomless:
        return _nfc(data.decode(bomless, errors="replace")), "utf-16", 0
    try:
        return _nfc(data.decode("utf-8")), "utf-8", 0
    except UnicodeDecodeError as exc:
        if _mostly_utf8(data, exc):
            return _utf8_replacing(data)
    if max(data, default=0) < 0x80:  # unreachable in practice: ASCII is UTF-8
        return data.decode("ascii"), "utf-8", 0
    text, encoding = detect_legacy(data)
    return text, encoding, 0


# Well-formed UTF-8 multi-byte sequences, and bytes that cannot start one.
_UTF8_SEQ = regex.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)


_HIGH_BYTES = bytes(range(0x80, 0x100))


def _mostly_utf8(data: bytes, exc: UnicodeDecodeError) -> bool:
    """Valid UTF-8 but for a few bad bytes, or cut inside its last character."""
    if exc.reason == "unexpected end of data":
        return True  # the only error is a character cut at the end
    high = len(data) - len(data.translate(None, _HIGH_BYTES))
    matches = _UTF8_SEQ.findall(data)
    good, in_good = len(matches), sum(map(len, matches))
    bad = high - in_good
    # Legacy 8-bit text forms a valid UTF-8 sequence only by chance (TCVN3, VNI
    # and Windows-1258 letters seldom follow a lead byte): few good, many bad.
    return good >= 2 and bad * 4 <= in_good


def _utf8_replacing(data: bytes) -> tuple[str, str, int]:
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    return _nfc(text), "utf-8", bad


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)
