"""Agency rule engine: resolve Vietnamese agency names to canonical bodies.

The parser calls :func:`resolve_agency` for every agency it finds, with the
document's province and date as context. The rules are data
(``vanban/data/agencies/*.toml``), read on first use and cached; user rule files
are merged over them with :func:`load_rules`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from vanban.models import Agency, Issue
from vanban.rules.index import RuleSet

__all__ = [
    "RuleSet",
    "infer_province",
    "load_rules",
    "normalize_agency",
    "province_of",
    "resolve_agency",
]


def load_rules(paths: Sequence[str | Path] = ()) -> RuleSet:
    """Load the built-in rules, merging the user rule files ``paths`` over them.

    Cached per tuple of resolved paths; nothing is read before the first call.

    Raises:
        RuleDataError: a rule file is unreadable or breaks the schema.
    """
    from vanban.rules.load import load_rules as _load

    return _load(paths)


def resolve_agency(
    raw: str,
    *,
    province: str | None = None,
    on: dt.date | None = None,
    rules: RuleSet | None = None,
) -> tuple[Agency, list[Issue]]:
    """Resolve ``raw`` and report what looks wrong (ambiguity, anachronism).

    Args:
        raw: the name as written ("Sở TT&TT", "UBND tỉnh", "Các Bộ: Công an, Tư pháp").
        province: the document's province, used for a bare "tỉnh".
        on: the document's date, to pick the body valid on that day.
        rules: the rule set (built-ins when ``None``).

    Returns:
        The agency and the issues: ``agency.ambiguous`` (left unresolved),
        ``agency.district_after_2025``, ``agency.not_valid_on``.
    """
    from vanban.rules.engine import resolve

    return resolve(rules or load_rules(), raw, province, on)


def normalize_agency(
    raw: str,
    *,
    province: str | None = None,
    on: dt.date | None = None,
    rules: RuleSet | None = None,
) -> Agency:
    """Resolve ``raw`` ("Sở TT&TT", "UBND tỉnh") to a canonical :class:`Agency`.

    An unknown name comes back with ``id=None`` and the cleaned text as its name.

    Args:
        raw: the name as written.
        province: the document's province, for a bare "tỉnh".
        on: the document's date, to pick the body valid on that day.
        rules: the rule set (built-ins when ``None``).
    """
    return resolve_agency(raw, province=province, on=on, rules=rules)[0]


def infer_province(
    text: str, *, on: dt.date | None = None, rules: RuleSet | None = None
) -> str | None:
    """The province a text is about, when a reader would infer it, else ``None``.

    Counts capitalised province names and well-known towns ("Buôn Ma Thuột");
    "tỉnh X" counts double. Only a clear winner is returned.
    """
    from vanban.rules.provinces import infer_in

    return infer_in(rules or load_rules(), text, on)


def province_of(raw: str, *, rules: RuleSet | None = None) -> str | None:
    """The province named in an agency string or place line ("TP. Hồ Chí Minh")."""
    from vanban.rules.provinces import province_of_in

    return province_of_in(rules or load_rules(), raw)
