"""Số, ký hiệu: parse "2680/UBND-KGVX", "09/2017/NĐ-CP", "35-NQ/TW" into parts.

Shapes (design/domain.md §1.5.3, §2.2, §2.4):

* typed document: ``15/QĐ-BNV`` (type code, issuer code, optional unit code);
* công văn: ``2680/UBND-KGVX`` (issuer code and drafting unit, no type code);
* VBQPPL: ``09/2017/NĐ-CP`` (year), Quốc hội ``121/2025/QH15`` (issuer only);
* joint: ``89/2016/TTLT-BTC-BCT`` (every segment after the code is an issuer);
* Party: ``35-NQ/TW`` (hyphen, then slash and the Party issuer);
* drafts: ``/UBND-NC``, ``…/QĐ-UBND`` (the number is left blank).

Damaged forms are repaired: spaces inside the number (``13    /2025/QĐ-UBND``),
lost hyphens (``3027/QĐUBND``, ``63/2010/NĐCP``, ``365/TTrSNV``), Đ read as D
(``ND-CP``), lower case (``qđ-ttg``) and a Party number written state-style
(``18/NQ-TW``).

**What ``raw`` holds.** The number as printed with spaces removed; a lost
hyphen is put back into ``raw`` too (``3027/QĐ-UBND``) so that ``raw`` is the
ký hiệu a reader would type. The other repairs (``ND`` → ``NĐ``, ``18/NQ-TW``
as a Party number, case) show only in the parsed fields (``type_code``,
``party``), and ``raw`` keeps the printed letters.
"""

from __future__ import annotations

from functools import cache, lru_cache
from typing import NamedTuple

import regex

from vanban.extract.doctypes import doc_type_by_code, entry_by_code, table
from vanban.models import DocNumber
from vanban.text.anchors import fragment

__all__ = ["find_numbers", "number_pattern", "parse_number"]

# "111-11" (a routing form's number within a batch) is one sequence too.
_SEQ = r"\d{1,6}(?:[.-]\d{1,3})?[A-Za-z]?"
_YEAR = r"(?:19|20)\d\d"
# After "Số:" a routing form may give its year in two digits: "02-02/26/PT-NC".
_SHORT_YEAR = r"\d\d(?=/\p{L})"
# "04/BC-LĐVTCT.LĐ": a dotted suffix of the issuer code stays part of it.
_SYM = r"\p{L}[\p{L}\d&]*(?:-[\p{L}\d&]+)*(?:\.\p{Lu}[\p{L}\d&]*)?-?"

# Anchored forms, applied to one token with the spaces already removed.
_PARTY_RE = regex.compile(
    rf"(?P<seq>{_SEQ})-(?P<ptype>\p{{L}}{{1,5}})/(?P<pissuer>\p{{L}}[\p{{L}}\d]*)"
)
_STATE_RE = regex.compile(
    rf"(?P<seq>{_SEQ})?(?P<blank>[.…_]*)/(?:(?P<year>{_YEAR}|{_SHORT_YEAR})/)?(?P<sym>{_SYM})"
    rf"(?:/(?P<year2>{_YEAR})(?!\d))?"
)
_AROUND_SEP_RE = regex.compile(r"\s*([/\-–—])\s*")
_BLANK_GAP_RE = regex.compile(r"(?<=[.…_])\s+(?=[.…_/])")
_QH_RE = regex.compile(r"(?:UBTV)?QH\d{1,2}|CTN")
_MAX_RAW = 300


@cache
def _prefix_re() -> regex.Pattern[str]:
    """ "Số:", "Quyết định số" before the number itself."""
    return regex.compile(rf"^\s*{fragment('number_prefix')}", regex.IGNORECASE)


_CHAR_FIX = str.maketrans({"\u00d0": "Đ", "–": "-", "—": "-", "*": None})


@cache
def _repair_codes() -> tuple[str, ...]:
    """Type codes a fused ký hiệu may start with ("QĐUBND"), longest first."""
    codes: set[str] = set()
    for entry in table().types:
        if entry.code:
            codes.add(entry.code)
            # Only the Đ→D damage of a current code ("ND"), not legacy codes.
            codes.update(a for a in entry.aliases if a == entry.code.replace("Đ", "D"))
    return tuple(sorted(codes, key=len, reverse=True))


def _split_fused(sym: str) -> list[str] | None:
    """Put back the hyphen lost between a type code and an issuer ("QĐUBND")."""
    if "-" in sym or doc_type_by_code(sym) is not None:
        return None
    for code in _repair_codes():
        rest = sym[len(code) :]
        if sym.startswith(code) and len(rest) >= 2 and rest[0].isupper():
            return [code, rest]
    return None


def _compact(raw: str) -> str:
    """The first token of ``raw`` with "Số:" and the spaces inside the number gone."""
    text = _prefix_re().sub("", raw.translate(_CHAR_FIX), count=1)
    text = _BLANK_GAP_RE.sub("", _AROUND_SEP_RE.sub(r"\1", text))
    parts = text.split(None, 1)
    return parts[0].rstrip(".,;:)") if parts else ""


