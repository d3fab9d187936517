"""Is a PDF text layer worth keeping? The tests behind ``text.damaged_layer``.

A layer is damaged when

* legacy-font codes (.VnTime without a ToUnicode map) fill it and the TCVN3
  table does not turn them into Vietnamese;
* capitals went missing, leaving a wide gap and a lower-case tail ("Sở  ài
  chính");
* it has lost its diacritics: a scanner's English OCR layer over a
  Vietnamese scan ("Kinh gui", "S6:", "Uy ban nhdn ddn"). The shares that
  decide this are in ``data/text_layer.toml``.

:func:`damage` judges one page or a whole text; the PDF loader OCRs damaged
pages when Tesseract is there and reports them otherwise.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from statistics import median

import regex
from pydantic import BaseModel

from vanban.datafiles import load_data_model
from vanban.loaders.encodings import from_tcvn3, vietnamese_score
from vanban.loaders.pdf_layout import Page

__all__ = ["LayerRules", "damage", "is_tcvn3", "rules", "wide_gaps"]

# A capital lost from the text layer leaves two spaces and a lower-case tail:
# "Sở  ài chính", "Ủy ban nhân dân  ỉnh".
_LOST_CAPITAL = regex.compile(r"(?<=\p{L})  +\p{Ll}")
_WORD = regex.compile(r"\p{L}+")


class LayerRules(BaseModel):
    """``data/text_layer.toml``."""

    schema_version: int
    min_letters: int
    min_diacritic_share: float
    min_plain_syllable_share: float
    plain_syllables: frozenset[str]
    diacritic_letters: str
    tcvn3_mojibake_chars: str


@functools.cache
def rules() -> LayerRules:
    """The thresholds and word list of ``data/text_layer.toml``."""
    return load_data_model("text_layer.toml", LayerRules)


@functools.cache
def _marks() -> regex.Pattern[str]:
    """Letters with a Vietnamese mark (``diacritic_letters``), either case."""
    return regex.compile(f"[{regex.escape(rules().diacritic_letters)}]", regex.IGNORECASE)


@functools.cache
def _mojibake() -> regex.Pattern[str]:
    """What .VnTime codes look like without a ToUnicode map (``tcvn3_mojibake_chars``)."""
    return regex.compile(f"[{regex.escape(rules().tcvn3_mojibake_chars)}]")


def letters(text: str) -> int:
    """How many letters ``text`` has.

    >>> letters("Số: 12/UBND-VP")
    8
    """
    return sum(map(str.isalpha, text))


def is_tcvn3(text: str) -> bool:
    """Whether the text is TCVN3 mojibake that the TCVN3 table repairs."""
    count = letters(text)
    if count < rules().min_letters or len(_mojibake().findall(text)) <= count * 0.03:
        return False
    return vietnamese_score(from_tcvn3(text)) > vietnamese_score(text) + 5


def damage(text: str, pages: Sequence[Page]) -> str | None:
    """Why the layer of ``text`` (laid out from ``pages``) is damaged, or None.

    A TCVN3 layer that converts cleanly is not damaged (see :func:`is_tcvn3`).

    >>> damage("Kinh gui: Uy ban nhan dan tinh Lam Dong. " * 5, [])
    'the text has almost no Vietnamese diacritics (a bad OCR layer?)'
    >>> damage("Kính gửi: Ủy ban nhân dân tỉnh Lâm Đồng. " * 5, []) is None
    True
    >>> damage("The committee met on Monday and agreed the budget. " * 5, []) is None
    True
    """
    cfg = rules()
    count = letters(text)
    if count < cfg.min_letters:
        return None
    mojibake = len(_mojibake().findall(text))
    if mojibake > count * 0.03:
        if is_tcvn3(text):
            return None
        return "legacy-font characters (mojibake) fill the text layer"
    lost = len(_LOST_CAPITAL.findall(text)) + wide_gaps(pages)
    if lost >= 3 and lost * 100 > text.count(" "):
        return f"{lost} words lost their first letter (e.g. 'Sở  ài chính')"
    if len(_marks().findall(text)) < count * cfg.min_diacritic_share:
        words = [w.casefold() for w in _WORD.findall(text)]
        plain = sum(1 for w in words if w in cfg.plain_syllables)
        if words and plain >= len(words) * cfg.min_plain_syllable_share:
            return "the text has almost no Vietnamese diacritics (a bad OCR layer?)"
    return None


def wide_gaps(pages: Sequence[Page]) -> int:
    """Gaps where a capital went missing: far wider than the line's other gaps."""
    count = 0
    for page in pages:
        for line in page.lines:
            pairs = list(zip(line.words, line.words[1:], strict=False))
            if len(pairs) < 4:
                continue
            usual = median(b.x0 - a.x1 for a, b in pairs)
            for a, b in pairs:
                height = b.bottom - b.top
                gap = b.x0 - a.x1
                if (
                    max(2.0 * usual, 0.6 * height) < gap < 1.5 * height
                    and b.text[:1].islower()
                    and a.text[-1:].isalpha()
                ):
                    count += 1
    return count
