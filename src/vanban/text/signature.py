"""Where the signature block starts and ends.

A block opens with an authority prefix ("KT. CHỦ TỊCH"), or with a signing
title over a name ("CHỦ TỊCH QUỐC HỘI" / "Trần Thanh Mẫn", "BỘ TRƯỞNG Đặng Quốc
Khánh", "XÁC THỰC VĂN BẢN HỢP NHẤT CHỦ NHIỆM Bùi Văn Cường"), or is a bare name
with its "(Đã ký)" mark. Flattened portal copies print it inside another line:
after the last Nơi nhận entry ("- Lưu: VT, TXNK (30b) KT. TỔNG CỤC TRƯỞNG …"),
after a portal's stray code ("Epas: 180408 CHỦ TỊCH QUỐC HỘI …"), or with an
appendix running on after the name; :func:`find_signature` returns the line and
the offset in it, :func:`signature_extent` where the last block ends.

The words come from ``data/lexicon.toml`` through :mod:`vanban.extract.signer`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import regex

from vanban.extract.person_name import find_name
from vanban.extract.signer import Block, fold_marks, is_signed_name_line, read_blocks
from vanban.text.lexicon import alternation, lexicon

__all__ = ["Spot", "find_signature", "signature_extent", "trailing_name"]

# A block is read from at most this many lines (joint circulars print up to six blocks).
WINDOW = 40
# Inline starts are looked for in the first characters of a line only.
INLINE_CHARS = 3000
MAX_INLINE_TRIES = 6

_UPPER2_RE = regex.compile(r"\p{Lu}{2}")


@dataclass(frozen=True, slots=True)
class Spot:
    """Where a block starts: line ``line``, at ``offset`` in its text."""

    line: int
    offset: int = 0


@cache
def _opening_re() -> regex.Pattern[str]:
    """A prefix, a heading or a title: what a block opens with."""
    lex = lexicon().signer
    prefixes = alternation(lex.authority_prefixes)
    words = alternation([fold_marks(w) for w in lex.titles + lex.headings])
    return regex.compile(rf"(?:(?:{prefixes})(?=\s*\p{{Lu}}|\s*$)|(?:{words})(?![\w]))")


@cache
def _inline_re() -> regex.Pattern[str]:
    return regex.compile(rf"(?<=\s){_opening_re().pattern}")


def _valid(blocks: list[Block], *, prefixed: bool) -> bool:
    """Whether what was read is a signature: a name under a title (or a prefix alone)."""
    if not blocks:
        return False
    s = blocks[0].signer
    if prefixed and s.authority:
        return bool(s.on_behalf_of or s.position)
    return s.name is not None and bool(s.position or s.authority)


@cache
def _opening_letters() -> frozenset[str]:
    """The characters that fold to the first letter of what a block opens with."""
    lex = lexicon().signer
    words = lex.authority_prefixes + [fold_marks(w) for w in lex.titles + lex.headings]
    firsts = {w[0] for w in words if w}
    # fold_marks maps one character to one: every character whose fold is a first letter.
    marked = {chr(c) for c in range(0x2000) if fold_marks(chr(c)) in firsts}
    return frozenset(firsts | marked)


def _starts_block(texts: Sequence[str], i: int, offset: int) -> bool:
    """Whether a block opens at ``texts[i][offset:]``."""
    # The opening is a literal: a line whose first letter opens none is not folded.
    if texts[i][offset : offset + 1] not in _opening_letters():
        return False
    m = _opening_re().match(fold_marks(texts[i]), offset)
    if m is None:
        return False
    prefixed = m.group().rstrip(".") in _prefixes()
    if prefixed and offset == 0:
        rest = texts[i][m.end() :].strip()
        if rest and _mostly_upper(rest):
            return True  # "KT. CHỦ TỊCH", "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH"
    return _valid(read_blocks(texts[i : i + 8], start=offset), prefixed=prefixed)


@cache
def _prefixes() -> frozenset[str]:
    return frozenset(p.rstrip(".") for p in lexicon().signer.authority_prefixes)


def _mostly_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.85 * len(letters)


def find_signature(
    texts: Sequence[str], begin: int, end: int | None = None, *, inline: bool = True
) -> Spot | None:
    """The first signature block in ``texts[begin:end]``."""
    stop = len(texts) if end is None else min(end, len(texts))
    for i in range(max(begin, 0), stop):
        text = texts[i]
        if not text:
            continue
        if _starts_block(texts, i, 0) or is_signed_name_line(text):
            return Spot(i, 0)
        if not inline or not _UPPER2_RE.search(text, 0, INLINE_CHARS):
            continue
        # Only the first INLINE_CHARS are searched: the rest of a long line is not folded.
        for k, m in enumerate(_inline_re().finditer(fold_marks(text[:INLINE_CHARS]))):
            if k >= MAX_INLINE_TRIES:
                break
            blocks = read_blocks(texts[i : i + 8], start=m.start())
            if _valid(blocks, prefixed=False):
                return Spot(i, m.start())
    return None


def signature_extent(texts: Sequence[str], spot: Spot) -> tuple[int, int | None]:
    """The last line of the blocks that start at ``spot``, and where they end in it.

    ``None`` for the end: the whole line. A block without a name ends where its
    title does (an unsigned draft), or takes the few lines after its start.
    """
    blocks = read_blocks(texts[spot.line : spot.line + WINDOW], start=spot.offset)
    if not blocks:
        return min(spot.line + 7, len(texts) - 1), None
    last = blocks[-1]
    return spot.line + last.last, last.end


def trailing_name(text: str) -> int | None:
    """Where a personal name that ends ``text`` starts (a PDF's signature column).

    "- Lưu: VT, TH(2). H Đỗ Ngọc Huỳnh" → the offset of "Đỗ": the name column
    printed on the last Nơi nhận line; a one-letter initial before it is the typist's.
    """
    words = list(regex.finditer(r"\S+", text))
    for k in range(max(len(words) - 5, 1), len(words) - 1):
        at = words[k].start()
        if len(words[k].group()) == 1:
            continue
        m = find_name(text, at)
        if m is not None and m.end == len(text.rstrip()):
            return at
    return None
