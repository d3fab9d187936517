"""Field comparison for ``accuracy.py``: normalisations, comparators, parser values.

Comparisons (``strict`` is the headline, ``lenient`` the second column):

==================  ================================================  =========================
field               strict                                            lenient
==================  ================================================  =========================
number              NFC, all whitespace removed, exact                + casefold, Đ→D, dashes -
doc_type            canonical name, NFC, casefold                     same
subject             NFC, whitespace collapsed, casefold, leading      token F1 ≥ 0.9
                    "V/v" / "Về việc" and trailing punctuation off
issued_date         ISO date, exact                                   same
place, issuer,      NFC + casefold, equal to the canonical name OR    + accents ignored
issuer_parent,      the raw text
signer.*            NFC + casefold (position/on_behalf_of/name)       + accents ignored
signer.authority    the list, exact ("KT.", "TM.", in order)          dots/case ignored
recipients          ordered list, each item as an agency (name|raw)   any order, accents ignored
distribution_count  len(distribution) + 1 if a "Lưu" line (archive)    off by one
==================  ================================================  =========================

The lamdong ``distribution_count`` counts every "Nơi nhận" line, the "Lưu" line included;
the schema keeps that line apart (``archive``), so it is added back before comparing.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Callable
from typing import Any

import regex

_WS = regex.compile(r"\s+")
_DASHES = regex.compile(r"[\u2010-\u2015\u2212]")
_SUBJECT_LEAD = regex.compile(r"^(?:v/v|về\s+việc)\s*[:.,-]?\s*", regex.IGNORECASE)
_TRAIL_PUNCT = regex.compile(r"[\s.,;:!?…\"'”“)*_-]+$")
_TOKEN = regex.compile(r"\w+")


def nfc_ws(value: str) -> str:
    """NFC, whitespace runs collapsed to one space, stripped."""
    return _WS.sub(" ", unicodedata.normalize("NFC", value)).strip()


def fold(value: str) -> str:
    """``nfc_ws`` then casefold."""
    return nfc_ws(value).casefold()


def strip_accents(value: str) -> str:
    """Casefolded, without diacritics, with đ → d ("Ủy ban" == "Uỷ ban" == "uy ban")."""
    decomposed = unicodedata.normalize("NFD", fold(value).replace("đ", "d").replace("ð", "d"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def norm_number(value: str) -> str:
    """Số hiệu for the strict comparison: NFC with all whitespace removed."""
    return _WS.sub("", unicodedata.normalize("NFC", value))


def lenient_number(value: str) -> str:
    """Số hiệu forgiving case, Đ/D (and the look-alike Ð) and the kind of dash."""
    return _DASHES.sub("-", norm_number(value).casefold().replace("đ", "d").replace("ð", "d"))


def norm_subject(value: str) -> str:
    """Trích yếu: folded, without a leading "V/v" / "Về việc" or trailing punctuation."""
    return _TRAIL_PUNCT.sub("", _SUBJECT_LEAD.sub("", fold(value)))


def token_f1(expected: str, got: str) -> float:
    """Token F1 of two subjects (multiset overlap of their word tokens)."""
    a = Counter(_TOKEN.findall(norm_subject(expected)))
    b = Counter(_TOKEN.findall(norm_subject(got)))
    overlap = sum((a & b).values())
    if not overlap:
        return 0.0
    precision, recall = overlap / sum(b.values()), overlap / sum(a.values())
    return 2 * precision * recall / (precision + recall)


def _agency_eq(expected: str, candidates: list[str], key: Callable[[str], str]) -> bool:
    return any(key(c) == key(expected) for c in candidates)


def _authority(value: list[str], lenient: bool) -> list[str]:
    items = [nfc_ws(a) for a in value]
    return [a.replace(".", "").upper() for a in items] if lenient else items


def _recipients_eq(expected: list[str], got: list[list[str]], lenient: bool) -> bool:
    if len(expected) != len(got):
        return False
    if not lenient:
        return all(_agency_eq(e, g, fold) for e, g in zip(expected, got, strict=True))
    left = list(got)
    for e in expected:
        hit = next((g for g in left if _agency_eq(e, g, strip_accents)), None)
        if hit is None:
            return False
        left.remove(hit)
    return True


Comparator = Callable[[Any, Any, bool], bool]


def _text_eq(expected: str, got: str, lenient: bool) -> bool:
    key = strip_accents if lenient else fold
    return key(expected) == key(got)


def _number_eq(expected: str, got: str, lenient: bool) -> bool:
    key = lenient_number if lenient else norm_number
    return key(expected) == key(got)


def _type_eq(expected: str, got: str, lenient: bool) -> bool:
    return fold(expected) == fold(got)


def _subject_eq(expected: str, got: str, lenient: bool) -> bool:
    if lenient:
        return token_f1(expected, got) >= 0.9
    return norm_subject(expected) == norm_subject(got)


def _date_eq(expected: str, got: str, lenient: bool) -> bool:
    return expected == got


def _agency_field_eq(expected: str, got: list[str], lenient: bool) -> bool:
    return _agency_eq(expected, got, strip_accents if lenient else fold)


def _authority_eq(expected: list[str], got: list[str], lenient: bool) -> bool:
    return _authority(expected, lenient) == _authority(got, lenient)


def _count_eq(expected: int, got: int, lenient: bool) -> bool:
    return abs(expected - got) <= (1 if lenient else 0)


COMPARATORS: dict[str, Comparator] = {
    "number": _number_eq,
    "doc_type": _type_eq,
    "subject": _subject_eq,
    "issued_date": _date_eq,
    "place": _text_eq,
    "issuer": _agency_field_eq,
    "issuer_parent": _agency_field_eq,
    "recipients": _recipients_eq,
    "signer.authority": _authority_eq,
    "signer.on_behalf_of": _text_eq,
    "signer.position": _text_eq,
    "signer.name": _text_eq,
    "distribution_count": _count_eq,
}
"""Field name → ``compare(expected, got, lenient)``; the order is the report's."""
FIELDS = tuple(COMPARATORS)


def compare(name: str, expected: Any, got: Any) -> tuple[bool, bool]:
    """Return ``(strict, lenient)`` verdicts for one field; a missing value is wrong."""
    if got is None:
        return False, False
    cmp = COMPARATORS[name]
    strict = cmp(expected, got, False)
    return strict, strict or cmp(expected, got, True)


def _agency(agency: Any) -> list[str] | None:
    if agency is None:
        return None
    return [v for v in (agency.name, agency.raw) if v]


def actual(doc: Any, name: str) -> Any:
    """The parser's value of field ``name`` in the form :func:`compare` expects (or None)."""
    signer = doc.signer
    values: dict[str, Callable[[], Any]] = {
        "number": lambda: doc.number.raw if doc.number else None,
        "doc_type": lambda: doc.doc_type.name if doc.doc_type else None,
        "subject": lambda: doc.subject,
        "issued_date": lambda: doc.issued_date.isoformat() if doc.issued_date else None,
        "place": lambda: doc.place,
        "issuer": lambda: _agency(doc.issuer),
        "issuer_parent": lambda: _agency(doc.issuer_parent),
        "recipients": lambda: [_agency(r) or [] for r in doc.recipients] or None,
        "signer.authority": lambda: (list(signer.authority) or None) if signer else None,
        "signer.on_behalf_of": lambda: signer.on_behalf_of if signer else None,
        "signer.position": lambda: signer.position if signer else None,
        "signer.name": lambda: signer.name if signer else None,
        "distribution_count": lambda: len(doc.distribution) + bool(doc.archive) or None,
    }
    value = values[name]()
    return value if value not in ("", []) else None
