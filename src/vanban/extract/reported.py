"""The document an article reports on.

"UBND tỉnh vừa ban hành Công văn số 8792/UBND-KGVX ngày 14/9/2021 về việc …",
"Ngày 30/11/2023, UBND tỉnh Điện Biên đã ban hành Kế hoạch số 5547/KH-UBND về …".
A document the title names wins; else the first one the text says was issued.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import regex

from vanban.extract.citations import extract_citations
from vanban.extract.dates import find_date
from vanban.models import Agency, Citation, DocNumber, DocType

__all__ = ["Reported", "reported_document"]

_ISSUED_RE = regex.compile(
    r"(?:(?P<lead>Ngày\s+[\d/]+\s*,?\s*)?(?P<issuer>[^.;:,]{3,120}?)\s+)?"
    r"(?:vừa|đã|mới)?\s*(?:ký\s+)?ban\s+hành\s*$"
)


@dataclass(frozen=True, slots=True)
class Reported:
    """The reported document's fields."""

    doc_type: DocType | None
    number: DocNumber | None
    issued_date: dt.date | None
    issuer: Agency | None
    subject: str | None


def _from_citation(c: Citation, issuer: Agency | None, date: dt.date | None) -> Reported:
    return Reported(
        doc_type=c.doc_type,
        number=c.number,
        issued_date=c.issued_date or date,
        issuer=c.issuer or issuer,
        subject=c.subject,
    )


def reported_document(title: str, text: str, resolve: Callable[[str], Agency]) -> Reported | None:
    """The document an article reports on, or ``None``."""
    titled = extract_citations(title)
    cites = extract_citations(text, resolve=resolve)
    for t in titled:
        if t.number is None:
            continue
        full = next(
            (c for c in cites if c.number and c.number.seq == t.number.seq and c.issued_date),
            None,
        )
        if full is not None:
            return _from_citation(full, None, None)
    for c in cites:
        before = text[max(0, c.span[0] - 160) : c.span[0]]
        sentence = regex.split(r"[.!?]\s", before)[-1]
        m = _ISSUED_RE.search(sentence)
        if m is None:
            continue
        issuer = resolve(m.group("issuer").strip()) if m.group("issuer") else None
        lead = find_date(m.group("lead")) if m.group("lead") else None
        return _from_citation(c, issuer, lead.date if lead else None)
    return None
