"""The parts after a citation's number: date, issuer, subject, and a law's name.

Each reader starts at a known position, reads a bounded window and returns
what it read with the position where it stopped (``None`` when the part is
not there), so that a citation costs the same whatever the text's length.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache

import regex

from vanban.extract.agency_list import starts_with_agency
from vanban.extract.citations import patterns as p
from vanban.extract.dates import match_date_at
from vanban.extract.doctypes import table
from vanban.extract.duty_lead import strip_officials
from vanban.text.anchors import fragment, searcher

__all__ = [
    "IssuerText",
    "LawName",
    "read_date",
    "read_issuer",
    "read_issuer_before",
    "read_law_name",
    "read_subject",
]

_MAX_ISSUER_WORDS = 14
_MAX_NAME_WORDS = 20
_MAX_SUBJECT = 600
_CLOSE = {"“": "”", '"': '"', "«": "»"}


@cache
def _khoa_re() -> regex.Pattern[str]:
    return regex.compile(rf"\s{{1,3}}{fragment('cite_term')}")


@cache
def _amend_re() -> regex.Pattern[str]:
    """ "Luật sửa đổi, bổ sung một số điều của Luật Giá": the amended law's name follows."""
    return regex.compile(rf"\s{{1,10}}{fragment('cite_amending')}")


@cache
def _complete_re() -> regex.Pattern[str]:
    """A name that is complete: a place name after its unit word, or the Government; a
    lower-case word after it starts the sentence's next part."""
    return regex.compile(rf"{fragment('cite_complete_name')}\Z")


@cache
def _amended_head_re() -> regex.Pattern[str]:
    return regex.compile(rf"\s{{1,3}}{fragment('cite_amended_head')}(?=\s)")


@cache
def _trail_re() -> regex.Pattern[str]:
    return regex.compile(rf"(?:[\s,;:\-–]+|\s+{fragment('cite_dangling')})+$")


def read_date(text: str, pos: int, limit: int) -> tuple[dt.date | None, int] | None:
    """A date introduced by "ngày" right after ``pos`` (", ngày 05/7/2021")."""
    m = p.date_intro_re().match(text, pos, limit)
    if m is None:
        return None
    d = match_date_at(text, m.end())
    if d is None or d.end > limit:
        return None
    return d.date, d.end


@dataclass(frozen=True, slots=True)
class IssuerText:
    """An issuer as written (``raw``) and without its qualifiers (``name``)."""

    raw: str
    name: str
    end: int
    start: int = 0  # where the issuer's words start


def _ends_issuer(text: str, word: regex.Match[str]) -> bool:
    """Whether ``word`` (a match of :func:`patterns.word_re`) is past the issuer."""
    w, start = word.group("w"), word.start("w")
    if p.type_start_re().match(text, start) or p.issuer_stop_re().match(text, start):
        return True
    if "," in word.group("sep"):
        # "Bộ Văn hóa, Thể thao và Du lịch" goes on; ", Bộ Tài chính" is another body.
        return not w[0].isupper() or starts_with_agency(text[start : start + 40])
    return False


def _and_ends(text: str, pos: int, limit: int) -> bool:
    """Whether the "và" before ``pos`` joins two bodies rather than two name words."""
    nxt = p.word_re().match(text, pos, limit)
    if nxt is None or not nxt.group("w")[0].isupper():
        return True
    start = nxt.start("w")
    return bool(
        starts_with_agency(text[start : start + 40]) or p.type_start_re().match(text, start)
    )


