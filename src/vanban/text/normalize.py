"""Normalisation: one clean text whatever the source looked like.

A registry of named steps, each a pure ``str -> str`` function (the eyecite
``clean`` idea). The result is NFC, one paragraph per line, whitespace
collapsed inside lines, no Markdown markup, no stray page numbers and no
web-portal chrome. Spans of extracted values refer to this text.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

import regex

from vanban.text.anchors import fix_ocr_lookalikes, fragment, searcher
from vanban.text.rejoin import rejoin_split_words
from vanban.vocabulary import active

__all__ = ["NORMALIZERS", "normalize", "strip_chrome", "strip_markdown"]

# Invisible or look-alike characters that real files carry.
_CHAR_MAP = {
    "\r\n": "\n",
    "\r": "\n",
    "\u00a0": " ",  # no-break space
    "\u2007": " ",
    "\u202f": " ",
    "\u2009": " ",
    "\u200b": "",  # zero-width space
    "\u200c": "",
    "\u200d": "",
    "\ufeff": "",  # BOM inside text
    "\u00ad": "",  # soft hyphen (legacy TCVN3 is decoded before this step)
    "\u00d0": "Đ",  # Icelandic eth, an OCR/legacy-font stand-in for Đ
    "\x0b": "\n",
    "\x0c": "\n",
    "\u2028": "\n",
    "\u2029": "\n",
}
# Control characters other than \t \n \v \f \r (the class and its members).
_CONTROL_RE = regex.compile(r"[\x00-\x08\x0e-\x1f\x7f]+")
_CONTROLS = "".join(map(chr, [*range(0x09), *range(0x0E, 0x20), 0x7F]))


def to_nfc(text: str) -> str:
    """NFC, with invisible characters and control characters removed.

    ``str.replace`` of the few odd characters that occur is faster than one
    regex pass or ``str.translate`` with a dict on long texts; so are the 28
    substring tests for control characters (most texts have none) against one
    scan for their class.
    """
    for odd, repl in _CHAR_MAP.items():
        if odd in text:
            text = text.replace(odd, repl)
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    if any(c in text for c in _CONTROLS):
        text = _CONTROL_RE.sub("", text)
    return text


_MD_HEADING_RE = regex.compile(r"(?m)^[ \t]*(?:#{1,6}[ \t]+)+")
# Anchored at the start of a run of blanks and backslashes: unanchored, a long
# indent made the engine retry at every space (quadratic).
_MD_HARD_BREAK_RE = regex.compile(r"(?m)(?<![ \t\\])(?:(?:[ \t]*\\)+[ \t]*$|[ \t]{2,}$)")
_MD_BOLD_RE = regex.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1", regex.DOTALL)
_MD_ITALIC_RE = regex.compile(r"(?<![\w*])([*_])(?=\S)([^*_\n]+?)(?<=\S)\1(?![\w*])")
_MD_LEFTOVER_RE = regex.compile(r"\*\*|(?m)^\s*\*\s*$")
# Only escapes whose removal cannot create new markup (keeps the step idempotent).
_MD_ESCAPE_RE = regex.compile(r"(?<!\\)\\([{}\[\]()+\-.!|>~])")
_MD_RULE_RE = regex.compile(r"(?m)^\s*(?:[-*_]\s*){3,}$")


def strip_markdown(text: str) -> str:
    """Remove Markdown markup, keeping the structure it expresses.

    Emphasis marks go, heading marks go (the heading stays a line of its own),
    hard line breaks ("  " or "\\\\" at a line end) become plain line breaks.

    >>> strip_markdown("**ỦY BAN NHÂN DÂN  \\nTỈNH ĐẮK NÔNG**")
    'ỦY BAN NHÂN DÂN\\nTỈNH ĐẮK NÔNG'
    >>> strip_markdown("#### 4. Công an tỉnh")
    '4. Công an tỉnh'
    """
    text = _MD_BOLD_RE.sub(r"\2", text)
    text = _MD_ITALIC_RE.sub(r"\2", text)
    text = _MD_LEFTOVER_RE.sub("", text)
    text = _MD_HARD_BREAK_RE.sub("", text)
    # Heading and rule marks last: removing emphasis can expose one ("**# 0").
    text = _MD_HEADING_RE.sub("", text)
    text = _MD_RULE_RE.sub("", text)
    return _MD_ESCAPE_RE.sub(r"\1", text)


_BLANKS_RE = regex.compile(r"\n{3,}")


def collapse_whitespace(text: str) -> str:
    """Collapse spaces inside lines, strip lines, keep at most one blank line.

    >>> collapse_whitespace("  a   b  \\n\\n\\n\\n c ")
    'a b\\n\\nc'
    """
    # str methods rather than regex passes (a regex scan of a long text costs several
    # times a substring search): tabs become spaces, runs of spaces one space (runs of
    # three first: a long run shrinks by thirds), then each line is stripped of spaces.
    if "\t" in text:
        text = text.replace("\t", " ")
    while "   " in text:
        text = text.replace("   ", " ")
    while "  " in text:
        text = text.replace("  ", " ")
    if " \n" in text or "\n " in text or text[:1] == " " or text[-1:] == " ":
        text = "\n".join([line.strip(" ") for line in text.split("\n")])
    if "\n\n\n" in text:
        text = _BLANKS_RE.sub("\n\n", text)
    return text.strip("\n")


# A tab or a run of three or more spaces inside a line is a column gap of a
# layout flattened into paragraphs ("ỦY BAN NHÂN DÂN   CỘNG HÒA XÃ HỘI …",
# "- Như trên; \t CHÁNH VĂN PHÒNG"): each column becomes a line of its own.
_COLUMN_GAP_RE = regex.compile(r"(?<=\S)(?:[ ]*\t[ \t]*|[ ]{3,})(?=\S)")


def split_column_gaps(text: str) -> str:
    """Split lines at column gaps (a tab, or three spaces or more).

    >>> split_column_gaps("Số: /UBND-NC   Lâm Đồng, ngày  tháng 02 năm 2026")
    'Số: /UBND-NC\\nLâm Đồng, ngày  tháng 02 năm 2026'
    """
    if "\t" not in text and "   " not in text:
        return text
    return _COLUMN_GAP_RE.sub("\n", text)


# A header date broken over lines by PDF extraction: "ngày 24\ntháng\n02\nnăm 2024".
_DAY_OR_MONTH = fragment("date_word_before_day")  # "ngày", "tháng"
_MONTH_OR_YEAR = fragment("date_word_after_day")  # "tháng", "năm"
_YEAR = fragment("date_year_word")  # "năm"
_DAY = fragment("date_day_word_lower")  # "ngày"
_DATE_BREAK_RE = regex.compile(
    rf"\b({_DAY_OR_MONTH})(?:\s+(\d{{1,2}}))?[ ]*\n\s*(?={_MONTH_OR_YEAR}|\d)"
    rf"|\b({_YEAR})[ ]*\n\s*(?=\d{{4}})"
    # a year split inside, once or twice: "năm 202\n5", "năm 20\n2\n5"
    rf"|(?=\n)(?<=\b{_YEAR}[ ]\d{{1,3}}(?:\n\d{{1,2}})?)\n(?=\d{{1,3}}\b)"
    rf"|\n,\n(?={_DAY}\b)"  # "Hà Nội\n,\nngày"
)


# What every match of _DATE_BREAK_RE holds: a line break with, around it, what one of
# its branches needs there. Led by the "\n", it finds quickly that a text has none.
_DATE_BREAK_GATE_RE = regex.compile(
    rf"\n(?:(?<=\b{_DAY_OR_MONTH}(?:\s+\d{{1,2}})?[ ]*\n)(?=\s*(?:{_MONTH_OR_YEAR}|\d))"
    rf"|(?<=\b{_YEAR}[ ]*\n)(?=\s*\d{{4}})"
    rf"|(?<=\b{_YEAR}[ ]\d{{1,3}}(?:\n\d{{1,2}})?\n)(?=\d{{1,3}}\b)"
    rf"|(?=,\n{_DAY}\b))"
)

DATE_BREAK_CHARS = 5000


def join_date_breaks(text: str) -> str:
    """Join a date that PDF extraction broke over lines.

    >>> join_date_breaks("Hà Nội, ngày 24\\ntháng\\n02\\nnăm 2024")
    'Hà Nội, ngày 24 tháng 02 năm 2024'
    >>> join_date_breaks("ngày 28 tháng 11 năm 20\\n2\\n5")
    'ngày 28 tháng 11 năm 2025'
    """
    # Broken dates occur in the header; the body is left alone (and not scanned).
    cut = text.find("\n", DATE_BREAK_CHARS) if len(text) > DATE_BREAK_CHARS else -1
    head = text if cut < 0 else text[:cut]
    if not _DATE_BREAK_GATE_RE.search(head):
        return text
    return _DATE_BREAK_RE.sub(_join_date, head) + ("" if cut < 0 else text[cut:])


def _join_date(m: regex.Match[str]) -> str:
    if m.group(0) == "\n,\n":
        return ", "
    if not m.group(1) and not m.group(3):
        return ""  # inside a year
    if m.group(3):
        return m.group(3) + " "
    return f"{m.group(1)} {m.group(2)} " if m.group(2) else f"{m.group(1)} "


_ORPHAN_BULLET = r"([-–—+•])[ ]*\n(?=\S)"
_ORPHAN_BULLET_RE = regex.compile(rf"(?m)^{_ORPHAN_BULLET}")
# The same on the first line, and after a "\n" (led by it, a search is fast): a text
# with neither has no orphan bullet.
_ORPHAN_FIRST_RE = regex.compile(_ORPHAN_BULLET)
_ORPHAN_AFTER_BREAK_RE = regex.compile(rf"\n{_ORPHAN_BULLET}")


def join_orphan_bullets(text: str) -> str:
    """Join a bullet left alone on its line to the text after it.

    >>> join_orphan_bullets("Nơi nhận:\\n-\\nThủ tướng Chính phủ;")
    'Nơi nhận:\\n- Thủ tướng Chính phủ;'
    """
    if not (_ORPHAN_FIRST_RE.match(text) or _ORPHAN_AFTER_BREAK_RE.search(text)):
        return text
    return _ORPHAN_BULLET_RE.sub(r"\1 ", text)


# Editorial notes that legal portals insert into the text: "[Xử phạt … được hướng
# dẫn bởi Điều 11 Nghị định 282/2025/NĐ-CP …]", and footnote marks "[1]".
@cache
def _portal_note_re() -> regex.Pattern[str]:
    """A portal's bracketed note or footnote mark (compiled for the texts that have "[")."""
    return regex.compile(
        rf"\s*\[(?:[^\[\]\n]{{0,800}}?{fragment('portal_note')}[^\[\]\n]{{0,800}}"
        # A note wrapped onto a second line by the portal's HTML stays one note.
        r"(?:\n[^\[\]\n]{0,800})?|\d{1,3})\]"
    )


