"""Structure-aware mutators: change what the loaders read, keep what they check first.

Byte flips in a DOCX almost always break the zip's CRC, and flips in an RTF
rarely make a control word, so a plain fuzzer spends its time in the
"not a zip" and "no {\\rtf header" branches. These mutators keep the container
valid and mutate the content:

* **DOCX**: unzip, pick ``word/document.xml``, ``numbering.xml`` or
  ``styles.xml`` (adding a small one when the package has none), mutate it as
  XML (an attribute set to an interesting value, an element duplicated,
  deleted or moved, a WordprocessingML snippet inserted) or as bytes, and zip
  it again with correct CRCs;
* **RTF**: split into RTF tokens, then insert, delete, duplicate or renumber
  tokens (``\\uN`` with extreme N, ``\\ucN``, ``\\'hh``, groups, destinations);
* anything else: the byte mutator given (libFuzzer's ``atheris.Mutate``, or
  a plain random one).

Every mutator is a pure function of ``(data, max_size, seed)``.
"""

from __future__ import annotations

import io
import random
import re
import zipfile
from collections.abc import Callable

ByteMutator = Callable[[bytes, int], bytes]

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
XML_PARTS = ("word/document.xml", "word/numbering.xml", "word/styles.xml")

INTERESTING = [
    "0", "1", "-1", "8", "9", "10", "-3", "26", "27", "3999", "4000", "32767", "32768",
    "2147483647", "2147483648", "-2147483649", "2000000000", "1" + "0" * 15, "1" + "0" * 30,
    "9" * 5000, "", "x", "%1", "%1.%2.%3.%4.%5.%6.%7.%8.%9.", "lowerLetter", "lowerRoman",
    "upperRoman", "upperLetter", "decimal", "decimalZero", "bullet", "none", "restart",
    "continue", ".VnTime", "VNI-Times", "first", "default", "rId1", "s0", "h1", "old",
]  # fmt: skip

_W = "w:"
SNIPPETS = [
    f'<{_W}p><{_W}pPr><{_W}numPr><{_W}ilvl {_W}val="0"/><{_W}numId {_W}val="1"/></{_W}numPr>'
    f"</{_W}pPr><{_W}r><{_W}t>Sở Nội vụ</{_W}t></{_W}r></{_W}p>",
    f'<{_W}p><{_W}pPr><{_W}pStyle {_W}val="s0"/></{_W}pPr><{_W}r><{_W}t>1.</{_W}t></{_W}r></{_W}p>',
    f"<{_W}tbl><{_W}tr><{_W}tc><{_W}p><{_W}r><{_W}t>Số: 18</{_W}t></{_W}r></{_W}p></{_W}tc>"
    f"<{_W}tc><{_W}p><{_W}r><{_W}t>/2025/QĐ-UBND</{_W}t></{_W}r></{_W}p></{_W}tc></{_W}tr>"
    f"</{_W}tbl>",
    f'<{_W}tc><{_W}tcPr><{_W}vMerge {_W}val="continue"/></{_W}tcPr></{_W}tc>',
    f"<{_W}sdt><{_W}sdtContent><{_W}p><{_W}r><{_W}t>x</{_W}t></{_W}r></{_W}p></{_W}sdtContent>"
    f"</{_W}sdt>",
    f"<{_W}r><{_W}txbxContent><{_W}p><{_W}r><{_W}t>hộp</{_W}t></{_W}r></{_W}p>"
    f"</{_W}txbxContent></{_W}r>",
    f"<{_W}del><{_W}r><{_W}delText>bỏ</{_W}delText></{_W}r></{_W}del>",
    f'<{_W}r><{_W}rPr><{_W}rFonts {_W}ascii=".VnTime"/></{_W}rPr><{_W}t>Sè</{_W}t></{_W}r>',
    f"<{_W}r><{_W}tab/><{_W}br/><{_W}noBreakHyphen/></{_W}r>",
    f'<{_W}abstractNum {_W}abstractNumId="1"><{_W}lvl {_W}ilvl="0"><{_W}start {_W}val="1"/>'
    f'<{_W}numFmt {_W}val="lowerLetter"/><{_W}lvlText {_W}val="%1)"/></{_W}lvl></{_W}abstractNum>',
    f'<{_W}num {_W}numId="1"><{_W}abstractNumId {_W}val="1"/><{_W}lvlOverride {_W}ilvl="0">'
    f'<{_W}startOverride {_W}val="5"/></{_W}lvlOverride></{_W}num>',
    f'<{_W}style {_W}styleId="s0"><{_W}basedOn {_W}val="s1"/><{_W}pPr><{_W}numPr>'
    f'<{_W}numId {_W}val="1"/></{_W}numPr></{_W}pPr></{_W}style>',
    f'<{_W}style {_W}styleId="s1"><{_W}basedOn {_W}val="s0"/></{_W}style>',
    f'<{_W}sectPr><{_W}headerReference {_W}type="default" r:id="rId1"/><{_W}titlePg/></{_W}sectPr>',
]