def read_issuer(text: str, pos: int, limit: int, *, comma: bool = True) -> IssuerText | None:
    """The body after " của " ("của Thủ tướng Chính phủ về …" → "Thủ tướng Chính phủ").

    With ``comma`` false, ", của" is not taken: right after a number it starts another
    part of the sentence ("yêu cầu của Tổ công tác triển khai Đề án 06/CP, của Ủy ban …").
    """
    intro = p.issuer_intro_re().match(text, pos, limit)
    if intro is None or (not comma and "," in intro.group(0)):
        return None
    start = end = intro.end()
    cur = start
    for count in range(_MAX_ISSUER_WORDS):
        word = p.word_re().match(text, cur, limit)
        if word is None or (count == 0 and word.group("sep").strip()):
            break
        w = word.group("w")
        if count == 0 and not w[0].isupper():
            return None
        if count and _ends_issuer(text, word):
            break
        if (
            count
            and w[0].islower()
            and _complete_re().search(text, start - 60 if start > 60 else 0, cur)
        ):
            break  # "của Hiệp hội … tỉnh Bình Thuận kết quả đại hội": the name ended
        if w == "và" and _and_ends(text, word.end(), limit):
            break
        end = cur = word.end()
    if end == start:
        return None
    raw_end = end
    khoa = _khoa_re().match(text, end, limit)
    if khoa is not None:
        raw_end = khoa.end()
    name = _trail_re().sub("", " ".join(text[start:end].split()))
    for qualifier in table().citation.issuer_qualifiers:
        at = name.find(" " + qualifier)
        if at > 0:
            name = name[:at]
    if not name:
        return None
    return IssuerText(
        raw=" ".join(text[start:raw_end].split()), name=name, end=raw_end, start=start
    )


def _quoted(text: str, open_at: int, window_end: int) -> int | None:
    """The index just past the quote that closes the one at ``open_at``."""
    close = _CLOSE[text[open_at]]
    line_end = text.find("\n", open_at, window_end)
    found = text.find(close, open_at + 1, window_end if line_end < 0 else line_end)
    return found + 1 if found >= 0 else None


_CLAUSE_END_RE = regex.compile(r"[;:]|[.!?](?=\s|$)")


def _subject_end(text: str, start: int, limit: int) -> int:
    """Where a subject starting at ``start`` ends (see docs/citations.md)."""
    window_end = min(limit, start + _MAX_SUBJECT)
    cur = start
    while True:
        m = p.subject_stop_re().search(text, cur, window_end)
        if m is None:
            return window_end
        if m.group("q") is not None:
            after = _quoted(text, m.start(), window_end)
            cur = after if after is not None else m.end()
            continue
        if m.group("comma") is not None and not starts_with_agency(
            text[m.end() : m.end() + 60].lstrip()
        ):
            # "…, Thông tin thiết yếu của …" goes on; "…, UBND tỉnh chỉ đạo" ends it.
            cur = m.end()
            continue
        if m.group("semi") is not None:
            # A ";" before a lower-case clause continues a title whose next clause
            # ends with ";" too ("…Tổ quốc; kịp thời chấn chỉnh …; Ủy ban …"), and
            # ends it when that clause closes the sentence ("…2021-2025; đảm bảo …").
            clause_end = _CLAUSE_END_RE.search(text, m.end(), window_end)
            if clause_end is not None and clause_end.group(0) == ";":
                cur = m.end()
                continue
            return m.start()
        if m.group("nl") is not None:
            nxt = m.end()
            if nxt < window_end and text[nxt].islower() and text[m.start() - 1] not in ".;:":
                cur = nxt
                continue
        return m.start()


def clean_subject(raw: str) -> str | None:
    """A subject with spaces collapsed and dangling connectors removed."""
    text = _trail_re().sub("", " ".join(raw.split()))
    return text or None


def read_subject(text: str, pos: int, limit: int) -> tuple[str | None, int] | None:
    """The subject after ``pos``: "về …", "về việc …", a verb phrase, or a quote."""
    m = p.subject_intro_re().match(text, pos, limit)
    if m is None:
        return None
    if m.group("q") is not None:
        end = _quoted(text, m.start("q"), min(limit, m.start("q") + _MAX_SUBJECT))
        if end is None:
            return None
        return clean_subject(text[m.end() : end - 1]), end
    end = _subject_end(text, m.end(), limit)
    # A group's next number ends the subject: "về …; số 92/2017/NĐ-CP …".
    sibling = p.sibling_re().search(text, m.end(), end)
    end = sibling.start() if sibling is not None else end
    trimmed = _trail_re().sub("", text[m.end() : end])
    subject = clean_subject(trimmed)
    if subject is None:
        return None
    return subject, m.end() + len(trimmed)


