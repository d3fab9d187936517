"""Who issued a cited document, and the document an article reports on.

"UBND tỉnh vừa ban hành Công văn số 8792/UBND-KGVX ngày 14/9/2021 về việc …",
"Ngày 30/11/2023, UBND tỉnh Điện Biên đã ban hành Kế hoạch số 5547/KH-UBND về …".
An article reports on the document whose issuance its lead paragraph announces.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import regex

from vanban.extract.agency_list import agency_starts
from vanban.extract.citations import extract_citations
from vanban.extract.dates import find_date
from vanban.models import Agency, Citation, DocNumber, DocType

__all__ = ["Reported", "issued_by_before", "reported_document"]

# "<who> (vừa|đã) (ký) ban hành" right before a citation.
_ISSUED_RE = regex.compile(
    r"(?:(?P<lead>Ngày\s+[\d/]+\s*,?\s*)?(?P<who>[^.;:]{3,160}?)\s+)?"
    r"(?:vừa\s+|đã\s+|mới\s+)?(?:ký\s+)?ban\s+hành\s*$"
)
_LOOK_BACK = 200


@dataclass(frozen=True, slots=True)
class Reported:
    """The reported document's fields."""

    doc_type: DocType | None
    number: DocNumber | None
    issued_date: dt.date | None
    issuer: Agency | None
    subject: str | None


@dataclass(frozen=True, slots=True)
class IssuedBy:
    """The issuer named in front of a citation, and a leading "Ngày …," date."""

    issuer: str | None
    date: dt.date | None


def issued_by_before(text: str, pos: int) -> IssuedBy | None:
    """The body that "(ký) ban hành" the document cited at ``pos``, if the text says so.

    >>> issued_by_before("Sở đã tham mưu cho Chủ tịch UBND tỉnh ký ban hành Chỉ thị", 50).issuer
    'UBND tỉnh'
    """
    before = text[max(0, pos - _LOOK_BACK) : pos]
    sentence = regex.split(r"[.!?]\s", before)[-1]
    m = _ISSUED_RE.search(sentence)
    if m is None:
        return None
    who = m.group("who") or ""
    # The body is the last agency named before the verb: "… tham mưu cho Chủ tịch
    # Ủy ban nhân dân tỉnh ký ban hành" → "Ủy ban nhân dân tỉnh".
    starts = agency_starts(who)
    issuer = who[starts[-1] :].strip(" ,") if starts else None
    lead = find_date(m.group("lead")) if m.group("lead") else None
    return IssuedBy(issuer=issuer, date=lead.date if lead else None)


def reported_document(lead: str, resolve: Callable[[str], Agency]) -> Reported | None:
    """The document whose issuance an article's lead paragraph announces, or ``None``."""
    for c in extract_citations(lead, resolve=resolve):
        if c.number is None:
            continue
        by = issued_by_before(lead, c.span[0])
        if by is None:
            continue
        issuer = resolve(by.issuer) if by.issuer and c.issuer is None else c.issuer
        return Reported(
            doc_type=c.doc_type,
            number=c.number,
            issued_date=c.issued_date or by.date,
            issuer=issuer,
            subject=c.subject,
        )
    return None


def is_reported(citation: Citation, reported: Reported) -> bool:
    """Whether ``citation`` is the reported document itself."""
    return (
        citation.number is not None
        and reported.number is not None
        and citation.number.raw == reported.number.raw
    )
