"""Property tables of legal portals.

A portal page copied as text often holds no document body at all, only the
portal's attribute table ("Số hiệu / 03/VBHN-BNV / Loại văn bản / Văn bản hợp
nhất / Cơ quan ban hành / Bộ Nội vụ / Người ký / …") under a title line
"<Loại> số <Số hiệu> <trích yếu>". When the text has no document frame, the
fields come from that table.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import regex

from vanban.text.anchors import fragment
from vanban.text.segment import Line

__all__ = ["PortalRecord", "read_property_table"]

# The attribute names, as portals print them, mapped to our fields.
_KEYS = {
    "số hiệu": "number",
    "số ký hiệu": "number",
    "loại văn bản": "doc_type",
    "cơ quan ban hành": "issuer",
    "nơi ban hành": "issuer",
    "người ký": "signer_name",
    "chức danh": "signer_position",
    "ngày ban hành": "issued",
    "ngày ký xác thực": "issued",
    "trích yếu": "subject",
}
_EMPTY = {"--", "-", "", "Đang cập nhật", "Không có"}


@dataclass(slots=True)
class PortalRecord:
    """The first record of a portal property table."""

    number: str | None = None
    doc_type: str | None = None
    issuer: str | None = None
    signer_name: str | None = None
    signer_position: str | None = None
    issued: str | None = None
    subject: str | None = None


def read_property_table(lines: Sequence[Line]) -> PortalRecord | None:
    """The first record of an attribute table, or ``None`` when there is none."""
    record = PortalRecord()
    seen: set[str] = set()
    for k, ln in enumerate(lines[:-1]):
        key = _KEYS.get(ln.text.strip().rstrip(":").lower())
        if key is None:
            continue
        if key in seen:
            break  # a second record starts
        seen.add(key)
        value = lines[k + 1].text.strip()
        if value not in _EMPTY and _KEYS.get(value.lower()) is None:
            setattr(record, key, value)
    if record.number is None or record.doc_type is None:
        return None
    if record.subject is None:
        record.subject = _title_subject(lines, record)
    return record


@cache
def _so_label_re() -> regex.Pattern[str]:
    return regex.compile(rf"(?:{fragment('so_label')})\s+", regex.IGNORECASE)


_SPACES_RE = regex.compile(r"\s+")
_REST_RE = regex.compile(r"\s+(.+)$")


def _title_rest(text: str, kind: str, number: str) -> str | None:
    """What follows "<kind> [số] <number>" at the start of ``text`` (case ignored)."""
    if text[: len(kind)].casefold() != kind:
        return None
    gap = _SPACES_RE.match(text, len(kind))
    if gap is None:
        return None
    starts = [gap.end()]
    label = _so_label_re().match(text, gap.end())
    if label is not None:
        starts.insert(0, label.end())
    for at in starts:
        if text[at : at + len(number)].casefold() == number:
            rest = _REST_RE.match(text, at + len(number))
            if rest is not None:
                return rest.group(1)
    return None


def _title_subject(lines: Sequence[Line], record: PortalRecord) -> str | None:
    """The trích yếu from the page title "<Loại> số <Số hiệu> <trích yếu>"."""
    kind, number = (record.doc_type or "").casefold(), (record.number or "").casefold()
    for k, ln in enumerate(lines):
        found = _title_rest(ln.text, kind, number)
        if found is not None:
            parts = [found.strip()]
            # The page wraps a long title: its next lines go on in lower case.
            for nxt in lines[k + 1 : k + 1 + _TITLE_LINES]:
                if not nxt.text[:1].islower() or len(nxt.text) > 300:
                    break
                parts.append(nxt.text.strip())
            return " ".join(parts)
    return None


_TITLE_LINES = 8
