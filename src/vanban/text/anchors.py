"""The layout vocabulary (``data/layout.toml``), compiled once.

Every fixed word of the document frame (Quốc hiệu, "Số:", the date line,
"Kính gửi", "Nơi nhận", a signing tool's stamp…) is a named regex fragment in
the data file; this module is the one place that turns them into patterns.
Code composes a fragment into its own pattern (``rf"^(?:{fragment('noi_nhan')})"``)
or takes a compiled one (``anchored("kinh_gui").match(line)``), so a new form of
an anchor is a data change.

An anchor marked ``ocr`` is compiled tolerant of OCR's confusions
(:func:`ocr_tolerant`): "Số:" also finds "Só:" and "S0:", the Quốc hiệu also
"CỘNG HÒA XÃ HỘ1 CHỦ NGHĨA VIỆTNAM".
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from functools import cache

import regex
from pydantic import BaseModel, ConfigDict, Field

from vanban.datafiles import load_data_model

__all__ = [
    "Anchor",
    "Anchors",
    "anchored",
    "anchors",
    "fix_ocr_lookalikes",
    "fragment",
    "ocr_tolerant",
    "searcher",
]


class Anchor(BaseModel):
    """One entry of ``data/layout.toml``.

    The pattern is compiled where it is used, on first use, and not when the file is
    read: a start-up that reads every anchor compiles none of them twice
    (tests/unit/test_anchors.py compiles each one).
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    about: str
    source: str
    pattern: str
    ignore_case: bool = False
    ocr: bool = False
    valid_from: dt.date | None = None
    match: list[str] = Field(min_length=1)
    no_match: list[str] = Field(default_factory=list)

    def fragment(self, ocr_letters: dict[str, str]) -> str:
        """The pattern as a group that carries its own case flag (OCR-tolerant if ``ocr``)."""
        pattern = ocr_tolerant(self.pattern, ocr_letters) if self.ocr else self.pattern
        return f"(?i:{pattern})" if self.ignore_case else f"(?:{pattern})"