def drop_portal_notes(text: str) -> str:
    """Remove legal portals' bracketed editorial notes and footnote marks.

    >>> drop_portal_notes("LUẬT [Điều 11 được hướng dẫn bởi Nghị định 282/2025/NĐ-CP] CĂN CƯỚC[1]")
    'LUẬT CĂN CƯỚC'
    >>> drop_portal_notes("LUẬT [Xử phạt được hướng dẫn bởi\\nNghị định 122/2021] ĐẦU TƯ")
    'LUẬT ĐẦU TƯ'
    """
    return _portal_note_re().sub("", text) if "[" in text else text


# A line that is only a page number: "17", "- 2 -", "Trang 3", "3/12".
_PAGE_NUMBER = r"(?:-\s*)?(?:Trang\s+)?\d{1,3}(?:\s*/\s*\d{1,3})?(?:\s*-)?"
_PAGE_NUMBER_RE = regex.compile(
    # A line start whose first character can open a page number (tried first: the
    # look-behinds are costlier than these two tests at every position).
    r"(?m)^(?=[-T\d])"
    # …but not the number of a "Số:" split over lines ("Số:\n253\n/\n2025\n/QH15").
    r"(?<![:/]\n)(?<!^/[^\n]{0,24}\n)"  # "/20" / "25", "/QH1" / "5": pieces of a number
    # "ngày" / "10" / "tháng": a date broken over lines
    rf"(?<!\b{fragment('date_word_before_day')}[ ]*\n)"
    rf"(?!\d{{1,2}}\n{fragment('date_word_after_day')}\b)"
    rf"{_PAGE_NUMBER}$(?!\n/)\n?"
)
# A page number's line without the look-arounds, first or after a "\n": a text with
# no such line has no page number (and is not searched line start by line start).
_PAGE_NUMBER_FIRST_RE = regex.compile(rf"{_PAGE_NUMBER}(?:\n|$)")
_PAGE_NUMBER_AFTER_BREAK_RE = regex.compile(rf"\n{_PAGE_NUMBER}(?:\n|$)")


