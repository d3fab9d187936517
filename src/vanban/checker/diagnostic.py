"""What the checker reports: one :class:`Diagnostic` per fault, and where it is."""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, Field

from vanban.checker.catalog import Severity
from vanban.text.layout import Span

__all__ = ["Diagnostic", "Finding"]


class Diagnostic(BaseModel):
    """One departure from Nghị định 30/2020, located in the input as given."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    code: str = Field(description='Stable dotted code, e.g. "nd30.number.leading_zero".')
    severity: Severity
    message: str = Field(description="A sentence in Vietnamese, with the rule's article.")
    line: int | None = Field(
        default=None,
        description="1-based: the file's own line (text, Markdown), the paragraph (DOCX), "
        "the line on its page (PDF); null when the fault is an absence with no place.",
    )
    column: int | None = Field(default=None, description="1-based column in that line.")
    page: int | None = Field(default=None, description="1-based page, for PDF.")
    fix: str | None = Field(default=None, description="The corrected text, where it is certain.")
    path: str | None = None


@dataclass(frozen=True, slots=True)
class Finding:
    """A rule's hit before it is located: a span of the normalised text and its values."""

    code: str
    span: Span | None = None
    found: str = ""
    fix: str | None = None
    detail: str = ""
