"""What a Document says about OCR: ``source.ocr``, ``text.ocr`` and shaky fields.

After the pipeline has read an OCR'd text, each key field's value is looked up
among the OCR'd words (its words in a row, punctuation aside) and the
confidence Tesseract gave them is checked: a field read from words under
:data:`LOW_CONFIDENCE` gets an Issue ``ocr.low_confidence`` naming the field,
so a reviewer knows which values to check against the image. A field whose
words cannot be found (the pipeline repaired or joined them) is not flagged.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

import regex

from vanban.loaders.base import RawDocument
from vanban.loaders.ocr import OcrRawDocument, OcrResult
from vanban.models import Document, Issue

__all__ = ["LOW_CONFIDENCE", "annotate", "field_confidence"]

LOW_CONFIDENCE = 70.0
"""Tesseract word confidence (0–100) under which a field is flagged."""

_EDGE = regex.compile(r"^[\p{P}\p{S}]+|[\p{P}\p{S}]+$")
_SPLIT = regex.compile(r"[\s/]+")


def annotate(doc: Document, raw: RawDocument) -> Document:
    """Record OCR on ``doc`` (in place) when ``raw`` was read by OCR; return it."""
    result = raw.ocr if isinstance(raw, OcrRawDocument) else None
    if result is None:
        return doc
    doc.source.ocr = True
    doc.issues.append(_summary(result, raw.pages))
    for name, value in _fields(doc):
        conf = field_confidence(value, result)
        if conf is not None and conf < LOW_CONFIDENCE:
            doc.issues.append(
                Issue(
                    code="ocr.low_confidence",
                    message=f"{name} was read by OCR with a low confidence ({conf:.0f}/100): "
                    f"check {value!r} against the page image",
                    field=name,
                )
            )
    return doc


def _summary(result: OcrResult, pages: int | None) -> Issue:
    shown = ", ".join(map(str, result.pages[:20])) + ("…" if len(result.pages) > 20 else "")
    where = f"page {shown}" if len(result.pages) == 1 else f"pages {shown}"
    of = f" of {pages}" if pages else ""
    mean = result.mean_confidence
    if mean is None:
        return Issue(code="text.ocr", message=f"{where}{of} OCR'd ({result.engine}): no text found")
    return Issue(
        code="text.ocr",
        message=f"{where}{of} read by OCR ({result.engine}): {len(result.words)} words, "
        f"mean word confidence {mean:.1f}/100",
    )


def _fields(doc: Document) -> Iterator[tuple[str, str]]:
    if doc.number is not None:
        yield "number", doc.number.raw
    if doc.issued_date is not None:
        d = doc.issued_date
        yield "issued_date", f"ngày {d.day:02d} tháng {d.month:02d} năm {d.year}"
    if doc.issuer is not None:
        yield "issuer", doc.issuer.raw
    if doc.subject:
        yield "subject", doc.subject
    if doc.signer is not None:
        if doc.signer.position:
            yield "signer.position", doc.signer.position
        if doc.signer.name:
            yield "signer.name", doc.signer.name


def _key(token: str) -> str:
    token = unicodedata.normalize("NFC", _EDGE.sub("", token)).casefold()
    return token.lstrip("0") or token if token.isdigit() else token


def _tokens(text: str) -> list[str]:
    return [k for k in (_key(t) for t in _SPLIT.split(text)) if k]


def field_confidence(value: str, result: OcrResult) -> float | None:
    """The mean confidence of the OCR'd words that ``value`` was read from, if found.

    The words are split at spaces and slashes and compared without edge
    punctuation, case, or leading zeros of numbers; the first run of OCR'd
    words that spells ``value`` out wins.

    >>> r = OcrResult(words=[("Số:", 91.0), ("12/UBND-VX", 40.0), ("ngày", 95.0)])
    >>> field_confidence("12/UBND-VX", r)
    40.0
    >>> field_confidence("Sở Nội vụ", r) is None
    True
    """
    want = _tokens(value)
    if not want:
        return None
    pieces: list[tuple[str, float]] = []  # each OCR word split like the value
    for text, conf in result.words:
        pieces += [(k, conf) for k in _tokens(text)]
    keys = [k for k, _ in pieces]
    n = len(want)
    for start in range(len(keys) - n + 1):
        if keys[start : start + n] == want:
            confs = [c for _, c in pieces[start : start + n]]
            return sum(confs) / len(confs)
    return None
