"""What every rule reads: the parsed document, its layout and the rule parameters."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import regex

from vanban.checker.catalog import Params
from vanban.models import Document
from vanban.rules import RuleSet
from vanban.text.anchors import searcher
from vanban.text.layout import Line
from vanban.text.segment import Layout

__all__ = ["Context"]

_LEGISLATURE_RE = regex.compile(r"^(?:QH|UBTVQH)\d*$")
_SIGNED_RE = searcher("signed_mark")
_MONTH_YEAR_RE = searcher("month_year")


@dataclass(frozen=True, slots=True)
class Context:
    """A document under check."""

    doc: Document
    layout: Layout
    params: Params
    rules: RuleSet

    @property
    def text(self) -> str:
        return self.layout.text

    @property
    def on(self) -> dt.date | None:
        """The date of issue; for a draft with a blank day, the first of its month."""
        if self.doc.issued_date is not None:
            return self.doc.issued_date
        date = self.layout.date
        if date is None:
            return None
        m = _MONTH_YEAR_RE.search(date.text)
        if m and 1 <= int(m.group("m")) <= 12:
            return dt.date(int(m.group("y")), int(m.group("m")), 1)
        return None

    @property
    def legislative(self) -> bool:
        """A Luật, Pháp lệnh, Nghị quyết of Quốc hội or UBTVQH, or a consolidated text."""
        doc, params = self.doc, self.params
        if doc.doc_type is not None and doc.doc_type.name in params.legislative_types:
            return True
        number = doc.number
        return number is not None and (
            number.type_code == "VBHN" or bool(_LEGISLATURE_RE.match(number.issuer_code or ""))
        )

    @property
    def transcribed(self) -> bool:
        """A copy that prints "(Đã ký)" for the signature (a portal's transcription, which
        often leaves out the Nơi nhận)."""
        region = self.layout.signature
        if not region:
            return False
        start, end = region.lines[0].start, region.lines[-1].end
        return bool(_SIGNED_RE.search(self.text, start, end + 200))

    @property
    def head_lines(self) -> list[Line]:
        """The lines before the body (or the first 15 when no body was found)."""
        body = self.layout.body.lines
        stop = body[0].start if body else None
        lines = [ln for ln in self.layout.lines if stop is None or ln.start < stop]
        return lines[:25] if stop is not None else lines[:15]
