"""Word's automatic list numbers in a .doc ([MS-DOC] PlfLst, PlfLfo, sprmPIlfo).

A paragraph whose direct properties carry ``sprmPIlfo`` (a 1-based index
into the list-format overrides, PlfLfo) and ``sprmPIlvl`` (its level) shows a
label Word draws, "1.", "a)", "II.", which is not in the text. As the DOCX
loader does, the label is rebuilt: each list (its ``lsid``) keeps a counter
per level, a level restarts when a higher one moves on, and the level's number
text (``xst``, with the placeholders 0x00–0x08 for the levels' numbers)
is filled in with each level's number format (``nfc``); bullets become "-".

Not read: numbering set by a paragraph style, and start-at overrides in the
LFO. Damage raises :class:`~vanban.loaders.msdoc_pieces.MsDocFormatError`
or ``struct.error``; the loader then leaves the labels out.
"""

from __future__ import annotations

import bisect
import re
import struct
from dataclasses import dataclass

from vanban.loaders.docx_numbering import format_number
from vanban.loaders.msdoc_pieces import Fib, MsDocFormatError, Piece
from vanban.loaders.msdoc_props import paragraph_runs, sprms

__all__ = ["insert_labels", "list_labels"]

_MARK = re.compile("[\r\x07]")  # paragraph (and cell) ends

_PLF_LST, _PLF_LFO = 73, 74  # indexes in FibRgFcLcb97
_SPRM_ILFO, _SPRM_ILVL = 0x460B, 0x260A
_LSTF_SIZE, _LVLF_SIZE, _LFO_SIZE = 28, 28, 16
_NFC = {0: "decimal", 1: "upperRoman", 2: "lowerRoman", 3: "upperLetter", 4: "lowerLetter"}
_NFC_BULLET, _NFC_NONE, _NFC_ZERO = 23, 255, 22
_MAX_LISTS = 10_000


@dataclass(frozen=True, slots=True)
class _Level:
    start: int
    nfc: int
    legal: bool
    text: str  # the number text; chr(0..8) stand for the levels' numbers


def _read_lists(fib: Fib, table: bytes) -> tuple[dict[int, list[_Level]], list[int]]:
    """Levels by list id, and the list id of each LFO (index 0 = ilfo 1)."""
    fc, lcb = fib.pair(_PLF_LST)
    lfo_fc, lfo_lcb = fib.pair(_PLF_LFO)
    if lcb < 2 or lfo_lcb < 4 or fc + lcb > len(table) or lfo_fc + lfo_lcb > len(table):
        return {}, []
    (count,) = struct.unpack_from("<H", table, fc)
    if count > _MAX_LISTS or 2 + count * _LSTF_SIZE > lcb:
        raise MsDocFormatError("the list table (PlfLst) is cut short")
    lists: dict[int, list[_Level]] = {}
    pos = fc + lcb  # the LVLs follow the PlfLst, list after list
    for i in range(count):
        at = fc + 2 + i * _LSTF_SIZE
        (lsid,) = struct.unpack_from("<i", table, at)
        simple = table[at + 26] & 1
        levels: list[_Level] = []
        for _ in range(1 if simple else 9):
            level, pos = _read_level(table, pos)
            levels.append(level)
        lists[lsid] = levels
    (lfo_count,) = struct.unpack_from("<I", table, lfo_fc)
    if lfo_count > _MAX_LISTS or 4 + lfo_count * _LFO_SIZE > lfo_lcb:
        raise MsDocFormatError("the list override table (PlfLfo) is cut short")
    lfos = [
        struct.unpack_from("<i", table, lfo_fc + 4 + j * _LFO_SIZE)[0] for j in range(lfo_count)
    ]
    return lists, lfos


def _read_level(table: bytes, pos: int) -> tuple[_Level, int]:
    if pos + _LVLF_SIZE + 2 > len(table):
        raise MsDocFormatError("a list level (LVL) lies outside the table stream")
    (start,) = struct.unpack_from("<i", table, pos)
    nfc, flags = table[pos + 4], table[pos + 5]
    cb_chpx, cb_papx = table[pos + 24], table[pos + 25]
    pos += _LVLF_SIZE + cb_papx + cb_chpx
    if pos + 2 > len(table):
        raise MsDocFormatError("a list level (LVL) lies outside the table stream")
    (cch,) = struct.unpack_from("<H", table, pos)
    text = table[pos + 2 : pos + 2 + 2 * cch].decode("utf-16-le", errors="replace")
    return _Level(start, nfc, bool(flags & 0x04), text), pos + 2 + 2 * cch


