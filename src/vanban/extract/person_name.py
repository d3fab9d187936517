"""A Vietnamese personal name where a signature block prints it.

A name is two to five capitalised syllables ("Nguyễn Sinh Hùng", "Y Thông",
"Đỗ Hoàng Anh Tuấn"), maybe after a rank ("Đại tướng Lương Tam Quang"). In a
flattened portal copy the name runs on into whatever follows on the same line
("… Trần Hồng Hà Phụ lục (Kèm theo …)", "… Lê Quang Tùng [1] Luật …",
"… Vũ Ngọc Anh TÊN ĐƠN VỊ …"): :func:`find_name` cuts it there.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

import regex

from vanban.text.lexicon import lexicon

__all__ = ["NameMatch", "find_name", "is_name", "without_rank"]

MIN_WORDS = 2
MAX_WORDS = 5

_WORD_RE = regex.compile(r"\S+")
# "Hùng", "Y", "H'Hen", "Nguyễn-Văn": a capital, then lower-case letters only.
_SYLLABLE_RE = regex.compile(r"^\p{Lu}[\p{Ll}']*(?:-\p{Lu}\p{Ll}*)?$")
_LOWER_WORD_RE = regex.compile(r"^\p{Ll}")
# Two capitalised syllables printed without the space between them.
_GLUED_RE = regex.compile(r"(?:\p{Lu}\p{Ll}+){2,3}")
_CAPITALISED_RE = regex.compile(r"\p{Lu}\p{Ll}+")


@dataclass(frozen=True, slots=True)
class NameMatch:
    """A name found in a line: its text and where it ends in that line."""

    name: str
    start: int
    end: int


@cache
def _ranks_re() -> regex.Pattern[str]:
    ranks = sorted(set(lexicon().signer.ranks), key=len, reverse=True)
    return regex.compile(r"^(?:(?:" + "|".join(regex.escape(r) for r in ranks) + r")\s*)+")


@cache
def _stops() -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(s.split()) for s in lexicon().signer.name_stops)


@cache
def _not_first() -> frozenset[str]:
    """Words that open an agency's name, never a surname ("Bộ Công Thương")."""
    return frozenset(lexicon().signer.not_name_starts)


@cache
def _enough() -> int:
    """How many words :func:`find_name` looks at: the run, a stop after it, one more."""
    return MAX_WORDS + 2 + max((len(s) for s in _stops()), default=0)


def _syllable(word: str) -> bool:
    return bool(_SYLLABLE_RE.match(word))


@dataclass(frozen=True, slots=True)
class _Word:
    text: str
    start: int
    end: int

    def group(self) -> str:
        return self.text


def _syllables(matches: Iterator[regex.Match[str]], enough: int) -> list[_Word]:
    """The words, with OCR's merged syllables split ("NguyễnThị" → "Nguyễn", "Thị")
    and a syllable it doubled dropped ("Đỗ Hoàng Hoàng Anh Tuấn").

    Only the first ``enough`` words (or a few more) are read: a later word can
    never drop an earlier one, and a flattened copy's line can run on for pages.
    """
    out: list[_Word] = []
    for m in matches:
        if len(out) >= enough:
            break
        word, at = m.group(), m.start()
        if _GLUED_RE.fullmatch(word):
            for part in _CAPITALISED_RE.finditer(word):
                out.append(_Word(part.group(), at + part.start(), at + part.end()))
        else:
            out.append(_Word(word, at, m.end()))
        if len(out) >= 2 and out[-1].text == out[-2].text and _syllable(out[-1].text):
            out.pop()
    return out


def find_name(text: str, pos: int = 0) -> NameMatch | None:
    """The personal name that starts at ``text[pos:]`` (after blanks and a rank), if any.

    >>> find_name("Trần Hồng Hà Phụ lục (Kèm theo Nghị định số 42/2024/NĐ-CP)").name
    'Trần Hồng Hà'
    >>> find_name("Đại tướng Lương Tam Quang").name
    'Lương Tam Quang'
    >>> find_name("Bộ Tài chính") is None
    True
    """
    while pos < len(text) and text[pos].isspace():
        pos += 1
    rank = _ranks_re().match(text, pos)
    if rank:
        pos = rank.end()
    words = _syllables(_WORD_RE.finditer(text, pos), _enough())
    k = 0
    while k < len(words) and k < MAX_WORDS + 1 and _syllable(words[k].group()):
        k += 1
    run = [w.group() for w in words[:k]]
    for stop in _stops():
        for j in range(len(run)):
            if tuple(w.group() for w in words[j : j + len(stop)]) == stop:
                k = min(k, j)
                break
    if k < len(words) and _LOWER_WORD_RE.match(words[k].group()) and k > MIN_WORDS:
        # "… Nguyễn Văn Nam Quy định …": the last capital opens a sentence.
        k -= 1
    if not MIN_WORDS <= k <= MAX_WORDS:
        return None
    if k < len(words) and _LOWER_WORD_RE.match(words[k].group()):
        return None  # "Bộ Tài chính", "Quốc hội ban hành": a phrase, not a name
    if words[0].group() in _not_first():
        return None
    return NameMatch(" ".join(w.group() for w in words[:k]), words[0].start, words[k - 1].end)


def is_name(text: str) -> bool:
    """Whether the whole of ``text`` is a personal name (a rank allowed before it)."""
    m = find_name(text)
    return m is not None and not text[m.end :].strip()


def without_rank(text: str) -> str:
    """``text`` without a rank or academic title before it.

    >>> without_rank("Thượng tướng Vũ Hải Sản")
    'Vũ Hải Sản'
    """
    m = _ranks_re().match(text.strip())
    return text.strip()[m.end() :].strip() if m else text.strip()
