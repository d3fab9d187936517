"""Segmentation into the regions of Nghị định 30/2020 (Phụ lục I, Mục IV).

Works on normalised text (one paragraph per line). The regions are found by
their anchors: the Quốc hiệu, "Số:", "<place>, ngày … tháng … năm …", the type
heading or "V/v", "Kính gửi:", "Nơi nhận:", and the signature's authority
chain. Portal copies that flatten the two-column header onto a few lines are
first split back at those anchors (:func:`unflatten_header`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

import regex

from vanban.extract.doctypes import type_name_words
from vanban.text.lexicon import alternation, lexicon

__all__ = ["Layout", "Line", "segment", "unflatten_header"]

HEAD_CHARS = 4000

# Misspelt copies occur ("CỘNG HOÀ XÃ HỘI CHỦ NCHĨA"): the first words are enough.
MOTTO_RE = regex.compile(r"C[ỘOÔ]NG\s+H[ÒOÀ][AÀ]?\s+X[ÃA]\s+H[ỘO]I\s+CH[ỦU]\s", regex.IGNORECASE)
MOTTO2_RE = regex.compile(r"Độc\s+lập\s*[-–—]\s*Tự\s+do\s*[-–—]\s*Hạnh\s+phúc", regex.IGNORECASE)
PARTY_RE = regex.compile(r"ĐẢNG\s+CỘNG\s+SẢN\s+VIỆT\s+NAM")
RULE_RE = regex.compile(r"(?:[-–—_=*~.·]\s*){3,}|(?<!\w)\*(?!\w)")
NUMBER_LABEL_RE = regex.compile(
    r"(?<![\w])(?:(?P<label>Luật|Lệnh|Pháp lệnh|Nghị quyết|Bộ luật)\s+)?"
    # Party numbers print no colon: "Số 03-HD/BTGDVTU" (capital S only: "số 12/…"
    # inside a wrapped trích yếu is a citation).
    r"(?:[Ss]ố\s*[:.]\s*|Số\s+(?=[\d…./]))"
)
# "<place>, ngày … năm …": the place is the text before the comma on that line.
# The pattern starts at the comma (a literal), so a search does not try every
# position with a 60-character lazy scan.
HEADER_DATE_RE = regex.compile(
    r"(?<=(?P<place>[^\n,]{2,60}))\s*,\s*(?P<date>ngày\b[^\n]{0,40}?năm\s*(?:\d{4}|[.…_ ]+))",
    regex.IGNORECASE,
)
VV_RE = regex.compile(r"^(?:V/v|V/V|v/v|Về việc|V\.v)\b[:.]?\s*")
KINH_GUI_RE = regex.compile(r"^Kính\s+gửi\s*:?\s*", regex.IGNORECASE)
NOI_NHAN_RE = regex.compile(r"^Nơi\s+nhận\s*(?::\s*|$)", regex.IGNORECASE)
BULLET_RE = regex.compile(r"^[-–—+•*·]\s*")
BODY_START_RE = regex.compile(
    r"^(?:Căn\s+cứ|Thực\s+hiện|Theo\s+đề\s+nghị|Xét\s+đề\s+nghị|Xét\b|Điều\s+1\b|Chương\s+I\b|"
    r"Phần\s+(?:I|thứ\s+nhất)\b|Nhằm\b|Để\b|Ngày\s+\d|Trong\s|Qua\s|Hiện\s+nay|Tiếp\s+theo|"
    r"Trên\s+cơ\s+sở|Thời\s+gian\s+qua|Sau\s+khi|"
    r"(?:[IVX]{1,4}|\d{1,2})\.\s+[A-ZĐÀ-Ỹ])"  # "1. Công tác …", "I. NỘI DUNG …"
)
# Anchors at which a flattened header is split back into lines.
_SPLIT_BEFORE_RE = regex.compile(
    r"(?<=\S)[ ]+(?=(?:Số\s*:|V/v\b|Kính\s+gửi\s*:|"
    r"C[ỘOÔ]NG\s+H[ÒOÀ][AÀ]?\s+X[ÃA]\s+H[ỘO]I|Độc\s+lập\s*[-–—]))"
)


@dataclass(frozen=True, slots=True)
class Line:
    """One non-empty line of the normalised text."""

    text: str
    start: int
    para: bool = False  # a blank line came before it


@dataclass(slots=True)
class Layout:
    """The regions of one document."""

    text: str
    lines: list[Line]
    motto: bool = False
    party: bool = False
    issuer_lines: list[str] = field(default_factory=list)
    number_text: str | None = None
    number_label: str | None = None  # "Luật" in "Luật số: 26/2023/QH15"
    date_line: str | None = None
    marks: list[str] = field(default_factory=list)
    type_heading: str | None = None
    subject_lines: list[str] = field(default_factory=list)
    vv: bool = False
    kinh_gui: list[str] = field(default_factory=list)
    body: list[Line] = field(default_factory=list)
    distribution: list[str] = field(default_factory=list)
    signature: list[str] = field(default_factory=list)

    @property
    def is_document(self) -> bool:
        """Whether the text has the frame of an administrative document."""
        anchors = (
            self.motto or self.party,
            self.number_text is not None,
            self.date_line is not None,
            bool(self.kinh_gui),
            bool(self.distribution),
            self.vv,
            self.type_heading is not None and bool(self.subject_lines),
            bool(self.signature) and any(is_authority_line(x) for x in self.signature[:3]),
            bool(self.body) and self.body[0].text.startswith("Căn cứ"),
        )
        return sum(anchors) >= 2


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
    head = regex.sub(r"(?m)^((?:Số\s*:?\s*)?\S+/\S+)[ ]+(?=[^\n,]{2,40},\s*ngày\b)", r"\1\n", head)
    head = regex.sub(r"\n{3,}", "\n\n", "\n".join(ln.strip() for ln in head.split("\n")))
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


def _lines(text: str) -> list[Line]:
    out: list[Line] = []
    pos = 0
    para = False
    for raw in text.split("\n"):
        if raw.strip():
            out.append(Line(raw.strip(), pos + (len(raw) - len(raw.lstrip())), para))
            para = False
        else:
            para = True
        pos += len(raw) + 1
    return out


@cache
def _authority_re() -> regex.Pattern[str]:
    prefixes = alternation(lexicon().signer.authority_prefixes)
    return regex.compile(rf"^(?:{prefixes})(?:\s*(?=[A-ZĐÀ-Ỹ])|$)")


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
        if KINH_GUI_RE.match(t) or BODY_START_RE.match(t):
            return i if seen_anchor else 0
        if seen_anchor and (_is_type_heading(t) or len(t) > 160):
            return i
        if not seen_anchor and i >= 12:
            return 0
    return min(len(lines), 60) if seen_anchor else 0


def _read_header(layout: Layout, lines: list[Line]) -> None:
    marks = lexicon().marks
    stamp_words = set(marks.urgency) | set(marks.secrecy)
    pending_number = False
    pieces: list[str] = []
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
            if _NUMBER_PIECE_RE.match(t) and len(pieces) < 8:
                pieces.append(t)
                layout.number_text = "".join(pieces)
                continue
            pending_number = False
            if not pieces and ("/" in t or "-" in t):
                layout.number_text = t.split(" ")[0]
                continue
        if MOTTO2_RE.search(t) or not any(c.isalnum() for c in t):
            continue
        m = NUMBER_LABEL_RE.match(t)
        if m and layout.number_text is None:
            rest = t[m.end() :].strip()
            layout.number_text = rest
            layout.number_label = m.group("label")
            pending_number = not rest
            continue
        if HEADER_DATE_RE.search(t) and layout.date_line is None:
            layout.date_line = t
            continue
        if t.upper() in stamp_words:
            layout.marks.append(t.upper())
            continue
        if _mostly_upper(t) and len(layout.issuer_lines) < 4 and not t.startswith("V/"):
            layout.issuer_lines.append(t)


def _read_title(layout: Layout, lines: list[Line], i: int) -> int:
    """Read the type heading / V/v subject from ``lines[i]``; return the next index."""
    if i >= len(lines):
        return i
    t = lines[i].text
    if VV_RE.match(t):
        layout.vv = True
        first = VV_RE.sub("", t, count=1)
        layout.subject_lines = [first] if first else []
        return _read_subject(layout, lines, i + 1, stop_at_para=True)
    if _is_type_heading(t):
        words = t.split()
        n = type_name_words(words)
        layout.type_heading = " ".join(words[:n])
        rest = " ".join(words[n:])
        if rest:  # a flattened "CHỈ THỊ VỀ CÔNG TÁC … Ngày 24 tháng 6 …"
            upper = regex.match(r"^\P{Ll}*(?=\s+\S*\p{Ll}|$)", rest)
            subject = (upper.group(0) if upper else rest).strip()
            layout.subject_lines = [subject] if subject else []
            if (
                _OLD_LAW_RE.search(subject)
                and i + 1 < len(lines)
                and MOTTO_RE.match(lines[i + 1].text)
            ):
                # "LUẬT SỐ 13/2003/QH11 CỦA QUỐC HỘI NƯỚC" / "CỘNG HÒA XÃ HỘI CHỦ NGHĨA
                # VIỆT NAM VỀ ĐẤT ĐAI": the heading of a law before 2008 names the state.
                layout.subject_lines.append(lines[i + 1].text)
                return i + 2
            return i + 1
        return _read_subject(layout, lines, i + 1, stop_at_para=False)
    return i


def _read_subject(layout: Layout, lines: list[Line], i: int, *, stop_at_para: bool) -> int:
    while i < len(lines) and len(layout.subject_lines) < 5:
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
            or len(t) > (250 if layout.subject_lines else 600)
            or (stop_at_para and ln.para and layout.subject_lines)
            or (not stop_at_para and layout.subject_lines and t.endswith(":"))
        ):
            break
        if layout.subject_lines and not stop_at_para and _ends_subject(layout.subject_lines[-1], t):
            break
        layout.subject_lines.append(t)
        i += 1
    return i


def _continues(lines: list[Line], i: int) -> bool:
    """Whether ``lines[i]`` continues a wrapped V/v subject (it starts in lower case)."""
    return i < len(lines) and lines[i].text[:1].islower()


_OLD_LAW_RE = regex.compile(r"\bCỦA\s+QUỐC\s+HỘI\s+NƯỚC$")
_NUMBER_PIECE_RE = regex.compile(r"^[\w./\-–…]{1,24}$")
_OPEN_END_RE = regex.compile(r"(?:\b(?:VÀ|CỦA|VỀ|CHO|TẠI|TRONG|và|của|về|cho|tại|trong)|[,\-–])$")


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
    if _OPEN_END_RE.search(prev):
        return False
    if _mostly_upper(line):
        return not _mostly_upper(prev) or (
            len(line.split()) <= 8 and bool(_enacting_re().match(line))
        )
    return line[:1].isupper() and (_mostly_upper(prev) or prev.endswith((".", ";")))


def _read_kinh_gui(layout: Layout, lines: list[Line], i: int) -> int:
    if i >= len(lines) or not KINH_GUI_RE.match(lines[i].text):
        return i
    rest = KINH_GUI_RE.sub("", lines[i].text, count=1)
    items: list[str] = [rest] if rest else []
    i += 1
    while i < len(lines):
        t = lines[i].text
        if BULLET_RE.match(t) and (not items or len(t) < 300):
            items.append(t)
        elif (not items or items[-1].endswith(";")) and len(t) < 200 and not BODY_START_RE.match(t):
            items.append(t)  # recipients on the next lines, without bullets
        else:
            break
        i += 1
        if items and not BULLET_RE.match(items[-1]) and items[-1].endswith("."):
            break
    layout.kinh_gui = items
    return i


def _signature_start(lines: list[Line], begin: int) -> int | None:
    for i in range(begin, len(lines)):
        if is_authority_line(lines[i].text):
            return i
    return None


def _read_noi_nhan(lines: list[Line], i: int) -> tuple[list[str], list[str], int]:
    """Read the Nơi nhận entries from ``lines[i]``.

    Returns the entries, the signature lines met among them (a signature table
    flattened into paragraphs interleaves its two columns: "Nơi nhận:" /
    "TL. CHỦ TỊCH" / "- Như trên;" / "CHÁNH VĂN PHÒNG" / …), and the next index.
    """
    first = NOI_NHAN_RE.sub("", lines[i].text, count=1)
    items: list[str] = []
    signature: list[str] = []
    if first:
        (signature if is_authority_line(first) else items).append(first)
    i += 1
    while i < len(lines):
        t = lines[i].text
        if BULLET_RE.match(t):
            # A PDF line can carry the signature column after the entry:
            # "- PCT. UBND tỉnh (Đ/c Phúc); PHÓ CHÁNH VĂN PHÒNG".
            m = _TRAILING_TITLE_RE.search(t)
            if m and _mostly_upper(m.group(1)):
                items.append(t[: m.start(1)].rstrip())
                signature.append(m.group(1))
            else:
                items.append(t)
        elif items and not items[-1].rstrip().endswith((";", ".")) and t[:1].islower():
            items[-1] = items[-1] + " " + t
        elif t.startswith("Lưu") and len(t) < 120:
            items.append(t)
        elif (is_authority_line(t) or _mostly_upper(t)) and _bullet_follows(lines, i):
            signature.append(t)
        else:
            break
        i += 1
    return items, signature, i


def _bullet_follows(lines: list[Line], i: int) -> bool:
    """Whether a Nơi nhận bullet comes within the next three lines."""
    return any(BULLET_RE.match(ln.text) for ln in lines[i + 1 : i + 4])


# An upper-case run of two words or more after an entry's ";" (see _read_noi_nhan).
_TRAILING_TITLE_RE = regex.compile(
    r";\s+((?:KT\.|TL\.|TM\.)?\s*[A-ZĐÀ-Ỹ]{2,}(?:[ ,][A-ZĐÀ-Ỹ]{2,})+)\s*$"
)


def _read_tail(layout: Layout, lines: list[Line], start: int) -> None:
    """Split the rest into body, Nơi nhận and signature."""
    nn = next((i for i in range(start, len(lines)) if NOI_NHAN_RE.match(lines[i].text)), None)
    sig = _signature_start(lines, start)
    ends = [x for x in (nn, sig) if x is not None]
    body_end = min(ends) if ends else len(lines)
    layout.body = lines[start:body_end]
    interleaved: list[str] = []
    if nn is not None:
        layout.distribution, interleaved, after_nn = _read_noi_nhan(lines, nn)
        if interleaved:
            sig = after_nn
        elif sig is None or sig < nn:
            sig = _signature_start(lines, after_nn)
    if sig is not None:
        layout.signature = interleaved + [ln.text for ln in lines[sig : sig + 8]]
    elif body_end < len(lines) or nn is not None:
        tail_from = after_nn if nn is not None else body_end
        layout.signature = [ln.text for ln in lines[tail_from : tail_from + 6]]


def segment(text: str) -> Layout:
    """Find the Nghị định 30 regions of a normalised text."""
    lines = _lines(text)
    layout = Layout(text=text, lines=lines)
    end = _header_end(lines)
    # The V/v subject may sit in the header (left cell of the Số row): read it
    # first, then read the rest of the header around it.
    vv = next((k for k in range(end) if VV_RE.match(lines[k].text)), None)
    consumed: range = range(0)
    if vv is not None:
        consumed = range(vv, _read_title(layout, lines, vv))
    subject = set(layout.subject_lines)
    _read_header(
        layout,
        [ln for k, ln in enumerate(lines[:end]) if k not in consumed or ln.text not in subject],
    )
    i = max(end, consumed.stop)
    if layout.type_heading is None and not layout.vv:
        i = _read_title(layout, lines, i)
    i = _read_kinh_gui(layout, lines, i)
    _read_tail(layout, lines, i)
    return layout
