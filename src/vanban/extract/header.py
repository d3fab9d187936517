"""The header: cơ quan ban hành (and its parent), địa danh and ngày, stamps."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache

import regex

from vanban.text.anchors import fragment
from vanban.text.layout import Line, Region, Spanned, join_lines, sub_line
from vanban.text.lexicon import alternation, lexicon

__all__ = ["place_in", "split_issuer_lines", "stamps"]


@cache
def _continues_re() -> tuple[regex.Pattern[str], regex.Pattern[str], frozenset[str]]:
    """A header line that continues the previous one rather than naming a new body
    (the place of "ỦY BAN NHÂN DÂN / TỈNH ĐẮK NÔNG", a wrapped long name); a line
    whose name is cut after a word that never ends one ("ỦY BAN THƯỜNG VỤ" /
    "QUỐC HỘI"); the heads printed alone on their line."""
    words = lexicon().header
    starts = regex.compile(rf"^(?:{alternation(words.continuation_starts)})\b")
    open_end = regex.compile(rf"(?:\b(?:{alternation(words.open_ends)})|[,&-])$")
    return starts, open_end, frozenset(words.bare_heads)


@cache
def _upper_head_re() -> regex.Pattern[str]:
    """A header line that starts a body's name: "SỞ …", "BAN …", "ỦY BAN …"."""
    heads = [h.upper() for h in lexicon().agency.heads if not h.lower().startswith("các")]
    return regex.compile(rf"^(?:{alternation(heads)})(?:\s|$)")


@cache
def _not_issuer_re() -> regex.Pattern[str]:
    """A stamp or heading in the header's upper-case lines ("DỰ THẢO", "BẢN SAO")."""
    return regex.compile(rf"^(?:{alternation(lexicon().header.not_issuer)})\b")


def split_issuer_lines(
    lines: Region | Sequence[Line], known: Callable[[str], bool] | None = None
) -> tuple[Line | None, Line | None]:
    """Group the header's upper-case lines into (parent, issuer), each with its span.

    ``known`` tells whether a text names a known body: with it, a single line that
    prints a unit after its parent ("BỘ TÀI CHÍNH TỔNG CỤC HẢI QUAN") is split in two.

    >>> from vanban.text.layout import lines_of
    >>> split_issuer_lines(lines_of("ỦY BAN NHÂN DÂN\\nTỈNH ĐẮK NÔNG"))[1]
    Line(text='ỦY BAN NHÂN DÂN TỈNH ĐẮK NÔNG', start=0, end=29, para=False)
    >>> [g.text for g in split_issuer_lines(lines_of("UBND TỈNH LÂM ĐỒNG\\nSỞ NỘI VỤ"))]
    ['UBND TỈNH LÂM ĐỒNG', 'SỞ NỘI VỤ']
    """
    place_start, open_end, bare_heads = _continues_re()
    groups: list[Line] = []
    for raw in lines:
        stripped = raw.text.strip(" -–—_*")
        if not stripped or _not_issuer_re().match(stripped):
            continue
        at = raw.text.find(stripped)
        line = sub_line(raw, at, at + len(stripped))
        if line is None:
            continue
        if groups and (
            place_start.match(line.text)
            or open_end.search(groups[-1].text)
            or groups[-1].text in bare_heads
            or not _upper_head_re().match(line.text)  # "TRUNG TÂM PHỤC VỤ" / "HÀNH CHÍNH CÔNG"
        ):
            groups[-1] = join_lines([groups[-1], line])
        else:
            groups.append(line)
    if not groups:
        return None, None
    if len(groups) == 1 and known is not None:
        return _split_unit(groups[0], known)
    parent = groups[-2] if len(groups) >= 2 else None
    return parent, groups[-1]


@cache
def _unit_head_re() -> regex.Pattern[str]:
    return regex.compile(rf"(?<=\s)(?:{alternation(lexicon().agency.unit_heads)})(?=\s+\S)")


def _split_unit(line: Line, known: Callable[[str], bool]) -> tuple[Line | None, Line | None]:
    """(parent, unit) of a line that prints both, split where the parent is a known body.

    >>> from vanban.text.layout import lines_of
    >>> p, u = _split_unit(lines_of("BỘ NỘI VỤ VỤ TỔ CHỨC")[0], lambda t: t == "BỘ NỘI VỤ")
    >>> (p.text, u.text)
    ('BỘ NỘI VỤ', 'VỤ TỔ CHỨC')
    """
    for m in _unit_head_re().finditer(line.text):
        head = line.text[: m.start()].rstrip()
        if known(head):
            return sub_line(line, 0, len(head)), sub_line(line, m.start())
    return None, line


@cache
def _place_word_re() -> regex.Pattern[str]:
    return regex.compile(rf"^{fragment('place_word')}$")


_WORD_RE = regex.compile(r"[^\s\u2026]+")


def place_in(raw: str) -> tuple[int, int] | None:
    """Where the địa danh is in the text before a header date's comma (offsets in ``raw``).

    The place is the run of at most six capitalised words that ends the text.

    >>> raw = "V/v góp ý dự thảo Kế hoạch kiểm Lâm Đồng"; s, e = place_in(raw); raw[s:e]
    'Lâm Đồng'
    """
    words = list(_WORD_RE.finditer(raw))
    kept: list[regex.Match[str]] = []
    for word in reversed(words):
        if not _place_word_re().match(word.group(0)) or len(kept) >= 6:
            break
        kept.append(word)
    if not kept:
        return None
    start, end = kept[-1].start(), kept[0].end()
    piece = raw[start:end]
    body = piece.strip(" .,-")
    if not body:
        return None
    start += piece.find(body)
    return start, start + len(body)


def stamps(marks: Region) -> tuple[Spanned | None, Spanned | None]:
    """(urgency, secrecy) from the header's stamp lines, each with the line's span."""
    lex = lexicon().marks
    return _stamp(marks, lex.urgency), _stamp(marks, lex.secrecy)


def _stamp(marks: Region, table: dict[str, str]) -> Spanned | None:
    for m in marks:
        value = table.get(m.text.upper())
        if value is not None:
            return Spanned(value, m.span)
    return None
