"""The trích yếu as read from its lines, without what a flattened header ran into it.

Portal copies print the type heading, the trích yếu and what follows on one line: the
enacting authority ("… NĂM 2015 BỘ TRƯỞNG BỘ TƯ PHÁP", "… HUYỆN CHÂU THÀNH ỦY BAN NHÂN
DÂN TỈNH TÂY NINH"), the opening sentence of the body (upper-case trích yếu, then "Ngày 24
tháng 6 …"), and for old laws the heading "LUẬT SỐ 13/2003/QH11 CỦA QUỐC HỘI NƯỚC CỘNG HÒA
XÃ HỘI CHỦ NGHĨA VIỆT NAM VỀ ĐẤT ĐAI", whose trích yếu is "VỀ ĐẤT ĐAI". A văn bản hợp
nhất prints the heading of the law it consolidates: "LUẬT THỦY SẢN" is its trích yếu.
"""

from __future__ import annotations

from functools import cache
from typing import NamedTuple

import regex

from vanban.text.anchors import fragment
from vanban.text.lexicon import alternation, lexicon

__all__ = ["clean_subject"]


class _Upper(NamedTuple):
    """What an upper-case trích yếu is cleaned of (compiled for the first one seen)."""

    # "SỐ 13/2003/QH11 CỦA QUỐC HỘI NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM SỐ 28/2001/QH10 "
    old_law: regex.Pattern[str]
    # "LUẬT … CỦA QUỐC HỘI KHOÁ XII, KỲ HỌP THỨ 5": the session a law of 2007–2010 names.
    session: regex.Pattern[str]
    preamble: regex.Pattern[str]  # a constitution's preamble
    # A body named after one of these words belongs to the trích yếu: "… CỦA BỘ XÂY DỰNG".
    bound: regex.Pattern[str]


@cache
def _upper() -> _Upper:
    return _Upper(
        old_law=regex.compile(rf"^{fragment('old_law_title_tail')}"),
        session=regex.compile(rf"\s+{fragment('law_session')}\s*$"),
        preamble=regex.compile(rf"\s+{fragment('preamble')}\b.*$"),
        bound=regex.compile(rf"(?<!\w)(?:{alternation(lexicon().subject.binding_words)})\s*$"),
    )


_WORD_RE = regex.compile(r"\S+")


@cache
def _title_re() -> regex.Pattern[str]:
    titles = alternation(lexicon().signer.titles)
    return regex.compile(rf"(?<=\s)(?:{titles})(?=\s|$)")


def _is_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(not c.islower() for c in letters)


def _running(word: str) -> bool:
    """A word of running text: two letters or more, one in lower case, not a code."""
    letters = [c for c in word if c.isalpha()]
    return (
        len(letters) >= 2 and any(c.islower() for c in letters) and not regex.search(r"[\d/]", word)
    )


def _upper_part(text: str) -> str:
    """An upper-case trích yếu up to where running text starts ("Ngày 24 tháng …").

    Codes ("12/QĐ-TTg", "12a") and point letters ("CÁC ĐIỂM đ, h, i") are not
    running text: it takes two words of it among three.
    """
    words = list(_WORD_RE.finditer(text))
    for k, m in enumerate(words):
        if _running(m.group(0)) and any(_running(w.group(0)) for w in words[k + 1 : k + 3]):
            return text[: m.start()].rstrip()
    return text


def _without_enacting(text: str, issuer: str | None) -> str:
    """Drop the enacting authority that a flattened heading prints after the trích yếu."""
    if issuer and len(issuer) < len(text) and text.endswith(" " + issuer):
        head = text[: -len(issuer)].rstrip()
        if not _upper().bound.search(head):
            text = head  # "… NĂM 2015 BỘ TRƯỞNG" / "BỘ TƯ PHÁP": the title goes too
    for m in _title_re().finditer(text):
        # "… NĂM 2015 BỘ TRƯỞNG BỘ TƯ PHÁP" at the end; "… CỦA BỘ TRƯỞNG BỘ TÀI CHÍNH
        # QUY ĐỊNH …" is a citation inside the trích yếu.
        if len(text[m.start() :].split()) <= 10 and not _upper().bound.search(text[: m.start()]):
            return text[: m.start()].rstrip()
    return text


def clean_subject(
    text: str, *, issuer: str | None = None, heading: str | None = None
) -> str | None:
    """The trích yếu ``text`` without the parts a flattened header ran into it.

    ``issuer`` is the issuer's header line as printed (upper case); ``heading`` the type
    heading when it belongs to the trích yếu (a văn bản hợp nhất's "LUẬT").

    >>> clean_subject("BAN HÀNH KẾ HOẠCH NĂM 2015 BỘ TRƯỞNG BỘ TƯ PHÁP")
    'BAN HÀNH KẾ HOẠCH NĂM 2015'
    >>> clean_subject("CỦA QUỐC HỘI NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM SỐ 28/2001/QH10 VỀ DI")
    'VỀ DI'
    >>> clean_subject("TRÁCH NHIỆM BỒI THƯỜNG CỦA NHÀ NƯỚC CỦA QUỐC HỘI KHOÁ XII, KỲ HỌP THỨ 5")
    'TRÁCH NHIỆM BỒI THƯỜNG CỦA NHÀ NƯỚC'
    >>> clean_subject("THỦY SẢN Luật Thủy sản số 18/2017/QH14 ngày 21 tháng 11", heading="LUẬT")
    'LUẬT THỦY SẢN'
    """
    text = " ".join(text.split())
    first = text.split(" ", 1)[0]
    if sum(c.isalpha() for c in first) >= 2 and _is_upper(first):
        upper = _upper()
        text = _upper_part(upper.preamble.sub("", text, count=1))
        text = upper.old_law.sub("", text, count=1)
        text = upper.session.sub("", text, count=1)
        text = _without_enacting(text, " ".join(issuer.split()) if issuer else None)
    if heading and text:
        text = f"{heading} {text}"
    return text.strip(" .;") or None
