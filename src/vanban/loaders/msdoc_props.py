"""Which font each run of a .doc is drawn in, and which runs are not shown.

Read from the [MS-DOC] character properties.

Only needed for legacy fonts: text typed in ``.VnTime`` (TCVN3) or
``VNI-Times`` is stored as the font's 8-bit codes, and only the font says how
to read it. The font of a character comes, first found wins, from:

1. its run's direct properties (CHPX in a ChpxFkp page, found through the
   PlcBteChpx): ``sprmCRgFtc0``, the font of ASCII/Latin text;
2. its character style (``sprmCIstd`` in the same CHPX), then that style's
   bases;
3. its paragraph's style (the ``istd`` of the PAPX in a PapxFkp page, found
   through the PlcBtePapx), then that style's bases;
4. the style sheet's default font (``rgftcStandardChpStsh``).

A run is not shown when its direct properties mark it deleted by a tracked
change (``sprmCFRMarkDel``) or hidden (``sprmCFVanish``); such runs are dropped,
as Word shows the document. Styles are read from the STSH in the table stream. Everything is bounds
checked; :class:`~vanban.loaders.msdoc_pieces.MsDocFormatError` or
``struct.error`` on damage (the loader then falls back to judging lines).
"""

from __future__ import annotations

import bisect
import re
import struct
from collections.abc import Iterator
from dataclasses import dataclass

from vanban.loaders.msdoc_pieces import Fib, MsDocFormatError

__all__ = [
    "FontRuns",
    "may_hide_text",
    "may_use_fonts",
    "paragraph_runs",
    "read_font_runs",
    "sprms",
]

_STSHF, _BTE_CHPX, _BTE_PAPX = 1, 12, 13  # indexes in FibRgFcLcb97
_SPRM_FTC0, _SPRM_CISTD, _SPRM_RMARKDEL, _SPRM_VANISH = 0x4A4F, 0x4A30, 0x0800, 0x083C
# The sprms looked for, as bytes: a run whose properties hold none is skipped at C speed.
_WANTED = re.compile(b"\x4f\x4a|\x30\x4a|\x00\x08|\x3c\x08")
_HIDING = re.compile(b"\x00\x08|\x3c\x08")
_ON = (1, 0x81)  # a toggle operand: on, or the opposite of the style (taken as off)
_SPRM_TDEFTABLE, _SPRM_PCHGTABS = 0xD608, 0xC615
_PAGE = 512
_NO_STYLE = 0x0FFF
_MAX_STYLE_DEPTH = 16
_FIXED_SIZE = {0: 1, 1: 1, 2: 2, 3: 4, 4: 2, 5: 2, 7: 3}


@dataclass(frozen=True, slots=True)
class FontRuns:
    """Font indexes (into the font table) and hidden runs, by stream offset."""

    starts: list[int]  # sorted run starts (byte offsets in WordDocument)
    ends: list[int]
    fonts: list[int | None]  # direct font, or None
    char_styles: list[int | None]
    hidden: list[bool]  # deleted (tracked change) or hidden text
    para_starts: list[int]
    para_ends: list[int]
    para_styles: list[int]
    style_font: dict[int, int]  # istd -> font index, inheritance resolved
    default_font: int

    def font_at(self, offset: int) -> int:
        """The font index of the character stored at ``offset``."""
        i = bisect.bisect_right(self.starts, offset) - 1
        if i >= 0 and offset < self.ends[i]:
            if (font := self.fonts[i]) is not None:
                return font
            style = self.char_styles[i]
            if style is not None and style in self.style_font:
                return self.style_font[style]
        j = bisect.bisect_right(self.para_starts, offset) - 1
        para = self.para_styles[j] if j >= 0 and offset < self.para_ends[j] else 0
        return self.style_font.get(para, self.default_font)

    def hidden_at(self, offset: int) -> bool:
        """Whether the character stored at ``offset`` is deleted or hidden text."""
        i = bisect.bisect_right(self.starts, offset) - 1
        return i >= 0 and offset < self.ends[i] and self.hidden[i]

    @property
    def any_hidden(self) -> bool:
        """Whether any run is deleted or hidden text."""
        return any(self.hidden)

    def boundaries(self, start: int, end: int) -> list[int]:
        """Offsets in ``(start, end)`` where the font may change."""
        cuts: set[int] = set()
        for seq in (self.starts, self.ends, self.para_starts, self.para_ends):
            lo, hi = bisect.bisect_right(seq, start), bisect.bisect_left(seq, end)
            cuts.update(seq[lo:hi])
        return sorted(cuts)


