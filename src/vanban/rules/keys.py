"""Match keys: the folded forms agency names are compared by.

Two tiers:

* tier 1 (:func:`word_key`): case-folded, NFC, with the tone mark lifted off the
  syllable and appended as a digit, so "hoà" and "hòa", "Uỷ" and "Ủy" (the two
  tone-placement conventions) give one key while "hoàn" and "hoan" stay apart;
* tier 2 (:func:`bare_key`): no diacritics at all and "đ" → "d", for OCR or
  telex text typed without accents. It is a lower tier: HĐ/HD differ in tier 1.

A Vietnamese word is one syllable and carries at most one tone mark, so moving
the mark to the end of the word is placement-agnostic without any rewriting of
the text itself (the text is never changed, only its key).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from functools import lru_cache

import regex

__all__ = ["Fold", "bare_key", "clean_text", "split_words", "word_key"]

Fold = Callable[[str], str]

_TONES = {"\u0300": "1", "\u0301": "2", "\u0309": "3", "\u0303": "4", "\u0323": "5"}
_WORD = regex.compile(r"[\p{L}\p{M}\p{N}]+")
_SPACE = regex.compile(r"\s+")
_TRAIL = regex.compile(r"[\s;.,:…]+$")
_LEAD = regex.compile(r"^(?:[-–—+•*·]+|\d{1,2}[.)]|\p{Ll}\))\s*")
_NOTE = regex.compile(r"\s*\((?:[^()]{0,60})\)?\s*$")


@lru_cache(maxsize=1 << 16)
def word_key(word: str) -> str:
    """Tier-1 key of one word: casefold, tone mark moved to a trailing digit."""
    tone = ""
    base: list[str] = []
    for ch in unicodedata.normalize("NFD", word.casefold()):
        mark = _TONES.get(ch)
        if mark is not None:
            tone = mark
        else:
            base.append(ch)
    return unicodedata.normalize("NFC", "".join(base)) + tone


@lru_cache(maxsize=1 << 16)
def bare_key(word: str) -> str:
    """Tier-2 key of one word: no diacritics, "đ" → "d", lower case."""
    text = unicodedata.normalize("NFD", word.casefold().replace("đ", "d"))
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def split_words(text: str) -> list[str]:
    """The words of ``text`` (letters and digits; punctuation separates)."""
    return _WORD.findall(text)


def clean_text(raw: str, *, notes: bool = False) -> str:
    """NFC, collapsed whitespace, no bullet, trailing note "(b/c)" or ";" "." ",".

    This is the name an unknown body comes back with, so it never invents text.
    With ``notes=True`` a trailing parenthesis is kept ("Cục X (Bộ Tư pháp)").
    """
    text = _SPACE.sub(" ", unicodedata.normalize("NFC", raw)).strip()
    text = text.replace("\u00ad", "")
    text = _LEAD.sub("", text)
    if notes:
        return _TRAIL.sub("", text)
    previous = None
    while previous != text:
        previous = text
        text = _TRAIL.sub("", text)
        stripped = _NOTE.sub("", text)
        if stripped and stripped != text and "(" in text[len(stripped) :]:
            text = stripped
    return text.strip()
