"""Segmentation into the regions of Nghị định 30/2020 (Phụ lục I, Mục IV).

Works on normalised text (one paragraph per line). The regions are found by
their anchors: the Quốc hiệu, "Số:", "<place>, ngày … tháng … năm …", the type
heading or "V/v", "Kính gửi:", "Nơi nhận:", and the signature's authority
chain. Portal copies that flatten the two-column header onto a few lines are
first split back at those anchors (:func:`unflatten_header`).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from functools import cache

import regex

from vanban.extract.dates import find_date
from vanban.extract.doctypes import type_name_words
from vanban.extract.header import place_in
from vanban.extract.number import number_pattern
from vanban.extract.signer import read_blocks
from vanban.text.anchors import anchored, fragment, searcher
from vanban.text.layout import (
    DateLine,
    Line,
    NumberLine,
    Region,
    Spanned,
    join_lines,
    lines_of,
    sub_line,
)
from vanban.text.lexicon import alternation, lexicon
from vanban.text.signature import Spot, find_signature, signature_extent, trailing_name

__all__ = ["Layout", "Line", "Region", "read_date_line", "segment", "unflatten_header"]

HEAD_CHARS = 4000
MAX_SIGNATURE_TRIES = 12  # nameless blocks skipped while looking for a signed one

# Misspelt copies occur ("CỘNG HOÀ XÃ HỘI CHỦ NCHĨA"): the first words are enough.
MOTTO_RE = searcher("quoc_hieu")
MOTTO2_RE = searcher("tieu_ngu")
PARTY_RE = searcher("party_motto")
RULE_RE = regex.compile(r"(?:[-–—_=*~.·]\s*){3,}|(?<!\w)\*(?!\w)")
# Party numbers print no colon: "Số 03-HD/BTGDVTU" (capital S only: "số 12/…"
# inside a wrapped trích yếu is a citation).
NUMBER_LABEL_RE = regex.compile(rf"(?<![\w]){fragment('number_label')}")
# "<place>, ngày … năm …": the place is the text before the comma on that line.
# The comma ahead is tested first, so a search does not run the 60-character
# look-behind at every position (three times faster on a document's head).
HEADER_DATE_RE = regex.compile(
    rf"(?=\s*,)(?<=(?P<place>[^\n,]{{2,60}}))\s*,\s*(?P<date>{fragment('date_after_place')})",
    regex.IGNORECASE,
)
BARE_DATE_RE = anchored("bare_date_line")
VV_RE = regex.compile(rf"^{fragment('vv')}\b[:.]?\s*")
KINH_GUI_RE = regex.compile(rf"^{fragment('kinh_gui')}\s*:?\s*")
NOI_NHAN_RE = regex.compile(rf"^{fragment('noi_nhan')}\s*(?::\s*|$)")
BULLET_RE = regex.compile(r"^[-–—+•*·](?![-–—]{2})\s*")  # not a rule "-------"
BODY_START_RE = anchored("body_start")  # "Căn cứ …", "1. Công tác …", "I. NỘI DUNG …"
# A body's opening words inside a "Kính gửi:" line, after the recipient's name.
_RUN_ON_BODY_RE = regex.compile(rf"(?<=\S{{2}})\s+(?={fragment('run_on_body')})")
# Anchors at which a flattened header is split back into lines.
_SPLIT_BEFORE_RE = regex.compile(
    # (not the "NƯỚC CỘNG HÒA …" of a title: "HIẾN PHÁP NƯỚC CỘNG HÒA XÃ HỘI …")
    rf"(?<=\S)(?<!\b{fragment('nuoc_word')})[ ]+(?={fragment('header_split')})"
)


@dataclass(frozen=True, slots=True)
class Layout:
    """The regions and anchors of one document, found once, with their offsets.

    Every region and anchor points into ``text`` (the normalised text).
    """

    text: str
    lines: tuple[Line, ...]
    motto: bool
    party: bool
    issuer: Region  # the header's upper-case lines (parent and issuer)
    number: NumberLine | None
    date: DateLine | None
    marks: Region  # stamp lines ("HỎA TỐC", "MẬT")
    type_heading: str | None
    subject: Region  # trích yếu lines (the V/v words dropped)
    vv: bool
    kinh_gui: Region  # the entries after "Kính gửi:"
    body: Region
    distribution: Region  # the entries after "Nơi nhận:", "Lưu" included
    signature: Region  # the signature block's lines

    @property
    def is_document(self) -> bool:
        """Whether the text has the frame of an administrative document."""
        anchors = (
            self.motto or self.party,
            self.number is not None,
            self.date is not None,
            bool(self.kinh_gui),
            bool(self.distribution),
            self.vv,
            self.type_heading is not None and bool(self.subject),
            bool(self.signature)
            and any(is_authority_line(x.text) for x in self.signature.lines[:3]),
            bool(self.body) and self.body.lines[0].text.startswith("Căn cứ"),
        )
        return sum(anchors) >= 2


@cache
def _number_before_date_re() -> regex.Pattern[str]:
    """A number line with the place/date line flattened onto it."""
    return regex.compile(
        rf"(?m)^({fragment('number_with_label')})[ ]+(?={fragment('place_date_ahead')})"
    )


_BLANK_RUN_RE = regex.compile(r"\n{3,}")
_NON_SPACE_RE = regex.compile(r"\S+")
_UPPER_RUN_RE = regex.compile(r"^\P{Ll}*(?=\s+\S*\p{Ll}|$)")


@dataclass(slots=True)
class _Draft:
    """The layout while segmentation fills it in (frozen into a :class:`Layout`)."""

    motto: bool = False
    party: bool = False
    issuer_lines: list[Line] = field(default_factory=list)
    number: NumberLine | None = None
    date: DateLine | None = None
    marks: list[Line] = field(default_factory=list)
    type_heading: str | None = None
    subject_lines: list[Line] = field(default_factory=list)
    vv: bool = False
    kinh_gui: list[Line] = field(default_factory=list)
    body: list[Line] = field(default_factory=list)
    distribution: list[Line] = field(default_factory=list)
    signature: list[Line] = field(default_factory=list)

    def freeze(self, text: str, lines: tuple[Line, ...]) -> Layout:
        return Layout(
            text=text,
            lines=lines,
            motto=self.motto,
            party=self.party,
            issuer=Region(tuple(self.issuer_lines)),
            number=self.number,
            date=self.date,
            marks=Region(tuple(self.marks)),
            type_heading=self.type_heading,
            subject=Region(tuple(self.subject_lines)),
            vv=self.vv,
            kinh_gui=Region(tuple(self.kinh_gui)),
            body=Region(tuple(self.body)),
            distribution=Region(tuple(self.distribution)),
            signature=Region(tuple(self.signature)),
        )


def unflatten_header(text: str) -> str:
    """Split a header flattened onto a few lines back at its anchors.

    >>> unflatten_header("BỘ TÀI CHÍNH -------- CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    'BỘ TÀI CHÍNH\\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'
    """
    cut = text.rfind("\n", 0, HEAD_CHARS) + 1 if len(text) > HEAD_CHARS else len(text)
    head, tail = text[:cut], text[cut:]
    if not (MOTTO_RE.search(head) or NUMBER_LABEL_RE.search(head)):
        return text
    head = RULE_RE.sub("\n", head)
    head = _SPLIT_BEFORE_RE.sub("\n", head)
    head = MOTTO2_RE.sub(lambda m: "\n" + m.group(0) + "\n", head)
    m = HEADER_DATE_RE.search(head)
    if m and m.end() < len(head) and head[m.end()] != "\n":
        head = head[: m.end()] + "\n" + head[m.end() :].lstrip(" ")
    m = HEADER_DATE_RE.search(head)
    if m:
        # "V/v góp ý dự thảo Kế hoạch kiểm Lâm Đồng, ngày 16 …": the place is the
        # run of capitalised words before the comma; the rest of the line is the
        # left column.
        line_start = head.rfind("\n", 0, m.start()) + 1
        place_at = _place_start(head, line_start, m.start())
        if place_at > line_start:
            head = head[:place_at].rstrip(" ") + "\n" + head[place_at:]
    # A flattened place/date line may still carry the number in front of it.
    head = _number_before_date_re().sub(r"\1\n", head)
    head = _BLANK_RUN_RE.sub("\n\n", "\n".join(ln.strip() for ln in head.split("\n")))
    return head + "\n" + tail if tail else head


_WORD_BEFORE_RE = regex.compile(r"(\S+)\s*$")


def _place_start(text: str, line_start: int, comma: int) -> int:
    """Where the place name before a header date's comma starts (capitalised words)."""
    pos = comma
    for _ in range(6):
        m = _WORD_BEFORE_RE.search(text, line_start, pos)
        if m is None or not (m.group(1)[:1].isupper() or m.group(1) in ("phố", "xã")):
            break
        if NUMBER_LABEL_RE.match(m.group(1)) or "/" in m.group(1) or m.group(1).isupper():
            break
        pos = m.start(1)
    return pos


def read_date_line(line: Line) -> DateLine | None:
    """Parse a header line "<place>, ngày … tháng … năm …" (``None`` when it is none).

    >>> d = read_date_line(Line("Đắk Nông, ngày 31 tháng 5 năm 2021", 100, 134))
    >>> (d.place.text, d.place.span, d.date.date, (d.date.start, d.date.end))
    ('Đắk Nông', (100, 108), datetime.date(2021, 5, 31), (110, 134))
    """
    t = line.text
    m = HEADER_DATE_RE.search(t)
    if m is None:
        return _bare_date_line(line)
    place: Spanned | None = None
    where = place_in(m.group("place"))
    if where is not None:
        s0, e0 = (line.start + m.start("place") + k for k in where)
        place = Spanned(t[s0 - line.start : e0 - line.start], (s0, e0))
    found = find_date(t, m.start("date"), m.end("date"))
    date = None
    if found is not None:
        shift = line.start
        date = dataclasses.replace(found, start=found.start + shift, end=found.end + shift)
    return DateLine(text=t, span=line.span, place=place, date=date)


def _bare_date_line(line: Line) -> DateLine | None:
    """A header line that is a date and nothing else: a date line without its place."""
    if not BARE_DATE_RE.match(line.text):
        return None
    found = find_date(line.text)
    if found is None:
        return None
    shift = line.start
    date = dataclasses.replace(found, start=found.start + shift, end=found.end + shift)
    return DateLine(text=line.text, span=line.span, place=None, date=date)


@cache
def _authority_re() -> regex.Pattern[str]:
    prefixes = alternation(lexicon().signer.authority_prefixes)
    return regex.compile(rf"^(?:{prefixes})(?:\s*(?={fragment('capital')})|$)")


def is_authority_line(text: str) -> bool:
    """Whether a line opens a signature block ("KT. CHỦ TỊCH", "TM. ỦY BAN …")."""
    if not _authority_re().match(text):
        return False
    rest = _authority_re().sub("", text, count=1)
    return not rest or _mostly_upper(rest)


def _mostly_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return False
    return sum(c.isupper() for c in letters) >= 0.85 * len(letters)


def _is_type_heading(text: str) -> bool:
    if not _mostly_upper(text.split(" ", 4)[0]):
        return False
    words = text.split()
    n = type_name_words(words)
    return n > 0 and _mostly_upper(" ".join(words[:n]))


def _header_end(lines: list[Line]) -> int:
    """Index of the first line after the header region."""
    seen_anchor = False
    for i, ln in enumerate(lines[:60]):
        t = ln.text
        if MOTTO_RE.match(t) or NUMBER_LABEL_RE.match(t) or HEADER_DATE_RE.search(t):
            seen_anchor = True
            continue
        if VV_RE.match(t):
            continue  # the V/v subject sits inside the header table
        if seen_anchor and BARE_DATE_RE.match(t):
            continue  # "Ngày 8 tháng 12 năm 2025": a date line without its place
        if KINH_GUI_RE.match(t) or BODY_START_RE.match(t):
            return i if seen_anchor else 0
        if seen_anchor and (_is_type_heading(t) or len(t) > 160 or _drop_cap_heading(lines, i)):
            return i
        if not seen_anchor and i >= 12:
            return 0
    return min(len(lines), 60) if seen_anchor else 0


def _read_header(layout: _Draft, lines: list[Line]) -> None:
    marks = lexicon().marks
    stamp_words = set(marks.urgency) | set(marks.secrecy)
    pending_number = seq_only = False
    pieces: list[Line] = []
    for ln in lines:
        t = ln.text
        if MOTTO_RE.match(t):
            layout.motto = True
            continue
        if PARTY_RE.search(t):
            layout.party = True
            continue
        if pending_number:
            # "Số:" alone, the number on the next line(s), maybe split into
            # fragments by the extraction: "253" / "/" / "2025" / "/QH15".
            if _NUMBER_PIECE_RE.match(t) and len(pieces) < 8 and (not seq_only or t[:1] in "/-–"):
                seq_only = False
                pieces.append(ln)
                joined = join_lines(pieces, sep="")
                label = layout.number.label if layout.number else None
                layout.number = NumberLine(joined.text, joined.span, label)
                continue
            pending_number = False
            if not pieces and ("/" in t or "-" in t):
                first = t.split(" ")[0]
                span = (ln.start, ln.start + len(first))
                label = layout.number.label if layout.number else None
                layout.number = NumberLine(first, span, label)
                continue
        if MOTTO2_RE.search(t) or not any(c.isalnum() for c in t):
            continue
        m = NUMBER_LABEL_RE.match(t)
        if m and layout.number is None:
            rest = sub_line(ln, m.end())
            # A bare "Số:" is an empty number at the label's end until the next lines fill it.
            at = rest.span if rest else (ln.start + m.end(), ln.start + m.end())
            layout.number = NumberLine(rest.text if rest else "", at, m.group("label"))
            pending_number = rest is None
            if rest is not None and _SEQ_ONLY_RE.match(rest.text):
                # "Số: 53" / "/2025/TT-BYT": a column gap cut the number after its digits.
                pending_number = seq_only = True
                pieces = [rest]
            continue
        if layout.date is None and (date := read_date_line(ln)) is not None:
            layout.date = date
            continue
        if t.upper() in stamp_words:
            layout.marks.append(ln)
            continue
        if layout.number is None and (lost := _LOST_LABEL_RE.match(t)) is not None:
            rest = sub_line(ln, lost.end())
            if rest is not None and number_pattern().fullmatch(rest.text):
                # "860:40/HCCV": an OCR'd "Số:" misread; the number itself is whole.
                layout.number = NumberLine(rest.text, rest.span, None)
                continue
        if _mostly_upper(t) and len(layout.issuer_lines) < 4 and not t.startswith("V/"):
            layout.issuer_lines.append(ln)


def _drop_cap_heading(lines: list[Line], i: int) -> bool:
    """Whether ``lines[i]`` is the first letter of a type heading a copy printed as a drop
    cap on a line of its own ("T" / "HÔNG TƯ"): the letter and the next line are the
    whole name of a type."""
    t = lines[i].text
    if len(t) != 1 or not t.isupper() or i + 1 >= len(lines):
        return False
    words = (t + lines[i + 1].text).split()
    return type_name_words(words) == len(words) and _mostly_upper(" ".join(words))


def _read_title(layout: _Draft, lines: list[Line], i: int) -> int:
    """Read the type heading / V/v subject from ``lines[i]``; return the next index."""
    if i >= len(lines):
        return i
    if _drop_cap_heading(lines, i):
        whole = join_lines(lines[i : i + 2], sep="")
        return _read_title(layout, [*lines[:i], whole, *lines[i + 2 :]], i) + 1
    t = lines[i].text
    if vv := VV_RE.match(t):
        layout.vv = True
        first = sub_line(lines[i], vv.end())
        layout.subject_lines = [first] if first else []
        return _read_subject(layout, lines, i + 1, stop_at_para=True)
    if _is_type_heading(t):
        words = list(_NON_SPACE_RE.finditer(t))
        n = type_name_words(_words(words))
        layout.type_heading = " ".join(_words(words[:n]))
        if len(words) > n:  # a flattened "CHỈ THỊ VỀ CÔNG TÁC … Ngày 24 tháng 6 …"
            at = words[n].start()
            rest = " ".join(_words(words[n:]))
            upper = _UPPER_RUN_RE.match(rest)
            cut = len(upper.group(0)) if upper else len(rest)
            subject = sub_line(lines[i], at, at + cut)
            layout.subject_lines = [subject] if subject else []
            if (
                subject
                and _OLD_LAW_RE.search(subject.text)
                and i + 1 < len(lines)
                and MOTTO_RE.match(lines[i + 1].text)
            ):
                # "LUẬT SỐ 13/2003/QH11 CỦA QUỐC HỘI NƯỚC" / "CỘNG HÒA XÃ HỘI CHỦ NGHĨA
                # VIỆT NAM VỀ ĐẤT ĐAI": the heading of a law before 2008 names the state.
                layout.subject_lines.append(lines[i + 1])
                return i + 2
            if subject and cut == len(rest) and _mostly_upper(rest):
                # An upper-case trích yếu that the copy wrapped goes on upper case:
                # "… PHÁT TRIỂN KINH TẾ" / "- XÃ HỘI VÀ DỰ TOÁN …".
                return _read_subject(layout, lines, i + 1, stop_at_para=False)
            return i + 1
        return _read_subject(layout, lines, i + 1, stop_at_para=False)
    return i


def _words(matches: list[regex.Match[str]]) -> list[str]:
    return [m.group(0) for m in matches]


MAX_SUBJECT_LINES = 12  # a wrapped trích yếu is read at most this many lines long


def _read_subject(layout: _Draft, lines: list[Line], i: int, *, stop_at_para: bool) -> int:
    # A trích yếu holds a few lines; a portal that cut it into short pieces, more of them;
    # a long one wraps on: a line in lower case after one with no end mark goes on with it.
    while i < len(lines) and (
        len(layout.subject_lines) < 5
        or (
            len(layout.subject_lines) < 9 and sum(len(ln.text) for ln in layout.subject_lines) < 300
        )
        or (
            len(layout.subject_lines) < MAX_SUBJECT_LINES
            and _continues(lines, i)
            and not layout.subject_lines[-1].text.rstrip().endswith((".", ";", ":"))
        )
    ):
        ln = lines[i]
        t = ln.text
        header_line = bool(
            MOTTO_RE.match(t)
            or MOTTO2_RE.match(t)
            or HEADER_DATE_RE.search(t)
            or NUMBER_LABEL_RE.match(t)
        )
        if header_line and stop_at_para and layout.subject_lines and _continues(lines, i + 1):
            i += 1  # the right column's line between two lines of a V/v subject
            continue
        if (
            KINH_GUI_RE.match(t)
            or BODY_START_RE.match(t)
            or header_line
            or len(t) > (250 if layout.subject_lines and not _mostly_upper(t) else 600)
            or (stop_at_para and ln.para and layout.subject_lines)
            or (not stop_at_para and layout.subject_lines and t.endswith(":"))
        ):
            break
        if (
            layout.subject_lines
            and not stop_at_para
            and _ends_subject(layout.subject_lines[-1].text, t)
        ):
            break
        layout.subject_lines.append(ln)
        i += 1
    return i


def _continues(lines: list[Line], i: int) -> bool:
    """Whether ``lines[i]`` continues a wrapped V/v subject (it starts in lower case)."""
    return i < len(lines) and lines[i].text[:1].islower()


_OLD_LAW_RE = regex.compile(rf"\b{fragment('old_law_issuer')}$")
_NUMBER_PIECE_RE = regex.compile(r"^[\w./\-–…]{1,24}$")
_CODE_START_RE = regex.compile(r"^\d{1,6}/\d{4}/")
# A label of up to four characters and a colon before a whole number: "Số:" misread.
_LOST_LABEL_RE = regex.compile(r"^[^\s:;]{1,4}[:;]\s*(?=\d)")
_SEQ_ONLY_RE = regex.compile(r"^\d{1,6}[a-zA-Z]?$")


@cache
def _open_end_re() -> regex.Pattern[str]:
    """A trích yếu line that goes on ("… Thông tư số" / "15/2023/TT-BNNPTNT")."""
    return regex.compile(rf"(?:\b(?:{alternation(lexicon().subject.open_ends)})|[,\-–/])$")


@cache
def _enacting_re() -> regex.Pattern[str]:
    lex = lexicon()
    words = lex.signer.titles + [h.upper() for h in lex.agency.heads if len(h) > 2]
    return regex.compile(rf"^(?:{alternation(words)})\b")


def _ends_subject(prev: str, line: str) -> bool:
    """Whether ``line`` no longer belongs to a typed document's trích yếu.

    A new sentence after an upper-case subject, an upper-case line after a
    mixed-case one, or the enacting body's line ("ỦY BAN THƯỜNG VỤ QUỐC HỘI")
    that some copies print between the trích yếu and the căn cứ.
    """
    if _open_end_re().search(prev) or _CODE_START_RE.match(line):
        return False  # "… Thông tư số" / "15/2023/TT-BNNPTNT" / "ngày 15 tháng 12 …"
    bullet = BULLET_RE.match(line)
    if bullet and line[bullet.end() :][:1].isupper() and not _mostly_upper(line):
        return True  # "Quy định về …" / "- Nội dung được hướng dẫn": a list, a note
    if _mostly_upper(line):
        return not _mostly_upper(prev) or (
            len(line.split()) <= 8 and bool(_enacting_re().match(line))
        )
    return line[:1].isupper() and (_mostly_upper(prev) or prev.endswith((".", ";")))


@cache
def _recipient_wrap_re() -> regex.Pattern[str]:
    """A Kính gửi line that stops where no name can: on ",", on a joining word ("và",
    "của"), or on a place word after a comma ("…, tỉnh"; "các xã" ends a name)."""
    header = lexicon().header
    places = alternation(header.continuation_starts)
    joins = alternation(header.open_ends)
    return regex.compile(rf"(?:,|,\s*(?:{places})|\s(?:{joins}))$", regex.IGNORECASE)


MAX_WRAPPED_TAIL_WORDS = 4
"""Most words of a line that ends a Kính gửi entry cut inside a name ("tỉnh Lâm" / "Đồng.")."""


def _recipient_wraps(text: str, following: str) -> bool:
    """Whether the Kính gửi entry ``text`` goes on in the line ``following``."""
    if _recipient_wrap_re().search(text.rstrip()):
        return True
    # An entry that stops on a letter, then a short line that ends as entries end.
    return (
        text.rstrip()[-1:].isalpha()
        and following.rstrip().endswith((".", ";", ","))
        and len(following.split()) <= MAX_WRAPPED_TAIL_WORDS
    )


def _read_kinh_gui(layout: _Draft, lines: list[Line], i: int) -> int:
    if i >= len(lines) or not (kg := KINH_GUI_RE.match(lines[i].text)):
        return i
    rest = sub_line(lines[i], kg.end())
    if rest is not None and (run_on := _RUN_ON_BODY_RE.search(rest.text)) is not None:
        # "Kính gửi: Tổng công ty Khí Việt Nam (PV GAS) Phúc đáp Công văn số 615/…": a
        # flattened copy runs the body's first sentence into the line.
        rest = sub_line(rest, 0, run_on.start())
    items: list[Line] = [rest] if rest else []
    i += 1
    while i < len(lines):
        ln = lines[i]
        t = ln.text
        if (
            items
            and _recipient_wraps(items[-1].text, t)
            and not BULLET_RE.match(t)
            and len(t) < 200
            and not BODY_START_RE.match(t)
        ):
            items[-1] = join_lines([items[-1], ln])  # "… tỉnh Lâm Đồng, tỉnh" / "Bình Thuận."
        elif BULLET_RE.match(t) and (not items or len(t) < 300):
            items.append(ln)
        elif (
            (not items or items[-1].text.endswith(";"))
            and len(t) < 200
            and not BODY_START_RE.match(t)
        ):
            items.append(ln)  # recipients on the next lines, without bullets
        else:
            break
        i += 1
        if items and not BULLET_RE.match(items[-1].text) and items[-1].text.endswith("."):
            break
    layout.kinh_gui = items
    return i


def _signature_start(lines: list[Line], begin: int, end: int | None = None) -> Spot | None:
    return find_signature([ln.text for ln in lines], begin, end)


def _first_signed(lines: list[Line], begin: int, end: int | None = None) -> Spot | None:
    """The first block with a name, else the first block (a nameless example in the body,
    "TM. / ỦY BAN NHÂN DÂN … CHỦ TỊCH", loses to the signed block after it)."""
    first = spot = _signature_start(lines, begin, end)
    for _ in range(MAX_SIGNATURE_TRIES):
        if spot is None or _named(lines, spot):
            break
        spot = _signature_start(lines, spot.line + 1, end)
    return spot or first


def _signature_lines(lines: list[Line], spot: Spot) -> tuple[list[Line], int]:
    """The signature region from ``spot`` to the end of its last block, and the next index."""
    texts = [ln.text for ln in lines]
    last, end = signature_extent(texts, spot)
    out: list[Line | None] = list(lines[spot.line : last + 1])
    if end is not None:
        out[-1] = sub_line(lines[last], 0, end)
    first = out[0]
    if first is not None:
        stop = end if last == spot.line else None
        out[0] = sub_line(lines[spot.line], spot.offset, stop)
    return [ln for ln in out if ln is not None], last + 1


def _read_noi_nhan(lines: list[Line], i: int) -> tuple[list[Line], list[Line], int]:
    """Read the Nơi nhận entries from ``lines[i]``.

    Returns the entries, the signature lines met among them (a signature table
    flattened into paragraphs interleaves its two columns: "Nơi nhận:" /
    "TL. CHỦ TỊCH" / "- Như trên;" / "CHÁNH VĂN PHÒNG" / …), and the next index.
    """
    label = NOI_NHAN_RE.match(lines[i].text)
    first = sub_line(lines[i], label.end()) if label else None
    items: list[Line] = []
    signature: list[Line] = []
    if first:
        (signature if is_authority_line(first.text) else items).append(first)
    i += 1
    while i < len(lines):
        ln = lines[i]
        t = ln.text
        after_luu = bool(items) and _is_luu(items[-1].text.lstrip("-–—+•*· "))
        if after_luu and BULLET_RE.match(t) and (_mostly_upper(t) or len(t) > 200):
            break  # "- Lưu: VT." / "- XÃ HỘI …": an appendix title's piece, not an entry
        if BULLET_RE.match(t):
            # A PDF line can carry the signature column after the entry:
            # "- PCT. UBND tỉnh (Đ/c Phúc); PHÓ CHÁNH VĂN PHÒNG".
            m = _TRAILING_TITLE_RE.search(t)
            entry = sub_line(ln, 0, m.start(1)) if m and _mostly_upper(m.group(1)) else None
            title = sub_line(ln, m.start(1), m.end(1)) if m and entry else None
            if entry is not None and title is not None:
                items.append(entry)
                signature.append(title)
            else:
                items.append(ln)
        elif items and _entry_goes_on(items[-1].text, t, lines, i):
            items[-1] = join_lines([items[-1], ln])
        elif _is_luu(t) and len(t) < 120:
            items.append(ln)
        elif _first_entry(items, t, lines, i):
            items.append(ln)  # "Như trên;" with its dash left out, OCR's "7 Như" for "- Như"
        elif (is_authority_line(t) or _mostly_upper(t)) and _bullet_follows(lines, i):
            signature.append(ln)
        elif _side_note(items, t, lines, i):
            pass  # "Để đăng dự thảo": a note set beside two entries, the list goes on
        else:
            break
        i += 1
    return items, signature, i


MAX_SIDE_NOTE_WORDS = 8


def _side_note(items: list[Line], t: str, lines: list[Line], i: int) -> bool:
    """Whether ``t``, between two Nơi nhận entries, is a short note set beside them: the
    entry before it is closed (";"), the next line is an entry, and ``t`` is a few words
    with no end mark of its own."""
    return (
        bool(items)
        and items[-1].text.rstrip().endswith(";")
        and i + 1 < len(lines)
        and BULLET_RE.match(lines[i + 1].text) is not None
        and len(t.split()) <= MAX_SIDE_NOTE_WORDS
        and not t.rstrip().endswith((";", ".", ":"))
    )


_LUU_RE = anchored("luu")


def _is_luu(text: str) -> bool:
    """Whether ``text`` opens with "Lưu" (the Nơi nhận line of the copies kept)."""
    return _LUU_RE.match(text) is not None


_LUU_ENTRY_RE = regex.compile(rf"^(?:[-–—+•*·]\s*)?{fragment('luu')}\s*:")
MAX_UNLABELLED_ENTRIES = 15
"""Most entries read back from a "Lưu:" line whose "Nơi nhận:" heading was lost."""


def _unlabelled_distribution(lines: list[Line], begin: int, sig: int) -> int | None:
    """Where a Nơi nhận list starts whose heading was lost (OCR under a stamp).

    The list is recognised by its last entry, "- Lưu: VT, …", right above the signature
    block, and read back over the bullet entries before it that end as entries do, with
    ";" (or "," as OCR reads it), and are short; a body's last bullet ends with "." and
    stops it. None without at least one entry besides the Lưu line.
    """
    if sig - 1 < begin or not _LUU_ENTRY_RE.match(lines[sig - 1].text):
        return None
    first = sig - 1
    while first - 1 >= begin and sig - first < MAX_UNLABELLED_ENTRIES:
        t = lines[first - 1].text.rstrip()
        if not BULLET_RE.match(t) or len(t) > 120 or not t.endswith((";", ",")):
            break
        first -= 1
    return first if first < sig - 1 else None


def _entry_goes_on(entry: str, t: str, lines: list[Line], i: int) -> bool:
    """Whether line ``t`` continues the Nơi nhận entry before it.

    A lower-case or punctuation start, an open parenthesis ("- Văn phòng Chính phủ (Phòng
    Công báo;" / "Cổng thông tin điện tử …);"), or a piece that HTML spans cut off an entry
    with no end mark while the list goes on ("- Thủ tướng" / "Chính phủ" / ", các Phó …").
    """
    if t[:1].islower() or t[:1] in ",;)":
        return not entry.endswith((";", ".")) or t[:1] in ",;)"
    if entry.count("(") > entry.count(")"):
        return not is_authority_line(t)
    if entry.endswith((";", ".", ":")) or _is_luu(t) or is_authority_line(t):
        return False
    if _is_luu(entry.lstrip("-–—+•*· ")):
        return False
    if _mostly_upper(t) and (len(t.split()) > 2 or t in _titles()):
        return False  # the signature column's title, not an abbreviation ("- Bộ" / "NN&MT")
    return len(t) < 120 and _bullet_follows(lines, i)


@cache
def _titles() -> frozenset[str]:
    return frozenset(lexicon().signer.titles)


MAX_FIRST_ENTRY_CHARS = 80


def _first_entry(items: list[Line], t: str, lines: list[Line], i: int) -> bool:
    """Whether ``t``, right under "Nơi nhận:" and without its bullet, is the list's first
    entry: a short line in lower case whose next line is a bullet."""
    return (
        not items
        and len(t) <= MAX_FIRST_ENTRY_CHARS
        and not _mostly_upper(t)
        and i + 1 < len(lines)
        and BULLET_RE.match(lines[i + 1].text) is not None
    )


def _bullet_follows(lines: list[Line], i: int) -> bool:
    """Whether a Nơi nhận bullet comes within the next three lines."""
    return any(BULLET_RE.match(ln.text) for ln in lines[i + 1 : i + 4])


# An upper-case run of two words or more after an entry's ";" (see _read_noi_nhan).
_CAP = fragment("capital")
_TRAILING_TITLE_RE = regex.compile(
    rf";\s+((?:KT\.|TL\.|TM\.)?\s*{_CAP}{{2,}}(?:[ ,]{_CAP}{{2,}})+)\s*$"
)


def _read_tail(layout: _Draft, lines: list[Line], start: int) -> None:
    """Split the rest into body, Nơi nhận and signature."""
    nn = next((i for i in range(start, len(lines)) if NOI_NHAN_RE.match(lines[i].text)), None)
    sig = _first_signed(lines, start, nn)
    if sig is not None and nn is not None and _appendix_between(lines, sig, nn):
        # A signed block, then "PHỤ LỤC" and its forms: the Nơi nhận is a form's, and the
        # document (a portal copy) printed none of its own.
        nn = None
    if sig is None and nn is not None:
        sig = _signature_start(lines, nn)
    ends = [x for x in (nn, sig.line if sig else None) if x is not None]
    body_end = min(ends) if ends else len(lines)
    if nn is None and sig is not None and not sig.offset:
        unlabelled = _unlabelled_distribution(lines, start, sig.line)
        if unlabelled is not None:
            layout.distribution = lines[unlabelled : sig.line]
            body_end = unlabelled
    layout.body = lines[start:body_end]
    interleaved: list[Line] = []
    if nn is not None:
        layout.distribution, interleaved, after_nn = _read_noi_nhan(lines, nn)
        if interleaved:
            sig = Spot(after_nn)
        else:
            # The block right after the list (or inside its last line: "- Lưu: VT KT. …");
            # else one printed before "Nơi nhận:" (joint circulars); else any later one.
            near = _signature_start(lines, max(after_nn - 1, nn + 1), after_nn + 3)
            before = sig if sig is not None and sig.line < nn else None
            # A form's nameless block after a Phụ lục's Nơi nhận loses to a signed one.
            if near is not None and (
                before is None or _named(lines, near) or not _named(lines, before)
            ):
                sig = near
            elif before is None:
                sig = _signature_start(lines, after_nn)
        if sig is not None and sig.offset and sig.line < after_nn and layout.distribution:
            cut = lines[sig.line].text[sig.offset :]
            last = layout.distribution[-1]
            if last.text.endswith(cut):
                kept = sub_line(last, 0, len(last.text) - len(cut))
                layout.distribution[-1:] = [kept] if kept else []
    if interleaved:
        following, after_sig = (
            _signature_lines(lines, sig) if sig and sig.line < len(lines) else ([], len(lines))
        )
        layout.signature = interleaved + following
        if not _has_name([ln.text for ln in layout.signature]):
            _name_from_column(layout, lines, interleaved, after_nn)
    elif sig is not None:
        layout.signature, after_sig = _signature_lines(lines, sig)
        if nn is not None and not _has_name([ln.text for ln in layout.signature]):
            _name_from_column(layout, lines, layout.signature, after_sig)
    elif body_end < len(lines) or nn is not None:
        tail_from = after_nn if nn is not None else body_end
        layout.signature = lines[tail_from : tail_from + 6]


def _appendix_between(lines: list[Line], spot: Spot, stop: int) -> bool:
    """Whether a named block at ``spot`` is followed, before line ``stop``, by an appendix
    heading in capitals ("PHỤ LỤC", "MẪU SỐ 01": ``duties.appendix_headings``)."""
    heads = [h for h in lexicon().duties.appendix_headings if h.isupper()]
    for ln in lines[spot.line + 1 : stop]:
        t = ln.text
        if any(t.startswith(h) and not t[len(h) : len(h) + 1].isalpha() for h in heads):
            return _named(lines, spot)
    return False


def _named(lines: list[Line], spot: Spot) -> bool:
    """Whether the block at ``spot`` prints a name."""
    texts = [ln.text for ln in lines[spot.line : spot.line + 12]]
    return _has_name([texts[0][spot.offset :], *texts[1:]])


def _has_name(texts: list[str]) -> bool:
    return any(b.signer.name for b in read_blocks(texts))


def _name_from_column(layout: _Draft, lines: list[Line], block: list[Line], after: int) -> None:
    """Take the signer's name from the end of a Nơi nhận line, where a PDF printed it.

    "- Lưu: VT, TH(2). H Đỗ Ngọc Huỳnh": the name column shares the entry's line.
    """
    if layout.distribution:
        last = layout.distribution[-1]
        at = trailing_name(last.text)
        name = sub_line(last, at) if at is not None else None
        if at is not None and name is not None:
            layout.signature = [*block, name]
            kept = sub_line(last, 0, at)
            layout.distribution[-1:] = [kept] if kept else []
            return
    for ln in lines[after : after + 6]:
        if BULLET_RE.match(ln.text) or _is_luu(ln.text):
            at = trailing_name(ln.text)
            name = sub_line(ln, at) if at is not None else None
            if name is not None:
                layout.signature = [*block, name]
                return


def segment(text: str) -> Layout:
    """Find the Nghị định 30 regions of a normalised text."""
    frozen_lines = lines_of(text)
    lines = list(frozen_lines)
    layout = _Draft()
    end = _header_end(lines)
    # The V/v subject may sit in the header (left cell of the Số row): read it
    # first, then read the rest of the header around it.
    vv = next((k for k in range(end) if VV_RE.match(lines[k].text)), None)
    consumed: range = range(0)
    if vv is not None:
        consumed = range(vv, _read_title(layout, lines, vv))
    subject = {ln.text for ln in layout.subject_lines}
    _read_header(
        layout,
        [ln for k, ln in enumerate(lines[:end]) if k not in consumed or ln.text not in subject],
    )
    i = max(end, consumed.stop)
    if layout.type_heading is None and not layout.vv:
        i = _read_title(layout, lines, i)
    i = _read_kinh_gui(layout, lines, i)
    _read_tail(layout, lines, i)
    if layout.number is None and not layout.issuer_lines:
        _read_authentication(layout, lines)
    if layout.date is None:
        layout.date = _passage_date(text, layout.body)
    return layout.freeze(text, frozen_lines)


_AUTHENTICATION_RE = regex.compile(rf"^{fragment('authentication')}$")
_AUTHENTICATION_BEFORE = 4  # issuer, rule, "Số:" lines above the heading


def _read_authentication(layout: _Draft, lines: list[Line]) -> None:
    """A văn bản hợp nhất whose issuer, number and date stand in its closing block.

    "BỘ XÂY DỰNG" / "Số: 07/VBHN-BXD" / "XÁC THỰC VĂN BẢN HỢP NHẤT" / "Hà Nội, ngày …"
    / "KT. BỘ TRƯỞNG": the copy printed its header there, above the signature.
    """
    k = next(
        (k for k in range(len(lines) - 1, -1, -1) if _AUTHENTICATION_RE.match(lines[k].text)),
        None,
    )
    if k is None:
        return
    block = _Draft()
    _read_header(block, [*lines[max(0, k - _AUTHENTICATION_BEFORE) : k], *lines[k + 1 : k + 2]])
    if block.number is None:
        return
    layout.number = block.number
    layout.issuer_lines = block.issuer_lines[-2:]
    if layout.date is None:
        layout.date = block.date


# "Luật này được Quốc hội … khóa XV, kỳ họp thứ 10 thông qua ngày 10 tháng 12 năm 2025."
_PASSED_RE = regex.compile(fragment("passage"))
_PASSAGE_TAIL = 12  # the passage sentence closes the body


def _passage_date(text: str, body: list[Line]) -> DateLine | None:
    """A law's or a resolution's date when its header prints none: the day of passage."""
    for ln in reversed(body[-_PASSAGE_TAIL:]):
        m = _PASSED_RE.search(ln.text)
        if m is None:
            continue
        at = ln.start + m.end()
        found = find_date(text, at, min(len(text), at + 60))
        if found is None or found.start != at:
            return None
        return DateLine(text=ln.text, span=ln.span, place=None, date=found)
    return None
