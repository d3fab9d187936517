"""Kính gửi and Nơi nhận entries, and the "Lưu" line."""

from __future__ import annotations

from dataclasses import dataclass

import regex

from vanban.extract.agency_list import starts_with_agency

__all__ = ["DistributionLine", "clean_item", "distribution_lines", "kinh_gui_items"]

_BULLET_RE = regex.compile(r"^\s*[-–—+•*·]\s*")
_TRAIL_RE = regex.compile(r"[\s;,.:]+$")
# Flattened bullets "- A; - B" split at "; -". A bare " - " does not separate items:
# in "Hội Truyền thống Trường Sơn - Đường Hồ Chí Minh" it is part of the name.
_INLINE_ITEMS_RE = regex.compile(r";\s*[-–—+•]\s*")
_LUU_RE = regex.compile(r"^Lưu\s*(?::|\.|\s)\s*", regex.IGNORECASE)
_NOTE_RE = regex.compile(r"\s*\((?P<note>[^()]{1,40})\)\s*$")
_NOT_AGENCY_RE = regex.compile(
    r"^(?:Như\s+(?:trên|Điều|điều|khoản|thành phần|Kính gửi|kính gửi)|Lưu\b|Các thành viên\b)"
)


def clean_item(text: str) -> str:
    """An entry without its bullet and trailing ";" "." ",".

    >>> clean_item("- Thường trực Tỉnh ủy (b/c);")
    'Thường trực Tỉnh ủy (b/c)'
    """
    return _TRAIL_RE.sub("", _BULLET_RE.sub("", text)).strip()


def kinh_gui_items(lines: list[str]) -> list[str]:
    """The "Kính gửi" entries, one per recipient, in order."""
    items: list[str] = []
    for line in lines:
        for part in _INLINE_ITEMS_RE.split(line):
            item = clean_item(part)
            if item:
                items.append(item)
    return items


@dataclass(frozen=True, slots=True)
class DistributionLine:
    """One Nơi nhận entry: its text, the agency part, and the purpose note."""

    raw: str
    agency_text: str | None
    note: str | None


def _split_note(item: str) -> tuple[str, str | None]:
    m = _NOTE_RE.search(item)
    if m and not starts_with_agency(m.group("note")):
        return item[: m.start()].strip(), m.group("note").strip()
    return item, None


def distribution_lines(lines: list[str]) -> tuple[list[DistributionLine], str | None]:
    """The Nơi nhận entries (without the "Lưu" line) and the "Lưu" text.

    >>> entries, archive = distribution_lines(["- Như trên;", "- Lưu: VT, KGVX (Q)."])
    >>> archive
    'VT, KGVX (Q)'
    >>> entries[0].agency_text is None
    True
    """
    entries: list[DistributionLine] = []
    archive: str | None = None
    for line in lines:
        item = clean_item(line)
        if not item:
            continue
        if _LUU_RE.match(item):
            archive = _LUU_RE.sub("", item, count=1).strip() or None
            continue
        body, note = _split_note(item)
        agency_text = None if _NOT_AGENCY_RE.match(body) else body
        entries.append(DistributionLine(raw=item, agency_text=agency_text, note=note))
    return entries, archive
