"""From words with coordinates to the text of a cleanly typed document.

* words are grouped into lines by their vertical position, and lines sorted
  top to bottom, so that numbers stamped at signing (which signed PDFs keep at
  the end of the content stream) land back on their line;
* the Nghị định 30 header of page 1 is cut into its two columns at the left
  edge of the quốc hiệu: issuer lines, then quốc hiệu, then "Số: …" and the
  subject, then place and date, never interleaved on one line;
* the signature block ("Nơi nhận:" on the left, the signer on the right) is
  cut the same way;
* running headers, page numbers and the text of digital-signature stamps
  ("Ký bởi:", "Thời gian ký:"…) are dropped;
* wrapped lines of a justified paragraph are joined back into one line.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from statistics import median

import regex

from vanban.loaders.pdf_backends import Word
from vanban.text.anchors import anchored, fragment

__all__ = ["Line", "Page", "layout_pages", "make_lines"]

_QUOC_HIEU = anchored("frame_word")
_SO = anchored("so_label")
_KINH_GUI = anchored("kinh_gui")
_NOI_NHAN = anchored("noi_nhan")
_PAGE_NUMBER = regex.compile(
    rf"^(?:-\s*)?(?:{fragment('page_label')}\s*)?\d{{1,4}}(?:\s*/\s*\d{{1,4}})?(?:\s*-)?$"
)
# Text that a digital signature or its visible stamp adds to the page.
_STAMP = regex.compile(
    rf"^{fragment('signature_stamp')}"
    r"|^\d{1,2}[./]\d{1,2}[./]\d{4}\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[+-]\d{2}:?\d{2})?$"
    r"|^[\w.+-]+@[\w-]+(?:\.[\w-]+)+$",
    regex.IGNORECASE,
)
_LIST_START = regex.compile(
    rf"^(?:[-+•*–]|\d{{1,3}}[.)]|\p{{Ll}}[)]|[IVXLC]{{1,6}}[.)]|{fragment('article_label')})"
)
_CONTROL = regex.compile(r"[\x00\x01\x03-\x08\x0b-\x1f\uffff]")
# PDFium marks a hyphen that ends a line as U+0002 (or U+FFFE).
_SOFT_HYPHEN = regex.compile(r"[\x02\ufffe]")
# "NĐ-" at a line end, "CP" on the next: a code broken at its hyphen.
_CODE_HYPHEN = regex.compile(r"[\p{Lu}\d/]-$")


@dataclass(slots=True)
class Line:
    """Words on one visual line, left to right (complete before it is measured)."""

    words: list[Word] = field(default_factory=list)
    _box: tuple[float, float, float, float] | None = field(
        default=None, init=False, repr=False, compare=False
    )
    _text: str | None = field(default=None, init=False, repr=False, compare=False)

    def _measure(self) -> tuple[float, float, float, float]:
        """top, bottom, x0, x1 in one pass over the words."""
        words = self.words
        first = words[0]
        top, bottom, x0, x1 = first.top, first.bottom, first.x0, first.x1
        for w in words:
            if w.top < top:
                top = w.top
            if w.bottom > bottom:
                bottom = w.bottom
            if w.x0 < x0:
                x0 = w.x0
            if w.x1 > x1:
                x1 = w.x1
        self._box = (top, bottom, x0, x1)
        return self._box

    @property
    def top(self) -> float:
        return (self._box or self._measure())[0]

    @property
    def bottom(self) -> float:
        return (self._box or self._measure())[1]

    @property
    def x0(self) -> float:
        return (self._box or self._measure())[2]

    @property
    def x1(self) -> float:
        return (self._box or self._measure())[3]

    @property
    def text(self) -> str:
        if self._text is None:
            self._text = " ".join([w.text for w in self.words])
        return self._text

    def split(self, boundary: float) -> tuple[Line, Line]:
        """The words left of ``boundary`` and those right of it."""
        left = Line([w for w in self.words if (w.x0 + w.x1) / 2 < boundary])
        right = Line([w for w in self.words if (w.x0 + w.x1) / 2 >= boundary])
        return left, right

    def crosses(self, boundary: float, gap: float) -> bool:
        """Whether a run of words closer than ``gap`` spans ``boundary``."""
        for a, b in zip(self.words, self.words[1:], strict=False):
            if a.x0 < boundary <= b.x1 and b.x0 - a.x1 < gap and a.x1 > boundary - gap:
                return True
        return any(w.x0 < boundary - 4 < boundary + 4 < w.x1 for w in self.words)


@dataclass(slots=True)
class Page:
    """One page's lines and size."""

    lines: list[Line]
    width: float
    height: float