def read_font_runs(fib: Fib, word: bytes, table: bytes) -> FontRuns:
    """The character and paragraph runs of the document with their fonts."""
    style_font, default_font = _styles(fib, table)
    starts: list[int] = []
    ends: list[int] = []
    fonts: list[int | None] = []
    char_styles: list[int | None] = []
    hidden: list[bool] = []
    for fc_start, fc_end, grpprl in _fkp_runs(fib, word, table, _BTE_CHPX, chpx=True):
        font = style = None
        gone = False
        # Most runs set none of these: a byte search is far cheaper than walking the sprms.
        wanted = _WANTED.search(grpprl) is not None
        for sprm, operand in sprms(grpprl) if wanted else ():
            if sprm == _SPRM_FTC0 and len(operand) == 2:
                font = struct.unpack("<H", operand)[0]
            elif sprm == _SPRM_CISTD and len(operand) == 2:
                style = struct.unpack("<H", operand)[0]
            elif sprm in (_SPRM_RMARKDEL, _SPRM_VANISH) and operand:
                gone = gone or operand[0] in _ON
        starts.append(fc_start)
        ends.append(fc_end)
        fonts.append(font)
        char_styles.append(style)
        hidden.append(gone)
    paras = [
        (fc_start, fc_end, struct.unpack_from("<H", grpprl, 0)[0] if len(grpprl) >= 2 else 0)
        for fc_start, fc_end, grpprl in _fkp_runs(fib, word, table, _BTE_PAPX, chpx=False)
    ]
    order = sorted(range(len(starts)), key=starts.__getitem__)
    paras.sort()
    return FontRuns(
        starts=[starts[i] for i in order],
        ends=[ends[i] for i in order],
        fonts=[fonts[i] for i in order],
        char_styles=[char_styles[i] for i in order],
        hidden=[hidden[i] for i in order],
        para_starts=[p[0] for p in paras],
        para_ends=[p[1] for p in paras],
        para_styles=[p[2] for p in paras],
        style_font=style_font,
        default_font=default_font,
    )


def may_hide_text(fib: Fib, word: bytes, table: bytes) -> bool:
    """Whether any character property page could mark text deleted or hidden.

    A byte search over the pages' property area: False means no run is
    deleted or hidden, so the properties need not be parsed.
    """
    for page in _fkp_pages(fib, word, table, _BTE_CHPX):
        crun = page[511]
        if _HIDING.search(page, 4 * (crun + 1) + crun, 511):
            return True
    return False


def may_use_fonts(fib: Fib, word: bytes, table: bytes, fonts: set[int]) -> bool:
    """Whether any run or style could be in one of ``fonts`` (font table indexes).

    A byte search for ``sprmCRgFtc0`` naming one of them in the character
    property pages and the style sheet, and the style sheet's default font:
    False means no character is drawn in them.
    """
    needles = [struct.pack("<HH", _SPRM_FTC0, f) for f in fonts]
    fc, lcb = fib.pair(_STSHF)
    stsh = table[fc : fc + lcb] if fc + lcb <= len(table) else b""
    if len(stsh) >= 16 and struct.unpack_from("<H", stsh, 2 + 12)[0] in fonts:
        return True
    if any(n in stsh for n in needles):
        return True
    return any(n in page for page in _fkp_pages(fib, word, table, _BTE_CHPX) for n in needles)


def paragraph_runs(fib: Fib, word: bytes, table: bytes) -> Iterator[tuple[int, int, bytes]]:
    """``(fc_start, fc_end, istd + grpprl)`` of every paragraph run (PAPX)."""
    return _fkp_runs(fib, word, table, _BTE_PAPX, chpx=False)


def _fkp_pages(fib: Fib, word: bytes, table: bytes, index: int) -> Iterator[bytes]:
    """The 512-byte FKP pages listed by the PlcBte at ``index`` of the FIB."""
    fc, lcb = fib.pair(index)
    if lcb < 4:
        return
    if fc + lcb > len(table) or (lcb - 4) % 8:
        raise MsDocFormatError("a property table (PlcBte) is outside the table stream")
    count = (lcb - 4) // 8
    for pn in struct.unpack_from(f"<{count}I", table, fc + 4 * (count + 1)):
        page_at = (pn & 0x3FFFFF) * _PAGE
        if page_at + _PAGE > len(word):
            raise MsDocFormatError("a property page (FKP) is outside the WordDocument stream")
        yield word[page_at : page_at + _PAGE]


