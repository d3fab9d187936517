"""Document types of Nghị định 30 (and legal/Party types), from data.

(Stub: the references work of issue #2 fills this in; signatures are fixed.)
"""

from __future__ import annotations

from vanban.models import DocType


def doc_type_by_name(text: str) -> DocType | None:
    """The type a heading or phrase names: "QUYẾT ĐỊNH", "Kế hoạch", "công văn"."""
    return None


def doc_type_by_code(code: str) -> DocType | None:
    """The type of a ký hiệu type code: "QĐ", "KH", "NĐ", "TTr"; ``None`` if not a type."""
    return None


def type_name_pattern() -> str:
    """A regex alternation of every type name (longest first), for other patterns."""
    return "Quyết định|Công văn"