def make_lines(words: Sequence[Word]) -> list[Line]:
    """Group words into lines (vertical overlap with the line's first word).

    Each word joins the line, among the last four started, whose first word
    it overlaps most (at least half the smaller height; ties to the older
    line), else starts a line. Words come sorted by their vertical middle.
    """
    clean = []
    for w in words:
        if not w.text.isprintable():
            text = _clean(w.text)
            if not text:
                continue
            w = Word(text, w.x0, w.x1, w.top, w.bottom)
        clean.append(w)
    clean.sort(key=_middle)
    groups: list[list[Word]] = []
    bands: list[tuple[float, float, float]] = []  # each line's first word: top, bottom, height
    for w in clean:
        wt, wb = w.top, w.bottom
        wh = wb - wt
        best, best_ratio = -1, 0.5
        n = len(bands)
        for i in range(n - 1, n - 5 if n > 4 else -1, -1):
            top, bottom, height = bands[i]
            overlap = (bottom if bottom < wb else wb) - (top if top > wt else wt)
            if overlap <= 0:
                continue
            smaller = height if height < wh else wh
            ratio = overlap / (smaller if smaller > 0.1 else 0.1)
            if ratio >= best_ratio:
                best, best_ratio = i, ratio
        if best >= 0:
            groups[best].append(w)
        else:
            bands.append((wt, wb, wh))
            groups.append([w])
    lines = []
    for group in groups:
        group.sort(key=_left)
        lines.append(Line(group))
    lines.sort(key=_top)
    return lines


def _middle(w: Word) -> float:
    return (w.top + w.bottom) / 2


def _left(w: Word) -> float:
    return w.x0


def _top(line: Line) -> float:
    return line.top


def _clean(text: str) -> str:
    return _SOFT_HYPHEN.sub("-", _CONTROL.sub("", text)).strip()


def layout_pages(pages: list[Page]) -> list[str]:
    """The text lines of the whole document, in reading order."""
    running = _running_lines(pages)
    out: list[str] = []
    open_end = False  # the previous page ended inside a paragraph
    for index, page in enumerate(pages):
        repeated = running if index else set()  # page 1 opens with the real header
        lines = [ln for ln in page.lines if not _drop(ln, page, repeated)]
        if not lines:
            continue
        gap = max(3 * median(ln.bottom - ln.top for ln in lines), 24.0)
        body_start = 0
        if index == 0:
            header, body_start = _header(lines, gap)
            out.extend(header)
        body, opens_inside, ends_inside = _body(lines[body_start:], gap)
        if open_end and opens_inside and out and body:
            out[-1] = _join(out[-1], body.pop(0))
        out.extend(body)
        open_end = ends_inside
    return out


def _drop(line: Line, page: Page, running: set[str]) -> bool:
    text = line.text
    if _STAMP.search(text):
        return True
    margin = line.bottom < page.height * 0.09 or line.top > page.height * 0.91
    if margin and _PAGE_NUMBER.match(text):
        return True
    return margin and _shape(text) in running


def _shape(text: str) -> str:
    return regex.sub(r"\d+", "#", text.lower())