def drop_page_numbers(text: str) -> str:
    """Remove lines that hold nothing but a page number.

    >>> drop_page_numbers("Lưu: VT.\\n17\\nKT. CHỦ TỊCH")
    'Lưu: VT.\\nKT. CHỦ TỊCH'
    """
    if not (_PAGE_NUMBER_FIRST_RE.match(text) or _PAGE_NUMBER_AFTER_BREAK_RE.search(text)):
        return text
    return _PAGE_NUMBER_RE.sub("", text)


@dataclass(frozen=True, slots=True)
class _Chrome:
    """Every chrome pattern in one regex; tail rules as named groups."""

    pattern: regex.Pattern[str]
    tail_groups: frozenset[str]


_FRAMED_RE = searcher("quoc_hieu")
# Chrome lines are short: longer lines are content and are not tried.
_CHROME_MAX_CHARS = 240


@cache
def _chrome() -> _Chrome:
    parts: list[str] = []
    tails: set[str] = set()
    for k, rule in enumerate(active().chrome.pattern):
        body = rule.regex.removeprefix("^").removesuffix("$")
        parts.append(f"(?P<r{k}>{body})")
        if rule.kind == "tail":
            tails.add(f"r{k}")
    pattern = regex.compile("(?:" + "|".join(parts) + ")", regex.IGNORECASE | regex.V0)
    return _Chrome(pattern, frozenset(tails))


