"""``accuracy.py --show-errors``: the mismatches of one field, with where to look in the text.

Each mismatch is tagged ``missing`` (the parser gave nothing), ``wrong``, ``spurious`` (a
value where the label says the document states none) or ``lenient-ok`` (only the strict
comparison fails), and shown with the parser's Issues on that field and the lines of the
text where the expected value, or the field's anchor ("Nơi nhận", "Kính gửi", "KT."), sits.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from typing import TYPE_CHECKING, Any

import regex
from accuracy_fields import nfc_ws, norm_number, token_f1

if TYPE_CHECKING:
    from accuracy import Case, DatasetResult, Outcome


def _text_of(case: Case) -> str | None:
    if case.text is not None:
        return case.text
    try:
        from vanban.loaders import load

        return load(case.path or "").text
    except Exception:
        return None


_ANCHORS = {
    "distribution_count": r"^\W*Nơi\s+nhận",
    "recipients": r"Kính\s+gửi",
    "signer.authority": r"^\W*(?:KT|TM|TL|TUQ|Q)\.",
}


def _needle(name: str, expected: Any) -> tuple[str | None, int]:
    """A pattern that finds the expected value in the text, and how many lines to show."""
    if name in _ANCHORS:
        return _ANCHORS[name], 8
    if name == "issued_date" and isinstance(expected, str):
        y, m, d = expected.split("-")
        return rf"ngày\W*0?{int(d)}\W*tháng\W*0?{int(m)}\W*năm\W*{y}", 2
    value = expected[0] if isinstance(expected, list) and expected else expected
    if not isinstance(value, str) or not value.strip():
        return None, 0
    if name == "number":
        return r"\s*".join(regex.escape(c) for c in norm_number(value)), 2
    return r"\s+".join(regex.escape(t) for t in nfc_ws(value).split()[:8]), 2


def context(text: str, name: str, expected: Any, width: int = 160) -> list[str]:
    """Where the expected value (or the field's anchor) sits, else the first lines of the text."""
    lines = unicodedata.normalize("NFC", text).splitlines()
    needle, after = _needle(name, expected)
    joined = "\n".join(lines)
    hit = None
    if needle:
        try:
            hit = regex.search(needle, joined, regex.IGNORECASE | regex.MULTILINE, timeout=1.0)
        except TimeoutError:
            hit = None
    if hit:
        at = joined.count("\n", 0, hit.start())
        before = 4 if name.startswith("signer.") else 1
        picked = range(max(0, at - before), min(len(lines), at + after + 1))
        head = "found in the text:"
    else:
        picked = range(len(lines))
        head = "not in the text verbatim (or the label and the text disagree); the text begins:"
    shown = [i for i in picked if lines[i].strip()][:10]
    return [head] + [f"  L{i + 1}: {lines[i].strip()[:width]}" for i in shown]


KINDS = ("missing", "wrong", "spurious", "lenient-ok")
"""Kinds of mismatch, in the order ``--show-errors`` lists them."""


def show_errors(
    results: list[DatasetResult],
    name: str,
    limit: int,
    with_text: bool = True,
    kinds_shown: tuple[str, ...] = (),
) -> str:
    """The mismatches of one field: expected vs got, lenient verdict, issues, text context.

    Listed missing first, then wrong, spurious and lenient-ok (``kinds_shown`` filters).
    """
    rows = [o for r in results for o in r.outcomes if o.field == name and not o.strict]
    rows = [o for o in rows if o.expected is not None or o.got is not None]
    kinds = Counter(_kind(o) for o in rows)
    if kinds_shown:
        rows = [o for o in rows if _kind(o) in kinds_shown]
    rows.sort(key=lambda o: KINDS.index(_kind(o)))
    labelled = sum(o.field == name and o.expected is not None for r in results for o in r.outcomes)
    summary = ", ".join(f"{k} {v}" for k, v in kinds.most_common()) or "none"
    out = [f"# {name}: {labelled} labelled; mismatches: {summary}"]
    for o in rows[:limit]:
        out += ["", f"## [{_kind(o)}] {o.case.dataset} {o.case.ident}"]
        out.append(f"expected: {o.expected!r}")
        out.append(f"got:      {o.got!r}")
        if name == "subject" and o.expected and o.got:
            out.append(f"token F1: {token_f1(o.expected, o.got):.2f}")
        out += [f"issue:    {i}" for i in o.issues]
        text = _text_of(o.case) if with_text and o.expected is not None else None
        if text:
            out += context(text, name, o.expected)
    if len(rows) > limit:
        out += ["", f"… {len(rows) - limit} more (raise --limit)"]
    return "\n".join(out)


def _kind(o: Outcome) -> str:
    if o.expected is None:
        return "spurious"
    if o.got is None:
        return "missing"
    return "lenient-ok" if o.lenient else "wrong"
