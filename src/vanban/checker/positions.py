"""Where an offset of the normalised text stands in the input as given.

Normalisation changes offsets (NFC, legacy encodings, collapsed spaces, Markdown
marks dropped, page numbers and web chrome removed, a flattened header split
back into lines), so offsets are not mapped arithmetically. Instead the text at
the offset (a snippet of up to 40 non-space characters) is searched for in the
loader's own lines, the input's lines:

* text and Markdown: the file's lines;
* DOCX (and DOC, RTF, HTML): the paragraphs in reading order, one per line, as
  the loader reads them (empty paragraphs are not counted, table cells are);
* PDF: each page's lines, so a position is a page, a line and a column.

The snippet is matched with whitespace and Markdown marks (``*``, ``_``, `````,
``\\``) allowed between its characters; of several hits, the one whose relative
position in the input is nearest the offset's relative position in the text wins.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

import regex

__all__ = ["InputLine", "Locator", "Position"]

_SNIPPET = 40
_GAP = r"[\s*_`\\#>|]*"


@dataclass(frozen=True, slots=True)
class InputLine:
    """One line of the input: its page (PDF only), its 1-based number and its text."""

    page: int | None
    number: int
    text: str


@dataclass(frozen=True, slots=True)
class Position:
    """A place in the input: 1-based line and column, and the page for PDF."""

    line: int
    column: int
    page: int | None = None


class Locator:
    """Maps offsets of a normalised text back to the input's lines."""

    def __init__(self, text: str, lines: Sequence[InputLine]) -> None:
        self._text = text
        self._lines = [
            InputLine(ln.page, ln.number, unicodedata.normalize("NFC", ln.text)) for ln in lines
        ]
        self._total = max(1, len(self._lines))

    @classmethod
    def of_text(cls, text: str, raw: str, page: int | None = None) -> Locator:
        """A locator over ``raw`` split into lines (numbered from 1)."""
        return cls(text, [InputLine(page, i + 1, t) for i, t in enumerate(raw.split("\n"))])

    def locate(self, offset: int) -> Position | None:
        """The input position of ``offset`` in the normalised text, or ``None``."""
        text = self._text
        if not self._lines or not 0 <= offset <= len(text):
            return None
        end = text.find("\n", offset)
        end = len(text) if end < 0 else end
        snippet = "".join(text[offset:end].split())[:_SNIPPET]
        want = offset / max(1, len(text)) * self._total
        for size in (_SNIPPET, 16, 8, 4):
            if not snippet:
                break
            hit = self._search(snippet[:size], want)
            if hit is not None:
                return hit
        return self._line_start(offset, want)

    def _search(self, snippet: str, want: float) -> Position | None:
        pattern = regex.compile(_GAP.join(regex.escape(c) for c in snippet))
        best: tuple[float, Position] | None = None
        for index, ln in enumerate(self._lines):
            m = pattern.search(ln.text)
            if m is None:
                continue
            distance = abs(index - want)
            if best is None or distance < best[0]:
                best = (distance, Position(ln.number, _column(ln.text, m.start()), ln.page))
        return best[1] if best else None

    def _line_start(self, offset: int, want: float) -> Position | None:
        """The start of the offset's line when the text at the offset is not found."""
        start = self._text.rfind("\n", 0, offset) + 1
        if start < offset:
            pos = self.locate(start)
            if pos is not None:
                return pos
        index = min(len(self._lines) - 1, max(0, round(want)))
        ln = self._lines[index]
        return Position(ln.number, 1, ln.page)


def _column(line: str, index: int) -> int:
    """The 1-based column of ``line[index]`` (tabs count as one character)."""
    return index + 1
