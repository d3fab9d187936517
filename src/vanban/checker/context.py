"""What every rule reads: the parsed document, its layout and the rule parameters."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import regex

from vanban.checker.catalog import Params
from vanban.models import Document
from vanban.rules import RuleSet
from vanban.text.layout import Line
from vanban.text.segment import Layout

__all__ = ["Context"]

_MONTH_YEAR_RE = regex.compile(r"tháng\s*(\d{1,2})\s*năm\s*(\d{4})")


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
        if m and 1 <= int(m.group(1)) <= 12:
            return dt.date(int(m.group(2)), int(m.group(1)), 1)
        return None

    @property
    def head_lines(self) -> list[Line]:
        """The lines before the body (or the first 15 when no body was found)."""
        body = self.layout.body.lines
        stop = body[0].start if body else None
        lines = [ln for ln in self.layout.lines if stop is None or ln.start < stop]
        return lines[:25] if stop is not None else lines[:15]
