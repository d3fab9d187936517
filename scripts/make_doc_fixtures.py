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
    pieces: list[tuple[str | bytes, bool]] | None = None,
    char_fonts: list[tuple[int, int]] | None = None,
    char_props: list[tuple[int, bytes]] | None = None,
    default_font: int | None = None,
    normal_font: int | None = None,
    levels: list[tuple[int, int, str]] | None = None,
    numbered: dict[int, tuple[int, int]] | None = None,
    repeat: int = 1,
) -> bytes:
    """A .doc whose main text is ``text`` (Word marks included).

    ``raw_bytes`` stores that byte string as one compressed piece instead (the
    8-bit codes a legacy font such as ``.VnTime`` draws); ``pieces`` gives the
    pieces explicitly (bytes are stored compressed, str as UTF-16).
    ``char_fonts`` lists ``(characters, font index)`` runs in text order,
    written as character properties (a ChpxFkp page); ``char_props`` lists
    ``(characters, grpprl)`` runs for any other properties; ``default_font`` and
    ``normal_font`` write a style sheet whose default font, and whose
    "Normal" style's font, are those. ``levels`` (``(start, nfc, number
    text)`` per level, the text with chr(0)… for the levels' numbers) writes
    one list, and ``numbered`` maps paragraph indexes to ``(ilfo, ilvl)`` in
    their properties (a PapxFkp page). ``repeat`` lists the pieces that many
    times over the same bytes (a hostile piece table).
    """
    if raw_bytes is not None:
        pieces = [(raw_bytes, True)]
    if pieces is None:
        pieces = [(c.encode("cp1252"), True) if z else (c, False) for c, z in _pieces(text)]
    fib_size = 32 + 2 + 28 + 2 + 88 + 2 + 93 * 8 + 2
    word = bytearray(fib_size)
    cps, pcds, spans = [0], [], []  # spans: (cp_start, cp_end, offset, width)
    for chunk, _ in pieces:
        offset = len(word)
        compressed = isinstance(chunk, bytes)
        word += chunk if isinstance(chunk, bytes) else chunk.encode("utf-16-le")
        fc = (offset * 2) | 0x40000000 if compressed else offset
        pcds.append(struct.pack("<HIH", 0, fc, 0))
        cps.append(cps[-1] + len(chunk))
        spans.append((cps[-2], cps[-1], offset, 1 if compressed else 2))
    for _ in range(repeat - 1):
        for chunk, _ in pieces:
            pcds.append(pcds[len(pcds) % len(pieces)])
            cps.append(cps[-1] + len(chunk))
    ccp = cps[-1]
    bte_chpx = b""
    if char_fonts:
        char_props = [(n, struct.pack("<HH", 0x4A4F, font)) for n, font in char_fonts]
    if char_props:
        word += bytes(-len(word) % SECTOR)
        bte_chpx = _chpx_page(word, spans, char_props)
    bte_papx = b""
    if numbered:
        word += bytes(-len(word) % SECTOR)
        bte_papx = _papx_page(word, spans, text_of(pieces), numbered)
    word += bytes(max(0, _MIN_STREAM - len(word)))
    plc = struct.pack(f"<{len(cps)}i", *cps) + b"".join(pcds)
    clx = b"\x02" + struct.pack("<I", len(plc)) + plc
    ffn = _sttbf_ffn(list(fonts))
    stsh = b""
    if default_font is not None or normal_font is not None:
        stsh = _stsh(default_font or 0, normal_font)
    plf_lst, plf_lfo = _lists(levels) if levels else (b"", b"")
    table = clx + ffn + bte_chpx + stsh + bte_papx + plf_lst + plf_lfo
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
    at = len(clx)
    struct.pack_into("<II", word, rg + 15 * 8, at, len(ffn))  # fcSttbfFfn
    at += len(ffn)
    if bte_chpx:
        struct.pack_into("<II", word, rg + 12 * 8, at, len(bte_chpx))  # fcPlcfBteChpx
    at += len(bte_chpx)
    if stsh:
        struct.pack_into("<II", word, rg + 1 * 8, at, len(stsh))  # fcStshf
    at += len(stsh)
    if bte_papx:
        struct.pack_into("<II", word, rg + 13 * 8, at, len(bte_papx))  # fcPlcfBtePapx
    at += len(bte_papx)
    if plf_lst:
        lst_size = 2 + 28  # cLst and one LSTF; the LVLs follow, outside lcbPlfLst
        struct.pack_into("<II", word, rg + 73 * 8, at, lst_size)  # fcPlfLst
        at += len(plf_lst)
        struct.pack_into("<II", word, rg + 74 * 8, at, len(plf_lfo))  # fcPlfLfo
    struct.pack_into("<II", word, rg + 33 * 8, 0, len(clx))  # fcClx
    return compound_file({"WordDocument": bytes(word), "1Table": table})


