"""Who issued a cited document, and the document an article reports on.

"UBND tỉnh vừa ban hành Công văn số 8792/UBND-KGVX ngày 14/9/2021 về việc …",
"Ngày 30/11/2023, UBND tỉnh Điện Biên đã ban hành Kế hoạch số 5547/KH-UBND về …".
An article reports on the document whose issuance its lead paragraph announces.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import regex

from vanban.extract.agency_list import agency_starts
from vanban.extract.dates import find_date
from vanban.models import Citation, DocNumber, DocType
from vanban.text.anchors import fragment
from vanban.text.layout import Line, Span

__all__ = ["IssuedBy", "Reported", "issued_by_before", "issuing_verb_ends", "reported_document"]


@cache
def _issued_re() -> regex.Pattern[str]:
    """ "<who> (vừa|đã) (ký) ban hành" right before a citation."""
    return regex.compile(rf"{fragment('issued_by')}\s*$")


_LOOK_BACK = 200


@cache
def _verb_end_re() -> regex.Pattern[str]:
    return regex.compile(rf"{fragment('issuing_verb')}\s*")


@dataclass(frozen=True, slots=True)
class IssuedBy:
    """The issuer named in front of a citation (with its span), and a leading "Ngày …," date."""

    issuer: str | None
    date: dt.date | None
    span: Span | None = None


@dataclass(frozen=True, slots=True)
class Reported:
    """The reported document: the citation that an article's lead announces.

    ``issued_by`` is the body named before "ban hành" when the citation names none.
    """

    citation: Citation
    issued_by: IssuedBy

    @property
    def doc_type(self) -> DocType | None:
        return self.citation.doc_type

    @property
    def number(self) -> DocNumber | None:
        return self.citation.number

    @property
    def issued_date(self) -> dt.date | None:
        return self.citation.issued_date or self.issued_by.date

    @property
    def subject(self) -> str | None:
        return self.citation.subject


def issuing_verb_ends(text: str) -> frozenset[int]:
    """The offsets just past each "ban hành" of ``text`` (where a cited document may follow).

    One scan of the text tells which citations :func:`issued_by_before` needs to look at.
    """
    return frozenset(m.end() for m in _verb_end_re().finditer(text))


def issued_by_before(text: str, pos: int, floor: int = 0) -> IssuedBy | None:
    """The body that "(ký) ban hành" the document cited at ``pos``, if the text says so.

    Looks back at most 200 characters, and not before ``floor``.

    >>> issued_by_before("Sở đã tham mưu cho Chủ tịch UBND tỉnh ký ban hành Chỉ thị", 50).issuer
    'UBND tỉnh'
    """
    begin = max(floor, pos - _LOOK_BACK)
    before = text[begin:pos]
    cut = [m.end() for m in regex.finditer(r"[.!?]\s", before)]
    offset = begin + (cut[-1] if cut else 0)
    sentence = before[cut[-1] :] if cut else before
    m = _issued_re().search(sentence)
    if m is None:
        return None
    who = m.group("who") or ""
    # The body is the last agency named before the verb: "… tham mưu cho Chủ tịch
    # Ủy ban nhân dân tỉnh ký ban hành" → "Ủy ban nhân dân tỉnh".
    starts = agency_starts(who)
    issuer = who[starts[-1] :].strip(" ,") if starts else None
    span = None
    if issuer:
        at = offset + m.start("who") + starts[-1]
        span = (at, at + len(issuer))
    lead = find_date(m.group("lead")) if m.group("lead") else None
    return IssuedBy(issuer=issuer, date=lead.date if lead else None, span=span)


def reported_document(text: str, lead: Line, citations: Sequence[Citation]) -> Reported | None:
    """The document whose issuance an article's lead paragraph announces, or ``None``.

    ``citations`` are those of the whole ``text``; the lead is a whole line of it.
    """
    for c in citations:
        if c.span[0] < lead.start or c.span[0] >= lead.end or c.number is None:
            continue
        by = issued_by_before(text, c.span[0], lead.start)
        if by is not None:
            return Reported(citation=c, issued_by=by)
    return None


def is_reported(citation: Citation, reported: Reported) -> bool:
    """Whether ``citation`` is the reported document itself."""
    return (
        citation.number is not None
        and reported.number is not None
        and citation.number.raw == reported.number.raw
    )
