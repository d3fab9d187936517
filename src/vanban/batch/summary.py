"""Counts of a batch: files per status and format, and the most common errors.

The statuses are those of :mod:`vanban.batch.status`: ok, ok_ocr, needs_ocr,
no_text, failed, skipped.

Errors are counted by type (with the first message seen as an example), not
by message, so that memory stays bounded when every message names its file.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from vanban.batch.status import PARTIAL_CODES, STATUSES, fully_read

__all__ = ["STATUSES", "Summary"]

# How the one-line report names each status.
_LABELS = {
    "ok": "ok",
    "ok_ocr": "ok after OCR",
    "needs_ocr": "need OCR",
    "no_text": "no text",
    "failed": "failed",
    "skipped": "skipped",
}


@dataclass
class Summary:
    """What a batch did.

    Attributes:
        by_format: (format, status) → number of files.
        errors: error type → number of files.
        examples: error type → the first message seen.
        up_to_date: files found converted already and left as they were.
        partial: ok files whose Document says part of the file was not read
            (``limits.pages``, ``text.truncated``…).
        not_fully_read: files that ``--strict`` counts against the batch.
        seconds: wall-clock time of the batch.
    """

    by_format: Counter[tuple[str, str]] = field(default_factory=Counter)
    errors: Counter[str] = field(default_factory=Counter)
    examples: dict[str, str] = field(default_factory=dict)
    up_to_date: int = 0
    partial: int = 0
    not_fully_read: int = 0
    seconds: float = 0.0

    def add(self, row: dict[str, Any], *, reused: bool = False) -> None:
        """Count one manifest row (``reused`` when the file was up to date)."""
        self.by_format[(str(row.get("format")), str(row.get("status")))] += 1
        self.up_to_date += reused
        self.partial += bool(set(row.get("issues") or ()) & PARTIAL_CODES)
        self.not_fully_read += not fully_read(row)
        error = row.get("error")
        if isinstance(error, dict):
            kind = str(error.get("type"))
            self.errors[kind] += 1
            self.examples.setdefault(kind, str(error.get("message")))

    def count(self, status: str) -> int:
        """The number of files with ``status``."""
        return sum(n for (_, s), n in self.by_format.items() if s == status)

    @property
    def total(self) -> int:
        """The number of files accounted for."""
        return sum(self.by_format.values())

    @property
    def exit_status(self) -> int:
        """0 when no file failed or needs OCR, else 1 (the CLI's exit status)."""
        return 1 if self.count("failed") or self.count("needs_ocr") else 0

    def strict_exit_status(self) -> int:
        """0 only when every file was read in full (``--strict``), else 1."""
        return 1 if self.not_fully_read or self.exit_status else 0

    def render(self, top: int = 5) -> str:
        """A plain-text report for the end of ``vanban convert``."""
        counts = ", ".join(f"{self.count(s)} {_LABELS[s]}" for s in STATUSES)
        notes = [f"{self.up_to_date} already up to date"]
        if self.partial:
            notes.append(f"{self.partial} ok but only partly read")
        lines = [f"{self.total} files in {self.seconds:.1f} s: {counts} ({'; '.join(notes)})"]
        formats = sorted({fmt for fmt, _ in self.by_format})
        width = max([len(f) for f in formats] + [6])
        cells = [max(9, len(s) + 1) for s in STATUSES]
        header = "".join(f"{s:>{w}}" for s, w in zip(STATUSES, cells, strict=True))
        lines.append(f"  {'format':<{width}} {header}")
        for fmt in formats:
            row = "".join(
                f"{self.by_format[(fmt, s)]:>{w}}" for s, w in zip(STATUSES, cells, strict=True)
            )
            lines.append(f"  {fmt:<{width}} {row}")
        if self.errors:
            lines.append("most common errors:")
            for kind, n in self.errors.most_common(top):
                example = self.examples[kind]
                example = example if len(example) <= 120 else example[:117] + "..."
                lines.append(f"  {n:>6}  {kind}: {example}")
        return "\n".join(lines)
