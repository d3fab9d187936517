"""The Word 97–2003 binary structures vanban reads: the FIB and the piece table.

Everything here follows [MS-DOC] (Microsoft's published specification of the
.doc format) and works on the bytes of two OLE streams, ``WordDocument`` and
the table stream (``0Table`` or ``1Table``):

* the **FIB** at the start of ``WordDocument``: the flags (encrypted,
  obfuscated, which table stream), the character counts of the stories and
  the offset/length pairs of the tables (``fcClx``/``lcbClx``…);
* the **CLX** in the table stream: property runs (skipped) and the
  **PlcPcd**, the list of pieces. Each piece covers a range of character
  positions (CPs) and says where its text is in ``WordDocument``: one byte
  per character (``fCompressed``, Windows-1252, at ``fc / 2``) or UTF-16LE.

Every count, offset and length is checked against the stream it points into
before it is used; a violation raises :class:`MsDocFormatError`, which the
loader turns into :class:`~vanban.errors.CorruptDocument`.
"""

from __future__ import annotations

import codecs
import struct
from dataclasses import dataclass

__all__ = [
    "CP1252_TABLE",
    "WORD97_NFIB",
    "Fib",
    "MsDocFormatError",
    "Piece",
    "main_text",
    "read_fib",
    "read_pieces",
]

_W_IDENT = 0xA5EC
WORD97_NFIB = 193  # nFib of Word 97 and every later version (FibBase keeps 0xC1)
_F_ENCRYPTED = 0x0100
_F_WHICH_TABLE = 0x0200
_F_OBFUSCATED = 0x8000
# Index of fcClx in FibRgFcLcb97 (pairs of 32-bit fc, lcb).
_CLX_INDEX = 33
_MAX_PIECES = 1_000_000

# In compressed pieces, these bytes are not the Windows-1252 characters but the
# Unicode ones ([MS-DOC] 2.4.1, the 0x82–0x9F range is mapped as in Windows-1252).
CP1252_TABLE = "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in range(256))


class MsDocFormatError(ValueError):
    """The bytes break a rule of [MS-DOC] (the loader maps it to CorruptDocument)."""


@dataclass(frozen=True, slots=True)
class Fib:
    """What vanban needs from the File Information Block.

    Attributes:
        nfib: the format version (193 for Word 97 and later; lower is Word 6/95).
        encrypted: ``fEncrypted``: the streams are encrypted with a password.
        obfuscated: ``fObfuscated``: XOR obfuscation (also password-protected).
        table_stream: "1Table" or "0Table" (``fWhichTblStm``).
        ccp_text: number of characters of the main document.
        fc_lcb: the FibRgFcLcb pairs ``(fc, lcb)`` in file order.
    """

    nfib: int
    encrypted: bool
    obfuscated: bool
    table_stream: str
    ccp_text: int
    fc_lcb: tuple[tuple[int, int], ...]

    def pair(self, index: int) -> tuple[int, int]:
        """The ``(fc, lcb)`` pair at ``index``, or ``(0, 0)`` when the FIB is shorter."""
        return self.fc_lcb[index] if index < len(self.fc_lcb) else (0, 0)


@dataclass(frozen=True, slots=True)
class Piece:
    """One run of text: CPs ``[cp_start, cp_end)`` at byte ``offset`` of WordDocument."""

    cp_start: int
    cp_end: int
    offset: int
    compressed: bool