@dataclass(frozen=True, slots=True)
class LawName:
    """Where a law's name ends, its year and where the year ends, and whether the name
    starts in lower case ("Luật phòng, chống tham nhũng 2018")."""

    name_end: int
    year: int | None
    end: int
    lower: bool = False


def read_law_name(text: str, head_end: int, limit: int) -> LawName:
    """The name after a law head.

    "Luật Báo chí 2016" → name "Luật Báo chí", year 2016; the name stops at a
    stop word ("số", "ngày", "được"…), at a comma before an upper-case word,
    at "và"/"của" before a lower-case word or another law, and at punctuation.
    A name in lower case is read too (the caller decides whether it is a law's);
    "(sửa đổi)" after it is part of it ("Luật Đất đai (sửa đổi)", the revised law).
    """
    cur = name_end = head_end
    lower = False
    m = _amend_re().match(text, cur, limit)
    if m is not None:
        cur = m.end()
        # "… của Luật Luật sư": the amended law's own head, then its name.
        head = _amended_head_re().match(text, cur, limit)
        cur = head.end() if head is not None else cur
    for count in range(_MAX_NAME_WORDS):
        word = p.word_re().match(text, cur, limit)
        if word is None:
            break
        w, start = word.group("w"), word.start("w")
        first = count == 0 and m is None
        if first and not w[0].isupper():
            if p.law_stop_re().match(text, start) or not w[0].isalpha():
                break
            lower = True
        if not first and (p.law_stop_re().match(text, start) or _name_break(text, word, limit)):
            if w in ("và", "của") and _joins_name(text, word.end(), limit, w):
                cur = name_end = word.end()
                continue
            break
        if count and w[0].isupper() and p.type_start_re().match(text, start):
            break
        cur = name_end = word.end()
    if name_end > head_end and (rev := searcher("cite_law_revised").match(text, name_end, limit)):
        name_end = rev.end()
    year_m = p.law_tail_re().match(text, name_end, limit)
    if year_m is not None:
        return LawName(name_end, int(year_m.group("year")), year_m.end(), lower)
    return LawName(name_end, None, name_end, lower)


def is_amending(text: str, head_end: int) -> bool:
    """Whether the words after a law head at ``head_end`` are an amending law's
    ("Luật sửa đổi, bổ sung một số điều của …")."""
    return _amend_re().match(text, head_end) is not None


def _joins_name(text: str, pos: int, limit: int, joint: str) -> bool:
    """Whether "và"/"của" before ``pos`` continues a law's name.

    "Luật Hoạt động giám sát của Quốc hội và Hội đồng nhân dân" goes on (an
    upper-case word follows); "Luật Báo chí và Luật Tiếp cận thông tin" stops.
    """
    nxt = p.word_re().match(text, pos, limit)
    if nxt is None:
        return False
    if not nxt.group("w")[0].isupper():
        return _short_lower_tail(text, pos, limit, joint)
    return p.type_start_re().match(text, nxt.start("w")) is None


_MAX_AND_TAIL = 3


def _short_lower_tail(text: str, pos: int, limit: int, joint: str) -> bool:
    """Whether the lower-case words after "và" at ``pos`` end a law's name: at most three,
    none a stop word, then punctuation, an upper-case word, or a stop word before a number
    ("Luật Tài nguyên, môi trường biển và hải đảo;", "Luật Bảo vệ và phát triển rừng năm
    2004"); "Luật Đất đai và tổ chức thực hiện", "Luật Quy hoạch và đáp ứng các yêu cầu"
    go on to other things."""
    cur = pos
    for count in range(_MAX_AND_TAIL + 1):
        word = p.word_re().match(text, cur, limit)
        if word is None:
            return count > 0
        w, start = word.group("w"), word.start("w")
        if word.group("sep").strip():  # a comma: the name ends if a new item follows
            return count > 0 and not w[0].islower()
        if p.issuer_stop_re().match(text, start) and not p.law_stop_re().match(text, start):
            return False
        if p.law_stop_re().match(text, start):
            # "… biển và hải đảo và các văn bản": the same joining word again ends it.
            after = text[word.end() : word.end() + 12].lstrip()
            return count > 0 and (w == joint or after[:1].isdigit())
        if not w[0].islower():
            return count > 0
        cur = word.end()
    return False