def _chpx_page(
    word: bytearray, spans: list[tuple[int, int, int, int]], char_props: list[tuple[int, bytes]]
) -> bytes:
    """Append a ChpxFkp page for ``char_props`` to ``word``; return its PlcBteChpx."""
    runs: list[tuple[int, int, bytes]] = []  # (fc_start, fc_end, grpprl)
    cp = 0
    for count, grpprl in char_props:
        for start, end, offset, width in spans:
            lo, hi = max(cp, start), min(cp + count, end)
            if lo < hi:
                runs.append((offset + (lo - start) * width, offset + (hi - start) * width, grpprl))
        cp += count
    runs.sort()
    page = bytearray(SECTOR)
    crun = len(runs)
    struct.pack_into(f"<{crun + 1}I", page, 0, *[r[0] for r in runs], runs[-1][1])
    end = 511
    for i, (_, _, grpprl) in enumerate(runs):
        end -= 1 + len(grpprl)
        end -= end % 2
        assert end > 4 * (crun + 1) + crun, "too many runs for one page"
        page[end : end + 1 + len(grpprl)] = bytes([len(grpprl)]) + grpprl
        page[4 * (crun + 1) + i] = end // 2
    page[511] = crun
    pn = len(word) // SECTOR
    word += page
    return struct.pack("<III", runs[0][0], runs[-1][1], pn)


def text_of(pieces: list[tuple[str | bytes, bool]]) -> str:
    """The characters of ``pieces`` (bytes read as Latin-1: one character each)."""
    return "".join(c.decode("latin-1") if isinstance(c, bytes) else c for c, _ in pieces)


def _papx_page(
    word: bytearray,
    spans: list[tuple[int, int, int, int]],
    text: str,
    numbered: dict[int, tuple[int, int]],
) -> bytes:
    """Append a PapxFkp page (one run per paragraph) to ``word``; return its PlcBtePapx."""
    runs: list[tuple[int, int, bytes]] = []
    cp = 0
    for index, paragraph in enumerate(text.split("\r")[:-1]):
        count = len(paragraph) + 1
        ilfo, ilvl = numbered.get(index, (0, 0))
        grpprl = struct.pack("<HHhHB", 0, 0x460B, ilfo, 0x260A, ilvl) if ilfo else bytes(2)
        for start, end, offset, width in spans:
            lo, hi = max(cp, start), min(cp + count, end)
            if lo < hi:
                runs.append((offset + (lo - start) * width, offset + (hi - start) * width, grpprl))
        cp += count
    runs.sort()
    page = bytearray(SECTOR)
    crun = len(runs)
    struct.pack_into(f"<{crun + 1}I", page, 0, *[r[0] for r in runs], runs[-1][1])
    end = 511
    placed: dict[bytes, int] = {}  # runs with the same properties share one PAPX
    for i, (_, _, props) in enumerate(runs):
        if props not in placed:
            padded = props + bytes(len(props) % 2)
            end -= 2 + len(padded)
            end -= end % 2
            assert end > 4 * (crun + 1) + 13 * crun, "too many paragraphs for one page"
            page[end : end + 2 + len(padded)] = bytes([0, len(padded) // 2]) + padded
            placed[props] = end
        page[4 * (crun + 1) + 13 * i] = placed[props] // 2
    page[511] = crun
    pn = len(word) // SECTOR
    word += page
    return struct.pack("<III", runs[0][0], runs[-1][1], pn)


def _lists(levels: list[tuple[int, int, str]]) -> tuple[bytes, bytes]:
    """One list (lsid 1) with ``levels``, and one LFO pointing at it (ilfo 1)."""
    lstf = struct.pack("<ii9HBB", 1, 0, *([0x0FFF] * 9), 0, 0)
    lvls = b""
    for start, nfc, number_text in (levels + [(1, 0, "")] * 9)[:9]:
        lvls += struct.pack("<iBB9sBiiBBBB", start, nfc, 0, bytes(9), 0, 0, 0, 0, 0, 0, 0)
        lvls += struct.pack("<H", len(number_text)) + number_text.encode("utf-16-le")
    plf_lst = struct.pack("<H", 1) + lstf + lvls
    plf_lfo = struct.pack("<I", 1) + struct.pack("<iiiBBBB", 1, 0, 0, 0, 0, 0, 0)
    return plf_lst, plf_lfo + struct.pack("<I", 0xFFFFFFFF)


def _stsh(default_font: int, normal_font: int | None) -> bytes:
    """A style sheet: its header (with the default font) and the "Normal" style."""
    stshi = struct.pack("<HHHHHH3H", 1, 10, 1, 0, 0, 0, default_font, 0, 0)
    name = "Normal"
    std = bytearray(struct.pack("<HHHHH", 0, 1 | (0x0FFF << 4), 2, 0, 0))  # sti 0, stk 1
    std += struct.pack("<H", len(name)) + (name + "\0").encode("utf-16-le")
    std += bytes(len(std) % 2)
    std += struct.pack("<HH", 2, 0)  # UpxPapx: istd 0
    chpx = b"" if normal_font is None else struct.pack("<HH", 0x4A4F, normal_font)
    std += struct.pack("<H", len(chpx)) + chpx
    return struct.pack("<H", len(stshi)) + stshi + struct.pack("<H", len(std)) + bytes(std)


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