def read_fib(word: bytes) -> Fib:
    """Parse the FIB at the start of the ``WordDocument`` stream.

    Raises:
        MsDocFormatError: not a Word binary FIB, or one too short for its counts.
    """
    if len(word) < 0x20 + 2:
        raise MsDocFormatError("the WordDocument stream is too short to hold a FIB")
    ident, nfib = struct.unpack_from("<HH", word, 0)
    if ident != _W_IDENT:
        raise MsDocFormatError(f"not a Word document (FIB identifier {ident:#06x})")
    (flags,) = struct.unpack_from("<H", word, 0x0A)
    encrypted, obfuscated = bool(flags & _F_ENCRYPTED), bool(flags & _F_OBFUSCATED)
    table_stream = "1Table" if flags & _F_WHICH_TABLE else "0Table"
    if nfib < WORD97_NFIB or encrypted or obfuscated:
        # Word 6/95 lay the rest out differently; an encrypted file is refused anyway.
        return Fib(nfib, encrypted, obfuscated, table_stream, ccp_text=0, fc_lcb=())
    pos = 0x20
    (csw,) = struct.unpack_from("<H", word, pos)
    pos += 2 + 2 * csw
    if pos + 2 > len(word):
        raise MsDocFormatError("the FIB is cut short")
    (cslw,) = struct.unpack_from("<H", word, pos)
    rglw = pos + 2
    pos = rglw + 4 * cslw
    if cslw < 4 or pos + 2 > len(word):
        raise MsDocFormatError("the FIB is cut short")
    (ccp_text,) = struct.unpack_from("<i", word, rglw + 12)
    (cb_rg,) = struct.unpack_from("<H", word, pos)
    pos += 2
    if pos + 8 * cb_rg > len(word):
        raise MsDocFormatError("the FIB is cut short")
    flat = struct.unpack_from(f"<{2 * cb_rg}I", word, pos)
    pairs = tuple(zip(flat[0::2], flat[1::2], strict=True))
    return Fib(nfib, encrypted, obfuscated, table_stream, ccp_text=ccp_text, fc_lcb=pairs)


def read_pieces(fib: Fib, table: bytes, word_length: int) -> list[Piece]:
    """The pieces of the document, from the CLX in the table stream.

    Raises:
        MsDocFormatError: the CLX is missing, out of the stream, or its pieces
            point outside ``WordDocument``.
    """
    fc, lcb = fib.pair(_CLX_INDEX)
    if lcb == 0 or fc + lcb > len(table):
        raise MsDocFormatError("the piece table (CLX) is missing or outside the table stream")
    clx = table[fc : fc + lcb]
    pos = 0
    while pos < len(clx) and clx[pos] == 0x01:  # Prc: property modifiers, skipped
        if pos + 3 > len(clx):
            raise MsDocFormatError("a property run of the CLX is cut short")
        (cb,) = struct.unpack_from("<H", clx, pos + 1)
        pos += 3 + cb
    if pos + 5 > len(clx) or clx[pos] != 0x02:
        raise MsDocFormatError("the CLX holds no piece table")
    (size,) = struct.unpack_from("<I", clx, pos + 1)
    start = pos + 5
    if size < 4 or start + size > len(clx) or (size - 4) % 12:
        raise MsDocFormatError("the piece table has a wrong length")
    count = (size - 4) // 12
    if count > _MAX_PIECES:
        raise MsDocFormatError(f"the piece table lists {count:,} pieces")
    cps = struct.unpack_from(f"<{count + 1}i", clx, start)
    pcd_at = start + 4 * (count + 1)
    pcds = struct.iter_unpack("<HIH", clx[pcd_at : pcd_at + 8 * count])
    pieces: list[Piece] = []
    for i, (_, raw_fc, _) in enumerate(pcds):
        compressed = bool(raw_fc & 0x40000000)
        offset = (raw_fc & 0x3FFFFFFF) // 2 if compressed else raw_fc & 0x3FFFFFFF
        cp_start, cp_end = cps[i], cps[i + 1]
        if cp_end < cp_start or cp_start < 0:
            raise MsDocFormatError("the piece table's positions are not in order")
        if offset + (cp_end - cp_start) * (1 if compressed else 2) > word_length:
            raise MsDocFormatError("a piece of text lies outside the WordDocument stream")
        pieces.append(Piece(cp_start, cp_end, offset, compressed))
    return pieces


def main_text(word: bytes, pieces: list[Piece], ccp_text: int, limit: int) -> str:
    """The characters of the main document (CPs ``0 … ccp_text``), raw, at most ``limit``.

    Raw means Word's marks are still in: 0x0D paragraph ends, 0x07 cell ends,
    0x0B line breaks, 0x13/0x14/0x15 fields, 0x01/0x08 objects and so on.
    ``limit`` bounds the memory whatever the pieces claim (a hostile piece
    table can point many pieces at the same bytes).
    """
    parts: list[str] = []
    end = min(ccp_text, limit)
    for piece in pieces:
        if piece.cp_start >= end:
            break
        count = min(piece.cp_end, end) - piece.cp_start
        if piece.compressed:
            chunk = word[piece.offset : piece.offset + count]
            parts.append(codecs.charmap_decode(chunk, "strict", CP1252_TABLE)[0])
        else:
            chunk = word[piece.offset : piece.offset + 2 * count]
            parts.append(chunk.decode("utf-16-le", errors="replace"))
    return "".join(parts)
