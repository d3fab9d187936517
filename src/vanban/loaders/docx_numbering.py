"""Word's automatic numbering: rebuild the "1.", "a)", "II." that Word draws.

A paragraph with ``w:numPr`` (its own or its style's) shows a label made from
the level's ``w:lvlText`` ("%1.", "%1.%2.") and ``w:numFmt`` (decimal,
lowerLetter, upperRoman…). The label is not in the paragraph text, so the
loader puts it back.

The numbers come from an untrusted file, so they are bounded: a level is
0..8 (others are ignored), a start value is clamped to Word's own range
(0..32767), a label longer than :data:`MAX_LABEL` characters (``lowerLetter``
repeats its letter once per 26) is written in decimal instead, and a
``w:lvlText`` is cut to 64 characters. Values that are not numbers count as
absent.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import regex

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_ROMAN = [
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
]
_PLACEHOLDER = regex.compile(r"%([1-9])")
LEVELS = range(9)  # w:ilvl 0..8
MAX_START = 32767  # the largest start value Word accepts
MAX_LABEL = 16  # characters of one number; longer ones are written in decimal
_MAX_LVL_TEXT = 64
_INTEGER = regex.compile(r"([+-]?)(\d+)")


def safe_int(value: str | None, default: int) -> int:
    """An attribute's integer, or ``default`` when absent or not a number.

    Digit runs too long for ``int`` (5,000 digits) stand for ±10**12: callers
    clamp to their own range.

    >>> safe_int("12", 0), safe_int("x", 0), safe_int("9" * 5000, 0), safe_int("-" + "9" * 99, 0)
    (12, 0, 1000000000000, -1000000000000)
    """
    if value is None:
        return default
    m = _INTEGER.fullmatch(value.strip())
    if m is None:
        return default
    if len(m.group(2)) > 12:
        return -(10**12) if m.group(1) == "-" else 10**12
    return int(m.group(0))


def _roman(n: int) -> str:
    if not 0 < n < 4000:
        return str(n)
    out = []
    for value, digits in _ROMAN:
        count, n = divmod(n, value)
        out.append(digits * count)
    return "".join(out)


def _letter(n: int) -> str:
    if n <= 0 or n > 26 * MAX_LABEL:
        return str(n)
    return _LETTERS[(n - 1) % 26] * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    """Render counter ``n`` in Word's ``numFmt``.

    >>> [format_number(4, f) for f in ("decimal", "lowerLetter", "upperRoman", "bullet")]
    ['4', 'd', 'IV', '']
    >>> format_number(28, "lowerLetter"), format_number(10**6, "lowerLetter")
    ('bb', '1000000')
    """
    if fmt in ("decimal", "decimalZero", "decimalEnclosedCircle", "decimalFullWidth"):
        return f"{n:02d}" if fmt == "decimalZero" else str(n)
    if fmt == "lowerLetter":
        return _letter(n)
    if fmt == "upperLetter":
        return _letter(n).upper()
    if fmt == "lowerRoman":
        return _roman(n)
    if fmt == "upperRoman":
        return _roman(n).upper()
    if fmt in ("bullet", "none"):
        return ""
    return str(n)


@dataclass(slots=True)
class _Level:
    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1


@dataclass(slots=True)
class Numbering:
    """The numbering definitions of one document, and the running counters."""

    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)  # numId -> ilvl
    abstract_of: dict[str, str] = field(default_factory=dict)
    counters: dict[str, list[int]] = field(default_factory=dict)  # per abstractNum

    @classmethod
    def from_xml(cls, root: Any | None) -> Numbering:
        """Read ``word/numbering.xml`` (an lxml root, or None when absent)."""
        num = cls()
        if root is None:
            return num
        abstract: dict[str, dict[int, _Level]] = {}
        for an in root.iter(f"{W}abstractNum"):
            abstract[an.get(f"{W}abstractNumId", "")] = _levels(an)
        for n in root.iter(f"{W}num"):
            num_id = n.get(f"{W}numId", "")
            ref = n.find(f"{W}abstractNumId")
            aid = ref.get(f"{W}val", "") if ref is not None else ""
            levels = dict(abstract.get(aid, {}))
            for override in n.iter(f"{W}lvlOverride"):
                ilvl = safe_int(override.get(f"{W}ilvl"), 0)
                if ilvl not in LEVELS:
                    continue
                lvl = override.find(f"{W}lvl")
                base = levels.get(ilvl, _Level())
                if lvl is not None:
                    base = _level(lvl)
                start = override.find(f"{W}startOverride")
                if start is not None:
                    base = _Level(base.fmt, base.text, _start(start.get(f"{W}val")))
                levels[ilvl] = base
            num.levels[num_id] = levels
            num.abstract_of[num_id] = aid
        return num

    def label(self, num_id: str, ilvl: int) -> str:
        """The label of the next paragraph in list ``num_id`` at level ``ilvl``."""
        levels = self.levels.get(num_id)
        if not levels or num_id == "0" or ilvl not in LEVELS or ilvl not in levels:
            return ""
        key = self.abstract_of.get(num_id, num_id)
        counters = self.counters.setdefault(key, [0] * 9)
        if counters[ilvl] == 0:
            counters[ilvl] = levels[ilvl].start
        else:
            counters[ilvl] += 1
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = 0
        lvl = levels[ilvl]
        if lvl.fmt == "bullet":
            return "-"

        def fill(m: regex.Match[str]) -> str:
            i = int(m.group(1)) - 1
            sub = levels.get(i, lvl)
            value = counters[i] or sub.start
            return format_number(value, lvl.fmt if i == ilvl else sub.fmt)

        return _PLACEHOLDER.sub(fill, lvl.text).strip()


def _levels(an: Any) -> dict[int, _Level]:
    levels = {}
    for lvl in an.findall(f"{W}lvl"):
        ilvl = safe_int(lvl.get(f"{W}ilvl"), 0)
        if ilvl in LEVELS:
            levels[ilvl] = _level(lvl)
    return levels


def _start(value: str | None) -> int:
    return min(max(safe_int(value, 1), 0), MAX_START)


def _level(lvl: Any) -> _Level:
    fmt = lvl.find(f"{W}numFmt")
    text = lvl.find(f"{W}lvlText")
    start = lvl.find(f"{W}start")
    return _Level(
        fmt=fmt.get(f"{W}val", "decimal") if fmt is not None else "decimal",
        text=text.get(f"{W}val", "")[:_MAX_LVL_TEXT] if text is not None else "",
        start=_start(start.get(f"{W}val")) if start is not None else 1,
    )
