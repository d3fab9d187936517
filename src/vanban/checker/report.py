"""Printing diagnostics: one line each like a linter, or a JSON list."""

from __future__ import annotations

import json
from collections.abc import Iterable

from vanban.checker.catalog import Catalog
from vanban.checker.diagnostic import Diagnostic

__all__ = ["human_line", "json_text", "rules_table"]


def human_line(d: Diagnostic, path: str) -> str:
    """``cv.txt:5:5: nd30.number.leading_zero [error] …``; a PDF puts the page first."""
    where = path
    if d.page is not None:
        where += f":{d.page}"
    if d.line is not None:
        where += f":{d.line}:{d.column or 1}"
    return f"{where}: {d.code} [{d.severity}] {d.message}"


def json_text(diagnostics: Iterable[Diagnostic]) -> str:
    """A JSON list of the diagnostics."""
    return json.dumps(
        [d.model_dump(mode="json") for d in diagnostics], ensure_ascii=False, indent=2
    )


def rules_table(table: Catalog) -> str:
    """``--list-rules``: one line per rule, code, severity and title."""
    width = max(len(r.code) for r in table.rule)
    return "\n".join(f"{r.code:<{width}}  {r.severity:<7}  {r.title}" for r in table.rule)