def list_labels(
    fib: Fib, word: bytes, table: bytes, raw: str, pieces: list[Piece]
) -> dict[int, str]:
    """Label ("1.", "a)", "-") by the CP where its paragraph starts.

    ``raw`` is the main text as :func:`~vanban.loaders.msdoc_pieces.main_text`
    gives it (one character per CP): a paragraph's properties are those of the
    PAPX run holding its paragraph mark.
    """
    lists, lfos = _read_lists(fib, table)
    if not lists:
        return {}
    starts: list[int] = []
    ends: list[int] = []
    numbering: list[tuple[int, int]] = []  # (ilfo, ilvl) per PAPX run
    for fc_start, fc_end, grpprl in paragraph_runs(fib, word, table):
        ilfo = ilvl = 0
        if b"\x0b\x46" in grpprl:
            for sprm, operand in sprms(grpprl[2:]):
                if sprm == _SPRM_ILFO and len(operand) == 2:
                    ilfo = struct.unpack("<h", operand)[0]
                elif sprm == _SPRM_ILVL and operand:
                    ilvl = operand[0]
        starts.append(fc_start)
        ends.append(fc_end)
        numbering.append((ilfo, min(ilvl, 8)))
    if not any(ilfo > 0 for ilfo, _ in numbering):
        return {}
    order = sorted(range(len(starts)), key=starts.__getitem__)
    starts, ends = [starts[i] for i in order], [ends[i] for i in order]
    numbering = [numbering[i] for i in order]
    cp_starts = [p.cp_start for p in pieces]
    labels: dict[int, str] = {}
    counters: dict[int, list[int | None]] = {}
    paragraph_start = 0
    for mark in _MARK.finditer(raw):
        cp = mark.start()
        begin, paragraph_start = paragraph_start, cp + 1
        k = bisect.bisect_right(cp_starts, cp) - 1
        if k < 0 or cp >= pieces[k].cp_end:
            continue
        piece = pieces[k]
        fc = piece.offset + (cp - piece.cp_start) * (1 if piece.compressed else 2)
        j = bisect.bisect_right(starts, fc) - 1
        if j < 0 or fc >= ends[j]:
            continue
        ilfo, ilvl = numbering[j]
        if ilfo <= 0 or ilfo > len(lfos) or lfos[ilfo - 1] not in lists:
            continue
        lsid = lfos[ilfo - 1]
        levels = lists[lsid]
        if ilvl >= len(levels):
            continue
        count = counters.setdefault(lsid, [None] * 9)
        current = count[ilvl]
        count[ilvl] = levels[ilvl].start if current is None else current + 1
        for deeper in range(ilvl + 1, 9):
            count[deeper] = None
        if cp > begin and (label := _label(levels, count, ilvl)):
            labels[begin] = label
    return labels


def insert_labels(raw: str, labels: dict[int, str]) -> str:
    """``raw`` (one character per CP) with each label and a space put at its CP."""
    if not labels:
        return raw
    parts: list[str] = []
    last = 0
    for cp in sorted(labels):
        parts.append(raw[last:cp])
        parts.append(labels[cp] + " ")
        last = cp
    parts.append(raw[last:])
    return "".join(parts)


def _label(levels: list[_Level], count: list[int | None], ilvl: int) -> str:
    level = levels[ilvl]
    if level.nfc == _NFC_BULLET:
        return "-"
    if level.nfc == _NFC_NONE:
        return ""
    out = []
    for ch in level.text:
        k = ord(ch)
        if k < 9:
            if k >= len(levels):
                continue
            n = count[k] if count[k] is not None else levels[k].start
            out.append(_format(n or 0, levels[k], legal=level.legal))
        else:
            out.append(ch)
    return "".join(out).strip()


def _format(n: int, level: _Level, *, legal: bool) -> str:
    if legal or level.nfc == 0:
        return str(n)
    if level.nfc == _NFC_ZERO:
        return f"{n:02d}"
    return format_number(n, _NFC.get(level.nfc, "decimal"))
