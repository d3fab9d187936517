"""Agency rule engine: resolve Vietnamese agency names to canonical bodies.

This is the seam the parser calls for every agency it finds. The full,
data-driven engine (issue #3) replaces the placeholder bodies below while
keeping these signatures.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from vanban.models import Agency

__all__ = ["RuleSet", "infer_province", "load_rules", "normalize_agency"]


@dataclass(frozen=True, slots=True)
class RuleSet:
    """The compiled rules: built-in data merged with user rule files."""

    user_files: tuple[Path, ...] = ()


def load_rules(paths: Sequence[str | Path] = ()) -> RuleSet:
    """Load the built-in rules, merging the user rule files ``paths`` over them."""
    return RuleSet(user_files=tuple(Path(p) for p in paths))


def normalize_agency(
    raw: str,
    *,
    province: str | None = None,
    on: dt.date | None = None,
    rules: RuleSet | None = None,
) -> Agency:
    """Resolve ``raw`` ("Sở TT&TT", "UBND tỉnh") to a canonical :class:`Agency`.

    Args:
        raw: the name as written.
        province: the document's province, for a bare "tỉnh".
        on: the document's date, to pick the body valid on that day.
        rules: the rule set (built-ins when ``None``).
    """
    text = " ".join(raw.split())
    return Agency(raw=raw, name=text or None, province=province)


def infer_province(text: str, *, on: dt.date | None = None) -> str | None:
    """The province a text is about, when a reader would infer it, else ``None``."""
    return None