def _fkp_runs(
    fib: Fib, word: bytes, table: bytes, index: int, *, chpx: bool
) -> Iterator[tuple[int, int, bytes]]:
    """``(fc_start, fc_end, properties)`` of every run in the FKP pages of a PlcBte.

    For CHPX the properties are a grpprl; for PAPX, ``istd`` then a grpprl.
    """
    for page in _fkp_pages(fib, word, table, index):
        crun = page[511]
        entry = 1 if chpx else 13
        if 4 * (crun + 1) + entry * crun > 511:
            raise MsDocFormatError("a property page (FKP) holds too many runs")
        rgfc = struct.unpack_from(f"<{crun + 1}I", page, 0)
        base = 4 * (crun + 1)
        for i in range(crun):
            offset = 2 * page[base + entry * i]
            props = _chpx(page, offset) if chpx else _papx(page, offset)
            yield rgfc[i], rgfc[i + 1], props


def _chpx(page: bytes, offset: int) -> bytes:
    if offset == 0 or offset >= 511:
        return b""
    size = page[offset]
    return page[offset + 1 : min(offset + 1 + size, 511)]


def _papx(page: bytes, offset: int) -> bytes:
    if offset == 0 or offset >= 511:
        return b"\0\0"
    size = page[offset]
    if size == 0:
        return page[offset + 2 : min(offset + 2 + 2 * page[offset + 1], 511)]
    return page[offset + 1 : min(offset + 2 * size, 511)]


def sprms(grpprl: bytes) -> Iterator[tuple[int, bytes]]:
    """``(sprm, operand)`` pairs of a grpprl; stops at anything it cannot size."""
    pos = 0
    while pos + 2 <= len(grpprl):
        (sprm,) = struct.unpack_from("<H", grpprl, pos)
        pos += 2
        spra = sprm >> 13
        if spra != 6:
            size = _FIXED_SIZE[spra]
        elif sprm == _SPRM_TDEFTABLE and pos + 2 <= len(grpprl):
            size = struct.unpack_from("<H", grpprl, pos)[0] + 1
        elif sprm == _SPRM_PCHGTABS or pos >= len(grpprl):
            return
        else:
            size = grpprl[pos] + 1
        yield sprm, grpprl[pos : pos + size] if spra != 6 else grpprl[pos + 1 : pos + size]
        pos += size


def _styles(fib: Fib, table: bytes) -> tuple[dict[int, int], int]:
    """Font index of each style (bases followed) and the default font, from the STSH."""
    fc, lcb = fib.pair(_STSHF)
    if lcb < 20 or fc + lcb > len(table):
        return {}, 0
    stsh = table[fc : fc + lcb]
    (cb_stshi,) = struct.unpack_from("<H", stsh, 0)
    cstd, cb_base = struct.unpack_from("<HH", stsh, 2)
    default = struct.unpack_from("<H", stsh, 2 + 12)[0] if cb_stshi >= 14 else 0
    own: dict[int, int] = {}
    bases: dict[int, int] = {}
    pos = 2 + cb_stshi
    for istd in range(min(cstd, 4096)):
        if pos + 2 > len(stsh):
            break
        (cb_std,) = struct.unpack_from("<H", stsh, pos)
        std = stsh[pos + 2 : pos + 2 + cb_std]
        pos += 2 + cb_std
        if len(std) < max(cb_base, 10) + 2:
            continue
        kind_base, cupx_next = struct.unpack_from("<HH", std, 2)
        kind, bases[istd], cupx = kind_base & 0xF, kind_base >> 4, cupx_next & 0xF
        font = _style_chpx_font(std, cb_base, kind, cupx)
        if font is not None:
            own[istd] = font
    resolved: dict[int, int] = {}
    for istd in bases:
        cur, depth = istd, 0
        while depth < _MAX_STYLE_DEPTH and cur != _NO_STYLE:
            if cur in own:
                resolved[istd] = own[cur]
                break
            cur, depth = bases.get(cur, _NO_STYLE), depth + 1
    return resolved, default


def _style_chpx_font(std: bytes, cb_base: int, kind: int, cupx: int) -> int | None:
    """The ``sprmCRgFtc0`` font of a style's character UPX, if it sets one."""
    (cch,) = struct.unpack_from("<H", std, cb_base)
    pos = cb_base + 2 + 2 * cch + 2  # the name, then its terminating zero
    upxs: list[bytes] = []
    for _ in range(cupx):
        pos += pos % 2
        if pos + 2 > len(std):
            break
        (size,) = struct.unpack_from("<H", std, pos)
        upxs.append(std[pos + 2 : pos + 2 + size])
        pos += 2 + size
    if kind == 1 and len(upxs) >= 2:  # paragraph style: UpxPapx, then UpxChpx
        chpx = upxs[1]
    elif kind == 2 and upxs:  # character style: UpxChpx
        chpx = upxs[0]
    else:
        return None
    for sprm, operand in sprms(chpx):
        if sprm == _SPRM_FTC0 and len(operand) == 2:
            font: int = struct.unpack("<H", operand)[0]
            return font
    return None