def _running_lines(pages: list[Page]) -> set[str]:
    """Texts in the top or bottom margin that repeat on several pages."""
    if len(pages) < 3:
        return set()
    seen: Counter[str] = Counter()
    for page in pages[1:]:
        shapes = {
            _shape(ln.text)
            for ln in page.lines
            if ln.bottom < page.height * 0.09 or ln.top > page.height * 0.91
        }
        seen.update(shapes)
    return {s for s, n in seen.items() if n >= max(2, (len(pages) - 1) // 2)}


def _header(lines: list[Line], gap: float) -> tuple[list[str], int]:
    """Page 1's two-column header: its lines in cell order, and where the body starts."""
    anchor = next((ln for ln in lines[:8] for w in ln.words if _QUOC_HIEU.match(w.text)), None)
    if anchor is None:
        return [], 0
    word = next(w for w in anchor.words if _QUOC_HIEU.match(w.text))
    boundary = word.x0 - 1
    end = 0
    for i, line in enumerate(lines):
        if _KINH_GUI.match(line.text) or (line.top > anchor.top and line.crosses(boundary, gap)):
            break
        end = i + 1
    left: list[Line] = []
    right: list[Line] = []
    for line in lines[:end]:
        lpart, rpart = line.split(boundary)
        if lpart.words:
            left.append(lpart)
        if rpart.words:
            right.append(rpart)
    so = next((ln.top for ln in left if _SO.match(ln.text)), None)
    if so is None:
        row1 = [*left, *right]
        return [ln.text for ln in row1], end
    ordered = (
        [ln for ln in left if ln.top < so - 1]
        + [ln for ln in right if ln.top < so - 1]
        + [ln for ln in left if ln.top >= so - 1]
        + [ln for ln in right if ln.top >= so - 1]
    )
    return [ln.text for ln in ordered], end


def _body(lines: list[Line], gap: float) -> tuple[list[str], bool, bool]:
    """Body lines (signature block split into its columns, paragraphs joined),
    whether the first line continues a paragraph, whether the last one goes on."""
    start = next((i for i, ln in enumerate(lines) if _NOI_NHAN.match(ln.text)), None)
    tail: list[str] = []
    right_x: float | None = None
    if start is not None:
        noi = lines[start]
        far = [b for a, b in zip(noi.words, noi.words[1:], strict=False) if b.x0 - a.x1 >= gap]
        right_x = far[0].x0 if far else None
        if right_x is None:  # the signer's lines start lower: find where they start
            right_x = _right_column(lines[start:], gap)
    else:  # "Nơi nhận:" unreadable (a seal over it, an OCR miss): the columns still show
        start, right_x = _unlabelled_signature(lines, gap)
    if start is not None and right_x is not None:
        cut = right_x - 0.75 * gap  # signer lines are centred: some start further left
        end = next(
            (
                j
                for j in range(start + 1, len(lines))
                if lines[j].crosses(cut, gap) and _columns_apart(lines[j], cut, gap) is None
            ),
            len(lines),
        )
        left, right = [], []
        for line in lines[start:end]:
            apart = _columns_apart(line, cut, gap) if line.crosses(cut, gap) else None
            lpart, rpart = line.split(cut if apart is None else apart)
            left += [lpart.text] if lpart.words else []
            right += [rpart.text] if rpart.words else []
        tail = left + right + _join_paragraphs(lines[end:])
        lines = lines[:start]
    if not lines:
        return tail, False, False
    left_edge = min(ln.x0 for ln in lines)
    right_edge = max(ln.x1 for ln in lines)
    first, last = lines[0], lines[-1]
    opens = first.x0 <= left_edge + 8 and not _LIST_START.match(first.text)
    ends = not tail and last.x1 >= right_edge - 8 and len(lines) > 1
    return _join_paragraphs(lines) + tail, opens, ends


def _columns_apart(line: Line, cut: float, gap: float) -> float | None:
    """Where a closing-block line whose right part runs left across ``cut`` still parts
    into the two columns: a gap of ``gap`` or more after a left part that ends before
    ``cut``, with the words after it centred right of ``cut``.

    A signing title longer than the line above it ("TL. BỘ TRƯỞNG" over "CỤC TRƯỞNG CỤC
    BỔ TRỢ TƯ PHÁP") is centred under it, so it starts left of the column's first line
    while "- Như trên;" stands far to its left.
    """
    words = line.words
    for k in range(1, len(words)):
        a, b = words[k - 1], words[k]
        if b.x0 - a.x1 >= gap and a.x1 < cut and (b.x0 + words[-1].x1) / 2 >= cut:
            return (a.x1 + b.x0) / 2
    return None


def _unlabelled_signature(lines: list[Line], gap: float) -> tuple[int | None, float | None]:
    """Where a signature block without its "Nơi nhận:" label starts, and its right column.

    The first line whose left part is a list item ("- Như trên;") and whose right
    part, past a wide gap in the right half, is in capitals ("KT. GIÁM ĐỐC"), with
    no line below running across that gap: the two columns of Nghị định 30's
    closing block (Phụ lục I, item 9), read without the label that opens them.
    """
    if len(lines) < 2:
        return None, None
    middle = (min(ln.x0 for ln in lines) + max(ln.x1 for ln in lines)) / 2
    for i, line in enumerate(lines):
        words = line.words
        for k in range(1, len(words)):
            b = words[k]
            if b.x0 - words[k - 1].x1 < gap or b.x0 < middle - gap:
                continue
            left = " ".join(w.text for w in words[:k])
            letters = [c for w in words[k:] for c in w.text if c.isalpha()]
            if not _LIST_START.match(left) or len(letters) < 4:
                break
            if sum(c.isupper() for c in letters) < 0.8 * len(letters):
                break
            cut = b.x0 - 0.75 * gap
            if any(later.crosses(cut, gap) for later in lines[i + 1 :]):
                return None, None
            return i, b.x0
    return None, None


def _right_column(lines: list[Line], gap: float) -> float | None:
    """Where the right column starts: after a wide gap, or a line in the right half."""
    middle = (min(ln.x0 for ln in lines) + max(ln.x1 for ln in lines)) / 2
    starts = []
    for line in lines:
        if line.x0 >= middle - gap:
            starts.append(line.x0)
        pairs = zip(line.words, line.words[1:], strict=False)
        starts += [b.x0 for a, b in pairs if b.x0 - a.x1 >= gap and b.x0 >= middle - 2 * gap]
    return min(starts) if starts else None


def _join(line: str, more: str) -> str:
    """Two pieces of one paragraph; a code cut at its hyphen is glued back."""
    return line + more if _CODE_HYPHEN.search(line) else line + " " + more


def _join_paragraphs(lines: list[Line]) -> list[str]:
    """Join the wrapped lines of justified paragraphs."""
    if not lines:
        return []
    right_edge = max(ln.x1 for ln in lines)
    left_edge = min(ln.x0 for ln in lines)
    out: list[str] = []
    prev: Line | None = None
    for line in lines:
        text = line.text
        size = line.bottom - line.top
        wrapped = (
            prev is not None
            and out
            and prev.x1 >= right_edge - max(size, 8)
            and line.x0 <= left_edge + max(size, 8)
            and not _LIST_START.match(text)
            and line.top - prev.bottom < 2.5 * size
        )
        if wrapped:
            out[-1] = _join(out[-1], text)
        else:
            out.append(text)
        prev = line
    return out
