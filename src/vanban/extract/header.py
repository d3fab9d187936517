"""The header: cơ quan ban hành (and its parent), địa danh and ngày, stamps."""

from __future__ import annotations

from functools import cache

import regex

from vanban.extract.dates import DateMatch, find_date
from vanban.text.lexicon import alternation, lexicon
from vanban.text.segment import HEADER_DATE_RE

__all__ = ["place_and_date", "split_issuer_lines", "stamps"]

# A header line that continues the previous one rather than naming a new body:
# the place of "ỦY BAN NHÂN DÂN / TỈNH ĐẮK NÔNG", or a wrapped long name.
_PLACE_START_RE = regex.compile(
    r"^(?:TỈNH|THÀNH PHỐ|TP\.?|HUYỆN|QUẬN|THỊ XÃ|XÃ|PHƯỜNG|ĐẶC KHU|THỊ TRẤN|VÀ|&|-|CỦA)\b"
)
_OPEN_END_RE = regex.compile(r"(?:\bVÀ|,|-|&|\bCỦA)$")
_BARE_HEADS = {"ỦY BAN NHÂN DÂN", "UỶ BAN NHÂN DÂN", "HỘI ĐỒNG NHÂN DÂN", "UBND", "HĐND"}


@cache
def _upper_head_re() -> regex.Pattern[str]:
    """A header line that starts a body's name: "SỞ …", "BAN …", "ỦY BAN …"."""
    heads = [h.upper() for h in lexicon().agency.heads if not h.lower().startswith("các")]
    return regex.compile(rf"^(?:{alternation(heads)})(?:\s|$)")


_NOT_ISSUER_RE = regex.compile(r"^(?:DỰ THẢO|BẢN SAO|SAO Y|TRÍCH SAO|SAO LỤC|PHỤ LỤC)\b")


def split_issuer_lines(lines: list[str]) -> tuple[str | None, str | None]:
    """Group the header's upper-case lines into (parent, issuer).

    >>> split_issuer_lines(["ỦY BAN NHÂN DÂN", "TỈNH ĐẮK NÔNG"])
    (None, 'ỦY BAN NHÂN DÂN TỈNH ĐẮK NÔNG')
    >>> split_issuer_lines(["UBND TỈNH LÂM ĐỒNG", "SỞ NỘI VỤ"])
    ('UBND TỈNH LÂM ĐỒNG', 'SỞ NỘI VỤ')
    """
    groups: list[str] = []
    for line in (ln.strip(" -–—_*") for ln in lines):
        if not line or _NOT_ISSUER_RE.match(line):
            continue
        if groups and (
            _PLACE_START_RE.match(line)
            or _OPEN_END_RE.search(groups[-1])
            or groups[-1] in _BARE_HEADS
            or not _upper_head_re().match(line)  # "TRUNG TÂM PHỤC VỤ" / "HÀNH CHÍNH CÔNG"
        ):
            groups[-1] = f"{groups[-1]} {line}"
        else:
            groups.append(line)
    if not groups:
        return None, None
    parent = groups[-2] if len(groups) >= 2 else None
    return parent, groups[-1]


_PLACE_WORD_RE = regex.compile(r"^(?:[A-ZĐÀ-Ỹ][\w.'-]*|phố|xã|trấn|khu)$")


def _clean_place(raw: str) -> str | None:
    words = raw.replace("\u2026", " ").split()
    kept: list[str] = []
    for word in reversed(words):
        if not _PLACE_WORD_RE.match(word) or len(kept) >= 6:
            break
        kept.append(word)
    place = " ".join(reversed(kept)).strip(" .,-")
    return place or None


def place_and_date(line: str | None) -> tuple[str | None, DateMatch | None]:
    """Địa danh and the date from the header's "<place>, ngày … tháng … năm …".

    >>> place, date = place_and_date("Đắk Nông, ngày 31 tháng 5 năm 2021")
    >>> place
    'Đắk Nông'
    """
    if not line:
        return None, None
    m = HEADER_DATE_RE.search(line)
    if not m:
        return None, None
    return _clean_place(m.group("place")), find_date(m.group("date"))


def stamps(marks: list[str]) -> tuple[str | None, str | None]:
    """(urgency, secrecy) from the header's stamp lines."""
    lex = lexicon().marks
    urgency = next((lex.urgency[m] for m in marks if m in lex.urgency), None)
    secrecy = next((lex.secrecy[m] for m in marks if m in lex.secrecy), None)
    return urgency, secrecy
