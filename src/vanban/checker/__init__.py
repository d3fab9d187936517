"""A Nghị định 30/2020/NĐ-CP conformance checker built on the parser (``vanban check``).

>>> from vanban.checker import check_text
>>> found = check_text("Số: 5/UBND-VP\\nLâm Đồng, ngày 05 tháng 01 năm 2026")
>>> [(d.line, d.column, d.code, d.fix) for d in found if d.code == "nd30.number.leading_zero"]
[(1, 5, 'nd30.number.leading_zero', '05')]

The rules are data (``vanban/data/check_rules.toml``, documented in docs/check.md);
:func:`check` runs them over a file or a parsed Document.
"""

from __future__ import annotations

from vanban.checker.catalog import Rule, catalog
from vanban.checker.diagnostic import Diagnostic
from vanban.checker.runner import check, check_document, check_text

__all__ = ["Diagnostic", "Rule", "catalog", "check", "check_document", "check_text"]
