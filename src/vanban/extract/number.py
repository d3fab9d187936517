"""Số, ký hiệu: parse "2680/UBND-KGVX", "09/2017/NĐ-CP", "35-NQ/TW" into parts.

(Stub: the references work of issue #2 fills this in; signatures are fixed.)
"""

from __future__ import annotations

from vanban.models import DocNumber


def parse_number(raw: str) -> DocNumber | None:
    """Parse a number as printed after "Số:" (spaces, damaged forms allowed).

    Returns ``None`` when ``raw`` holds no number at all.
    """
    text = "".join(raw.split())
    if not text or ("/" not in text and "-" not in text):
        return None
    return DocNumber(raw=text)
