"""Build tiny Word 97–2003 .doc files from the [MS-DOC] and [MS-CFB] specifications.

No Word, no corpus file: the OLE compound file (header, FAT, directory) and
the Word structures (FIB, CLX with its piece table, font table) are written
here byte by byte, with only what a reader needs. Text is split into pieces:
runs of Windows-1252 characters are stored compressed (one byte each, the
``fCompressed`` bit), the rest as UTF-16LE, so both kinds are exercised.

``build_doc()`` is used by the tests to make small files in memory; run
``python scripts/make_doc_fixtures.py`` to write ``fixtures/formats/cv001.doc``,
seed 001 as an old Word document laid out like ``cv001.docx`` (two-column
header table, signature table), with a hyperlink field and line breaks.
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "fixtures" / "formats"

SECTOR = 512
_END, _FREE, _FATSECT, _NOSTREAM = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF
_MIN_STREAM = 4096  # smaller streams would belong in the mini stream; we pad instead

# Word marks in the text stream.
PARA, CELL, LINE, FIELD_BEGIN, FIELD_SEP, FIELD_END = "\r", "\x07", "\x0b", "\x13", "\x14", "\x15"


def cell_row(*cells: list[str]) -> str:
    """A table row: each cell's paragraphs, cell marks, then the row-end mark."""
    return "".join(PARA.join(lines) + CELL for lines in cells) + CELL


def field(code: str, result: str | None) -> str:
    """A field: code, and its result when it has one."""
    return FIELD_BEGIN + code + (FIELD_SEP + result if result is not None else "") + FIELD_END


def _pieces(text: str) -> list[tuple[str, bool]]:
    """Runs of Windows-1252 characters (compressed) and of anything else (UTF-16)."""
    out: list[tuple[str, bool]] = []
    for ch in text:
        try:
            ch.encode("cp1252")
            compressed = True
        except UnicodeEncodeError:
            compressed = False
        if out and out[-1][1] == compressed:
            out[-1] = (out[-1][0] + ch, compressed)
        else:
            out.append((ch, compressed))
    return out


def _sttbf_ffn(fonts: list[str]) -> bytes:
    out = bytearray(struct.pack("<HH", len(fonts), 0))
    for name in fonts:
        ffn = bytes(39) + (name + "\0").encode("utf-16-le")
        out += bytes([len(ffn)]) + ffn
    return bytes(out)


def build_doc(
    text: str,
    *,
    fonts: tuple[str, ...] = ("Times New Roman",),
    encrypted: bool = False,
    nfib: int = 0xC1,
    raw_bytes: bytes | None = None,
    repeat: int = 1,
) -> bytes:
    """A .doc whose main text is ``text`` (Word marks included).

    ``raw_bytes`` stores that byte string as one compressed piece instead (the
    8-bit codes a legacy font such as ``.VnTime`` draws). ``repeat`` lists the
    pieces that many times over the same bytes (a hostile piece table).
    """
    fib_size = 32 + 2 + 28 + 2 + 88 + 2 + 93 * 8 + 2
    word = bytearray(fib_size)
    pieces = [(raw_bytes.decode("latin-1"), True)] if raw_bytes is not None else _pieces(text)
    cps, pcds = [0], []
    for chunk, compressed in pieces:
        offset = len(word)
        codec = ("latin-1" if raw_bytes is not None else "cp1252") if compressed else "utf-16-le"
        word += chunk.encode(codec)
        fc = (offset * 2) | 0x40000000 if compressed else offset
        pcds.append(struct.pack("<HIH", 0, fc, 0))
        cps.append(cps[-1] + len(chunk))
    for _ in range(repeat - 1):
        for chunk, _compressed in pieces:
            pcds.append(pcds[len(pcds) % len(pieces)])
            cps.append(cps[-1] + len(chunk))
    ccp = cps[-1]
    word += bytes(max(0, _MIN_STREAM - len(word)))
    plc = struct.pack(f"<{len(cps)}i", *cps) + b"".join(pcds)
    clx = b"\x02" + struct.pack("<I", len(plc)) + plc
    ffn = _sttbf_ffn(list(fonts))
    table = clx + ffn
    table += bytes(max(0, _MIN_STREAM - len(table)))
    # FibBase
    flags = 0x1200 | (0x0100 if encrypted else 0)  # fWhichTblStm (1Table), fExtChar
    struct.pack_into("<HHHHHH", word, 0, 0xA5EC, nfib, 0, 0x0409, 0, flags)
    struct.pack_into("<H", word, 0x0C, 0xBF)  # nFibBack
    pos = 32
    struct.pack_into("<H", word, pos, 14)  # csw, then FibRgW97 (zeros)
    pos += 2 + 28
    struct.pack_into("<H", word, pos, 22)  # cslw, then FibRgLw97
    rglw = pos + 2
    struct.pack_into("<i", word, rglw, len(word))  # cbMac
    struct.pack_into("<i", word, rglw + 12, ccp)  # ccpText
    pos = rglw + 88
    struct.pack_into("<H", word, pos, 93)  # cbRgFcLcb: FibRgFcLcb97
    rg = pos + 2
    struct.pack_into("<II", word, rg + 15 * 8, len(clx), len(ffn))  # fcSttbfFfn
    struct.pack_into("<II", word, rg + 33 * 8, 0, len(clx))  # fcClx
    return compound_file({"WordDocument": bytes(word), "1Table": table})


