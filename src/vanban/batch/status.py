"""The status of one file in a batch: how far vanban could read it.

=============== ====================================================================
``ok``          read; the JSON output is written
``ok_ocr``      read through OCR (a scan, an image, a broken text layer); output written
``needs_ocr``   a scan that needs OCR, and Tesseract (or the ``ocr`` extra) is missing
``no_text``     no usable text: an empty file, a scan OCR could not read, or a record
                with nothing in it (the output, when there is a Document, is written)
``failed``      vanban tried and could not (damaged, encrypted, crash, timeout…)
``skipped``     not a file vanban reads (unsupported format, excluded, FIFO, symlink…)
=============== ====================================================================

``ok`` and ``ok_ocr`` rows whose Document says part of the file was not read
(``limits.pages``, ``text.truncated``…) list those codes in the row's
``issues``; ``--strict`` counts them, and every status but ``ok``/``ok_ocr``,
as "not fully read" (files excluded by ``--include``/``--exclude`` apart).

The error classes and the OCR marks are looked up by name, so this module
works whether or not the installed vanban has them yet
(``EmptyDocument``, ``EncryptedDocument``, ``Source.ocr``, ``text.ocr``).
"""

from __future__ import annotations

import re
from typing import Any

__all__ = [
    "DONE",
    "ENCRYPTED_ADVICE",
    "PARTIAL_CODES",
    "STATUSES",
    "classify_document",
    "classify_error",
    "fully_read",
    "read_issues",
]

STATUSES = ("ok", "ok_ocr", "needs_ocr", "no_text", "failed", "skipped")

# Statuses whose file is converted for good: resume does not convert it again.
DONE = frozenset({"ok", "ok_ocr"})

# Document issues that say some of the file was not read (the row is still ok): pages
# left for OCR that Tesseract, missing, did not read, or that OCR failed on, too.
PARTIAL_CODES = frozenset(
    {
        "limits.pages",
        "text.truncated",
        "text.long_line",
        "text.no_text_layer",
        "text.damaged_layer",
        "text.needs_ocr",
        "text.ocr_failed",
    }
)

# Document issues that say there was no usable text at all, when the record is empty too.
_NO_TEXT_CODES = frozenset({"text.no_text_layer", "text.damaged_layer", "text.empty"})

# Issue codes that concern reading the file (kept in the manifest row's ``issues``).
_READ_PREFIXES = ("text.", "limits.", "ocr.")

# The fields of a record that say something was read (an article title too). A
# record with none of them holds nothing; a text that is simply not an
# administrative document (a speech, an appendix table) still has its title.
_CONTENT_FIELDS = (
    "number",
    "issued_date",
    "issuer",
    "subject",
    "signer",
    "doc_type",
    "recipients",
    "duties",
    "citations",
    "distribution",
)

_OCR_WORDS = re.compile(r"\bocr\b|tesseract", re.IGNORECASE)

# What to tell the user about an encrypted file.
ENCRYPTED_ADVICE = (
    "remove the password and convert the decrypted copy "
    "(e.g. qpdf --decrypt --password=PASSWORD in.pdf out.pdf, or save it again "
    "without a password in Word)"
)


def read_issues(doc: Any) -> list[str]:
    """The sorted issue codes of ``doc`` that concern reading the file."""
    codes = {str(i.code) for i in getattr(doc, "issues", ())}
    return sorted(c for c in codes if c.startswith(_READ_PREFIXES))


def _ocr_used(doc: Any, codes: set[str]) -> bool:
    source = getattr(doc, "source", None)
    return bool(getattr(source, "ocr", False)) or "text.ocr" in codes


def _empty_record(doc: Any) -> bool:
    if any(getattr(doc, name, None) for name in _CONTENT_FIELDS):
        return False
    title = str(getattr(getattr(doc, "article", None), "title", None) or "")
    return not any(c.isalnum() for c in title)


def _core_empty(doc: Any) -> bool:
    return not any(getattr(doc, f, None) for f in ("number", "issued_date", "issuer", "subject"))


def classify_document(doc: Any) -> str:
    """ "ok", "ok_ocr" or "no_text" for a parsed Document.

    "no_text": its issues say there was no usable text (``text.no_text_layer``,
    ``text.damaged_layer``) and it has no number, date, issuer or subject; or it
    holds nothing at all.
    """
    codes = {str(i.code) for i in getattr(doc, "issues", ())}
    if (codes & _NO_TEXT_CODES and _core_empty(doc)) or _empty_record(doc):
        return "no_text"
    return "ok_ocr" if _ocr_used(doc, codes) else "ok"


def classify_error(exc: BaseException) -> tuple[str, str]:
    """(status, message) for an exception raised by ``vanban.parse``."""
    from vanban import errors

    message = str(exc)
    name = type(exc).__name__
    encrypted = getattr(errors, "EncryptedDocument", None)
    empty = getattr(errors, "EmptyDocument", None)
    if (isinstance(encrypted, type) and isinstance(exc, encrypted)) or (
        isinstance(exc, errors.UnsupportedFormat) and "encrypted" in message.lower()
    ):
        if "decrypt" not in message.lower():
            message = f"{message}: {ENCRYPTED_ADVICE}"
        return "failed", message
    if isinstance(empty, type) and isinstance(exc, empty):
        return "no_text", message
    if isinstance(exc, errors.MissingDependency) and (
        _OCR_WORDS.search(message) or "ocr" in name.lower()
    ):
        return "needs_ocr", message
    if isinstance(exc, errors.UnsupportedFormat):
        return "skipped", message
    return "failed", message


def fully_read(row: dict[str, Any]) -> bool:
    """Whether a manifest row's file was read in full (what ``--strict`` asks for).

    Files excluded by ``--include``/``--exclude`` count as fine: the user chose.
    """
    status = row.get("status")
    if status in DONE:
        return not (set(row.get("issues") or ()) & PARTIAL_CODES)
    error = row.get("error")
    return status == "skipped" and isinstance(error, dict) and error.get("type") == "Excluded"
