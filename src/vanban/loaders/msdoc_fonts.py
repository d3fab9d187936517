"""Legacy-font text in a .doc (TCVN3 ``.VnTime``, VNI ``VNI-Times``) to Unicode.

Such text is stored as the 8-bit codes the font draws, so it must be read
with the font in hand, run by run, as the DOCX loader does:

* :func:`convert_runs` reads the main text piece by piece, cut where the
  character or paragraph properties change (:mod:`vanban.loaders.msdoc_props`),
  and converts each stretch whose font is a legacy font (``…H`` fonts such as
  ``.VnTimeH`` draw capitals); it also drops deleted and hidden runs;
* :func:`convert_lines` is the fallback when those properties cannot be read:
  each line made only of Windows-1252 characters is read each legacy way the
  font table allows and kept in the reading that scores best as Vietnamese.
"""

from __future__ import annotations

import codecs

import regex

from vanban.loaders.encodings import from_tcvn3, from_vni, legacy_font_encoding, vietnamese_score
from vanban.loaders.msdoc_pieces import CP1252_TABLE, Piece
from vanban.loaders.msdoc_props import FontRuns

__all__ = ["convert_lines", "convert_runs", "legacy_fonts"]

# Text a legacy font could have produced: nothing beyond Windows-1252.
_EIGHT_BIT = regex.compile(
    r"[\x00-\xff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192"
    r"\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030"
    r"\u2039\u203a\u20ac\u2122]*"
)


def legacy_fonts(names: list[str]) -> dict[int, str]:
    """Font index -> "tcvn3", "tcvn3-upper" or "vni", for the legacy fonts in the table.

    >>> legacy_fonts(["Times New Roman", ".VnTime", ".VnTimeH", "VNI-Times"])
    {1: 'tcvn3', 2: 'tcvn3-upper', 3: 'vni'}
    """
    return {i: enc for i, name in enumerate(names) if (enc := legacy_font_encoding(name))}


def _convert(text: str, encoding: str) -> str:
    if encoding == "vni":
        return from_vni(text)
    return from_tcvn3(text, upper=encoding == "tcvn3-upper")


def convert_runs(
    word: bytes,
    pieces: list[Piece],
    end: int,
    runs: FontRuns,
    fonts: dict[int, str],
    labels: dict[int, str] | None = None,
) -> tuple[str, int]:
    """The raw main text (CPs below ``end``) with legacy-font runs converted.

    Deleted and hidden runs are dropped; ``labels`` (list numbers by the CP
    where their paragraph starts, always the start of a run here) are put in.
    Returns the text and the number of runs converted.
    """
    labels = labels or {}
    parts: list[str] = []
    converted = 0
    for piece in pieces:
        if piece.cp_start >= end:
            break
        width = 1 if piece.compressed else 2
        lo = piece.offset
        hi = lo + (min(piece.cp_end, end) - piece.cp_start) * width
        cuts = [c for c in runs.boundaries(lo, hi) if (c - lo) % width == 0]
        for a, b in zip([lo, *cuts], [*cuts, hi], strict=True):
            if labels and (label := labels.get(piece.cp_start + (a - lo) // width)):
                parts.append(label + " ")
            if runs.hidden_at(a):
                continue
            chunk = word[a:b]
            if piece.compressed:
                text = codecs.charmap_decode(chunk, "strict", CP1252_TABLE)[0]
            else:
                text = chunk.decode("utf-16-le", errors="replace")
            encoding = fonts.get(runs.font_at(a))
            if encoding and not text.isascii() and _EIGHT_BIT.fullmatch(text):
                text = _convert(text, encoding)
                converted += 1
            elif encoding == "tcvn3-upper" and text.isascii():
                text = text.upper()  # the font draws every letter as a capital
            parts.append(text)
    return "".join(parts), converted


def convert_lines(text: str, fonts: dict[int, str]) -> tuple[str, int]:
    """Each 8-bit line read as TCVN3/VNI when that reads better as Vietnamese.

    Returns the text and the number of lines converted.
    """
    encodings = {"vni" if e == "vni" else "tcvn3" for e in fonts.values()}
    out: list[str] = []
    converted = 0
    for line in text.split("\n"):
        best = line
        if not line.isascii() and _EIGHT_BIT.fullmatch(line):
            score = vietnamese_score(line)
            for encoding in sorted(encodings):
                candidate = _convert(line, encoding)
                if (s := vietnamese_score(candidate)) > score:
                    best, score = candidate, s
        converted += best is not line
        out.append(best)
    return "\n".join(out), converted
