"""Split a written list of agencies into its items.

"Các Sở, Ban, ngành; các cơ quan Trung ương trên địa bàn tỉnh, UBND các huyện,
thành phố và các cơ quan báo chí của tỉnh (Báo Đắk Nông, …)" names four
bodies: the commas inside "Sở, Ban, ngành" and "huyện, thành phố" continue a
collective, the others start a new body (its first word is an agency head).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

import regex

from vanban.extract.mention import AgencyMention
from vanban.text.anchors import fragment
from vanban.text.lexicon import alternation, lexicon

__all__ = ["ListItem", "is_body_name", "split_agency_list", "starts_with_agency"]


@dataclass(slots=True)
class ListItem:
    """One item: its text and the members listed in brackets after it."""

    text: str
    members: list[str] = field(default_factory=list)
    raw: str = ""  # as written, with a bracketed member list
    # Of ``raw`` in the normalised text, once located (not part of equality).
    span: tuple[int, int] | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        if not self.raw:
            self.raw = self.text

    def as_mention(self) -> AgencyMention:
        """The item as an agency mention (its members in brackets, its span)."""
        raw = self.raw if self.raw != self.text else None
        return AgencyMention(self.text, self.span, raw, tuple(self.members))


@cache
def _head_re() -> regex.Pattern[str]:
    words = lexicon().agency
    not_heads = alternation(words.not_heads)
    # Used with .match(text, pos): no "^", which would only match at the text's start.
    return regex.compile(
        rf"(?!(?:{not_heads})(?![\w]))(?:{alternation(words.heads)})(?=$|[\s,;:.(&])"
    )


@cache
def _continuations() -> frozenset[str]:
    return frozenset(lexicon().agency.list_continuations)


_WORD_START_RE = regex.compile(r"(?<![\w])\w")


def agency_starts(text: str) -> list[int]:
    """Offsets in ``text`` where an agency name may start (a head word after a boundary).

    >>> agency_starts("tham mưu cho Chủ tịch Ủy ban nhân dân tỉnh")
    [13, 22]
    """
    head = _head_re()
    return [m.start() for m in _WORD_START_RE.finditer(text) if head.match(text, m.start())]


def starts_with_agency(text: str) -> bool:
    """Whether ``text`` opens with the head of an agency name.

    >>> starts_with_agency("Sở Thông tin và Truyền thông hướng dẫn")
    True
    >>> starts_with_agency("Phối hợp với Ban Tuyên giáo")
    False
    """
    return bool(_head_re().match(text))


@cache
def _fragment_end_re() -> regex.Pattern[str]:
    return regex.compile(rf"(?<!\w)(?:{alternation(lexicon().duties.fragment_ends)})$")


@cache
def _collectives_re() -> regex.Pattern[str]:
    return regex.compile(rf"(?:{alternation(lexicon().duties.collectives)})(?!\w)")


def is_body_name(text: str) -> bool:
    """Whether an item of a list names a body: it opens with an agency's head, its
    brackets close and it does not stop on a word that needs more ("… trong việc").

    >>> is_body_name("Cục Hải quan các tỉnh, thành phố")
    True
    >>> is_body_name("các đơn vị trong việc")
    False
    >>> is_body_name("Cục HQ các tỉnh, TP (để")
    False
    >>> is_body_name("các tổ chức, cá nhân có liên quan")
    True
    """
    return (
        (starts_with_agency(text) or bool(_collectives_re().match(text)))
        and text.count("(") == text.count(")")
        and not _fragment_end_re().search(text.rstrip(" ,;:."))
    )


_BRACKETS_RE = regex.compile(r"\(([^()]*)\)")
_AND_RE = regex.compile(rf"\s+{fragment('and_word')}\s+(?=\S)")


def _split_top(text: str, seps: str) -> list[str]:
    """Split at any of ``seps`` outside brackets."""
    parts: list[str] = []
    depth = 0
    cur: list[str] = []
    for ch in text:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        if ch in seps and depth == 0:
            parts.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    parts.append("".join(cur))
    return [p.strip() for p in parts if p.strip()]


def _collective(item: str) -> bool:
    """A collective ("Các Sở, Ban", "UBND các huyện", "cơ quan") absorbs list words."""
    low = item.lower()
    return low.startswith("các ") or " các " in low or item.split(",")[0] in _continuations()


@cache
def _officials_re() -> regex.Pattern[str]:
    # Officials ("công chức"), and heads' titles left where no body's name follows them
    # ("…, thủ trưởng cơ quan, đơn vị bám sát …"): persons, no body.
    words = lexicon().duties
    titles = alternation([t for t, _ in words.official_titles])
    return regex.compile(rf"(?:{alternation(words.officials)}|(?i:{titles}))(?!\w)")


def _is_new_item(segment: str, previous: str) -> bool:
    if _officials_re().match(segment):
        return True  # "…, công chức hải quan có liên quan": officials, no body
    if segment in _continuations():
        return not _collective(previous)
    if starts_with_agency(segment):
        return True
    return segment.lower().startswith("các ")


def _split_commas(chunk: str) -> list[str]:
    items: list[str] = []
    for piece in _split_top(chunk, ","):
        if items and not _is_new_item(piece, items[-1]):
            items[-1] = f"{items[-1]}, {piece}"
        else:
            items.append(piece)
    return items


def _split_and(chunk: str) -> list[str]:
    # Mask bracketed member lists so that a "và" inside them does not split.
    masked = _BRACKETS_RE.sub(lambda m: "(" + "\x00" * (len(m.group(0)) - 2) + ")", chunk)
    pieces: list[tuple[int, int]] = []
    pos = 0
    for m in _AND_RE.finditer(masked):
        pieces.append((pos, m.start()))
        pos = m.end()
    pieces.append((pos, len(chunk)))
    out: list[tuple[int, int]] = []
    for start, end in pieces:
        if out and not _is_new_item(chunk[start:end].strip(), chunk[slice(*out[-1])]):
            out[-1] = (out[-1][0], end)  # "… cùng cấp": the words between stay as written
        else:
            out.append((start, end))
    return [chunk[start:end] for start, end in out]


def split_agency_list(text: str) -> list[ListItem]:
    """Split a list of agencies into items (with bracketed members).

    >>> [i.text for i in split_agency_list("Các Sở, Ban, ngành; UBND các huyện, thành phố")]
    ['Các Sở, Ban, ngành', 'UBND các huyện, thành phố']
    >>> split_agency_list("các cơ quan báo chí của tỉnh (Báo A, Đài B)")[0].members
    ['Báo A', 'Đài B']
    """
    text = text.strip().rstrip(":;.,").strip()
    items: list[ListItem] = []
    for chunk in _split_top(text, ";"):
        for part in _split_commas(chunk):
            for sub in _split_and(part):
                sub = sub.strip().strip(",;").strip()
                if not sub:
                    continue
                members: list[str] = []
                full = sub
                m = _BRACKETS_RE.search(sub)
                if m and sub.endswith(")"):
                    # "(Báo A, Đài B)" lists members; "(mới)", "(trước sắp xếp)" is a note.
                    members = [
                        x.text for x in split_agency_list(m.group(1)) if is_body_name(x.text)
                    ]
                    sub = sub[: m.start()].strip()
                items.append(ListItem(sub, members, full))
    return items
