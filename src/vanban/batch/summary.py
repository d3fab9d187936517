"""Counts of a batch: ok / failed / skipped by format, and the most common errors.

Errors are counted by type (with the first message seen as an example), not
by message, so that memory stays bounded when every message names its file.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

__all__ = ["STATUSES", "Summary"]

STATUSES = ("ok", "failed", "skipped")


@dataclass
class Summary:
    """What a batch did.

    Attributes:
        by_format: (format, status) → number of files.
        errors: error type → number of files.
        examples: error type → the first message seen.
        up_to_date: files found converted already and left as they were.
        seconds: wall-clock time of the batch.
    """

    by_format: Counter[tuple[str, str]] = field(default_factory=Counter)
    errors: Counter[str] = field(default_factory=Counter)
    examples: dict[str, str] = field(default_factory=dict)
    up_to_date: int = 0
    seconds: float = 0.0

    def add(self, row: dict[str, Any], *, reused: bool = False) -> None:
        """Count one manifest row (``reused`` when the file was up to date)."""
        self.by_format[(str(row.get("format")), str(row.get("status")))] += 1
        self.up_to_date += reused
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
        """0 when nothing failed, else 1 (the CLI's exit status)."""
        return 1 if self.count("failed") else 0

    def render(self, top: int = 5) -> str:
        """A plain-text report for the end of ``vanban convert``."""
        lines = [
            f"{self.total} files in {self.seconds:.1f} s: {self.count('ok')} ok, "
            f"{self.count('failed')} failed, {self.count('skipped')} skipped"
            f" ({self.up_to_date} already up to date)"
        ]
        formats = sorted({fmt for fmt, _ in self.by_format})
        width = max([len(f) for f in formats] + [6])
        lines.append(f"  {'format':<{width}} " + " ".join(f"{s:>8}" for s in STATUSES))
        for fmt in formats:
            counts = " ".join(f"{self.by_format[(fmt, s)]:>8}" for s in STATUSES)
            lines.append(f"  {fmt:<{width}} {counts}")
        if self.errors:
            lines.append("most common errors:")
            for kind, n in self.errors.most_common(top):
                example = self.examples[kind]
                example = example if len(example) <= 120 else example[:117] + "..."
                lines.append(f"  {n:>6}  {kind}: {example}")
        return "\n".join(lines)
