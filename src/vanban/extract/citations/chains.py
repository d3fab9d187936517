"""One cited document, however often it is cited: repeated full citations become mentions.

A công văn cites "Quyết định số 1441/QĐ-UBND ngày 25/9/2025 của Chủ tịch UBND tỉnh" in its
opening and again, in full or nearly, in three duties: that is one cited document with four
mentions. The first citation of a document stays its head; every later one with the same
số hiệu (or, for a law cited by name, the same name and year) refers to it
(``refers_to``). Each keeps the fields its own words state, so that its ``raw`` and
``span`` still hold them.
"""

from __future__ import annotations

from functools import cache

import regex

from vanban.extract.doctypes import table
from vanban.models import Citation, DocNumber

__all__ = ["expand_abbreviations", "link_repeats", "same_number"]

_SPACE_RE = regex.compile(r"\s+")


def same_number(a: DocNumber, b: DocNumber) -> bool:
    """Whether two numbers are one số hiệu (spaces and case aside).

    >>> same_number(DocNumber(raw="59/QĐ-BTNMT"), DocNumber(raw="59/QĐ- BTNMT"))
    True
    """
    return _SPACE_RE.sub("", a.raw).casefold() == _SPACE_RE.sub("", b.raw).casefold()


@cache
def _law_heads() -> list[str]:
    return sorted(table().citation.law_heads, key=len, reverse=True)


def _split_head(name: str) -> tuple[str, str] | None:
    """A law's name as its head and the rest ("Luật Hải quan" → "Luật", "Hải quan")."""
    for head in _law_heads():
        if name.startswith(head + " "):
            return head, name[len(head) + 1 :]
    return None


def _is_abbreviation(rest: str) -> bool:
    return 2 <= len(rest) <= 8 and rest.isalpha() and rest.isupper()


def _initials(rest: str) -> str:
    return "".join(w[0].upper() for w in rest.replace(",", " ").split() if w[0].isalpha())


def expand_abbreviations(citations: list[Citation]) -> list[Citation]:
    """A law cited by an abbreviation ("Luật HQ năm 2014") gets the name of the law the
    text cites in full whose words it abbreviates ("Luật Hải quan"), when there is one
    such law; ``raw`` keeps the words as written.

    >>> a = Citation(raw="Luật Hải quan", span=(0, 13), name="Luật Hải quan")
    >>> b = Citation(raw="Luật HQ", span=(20, 27), name="Luật HQ")
    >>> expand_abbreviations([a, b])[1].name
    'Luật Hải quan'
    """
    full: dict[tuple[str, str], set[str]] = {}
    for c in citations:
        if c.name and (split := _split_head(" ".join(c.name.split()))) is not None:
            head, rest = split
            if not _is_abbreviation(rest):
                full.setdefault((head, _initials(rest)), set()).add(" ".join(c.name.split()))
    out = []
    for c in citations:
        split = _split_head(c.name) if c.name else None
        names = (
            full.get(split, set()) if split is not None and _is_abbreviation(split[1]) else set()
        )
        out.append(c.model_copy(update={"name": next(iter(names))}) if len(names) == 1 else c)
    return out


def _key(c: Citation) -> str | None:
    if c.number is not None:
        if c.number.seq is None:  # "Tờ trình số /TTr-SNV" of a draft: not one document
            return None
        return "n:" + _SPACE_RE.sub("", c.number.raw).casefold()
    if c.name:
        return f"l:{_SPACE_RE.sub(' ', c.name).casefold()}:{c.year or ''}"
    return None


def _fullness(c: Citation) -> int:
    """How many of the parts that identify a document (date, issuer) a citation states."""
    return (c.issued_date is not None) + (c.issuer is not None)


def _name_key(c: Citation) -> str | None:
    if c.number is not None or not c.name:
        return None
    return _SPACE_RE.sub(" ", c.name).casefold()


def _link_yearless(citations: list[Citation], refers: list[int | None]) -> None:
    """A law cited by name alone ("Luật Doanh nghiệp") is the one cited with a year
    ("Luật Doanh nghiệp 2014") or a number ("Luật Hải quan số 54/2014/QH13") when the
    text cites that name with one year or number only."""
    variants: dict[str, dict[str, int]] = {}
    for i, c in enumerate(citations):
        if not c.name or refers[i] is not None:
            continue
        if c.number is not None and c.number.seq is not None:
            variant = "n:" + _SPACE_RE.sub("", c.number.raw).casefold()
        elif c.year is not None and c.number is None:
            variant = f"y:{c.year}"
        else:
            continue
        variants.setdefault(_SPACE_RE.sub(" ", c.name).casefold(), {}).setdefault(variant, i)
    for i, c in enumerate(citations):
        name = _name_key(c)
        if name is None or c.year is not None or len(variants.get(name, {})) != 1:
            continue
        (target,) = variants[name].values()
        if refers[i] is None or refers[refers[i] or 0] is None:
            refers[i] = target


def link_repeats(citations: list[Citation]) -> list[Citation]:
    """Link every citation of an already cited document to the first one (see the module).

    >>> from vanban.models import DocNumber
    >>> a = Citation(raw="QĐ 1", span=(0, 4), number=DocNumber(raw="1/QĐ-UBND", seq="1"))
    >>> b = Citation(raw="QĐ 1", span=(9, 13), number=DocNumber(raw="1/QĐ-UBND", seq="1"))
    >>> [c.refers_to for c in link_repeats([a, b])]
    [None, 0]
    """
    groups: dict[str, list[int]] = {}
    refers: list[int | None] = [c.refers_to for c in citations]
    for i, c in enumerate(citations):
        key = _key(c) if refers[i] is None else None
        if key is not None:
            groups.setdefault(key, []).append(i)
    for members in groups.values():
        # The fullest citation is the head: "Thông tư 38/2015/TT-BTC" cited bare first and
        # "Thông tư 38/2015/TT-BTC ngày 25/3/2015 của Bộ Tài chính" later is the later one.
        head = max(members, key=lambda i: (_fullness(citations[i]), -i))
        for i in members:
            if i != head:
                refers[i] = head
    _link_yearless(citations, refers)
    # A short mention may point at a citation that now points at its head.
    refers = [refers[r] if r is not None and refers[r] is not None else r for r in refers]
    return [
        c if r == c.refers_to else c.model_copy(update={"refers_to": r})
        for c, r in zip(citations, refers, strict=True)
    ]
