"""The public entry points: :func:`parse` and :func:`parse_text`."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

from vanban.errors import FileTooLarge
from vanban.limits import DEFAULT_LIMITS, Limits, check_deadline, deadline
from vanban.loaders import RawDocument, load_bytes
from vanban.loaders.files import display_path, read_regular_file
from vanban.loaders.ocr_mode import OcrMode, check_mode
from vanban.models import Document
from vanban.pipeline import run
from vanban.rules import load_rules
from vanban.vocabulary import load_vocabulary, using

__all__ = ["parse", "parse_text", "preload"]

RulePaths = Sequence[str | Path]

_PRELOADED: set[tuple[str, ...]] = set()


def preload(rules: RulePaths = ()) -> None:
    """Load and compile the rule data now, so that the first parse does not pay for it.

    Batch workers call this before their first file (its per-file deadline then covers
    the file's work only). It parses one short text, which imports the stages, reads the
    data files and compiles their patterns; a second call with the same ``rules`` does
    nothing.

    >>> preload()
    """
    key = tuple(str(p) for p in rules)
    if key in _PRELOADED:
        return
    sample = "Số: 1/QĐ-UBND\nHà Nội, ngày 1 tháng 1 năm 2025\nKính gửi: Sở Tài chính"
    parse_text(sample, rules=rules)
    _PRELOADED.add(key)


def parse(
    source: str | Path | bytes,
    *,
    format: str | None = None,
    rules: RulePaths = (),
    limits: Limits = DEFAULT_LIMITS,
    keep_text: bool = True,
    ocr: OcrMode = "auto",
) -> Document:
    """Parse a file (a path) or its bytes into a :class:`~vanban.models.Document`.

    The format is sniffed from the content; ``format`` overrides it
    ("text", "markdown", "pdf", "docx", "html", "doc", "rtf", "image").

    Args:
        source: a path, or the file's bytes.
        format: force the input format instead of sniffing it.
        rules: user rule files merged over the built-in agency rules and vocabulary
            (docs/rules-guide.md).
        limits: safety limits for untrusted input (see :mod:`vanban.limits`).
        keep_text: ship the normalised text as ``Document.text`` (the text every
            span points into); ``False`` leaves it ``None``.
        ocr: when to OCR with Tesseract (PDF pages and images): "auto" (pages
            with no usable text layer, and images), "always" (every page),
            "never" (a scan then gives a Document with ``text.no_text_layer``).
            An OCR'd Document has ``source.ocr = True`` and a ``text.ocr`` Issue.

    Raises:
        vanban.LoadError: the file cannot be read at all (a subclass says why);
            :class:`~vanban.MissingDependency` for a scan when Tesseract (or its
            Vietnamese model) is not installed, with the install command.
    """
    check_mode(ocr)
    with using(load_vocabulary(rules)), deadline(limits):
        if isinstance(source, bytes):
            data, path, name = source, None, None
            _check_size(len(data), "the input", limits)
        else:
            path = display_path(source)
            data = read_regular_file(source, path, limits)
            name = Path(source).name
        raw = load_bytes(data, name=name, format=format, limits=limits, ocr=ocr)
        check_deadline("after loading")
        sha = hashlib.sha256(data).hexdigest()
        del data
        return run(
            raw, path=path, sha256=sha, rules=load_rules(rules), limits=limits, keep_text=keep_text
        )


def _check_size(size: int, what: str, limits: Limits) -> None:
    if size > limits.max_input_bytes:
        raise FileTooLarge(
            f"{what} is {size:,} bytes, over the limit of {limits.max_input_bytes:,} bytes "
            "(raise Limits.max_input_bytes to read it)"
        )


def parse_text(
    text: str,
    *,
    format: str | None = None,
    rules: RulePaths = (),
    limits: Limits = DEFAULT_LIMITS,
    keep_text: bool = True,
) -> Document:
    """Parse text already in memory (plain text or Markdown, sniffed unless given).

    Never raises on content: whatever the text, a :class:`Document` comes back.
    """
    from vanban.loaders.text import looks_like_markdown

    fmt = format or ("markdown" if looks_like_markdown(text[:65536].encode("utf-8")) else "text")
    raw = RawDocument(text=text, format=fmt)
    sha = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    with using(load_vocabulary(rules)), deadline(limits):
        return run(
            raw, path=None, sha256=sha, rules=load_rules(rules), limits=limits, keep_text=keep_text
        )