class Anchors(BaseModel):
    """``data/layout.toml``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    schema_version: int
    ocr_letters: dict[str, str] = Field(default_factory=dict)
    ocr_digits: dict[str, str] = Field(default_factory=dict)
    ocr_capitals: dict[str, str] = Field(default_factory=dict)
    anchors: dict[str, Anchor]


_VOWELS = "aăâeêioôơuưy"
_TONES = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")


def _bare(letter: str) -> str:
    """``letter`` without any diacritic ("ở" -> "o", "Ư" -> "U")."""
    decomposed = unicodedata.normalize("NFD", letter)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _toneless(letter: str) -> str:
    """``letter`` without its tone mark, its hat or horn kept ("ở" -> "ơ")."""
    decomposed = unicodedata.normalize("NFD", letter)
    kept = "".join(c for c in decomposed if c not in _TONES[1:])
    return unicodedata.normalize("NFC", kept)


@cache
def _families() -> dict[str, str]:
    """Every Vietnamese vowel by its toneless letter, both cases ("ô" -> "ôồốổỗộ")."""
    out: dict[str, str] = {}
    for vowel in _VOWELS:
        for tone in _TONES:
            for letter in (vowel, vowel.upper()):
                composed = unicodedata.normalize("NFC", letter + tone)
                out[letter] = out.get(letter, "") + composed
    return out


def _ocr_class(letter: str, ocr_letters: dict[str, str]) -> str:
    """What OCR may print for ``letter``: the letter with another tone or with its hat
    or horn dropped ("ố" -> "ồ", "ó", "o"; not "ở", another letter), and its look-alikes."""
    families = _families()
    bare = _bare(letter)
    group = families.get(_toneless(letter), "") + families.get(bare, "")
    extra = ocr_letters.get(letter, "") + ocr_letters.get(bare, "")
    return "".join(dict.fromkeys(letter + group + extra))


def _class_body(body: str, ocr_letters: dict[str, str]) -> str:
    """A ``[...]`` body with the OCR readings of its single letters added."""
    if body.startswith("^"):
        return body  # a negated class would exclude more: leave it
    added: list[str] = []
    i = 0
    while i < len(body):
        c = body[i]
        if c == "\\":
            i += 2
            continue
        ranged = body[i + 1 : i + 2] == "-" or (i > 0 and body[i - 1] == "-")
        if c.isalpha() and not ranged:
            added.extend(_ocr_class(c, ocr_letters))
        i += 1
    extra = "".join(dict.fromkeys(ch for ch in added if ch not in body))
    return body + "".join(regex.escape(ch) for ch in extra)


def ocr_tolerant(pattern: str, ocr_letters: dict[str, str]) -> str:
    """``pattern`` with each letter standing for what OCR may print for it, a space
    allowed inside a word, and ``\\s+`` for no space too; escapes, classes' ranges,
    group names and flags are kept.

    >>> p = ocr_tolerant(r"Số\\s*:", {"o": "0"})
    >>> [bool(regex.fullmatch(p, s)) for s in ("Số:", "Só:", "S0 :", "Sộ:", "Sở:")]
    [True, True, True, True, False]
    >>> bool(regex.fullmatch(ocr_tolerant(r"H[ỘO]I\\s+CH", {"I": "1"}), "HỘ1CH"))
    True
    >>> bool(regex.fullmatch(ocr_tolerant(r"Nơi\\s*nhận", {}), "Nơi nhậ n"))
    True
    >>> ocr_tolerant(r"\\bSt", {})
    '\\\\bS[ ]?t'
    """
    out: list[str] = []
    i, n = 0, len(pattern)
    after_letter = False  # the last piece put out was a literal letter
    while i < n:
        c = pattern[i]
        letter = c.isalpha() and not (i > 0 and pattern[i - 1] == "\\")
        if not letter:
            after_letter = False
        if c == "\\":
            nxt = pattern[i + 1 : i + 2]
            if nxt == "s" and pattern[i + 2 : i + 3] == "+":
                out.append(r"\s*")
                i += 3
                continue
            if nxt in ("p", "P", "N") and pattern[i + 2 : i + 3] == "{":
                end = pattern.index("}", i) + 1
                out.append(pattern[i:end])
                i = end
                continue
            out.append(pattern[i : i + 2])
            i += 2
        elif c == "[":
            j = i + 1
            if pattern[j : j + 1] == "^":
                j += 1
            if pattern[j : j + 1] == "]":
                j += 1
            while j < n and pattern[j] != "]":
                j += 2 if pattern[j] == "\\" else 1
            out.append("[" + _class_body(pattern[i + 1 : j], ocr_letters) + "]")
            i = j + 1
        elif c == "(" and pattern[i + 1 : i + 2] == "?":
            j = i + 2
            if pattern[j : j + 2] in ("P<", "P="):
                j = pattern.index(">" if pattern[j + 1] == "<" else ")", j) + 1
            elif pattern[j : j + 2] in ("<=", "<!"):
                j += 2
            else:
                while j < n and pattern[j].isalpha():
                    j += 1  # inline flags "(?i:"
                if pattern[j : j + 1] in (":", "=", "!", ")"):
                    j += 1
            out.append(pattern[i:j])
            i = j
        elif c == "{":
            end = pattern.index("}", i) + 1
            out.append(pattern[i:end])
            i = end
        elif c.isalpha():
            group = _ocr_class(c, ocr_letters)
            if after_letter:
                out.append("[ ]?")  # a word OCR split in two ("Nơi nhậ n")
            out.append(c if len(group) == 1 else "[" + "".join(map(regex.escape, group)) + "]")
            after_letter = True
            i += 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


@cache
def anchors() -> Anchors:
    """The layout vocabulary, read from the package data on first use."""
    return load_data_model("layout.toml", Anchors)


@cache
def fragment(name: str) -> str:
    """The named anchor as a regex group to compose into a larger pattern (built once:
    an OCR-tolerant one is rewritten by :func:`ocr_tolerant`).

    >>> fragment("date_day_word")
    '(?i:ngày)'
    >>> fragment("luu")  # an OCR-tolerant anchor
    '(?i:L[ ]?[ưừứửữựuùúủũụ][ ]?[uùúủũụ])'
    """
    table = anchors()
    return table.anchors[name].fragment(table.ocr_letters)


@cache
def searcher(name: str) -> regex.Pattern[str]:
    """The named anchor compiled as it is, to search for anywhere."""
    return regex.compile(fragment(name))


@cache
def anchored(name: str) -> regex.Pattern[str]:
    """The named anchor compiled to match at the start of a line or word."""
    return regex.compile(rf"^{fragment(name)}")


@cache
def _lookalikes() -> tuple[regex.Pattern[str], dict[int, str], dict[int, str]]:
    table = anchors()
    digits = regex.escape("".join(table.ocr_digits))
    small = regex.escape("".join(table.ocr_capitals))
    # Where a look-alike stands next to a digit or a capital; the token around it is
    # then read whole (one cheap scan: most texts have none or a few).
    # The pattern starts with a character set, which the engine scans for quickly.
    hint = regex.compile(
        rf"[{digits}](?:(?<=\d.)|(?=\d))|[{small}](?:(?<=\p{{Lu}}.)(?!\d)|(?=\p{{Lu}}))"
    )
    return hint, str.maketrans(table.ocr_digits), str.maketrans(table.ocr_capitals)


def _token(text: str, at: int) -> tuple[int, int]:
    """The run of letters and digits around ``text[at]``."""
    start, end = at, at
    while start > 0 and text[start - 1].isalnum():
        start -= 1
    while end < len(text) and text[end].isalnum():
        end += 1
    return start, end


def _read_back(token: str, digits: dict[int, str], small: dict[int, str]) -> str:
    from vanban.text.rejoin import is_syllable

    number = token.translate(digits)
    if number.isdigit() and number.isascii() and any(c.isdigit() for c in token):
        return number  # "2O26"; not "lO", which has no digit
    if sum(c.isupper() for c in token) < 2:
        return token
    read = token.translate(small)
    # Only a word that is then one Vietnamese syllable with a mark: "HỘ1" is "HỘI",
    # while "QH1" or "CP1" stays a code.
    if read.isupper() and not read.isascii() and is_syllable(read.lower()):
        return read
    return token


def fix_ocr_lookalikes(text: str) -> str:
    """Numbers and capitals that OCR printed with a look-alike letter, read back:
    ``[ocr_digits]`` in a number, ``[ocr_capitals]`` in a word in capitals.

    >>> fix_ocr_lookalikes("Hà Nội, ngày l6 tháng 1O năm 2O26; Điều I2, lOl")
    'Hà Nội, ngày 16 tháng 10 năm 2026; Điều 12, lOl'
    >>> fix_ocr_lookalikes("Quyết định số 10/QĐ-UBND ngày 5/l/2025 của l0 Sở")  # "l" alone: a word
    'Quyết định số 10/QĐ-UBND ngày 5/l/2025 của 10 Sở'
    >>> fix_ocr_lookalikes("MỘT SỐ ĐlỀU CỦA HỘ1 ĐỒNG; Il, ml, QH1, NGHỊ ĐỊNH1")
    'MỘT SỐ ĐIỀU CỦA HỘI ĐỒNG; Il, ml, QH1, NGHỊ ĐỊNH1'
    """
    hint, digits, small = _lookalikes()
    out: list[str] = []
    done = 0
    for m in hint.finditer(text):
        start, end = _token(text, m.start())
        if start < done:
            continue  # a token already read
        out += [text[done:start], _read_back(text[start:end], digits, small)]
        done = end
    return "".join(out) + text[done:] if out else text
