"""The signature block: authority chain, on whose behalf, position, name."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import regex

from vanban.models import Signer
from vanban.text.layout import Region, Span
from vanban.text.lexicon import alternation, lexicon

__all__ = ["SignerRead", "extract_signer", "read_signer"]

_CANONICAL = {"T/M": "TM.", "K/T": "KT.", "T/L": "TL.", "TM": "TM.", "KT": "KT.", "TL": "TL."}
_CANONICAL.update({"TUQ": "TUQ.", "Q": "Q."})
# A flattened chain "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH …" is split before each inner prefix.
_INNER_PREFIX_RE = regex.compile(r"\s+(?=(?:TM|KT|TL|TUQ|T/M|K/T|T/L)\.?\s+[A-ZĐÀ-Ỹ])")
_NAME_WORD_RE = regex.compile(r"^[A-ZĐÀ-Ỹ][a-zđà-ỹ]*\.?$")


@cache
def _prefix_re() -> regex.Pattern[str]:
    prefixes = alternation(lexicon().signer.authority_prefixes)
    return regex.compile(rf"^({prefixes})(?:\s*(?=[A-ZĐÀ-Ỹ])|\s*$)")


@cache
def _placeholder_res() -> tuple[regex.Pattern[str], ...]:
    return tuple(regex.compile(p) for p in lexicon().signer.signature_placeholders)


@cache
def _titles() -> tuple[str, ...]:
    return tuple(sorted(set(lexicon().signer.titles), key=len, reverse=True))


def _is_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.85 * len(letters)


def _is_name(text: str) -> bool:
    words = text.split()
    return 2 <= len(words) <= 7 and all(_NAME_WORD_RE.match(w) for w in words)


def _split_name(text: str) -> tuple[str, str | None]:
    """Split a flattened "BỘ TRƯỞNG THỨ TRƯỞNG Đỗ Hoàng Anh Tuấn" into (upper, name)."""
    words = text.split()
    k = len(words)
    while k > 0 and _NAME_WORD_RE.match(words[k - 1]) and not words[k - 1].isupper():
        k -= 1
    tail = " ".join(words[k:])
    if k < len(words) and _is_name(tail):
        return " ".join(words[:k]), tail
    return text, None


def _split_title(upper: str) -> tuple[str | None, str]:
    """Split "BỘ TRƯỞNG THỨ TRƯỞNG" into ("BỘ TRƯỞNG", "THỨ TRƯỞNG") by the known titles."""
    for title in _titles():
        if upper.endswith(" " + title) and len(upper) > len(title):
            return upper[: -len(title)].strip(" ,"), title
    return None, upper


@dataclass(frozen=True, slots=True)
class SignerRead:
    """The signer and the span from the first to the last signature line read."""

    signer: Signer
    span: Span


def read_signer(region: Region) -> SignerRead | None:
    """Read the signature block region (see :func:`extract_signer`), with its span."""
    signer, used = _read(region.texts)
    if signer is None:
        return None
    first, last = region.lines[min(used)], region.lines[max(used)]
    return SignerRead(signer, (first.start, last.end))


def extract_signer(lines: Sequence[str]) -> Signer | None:
    """Read a signature block (the lines from its first authority or title line)."""
    return _read(lines)[0]


def _read(lines: Sequence[str]) -> tuple[Signer | None, list[int]]:
    """The signer, and the indexes of the lines it was read from."""
    used: list[int] = []
    authority: list[str] = []
    segments: list[str] = []  # text after each prefix, in order
    loose: list[str] = []  # upper-case lines without a prefix
    name: str | None = None
    pending = False
    skipped = 0
    for k, line in ((k, part) for k, ln in enumerate(lines) for part in _INNER_PREFIX_RE.split(ln)):
        if any(p.match(line) for p in _placeholder_res()):
            continue
        used.append(k)
        rest = line
        had_prefix = False
        while m := _prefix_re().match(rest):
            authority.append(_CANONICAL.get(m.group(1), m.group(1)))
            rest = rest[m.end() :]
            had_prefix = True
        upper, flat_name = _split_name(rest)
        if had_prefix and not upper:
            pending = True  # "KT." alone: the next line is whom it signs for
            continue
        if had_prefix or pending:
            pending = False
            segments.append(upper)
        elif _is_upper(upper) and not _is_name(line):
            loose.append(upper)
        elif _is_name(line):
            name = line
            break
        elif len(line.split()) <= 2 and skipped < 2:
            skipped += 1  # a stray keystroke line ("Hdfđ") between title and name
            used.pop()
            continue
        else:
            used.pop()
            break
        if flat_name:
            name = flat_name
            break
    if not authority and not loose:
        return None, used
    on_behalf_of: str | None = segments[-1] if segments else None
    # A concurrent title printed under the position ("GIÁM ĐỐC SỞ NỘI VỤ") is not
    # part of it: the position is the first line without a prefix.
    position: str | None = loose[0] if loose else None
    if position is None and on_behalf_of:
        on_behalf_of, position = _split_title(on_behalf_of)
    signer = Signer(authority=authority, on_behalf_of=on_behalf_of, position=position, name=name)
    return signer, used