def strip_chrome(text: str) -> str:
    """Remove web-portal chrome lines; cut at the start of a portal footer.

    A text framed as an administrative document (the Quốc hiệu near its top)
    is returned as it is: chrome comes with copied web articles, and trying
    every line of a long law against the patterns is the costliest step.

    >>> strip_chrome("Nội dung./.\\nTừ khoá:\\nbanner")
    'Nội dung./.'
    """
    if _FRAMED_RE.search(text, 0, 1500):
        return text
    chrome = _chrome()
    kept: list[str] = []
    for line in text.split("\n"):
        m = chrome.pattern.fullmatch(line) if len(line) <= _CHROME_MAX_CHARS else None
        if m is None:
            kept.append(line)
        elif m.lastgroup in chrome.tail_groups:
            break
    return "\n".join(kept)


NORMALIZERS: dict[str, Callable[[str], str]] = {
    "nfc": to_nfc,
    "markdown": strip_markdown,
    "column_gaps": split_column_gaps,
    "whitespace": collapse_whitespace,
    "portal_notes": drop_portal_notes,
    "split_words": rejoin_split_words,
    "date_breaks": join_date_breaks,
    "orphan_bullets": join_orphan_bullets,
    "page_numbers": drop_page_numbers,
    "chrome": strip_chrome,
    "ocr_lookalikes": fix_ocr_lookalikes,
}

TEXT_STEPS = (
    "nfc",
    "ocr_lookalikes",
    "portal_notes",
    "column_gaps",
    "whitespace",
    "split_words",
    "date_breaks",
    "orphan_bullets",
    "page_numbers",
    "chrome",
    "whitespace",
)
# Markdown markup goes right after the column gaps are split.
MARKDOWN_STEPS = (*TEXT_STEPS[:3], "markdown", *TEXT_STEPS[3:])


def normalize(text: str, *, markdown: bool = False) -> str:
    """Run the default steps (with Markdown stripping for Markdown input).

    >>> normalize("Số: **2680** /UBND-KGVX", markdown=True)
    'Số: 2680 /UBND-KGVX'
    """
    steps = MARKDOWN_STEPS if markdown else TEXT_STEPS
    collapsed: str | None = None
    for k, step in enumerate(steps):
        if step == "whitespace" and k == len(steps) - 1 and text is collapsed:
            break  # nothing changed since the first collapse, which is idempotent
        text = NORMALIZERS[step](text)
        if step == "whitespace":
            collapsed = text
    return text