def _name_break(text: str, word: regex.Match[str], limit: int) -> bool:
    """A number, or a comma before an upper-case word or a type, ends a law's name."""
    w = word.group("w")
    if w[0].isdigit():
        return True
    if "," not in word.group("sep"):
        return False
    # "Luật Khám bệnh, chữa bệnh" goes on; "Bộ luật Dân sự, luật khác" stops.
    return not w[0].islower() or p.type_start_re().match(text, word.start("w")) is not None


# "… ý kiến của Sở Nội vụ tại Tờ trình số …", "Theo đề nghị của Hội A tại Báo cáo số … và
# Sở Tư pháp tại Tờ trình số …": the body named right before "tại" issued the document.


@cache
def _before_tai_re() -> regex.Pattern[str]:
    return regex.compile(rf"(?<=\S)\s{{1,3}}{fragment('cite_tai')}\s{{1,10}}$")


@cache
def _intro_before_re() -> regex.Pattern[str]:
    return regex.compile(
        rf"(?<![\p{{L}}\d])(?:{fragment('cite_cua')}|{fragment('cite_va')})\s{{1,3}}(?=\p{{Lu}})"
    )


@cache
def _clause_break_re() -> regex.Pattern[str]:
    return regex.compile(
        rf"[.;:!?\n]|(?<![\p{{L}}\d]){fragment('cite_clause_opener')}(?![\p{{L}}\d])"
    )


_LOOK_BACK = 220


def read_issuer_before(text: str, pos: int) -> IssuerText | None:
    """The body named before a citation at ``pos``: "của <body> tại <citation>".

    The body runs from the last "của" (or, in a list that "của" opens, "và") that a body's
    name follows, up to "tại"; words that end an issuer ("đã", "thực hiện") inside it mean
    it is no name.

    >>> read_issuer_before("ý kiến của Sở Nội vụ tại Tờ trình", 25).name
    'Sở Nội vụ'
    """
    begin = max(0, pos - _LOOK_BACK)
    before = text[begin:pos]
    if (passive := _passive_issuer(before, begin)) is not None:
        return passive
    tai = _before_tai_re().search(before)
    if tai is None:
        return None
    window = before[: tai.start()]
    breaks = list(_clause_break_re().finditer(window))
    floor = breaks[-1].end() if breaks else 0
    intros = [
        m
        for m in _intro_before_re().finditer(window, floor)
        if starts_with_agency(strip_officials(window[m.end() :]))
    ]
    if not intros or not any(m.group(0).startswith("của") for m in intros):
        return None
    at = intros[-1].end()
    name = " ".join(window[at:].split())
    if not name or _has_stop_word(name):
        return None
    return IssuerText(raw=name, name=name, end=begin + tai.start(), start=begin + at)


def _passive_issuer(before: str, begin: int) -> IssuerText | None:
    """ "đã được Chính phủ phê duyệt tại <citation>": the body of a passive clause."""
    m = searcher("cite_passive_issuer").search(before)
    if m is None:
        return None
    name = " ".join(m.group("body").split())
    if not starts_with_agency(name) or _has_stop_word(name):
        return None
    return IssuerText(raw=name, name=name, end=begin + m.end("body"), start=begin + m.start("body"))


def _has_stop_word(name: str) -> bool:
    """Whether a lower-case word that ends an issuer ("đã", "thực hiện") is in ``name``."""
    padded = " " + name
    return any(
        p.issuer_stop_re().match(padded, w.start("w")) is not None
        and searcher("cite_number_words").match(padded, w.start("w")) is None
        for w in p.word_re().finditer(padded)
    )
