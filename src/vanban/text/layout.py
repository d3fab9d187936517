"""The typed regions and anchors that segmentation finds, with their offsets.

Every value here carries ``start``/``end`` (or a ``span``) into the normalised
text that :func:`vanban.text.segment.segment` was given, the text a
:class:`~vanban.models.Document` ships as ``Document.text``. A piece's ``text`` equals
``text[start:end]`` after :func:`collapse` (runs of whitespace, line breaks
included, read as one space), except where noted.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from vanban.extract.dates import DateMatch

__all__ = [
    "DateLine",
    "Line",
    "NumberLine",
    "Region",
    "Span",
    "Spanned",
    "collapse",
    "find_in",
    "join_lines",
    "lines_of",
    "match_collapsed",
    "sub_line",
    "trim_span",
]

Span = tuple[int, int]


def collapse(text: str) -> str:
    """``text`` with every run of whitespace (line breaks too) read as one space, stripped.

    >>> collapse(" Số:  2680\\n/UBND ")
    'Số: 2680 /UBND'
    """
    return " ".join(text.split())


@dataclass(frozen=True, slots=True)
class Line:
    """A non-empty line of the normalised text, a piece of one, or lines joined.

    ``text`` is the stripped line (or piece); ``start``/``end`` its offsets, so that
    ``collapse(full[start:end]) == collapse(text)``.
    """

    text: str
    start: int
    end: int
    para: bool = False  # a blank line came before it

    @property
    def span(self) -> Span:
        return (self.start, self.end)


def sub_line(line: Line, start: int, end: int | None = None) -> Line | None:
    """The piece ``line.text[start:end]``, stripped, with its offsets (``None`` when empty).

    >>> sub_line(Line("Kính gửi: Sở Nội vụ", 10, 29), 9)
    Line(text='Sở Nội vụ', start=20, end=29, para=False)
    """
    piece = line.text[start:end]
    lead = len(piece) - len(piece.lstrip())
    body = piece.strip()
    if not body:
        return None
    at = line.start + start + lead
    return Line(body, at, at + len(body), line.para)


def join_lines(lines: Sequence[Line], sep: str = " ") -> Line:
    """``lines`` read as one piece: their texts joined, from the first start to the last end."""
    return Line(sep.join(ln.text for ln in lines), lines[0].start, lines[-1].end, lines[0].para)


def lines_of(text: str) -> tuple[Line, ...]:
    """The non-empty lines of ``text`` with their offsets.

    >>> [(ln.text, ln.start) for ln in lines_of("Số: 12\\n\\n  Kính gửi")]
    [('Số: 12', 0), ('Kính gửi', 10)]
    """
    out: list[Line] = []
    pos = 0
    para = False
    for raw in text.split("\n"):
        body = raw.strip()
        if body:
            start = pos + (len(raw) - len(raw.lstrip()))
            out.append(Line(body, start, start + len(body), para))
            para = False
        else:
            para = True
        pos += len(raw) + 1
    return tuple(out)


def match_collapsed(text: str, pos: int, value: str, endpos: int | None = None) -> int | None:
    """Where ``value`` ends if ``text`` holds it at ``pos`` (whitespace runs as one space).

    >>> match_collapsed("Sở Nội\\nvụ tỉnh", 0, "Sở Nội vụ")
    9
    """
    end = len(text) if endpos is None else endpos
    i = pos
    for k, token in enumerate(value.split()):
        if k:
            j = i
            while j < end and text[j].isspace():
                j += 1
            if j == i:
                return None
            i = j
        if not text.startswith(token, i, end):
            return None
        i += len(token)
    return i


@dataclass(frozen=True, slots=True)
class Spanned:
    """A text value and the span of the normalised text it was read from."""

    text: str
    span: Span


@dataclass(frozen=True, slots=True)
class Region:
    """Consecutive lines (or pieces of lines) that make up one part of the layout."""

    lines: tuple[Line, ...] = ()

    @property
    def span(self) -> Span | None:
        """From the first line's start to the last line's end (``None`` when empty)."""
        return (self.lines[0].start, self.lines[-1].end) if self.lines else None

    @property
    def texts(self) -> list[str]:
        return [ln.text for ln in self.lines]

    def __bool__(self) -> bool:
        return bool(self.lines)

    def __len__(self) -> int:
        return len(self.lines)

    def __iter__(self) -> Iterator[Line]:
        return iter(self.lines)


@dataclass(frozen=True, slots=True)
class NumberLine:
    """The "Số:" anchor: the number as printed after the label, and where."""

    text: str
    span: Span
    label: str | None = None  # "Luật" in "Luật số: 26/2023/QH15"


@dataclass(frozen=True, slots=True)
class DateLine:
    """The "<place>, ngày … tháng … năm …" anchor, parsed.

    ``date`` holds offsets into the normalised text (not into the line).
    """

    text: str
    span: Span
    place: Spanned | None
    date: DateMatch | None


def find_in(line: Line, value: str, pos: int = 0) -> Span | None:
    """The span of ``value`` in ``line`` at or after ``pos`` (an offset in ``line.text``).

    ``line`` must be a whole line (its text is the normalised text's slice); the
    value may differ from the printed text in its whitespace only.

    >>> find_in(Line("Giao Sở Nội vụ  chủ trì", 40, 63), "Sở Nội vụ chủ trì")
    (45, 63)
    """
    text = line.text
    at = text.find(value, pos)
    if at >= 0:
        return (line.start + at, line.start + at + len(value))
    tokens = value.split()
    if not tokens:
        return None
    at = text.find(tokens[0], pos)
    while at >= 0:
        end = match_collapsed(text, at, value)
        if end is not None:
            return (line.start + at, line.start + end)
        at = text.find(tokens[0], at + 1)
    return None


def trim_span(text: str, span: Span, chars: str) -> Span:
    """``span`` without leading and trailing whitespace and ``chars``.

    >>> trim_span("V/v họp.;  \\n", (4, 12), ".;")
    (4, 7)
    """
    start, end = span
    while start < end and (text[start] in chars or text[start].isspace()):
        start += 1
    while end > start and (text[end - 1] in chars or text[end - 1].isspace()):
        end -= 1
    return start, end