def compound_file(streams: dict[str, bytes]) -> bytes:
    """An OLE compound file (version 3, 512-byte sectors) holding ``streams``.

    Layout: the FAT sectors, one directory sector, then each stream in turn.

    Each stream must be at least 4096 bytes (so none goes to the mini stream).
    """
    names = sorted(streams, key=lambda n: (len(n), n.upper()))
    body = bytearray()
    fat: list[int] = []
    starts: dict[str, int] = {}
    size = sum(-(-len(d) // SECTOR) for d in streams.values())
    nfat = -(-(size + 2) // (SECTOR // 4 - 1))  # FAT sectors, then the directory
    assert nfat <= 109, "fixture too large for the header's FAT list"
    first_data = nfat + 1
    for name in names:
        data = streams[name]
        assert len(data) >= _MIN_STREAM, name
        count = -(-len(data) // SECTOR)
        start = first_data + len(fat)
        starts[name] = start
        fat.extend(range(start + 1, start + count))
        fat.append(_END)
        body += data + bytes(count * SECTOR - len(data))
    table = [_FATSECT] * nfat + [_END, *fat]
    table += [_FREE] * (-len(table) % (SECTOR // 4))
    entries = [_dir_entry("Root Entry", 5, _END, 0, child=1)]
    # A degenerate tree: each entry's right sibling is the next larger name.
    for i, name in enumerate(names):
        right = i + 2 if i + 1 < len(names) else _NOSTREAM
        entries.append(_dir_entry(name, 2, starts[name], len(streams[name]), right=right))
    while len(entries) % 4:
        entries.append(_dir_entry("", 0, 0, 0))
    assert len(entries) == 4, "fixture has too many streams for one directory sector"
    header = bytearray(SECTOR)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 0x18, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIIIIIIII", header, 0x2C, nfat, nfat, 0, 4096, _END, 0, _END, 0, 0)
    struct.pack_into("<109I", header, 0x4C, *range(nfat), *([_FREE] * (109 - nfat)))
    return bytes(header) + struct.pack(f"<{len(table)}I", *table) + b"".join(entries) + bytes(body)


def _dir_entry(
    name: str, kind: int, start: int, size: int, *, child: int = _NOSTREAM, right: int = _NOSTREAM
) -> bytes:
    raw = (name + "\0").encode("utf-16-le") if name else b""
    return struct.pack(
        "<64sHBBIII16sIQQIQ",
        raw,
        len(raw),
        kind,
        1,  # black
        _NOSTREAM,
        right,
        child,
        bytes(16),
        0,
        0,
        0,
        start,
        size,
    )


_CITED = "Chỉ thị số 12/CT-TTg"


def cong_van_text() -> str:
    """Seed 001 as Word text: header table, body, signature table."""
    sys.path.insert(0, str(ROOT / "scripts"))
    from make_format_fixtures import SEED_CV, read_cong_van

    cv = read_cong_van(SEED_CV)
    number, _, code = cv.number.partition("/")
    subject = LINE.join(cv.subject)  # the subject's lines as soft line breaks
    body = [
        line.replace(_CITED, field(' HYPERLINK "https://vbpl.vn/" ', _CITED), 1) for line in cv.body
    ]
    parts = [
        cell_row(cv.issuer, cv.motto),
        cell_row([f"{number.strip()}/{code.strip()}", subject], [cv.place_date]),
        "Kính gửi:",
        *cv.kinh_gui,
        *body,
    ]
    text = parts[0] + parts[1] + "".join(p + PARA for p in parts[2:])
    text += cell_row(["Nơi nhận:", *cv.noi_nhan], cv.signature)
    return text + field(" PRIVATE ", None) + PARA


def main() -> None:
    """Write fixtures/formats/cv001.doc."""
    path = OUT / "cv001.doc"
    path.write_bytes(build_doc(cong_van_text()))
    print(f"{path.relative_to(ROOT)}  {path.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