_READ = re.compile(
    r"\[Content_Types\]\.xml$|word/(?:document|numbering|styles|header\d*)\.xml$|word/_rels/"
)
_ATTR = re.compile(rb'(\w+:\w+)="([^"]*)"')
_ELEMENT = re.compile(rb"<w:(\w+)\b[^>]*?(?:/>|>.*?</w:\1>)", re.DOTALL)


def small_numbering() -> str:
    """A numbering part with three levels in three formats."""
    levels = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/></w:lvl>'
        for i, (fmt, text) in enumerate(
            [("decimal", "%1."), ("lowerLetter", "%2)"), ("upperRoman", "%1.%3.")]
        )
    )
    return (
        f'<w:numbering xmlns:w="{W_NS}"><w:abstractNum w:abstractNumId="1">{levels}'
        '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num></w:numbering>'
    )


def small_styles() -> str:
    """A styles part with a numbered heading, a basedOn chain and a legacy font."""
    return (
        f'<w:styles xmlns:w="{W_NS}"><w:docDefaults><w:rPrDefault><w:rPr>'
        '<w:rFonts w:ascii="Times New Roman"/></w:rPr></w:rPrDefault></w:docDefaults>'
        '<w:style w:styleId="h1"><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/>'
        '</w:numPr></w:pPr></w:style><w:style w:styleId="s0"><w:basedOn w:val="h1"/></w:style>'
        '<w:style w:styleId="old"><w:basedOn w:val="s0"/><w:rPr><w:rFonts w:ascii=".VnTime"/>'
        "</w:rPr></w:style></w:styles>"
    )


def _xml_mutation(xml: bytes, rng: random.Random, byte_mutate: ByteMutator) -> bytes:
    op = rng.random()
    if op < 0.35:  # an attribute gets an interesting value
        attrs = list(_ATTR.finditer(xml))
        if attrs:
            m = rng.choice(attrs)
            value = rng.choice(INTERESTING).encode()
            return xml[: m.start(2)] + value + xml[m.end(2) :]
    elif op < 0.6:  # an element duplicated (many times), deleted or moved
        elements = list(_ELEMENT.finditer(xml, 0, 200_000))
        if elements:
            m = rng.choice(elements)
            piece = m.group(0)
            how = rng.random()
            if how < 0.5:
                copies = rng.choice([2, 2, 3, 10, 100])
                return xml[: m.end()] + piece * (copies - 1) + xml[m.end() :]
            if how < 0.8:
                return xml[: m.start()] + xml[m.end() :]
            rest = xml[: m.start()] + xml[m.end() :]
            at = rng.randrange(len(rest) + 1)
            return rest[:at] + piece + rest[at:]
    elif op < 0.9:  # a snippet inserted after a tag
        tags = [m.end() for m in re.finditer(rb">", xml[:200_000])]
        if tags:
            at = rng.choice(tags)
            return xml[:at] + rng.choice(SNIPPETS).encode() + xml[at:]
    return byte_mutate(xml, max(len(xml) * 2, 64))


def mutate_docx(data: bytes, max_size: int, seed: int, byte_mutate: ByteMutator) -> bytes | None:
    """A DOCX with one XML part mutated, zipped again; None when ``data`` is not a zip."""
    rng = random.Random(seed)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            parts = {i.filename: zf.read(i) for i in zf.infolist()[:64]}
    except Exception:  # anything zipfile raises: not ours to mutate
        return None
    if "word/document.xml" not in parts:
        return None
    # only the parts the loader reads: re-zipping images and themes costs most of the time
    parts = {n: b for n, b in parts.items() if _READ.match(n)}
    if len(parts.get("word/styles.xml", b"")) > 50_000 and rng.random() < 0.5:
        parts["word/styles.xml"] = small_styles().encode()
    parts.setdefault("word/numbering.xml", small_numbering().encode())
    parts.setdefault("word/styles.xml", small_styles().encode())
    for _ in range(rng.choice([1, 1, 2, 3])):
        name = rng.choice(XML_PARTS)
        parts[name] = _xml_mutation(parts[name], rng, byte_mutate)
    out = io.BytesIO()
    method = zipfile.ZIP_STORED if rng.random() < 0.2 else zipfile.ZIP_DEFLATED
    with zipfile.ZipFile(out, "w", method) as zf:
        for name, content in parts.items():
            zf.writestr(name, content)
    result = out.getvalue()
    if rng.random() < 0.05:  # now and then, damage the container itself
        result = byte_mutate(result, len(result) + 16)
    return result if len(result) <= max_size else None


