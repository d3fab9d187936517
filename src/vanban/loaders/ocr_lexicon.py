"""Diacritics back on well-known phrases of an OCR'd page.

Tesseract's Vietnamese model often loses or swaps the marks of capitals and
stacked diacritics ("GIÁY MỜI", "GIÁM ĐÓC", "LÂM ĐÒNG", "Só:"). A run of OCR'd
words on one line that spells out a known phrase once marks, case and edge
punctuation are ignored is given the phrase's marks, keeping the words' own
case and punctuation. The phrases come from the data files: signing titles
(``lexicon.toml``), document types (``doc_types.toml``), province names with
their unit ("tỉnh Lâm Đồng"), ``[ocr]`` in ``text_layer.toml``, and the
two-syllable words of ``ocr_phrases.toml`` that clean legal text nearly always
spells one way ("tô chức" -> "tổ chức"; scripts/ocr_phrases.py). Only runs
of two or more words are changed (and the ``line_starts`` words at the start of
a line): one short word alone is too often another real word. :func:`fix_lines`
then reads each line with the one above it (``under_heading``: "và việc" under
"TỜ TRÌNH" is the trích yếu's "Về việc").
"""

from __future__ import annotations

import functools

import regex
from pydantic import BaseModel

from vanban.datafiles import load_data_model
from vanban.rules.keys import bare_key

__all__ = ["fix_line", "fix_lines", "fold"]

_STRAY = "'\"‘’“”`.,:;|~"
_EDGE = regex.compile(r"^([\p{P}\p{S}]*)(.*?)([\p{P}\p{S}]*)$", regex.DOTALL)


class _Opener(BaseModel):
    read: str
    means: str


class _OcrWords(BaseModel):
    phrases: list[str]
    line_starts: list[str]
    under_heading: list[_Opener] = []


class _Phrases(BaseModel):
    schema_version: int
    phrases: list[str]


class _TextLayer(BaseModel):
    model_config = {"extra": "ignore"}
    ocr: _OcrWords


def fold(word: str) -> str:
    """Without marks, case or đ: ``fold("ĐÓC") == fold("đốc") == "doc"`` (the agency
    rules' mark-free key)."""
    return bare_key(word)


def _syllables(phrase: str) -> list[str]:
    return [core for core in (_EDGE.match(w).group(2) for w in phrase.split()) if core]  # type: ignore[union-attr]


@functools.cache
def _table() -> tuple[dict[tuple[str, ...], tuple[str, ...]], dict[str, str], int]:
    from vanban.extract.doctypes import table as doc_types
    from vanban.rules import load_rules
    from vanban.text.lexicon import lexicon

    data = load_data_model("text_layer.toml", _TextLayer).ocr
    phrases = list(data.phrases) + list(lexicon().signer.titles)
    phrases += [t.name.upper() for t in doc_types().types]
    for province in load_rules(()).provinces.values():
        unit = province.type or "tỉnh"
        phrases += [province.name, f"{unit} {province.name}"]
    phrases += load_data_model("ocr_phrases.toml", _Phrases).phrases
    out: dict[tuple[str, ...], tuple[str, ...]] = {}
    for phrase in phrases:
        syllables = _syllables(phrase)
        if len(syllables) >= 2:
            out.setdefault(tuple(fold(s) for s in syllables), tuple(syllables))
    starts = {fold(w): w for w in data.line_starts}
    return out, starts, max(len(k) for k in out)


def _cased(canonical: str, seen: str) -> str:
    if seen.isupper():
        return canonical.upper()
    if seen[:1].isupper():
        return canonical[:1].upper() + canonical[1:].lower()
    return canonical.lower()


def _replace(word: str, canonical: str) -> str:
    from vanban.extract.doctypes import fold as tone_fold  # "hoà" == "hòa", "uỷ" == "ủy"

    m = _EDGE.match(word)
    assert m is not None
    lead, core, tail = m.groups()
    if tone_fold(core.lower()) == tone_fold(canonical.lower()):
        return word  # the same word, its tone mark placed the other accepted way
    return lead + _cased(canonical, core) + tail


