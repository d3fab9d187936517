"""Kính gửi and Nơi nhận entries, and the "Lưu" line."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import regex

from vanban.extract.agency_list import starts_with_agency
from vanban.extract.mention import AgencyMention
from vanban.text.anchors import anchored, fragment
from vanban.text.layout import Line, Spanned, sub_line

__all__ = [
    "Distribution",
    "DistributionLine",
    "clean_item",
    "clean_line",
    "distribution_lines",
    "kinh_gui_items",
]

_BULLET_RE = regex.compile(r"^\s*(?:[-–—+•*·]\s*)+")  # "- - Lưu": a doubled bullet too
_TRAIL_RE = regex.compile(r"[\s;,.:]+$")
# Flattened bullets "- A; - B" split at "; -". A bare " - " does not separate items:
# in "Hội Truyền thống Trường Sơn - Đường Hồ Chí Minh" it is part of the name.
_INLINE_ITEMS_RE = regex.compile(r";\s*[-–—+•]\s*")
_LUU_RE = regex.compile(rf"^{fragment('luu')}\s*(?::|\.|\s)\s*")
_NOTE_RE = regex.compile(r"\s*\((?P<note>[^()]{1,40})\)\s*$")
_NOT_AGENCY_RE = anchored("not_an_addressee")


def clean_item(text: str) -> str:
    """An entry without its bullet and trailing ";" "." ",".

    >>> clean_item("- Thường trực Tỉnh ủy (b/c);")
    'Thường trực Tỉnh ủy (b/c)'
    """
    return _TRAIL_RE.sub("", _BULLET_RE.sub("", text)).strip()


def clean_line(line: Line) -> Line | None:
    """:func:`clean_item` on a line, keeping the offsets of what is left."""
    text = line.text
    bullet = _BULLET_RE.match(text)
    start = bullet.end() if bullet else 0
    trail = _TRAIL_RE.search(text, start)
    return sub_line(line, start, trail.start() if trail else None)


def kinh_gui_items(lines: Iterable[Line]) -> list[Line]:
    """The "Kính gửi" entries, one per recipient, in order, with their spans."""
    items: list[Line] = []
    for line in lines:
        pos = 0
        for sep in [*_INLINE_ITEMS_RE.finditer(line.text), None]:
            piece = sub_line(line, pos, sep.start() if sep else None)
            item = clean_line(piece) if piece is not None else None
            if item is not None:
                items.append(item)
            if sep is not None:
                pos = sep.end()
    return items


@dataclass(frozen=True, slots=True)
class DistributionLine:
    """One Nơi nhận entry: its text, the agency part, and the purpose note.

    ``span`` is the entry's place in the normalised text (bullet and trailing ";"
    left out), ``agency_span`` that of ``agency_text``.
    """

    raw: str
    agency_text: str | None
    note: str | None
    span: tuple[int, int] | None = None
    agency_span: tuple[int, int] | None = None

    @property
    def agency(self) -> AgencyMention | None:
        """The agency the entry names, unresolved (``None`` for "Như trên", "Lưu")."""
        return AgencyMention(self.agency_text, self.agency_span) if self.agency_text else None


@dataclass(frozen=True, slots=True)
class Distribution:
    """The Nơi nhận block read: the entries and the "Lưu" text."""

    entries: list[DistributionLine]
    archive: Spanned | None


def _split_note(item: Line) -> tuple[Line | None, str | None]:
    m = _NOTE_RE.search(item.text)
    if m and not starts_with_agency(m.group("note")):
        return sub_line(item, 0, m.start()), m.group("note").strip()
    return item, None


def distribution_lines(lines: Iterable[Line]) -> Distribution:
    """The Nơi nhận entries (without the "Lưu" line) and the "Lưu" text.

    >>> from vanban.text.layout import lines_of
    >>> read = distribution_lines(lines_of("- Như trên;\\n- Lưu: VT, KGVX (Q)."))
    >>> read.archive.text
    'VT, KGVX (Q)'
    >>> read.entries[0].agency_text is None
    True
    """
    entries: list[DistributionLine] = []
    archive: Spanned | None = None
    for line in lines:
        item = clean_line(line)
        if item is None:
            continue
        if luu := _LUU_RE.match(item.text):
            rest = sub_line(item, luu.end())
            archive = Spanned(rest.text, rest.span) if rest else None
            continue
        body, note = _split_note(item)
        agency = None if body is None or _NOT_AGENCY_RE.match(body.text) else body
        entries.append(
            DistributionLine(
                raw=item.text,
                agency_text=agency.text if agency else None,
                note=note,
                span=item.span,
                agency_span=agency.span if agency else None,
            )
        )
    return Distribution(entries, archive)