_RTF_TOKEN = re.compile(rb"\\[a-zA-Z]+-?\d*[ ]?|\\'[0-9a-fA-F]{2}|\\.|[{}]|[^\\{}]+")
_RTF_WORDS = [
    rb"\u7889?", rb"\u-10179?\u-8704?", rb"\u-10179?", rb"\u9999999?", rb"\u-99999?",
    b"\\u" + b"9" * 5000 + b"?", rb"\uc0 ", rb"\uc2 ", b"\\uc" + b"9" * 5000 + b" ",
    rb"\'e0", rb"\'d0\'e3", rb"\par ", rb"\line ", rb"\cell ", rb"\row ", rb"\tab ",
    rb"{\*\generator x;}", rb"{\fonttbl{\f1\fcharset163 .VnTime;}}", rb"\f1 ", rb"\f99999 ",
    rb"\ansicpg1258 ", rb"\ansicpg99999 ", rb"{\pict 0123}", rb"{", rb"}", rb"{{{{", rb"}}}}",
    rb"\~", rb"\-", rb"\_", rb"\\", rb"\{", rb"S\u7889?: 12/UBND-VP\par ",
]  # fmt: skip


def mutate_rtf(data: bytes, max_size: int, seed: int, byte_mutate: ByteMutator) -> bytes | None:
    """An RTF whose tokens were inserted, deleted, duplicated or renumbered."""
    if data.lstrip()[:5] != b"{\\rtf":
        return None
    rng = random.Random(seed)
    tokens = _RTF_TOKEN.findall(data[:500_000])
    for _ in range(rng.choice([1, 1, 2, 4, 8])):
        op = rng.random()
        at = rng.randrange(1, len(tokens) + 1) if tokens else 0
        if op < 0.4:
            tokens.insert(at, rng.choice(_RTF_WORDS))
        elif op < 0.55 and len(tokens) > 2:
            del tokens[at : at + rng.randint(1, 8)]
        elif op < 0.7 and tokens:
            span = tokens[at - 1 : at - 1 + rng.randint(1, 8)]
            tokens[at:at] = span * rng.choice([1, 2, 10, 1000])
        elif op < 0.9 and tokens:
            i = rng.randrange(len(tokens))
            m = re.match(rb"(\\[a-zA-Z]+)(-?\d*)", tokens[i])
            if m:
                number = rng.choice(INTERESTING[:20]).encode()
                tokens[i] = m.group(1) + number + tokens[i][m.end() :]
        else:
            i = rng.randrange(len(tokens)) if tokens else 0
            if tokens:
                tokens[i] = byte_mutate(tokens[i], len(tokens[i]) + 8)
    result = b"".join(tokens)
    if not result.startswith(b"{\\rtf"):
        result = b"{\\rtf1 " + result
    return result[:max_size]


def random_bytes_mutator(rng: random.Random) -> ByteMutator:
    """A plain byte mutator (flips, inserts, deletes) for machines without atheris."""

    def mutate(data: bytes, max_size: int) -> bytes:
        out = bytearray(data)
        for _ in range(rng.randint(1, 16)):
            op = rng.random()
            pos = rng.randrange(len(out) + 1)
            if op < 0.4 and out:
                out[min(pos, len(out) - 1)] = rng.randrange(256)
            elif op < 0.7:
                out[pos:pos] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 8)))
            else:
                del out[pos : pos + rng.randint(1, 64)]
        return bytes(out[:max_size])

    return mutate


def mutate(data: bytes, max_size: int, seed: int, byte_mutate: ByteMutator) -> bytes:
    """The structure-aware mutation of ``data`` when its format has one, else bytes."""
    if data.startswith(b"PK\x03\x04") and random.Random(seed).random() < 0.9:
        out = mutate_docx(data, max_size, seed, byte_mutate)
        if out is not None:
            return out
    if data.lstrip()[:5] == b"{\\rtf" and random.Random(seed).random() < 0.9:
        out = mutate_rtf(data, max_size, seed, byte_mutate)
        if out is not None:
            return out
    return byte_mutate(data, max_size)[:max_size]