def parse_number(raw: str) -> DocNumber | None:
    """Parse a number as printed after "Số:" (spaces, damaged forms allowed).

    Returns ``None`` when ``raw`` holds no number at all. Results are cached (a
    DocNumber is frozen): texts cite the same numbers again and again.

    >>> parse_number("Số: 2680 /UBND-KGVX").unit_code
    'KGVX'
    >>> n = parse_number("35-NQ/TW"); (n.party, n.type_code, n.issuer_code)
    (True, 'NQ', 'TW')
    >>> parse_number("3027/QĐUBND").raw
    '3027/QĐ-UBND'
    """
    # A number is short: only its first few hundred characters can hold it, and the
    # bound keeps the space-collapsing below linear on adversarial input.
    return _parse(raw[:_MAX_RAW])


@lru_cache(maxsize=8192)
def _parse(raw: str) -> DocNumber | None:
    token = _compact(raw)
    if not token:
        return None
    m = _PARTY_RE.match(token)
    if m is not None:
        code = m.group("ptype")
        found = doc_type_by_code(code, party=True)
        return DocNumber(
            raw=m.group(0),
            seq=m.group("seq"),
            type_code=found.code if found else None,
            issuer_code=m.group("pissuer"),
            party=True,
        )
    m = _STATE_RE.match(token)
    if m is None:
        return None
    return _state_number(m)


def _state_number(m: regex.Match[str]) -> DocNumber:
    sym = m.group("sym")
    raw = m.group(0)
    segs = [s for s in sym.split("-") if s]
    fused = _split_fused(sym) if len(segs) == 1 else None
    if fused is not None:
        segs = fused
        raw = raw.replace(sym, "-".join(fused), 1)
    year_text = m.group("year") or m.group("year2")
    codes = _codes(tuple(segs))
    return DocNumber(
        raw=raw,
        seq=m.group("seq"),
        year=_full_year(year_text) if year_text else None,
        type_code=codes.type_code,
        issuer_code=codes.issuer_code,
        unit_code=codes.unit_code,
        party=codes.party,
    )


def _full_year(text: str) -> int:
    """ "2026" -> 2026; a two-digit year "26" -> 2026, "98" -> 1998."""
    year = int(text)
    if len(text) == 2:
        year += 2000 if year < 70 else 1900
    return year


class _Codes(NamedTuple):
    type_code: str | None = None
    issuer_code: str | None = None
    unit_code: str | None = None
    party: bool = False


@lru_cache(maxsize=4096)
def _codes(segs: tuple[str, ...]) -> _Codes:
    """Type, issuer and unit codes (and the Party flag) from the ký hiệu segments."""
    head, rest = segs[0], segs[1:]
    found = doc_type_by_code(head)
    if _QH_RE.fullmatch(head) or (found is None and head not in table().type_slot_codes):
        # Công văn (or a Quốc hội number): issuer, then the drafting unit.
        return _Codes(issuer_code=head, unit_code="-".join(rest) or None)
    type_code = found.code if found else head
    entry = entry_by_code(head)
    if entry is not None and entry.joint:
        issuer, unit = "-".join(rest) or None, None
    else:
        issuer, unit = (rest[0] if rest else None), ("-".join(rest[1:]) or None)
    if issuer in table().party_issuers:
        # "18/NQ-TW": a Party number whose hyphen and slash were swapped.
        party = doc_type_by_code(head, party=True)
        return _Codes(party.code if party else type_code, issuer, unit, True)
    return _Codes(type_code, issuer, unit)


@cache
def number_pattern() -> regex.Pattern[str]:
    """The pattern of a number in running text: no spaces inside it but one after a hyphen
    before a code ("40/NQ- CP", as portal copies print it)."""
    return regex.compile(
        rf"(?<![\p{{L}}\d/.\-])(?:"
        rf"{_SEQ}-\p{{Lu}}\p{{L}}{{0,4}}/\p{{Lu}}[\p{{L}}\d]*"
        rf"|{_SEQ}/(?:{_YEAR}/)?\p{{Lu}}[\p{{L}}\d&]*(?:-(?:[ ](?=\p{{Lu}}))?[\p{{L}}\d&]+)*"
        rf"(?:\.\p{{Lu}}[\p{{L}}\d&]*)?-?(?:/{_YEAR}(?!\d))?"
        rf")(?![\p{{L}}\d])"
    )


def find_numbers(
    text: str, pos: int = 0, endpos: int | None = None
) -> list[tuple[int, int, DocNumber]]:
    """Every number in ``text`` as ``(start, end, DocNumber)``, in order.

    >>> [n.raw for _, _, n in find_numbers("theo Nghị định số 09/2017/NĐ-CP và 35-NQ/TW")]
    ['09/2017/NĐ-CP', '35-NQ/TW']
    """
    found: list[tuple[int, int, DocNumber]] = []
    end = len(text) if endpos is None else endpos
    for m in number_pattern().finditer(text, pos, end):
        number = parse_number(m.group(0))
        if number is not None:
            found.append((m.start(), m.end(), number))
    return found