def fix_line(words: list[str]) -> list[str]:
    """The words of one OCR'd line, known phrases given their diacritics back.

    >>> fix_line(["GIÁM", "ĐÓC"])
    ['GIÁM', 'ĐỐC']
    >>> fix_line(["Só:", "22/BTP-BTTP"])
    ['Số:', '22/BTP-BTTP']
    >>> fix_line(["'Nơi", "nhân:", "GIÁM", "ĐÓC"])
    ['Nơi', 'nhận:', 'GIÁM', 'ĐỐC']
    >>> fix_line(["tính", "toán"])
    ['tính', 'toán']
    >>> fix_line(["Tống", "kết", "công", "tác"])
    ['Tổng', 'kết', 'công', 'tác']
    """
    table, starts, longest = _table()
    out = list(words)
    cores = [(i, fold(_EDGE.match(w).group(2))) for i, w in enumerate(words)]  # type: ignore[union-attr]
    cores = [(i, c) for i, c in cores if c]
    if cores and cores[0][0] == 0 and cores[0][1] in starts:
        out[0] = _replace(out[0], starts[cores[0][1]])
    k = 0
    while k < len(cores):
        for n in range(min(longest, len(cores) - k), 1, -1):
            key = tuple(c for _, c in cores[k : k + n])
            canonical = table.get(key)
            if canonical is not None:
                for (i, _), syllable in zip(cores[k : k + n], canonical, strict=True):
                    out[i] = _replace(out[i], syllable)
                first = cores[k][0]
                if first == 0:  # a stray quote or dot before "Nơi nhận", "Kính gửi"…
                    out[0] = out[0].lstrip(_STRAY)
                k += n
                break
        else:
            k += 1
    return out


@functools.cache
def _openers() -> tuple[tuple[str, str], ...]:
    data = load_data_model("text_layer.toml", _TextLayer).ocr
    return tuple((o.read, o.means) for o in data.under_heading)


MIN_FUZZY_LETTERS = 7
"""A line is read as a signing title one letter off only when both have this many letters."""


@functools.cache
def _titles() -> dict[str, str]:
    """Signing titles by their letters folded ("phogiamdoc" -> "PHÓ GIÁM ĐỐC")."""
    from vanban.text.lexicon import lexicon

    out: dict[str, str] = {}
    for title in lexicon().signer.titles:
        letters = "".join(c for c in fold(title) if c.isalpha())
        if len(letters) >= MIN_FUZZY_LETTERS:
            out.setdefault(letters, title.upper())
    return out


def title_line(line: str) -> str:
    """A capitals line that is a signing title with one letter doubled, dropped or
    misread, or a space misplaced, given as that title; any other line unchanged.

    >>> title_line("PHO GIAM ĐÓỌC")
    'PHÓ GIÁM ĐỐC'
    >>> title_line("BỘ TRƯỞN G")
    'BỘ TRƯỞNG'
    >>> title_line("BAN CHẤP HÀNH")
    'BAN CHẤP HÀNH'
    """
    core = line.strip().strip(_STRAY)
    if not core or not core.isupper() or any(c.isdigit() for c in core):
        return line
    letters = "".join(c for c in fold(core) if c.isalpha())
    if len(letters) < MIN_FUZZY_LETTERS:
        return line
    titles = _titles()
    if letters in titles:
        return titles[letters] if fold(core) != fold(titles[letters]) else line
    near = [
        title
        for key, title in titles.items()
        if abs(len(key) - len(letters)) <= 1
        and regex.fullmatch(f"(?:{key}){{e<=1}}", letters) is not None
    ]
    return near[0] if len(near) == 1 else line


def fix_lines(lines: list[str]) -> list[str]:
    """The lines of an OCR'd text, a line's opening read with the line above it, and a
    capitals line one letter off a signing title read as that title (:func:`title_line`).

    >>> fix_lines(["TỜ TRÌNH", "và việc cho phép hợp nhất Hội"])
    ['TỜ TRÌNH', 'Về việc cho phép hợp nhất Hội']
    >>> fix_lines(["Sở đã rà soát hồ sơ", "và việc cho phép hợp nhất Hội"])
    ['Sở đã rà soát hồ sơ', 'và việc cho phép hợp nhất Hội']
    """
    openers = _openers()
    out = [title_line(line) for line in lines]
    for i in range(1, len(out)):
        above = out[i - 1]
        if not any(c.isalpha() for c in above) or any(c.islower() for c in above):
            continue
        for read, means in openers:
            if out[i].startswith(read) and out[i][len(read) : len(read) + 1] in ("", " "):
                out[i] = means + out[i][len(read) :]
                break
    return out
