"""What a Document says about OCR: ``source.ocr``, ``text.ocr`` and shaky fields.

After the pipeline has read an OCR'd text, each key field's value is looked up
among the OCR'd words (its words in a row, punctuation aside) and the
confidence Tesseract gave them is checked: a field read from words under
:data:`LOW_CONFIDENCE` gets an Issue ``ocr.low_confidence`` naming the field,
so a reviewer knows which values to check against the image. A field whose
words cannot be found (the pipeline repaired or joined them) is not flagged.

Handwritten numbers and days are the usual OCR failure on a signed scan: a số
whose running number is not digits ("2X", "0J") or was read under
:data:`MIN_NUMBER_CONFIDENCE`, and a date whose day or month was, are left
empty with ``number.unreadable`` / ``date.unreadable`` (never a wrong value);
so is a "Số:" or date line of an OCR'd header from which nothing was extracted.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterator

import regex

from vanban.loaders.base import RawDocument
from vanban.loaders.ocr import OcrRawDocument, OcrResult
from vanban.models import DocNumber, Document, Issue
from vanban.text.anchors import anchored

__all__ = ["LOW_CONFIDENCE", "MIN_NUMBER_CONFIDENCE", "annotate", "field_confidence"]

LOW_CONFIDENCE = 70.0
"""Tesseract word confidence (0–100) under which a field is flagged."""
MIN_NUMBER_CONFIDENCE = 70.0
"""Under this confidence the digits of a số or of the day/month are not trusted
(handwritten on the scan): the field is left empty, with an Issue."""
HEAD_LINES = 20
"""The header lines searched for a "Số:" or date line that could not be read."""

_SEQ = regex.compile(r"^\d{1,6}(?:[-.]\d{1,6})*$")
_SO_LINE = anchored("so_label_ocr")
# "<place>, ngày … tháng … năm …": the date line of a header, not a cited document's date
_DATE_LINE = anchored("date_line")

_EDGE = regex.compile(r"^[\p{P}\p{S}]+|[\p{P}\p{S}]+$")
_SPLIT = regex.compile(r"[\s/]+")


def annotate(doc: Document, raw: RawDocument) -> Document:
    """``doc`` with OCR recorded when ``raw`` was read by OCR (a new Document; models are
    frozen)."""
    result = raw.ocr if isinstance(raw, OcrRawDocument) else None
    if result is None:
        return doc
    issues = [*doc.issues, _summary(result, raw.pages)]
    number, issued = doc.number, doc.issued_date
    if 1 in result.pages:  # the header was OCR'd: its number and date may be handwritten
        head = raw.text.split("\n")[:HEAD_LINES]
        number = _check_number(number, result, head, issues)
        issued = _check_date(issued, result, head, issues)
    doc = doc.model_copy(
        update={
            "source": doc.source.model_copy(update={"ocr": True}),
            "number": number,
            "issued_date": issued,
        }
    )
    for name, value in _fields(doc):
        conf = field_confidence(value, result)
        if conf is not None and conf < LOW_CONFIDENCE:
            issues.append(
                Issue(
                    code="ocr.low_confidence",
                    message=f"{name} was read by OCR with a low confidence ({conf:.0f}/100): "
                    f"check {value!r} against the page image",
                    field=name,
                )
            )
    return doc.model_copy(update={"issues": issues})


def _check_number(
    number: DocNumber | None, result: OcrResult, head: list[str], issues: list[Issue]
) -> DocNumber | None:
    """An OCR'd số that is not digits, or read with a low confidence, is dropped."""
    if number is None:
        line = next((ln for ln in head if _SO_LINE.match(ln)), None)
        if line is not None:
            issues.append(_unreadable("number", line, None))
        return None
    confs = word_confidences(number.raw, result)
    seq = number.seq if number.seq is not None else number.raw.split("/", 1)[0]
    if _SEQ.match(seq) and (not confs or confs[0] >= MIN_NUMBER_CONFIDENCE):
        return number  # digits read with confidence, or not from OCR'd words (a text layer)
    issues.append(_unreadable("number", number.raw, confs[0] if confs else None))
    return None


def _check_date(
    day: dt.date | None, result: OcrResult, head: list[str], issues: list[Issue]
) -> dt.date | None:
    """An OCR'd date whose day or month was read with a low confidence is dropped."""
    if day is None:
        line = next((ln for ln in head if _DATE_LINE.search(ln)), None)
        if line is not None and not any(i.code == "date.unreadable" for i in issues):
            issues.append(_unreadable("issued_date", line, None))
        return None
    confs = word_confidences(f"ngày {day.day} tháng {day.month} năm {day.year}", result)
    if confs and min(confs[1], confs[3]) < MIN_NUMBER_CONFIDENCE:
        issues.append(_unreadable("issued_date", day.isoformat(), min(confs[1], confs[3])))
        return None
    return day


def _unreadable(name: str, seen: str, conf: float | None) -> Issue:
    what = {"number": "số", "issued_date": "date of issue"}[name]
    how = (
        f"read as {seen!r} with a confidence of {conf:.0f}/100"
        if conf is not None
        else (f"the line reads {seen!r}")
    )
    return Issue(
        code=f"{'date' if name == 'issued_date' else name}.unreadable",
        message=f"the {what} on the scan could not be read with confidence (handwritten?): "
        f"{how}; it is left empty: read it from the page image",
        field=name,
    )


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

    >>> r = OcrResult(words=[("Số:", 91.0), ("12/UBND-VX", 40.0), ("ngày", 95.0)])
    >>> field_confidence("12/UBND-VX", r)
    40.0
    >>> field_confidence("Sở Nội vụ", r) is None
    True
    """
    confs = word_confidences(value, result)
    return sum(confs) / len(confs) if confs else None


def word_confidences(value: str, result: OcrResult) -> list[float] | None:
    """The confidence of each token of ``value`` in the OCR'd words it was read from.

    The words are split at spaces and slashes and compared without edge
    punctuation, case, or leading zeros of numbers; the first run of OCR'd
    words that spells ``value`` out wins. None when ``value`` is not found.

    >>> r = OcrResult(words=[("Số:", 91.0), ("12/UBND-VX", 40.0), ("ngày", 95.0)])
    >>> word_confidences("12/UBND-VX", r)
    [40.0, 40.0]
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
            return [c for _, c in pieces[start : start + n]]
    return None
