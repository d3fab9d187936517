"""Reading a file for the checker: the parsed Document and the input's own lines."""

from __future__ import annotations

import hashlib
from pathlib import Path

from vanban.checker.positions import InputLine, Locator
from vanban.limits import DEFAULT_LIMITS, Limits, check_deadline, deadline
from vanban.loaders import load_bytes
from vanban.loaders.base import RawDocument
from vanban.loaders.files import display_path, read_regular_file
from vanban.models import Document
from vanban.pipeline import run
from vanban.rules import RuleSet

__all__ = ["load_for_check"]


def load_for_check(
    source: str | Path, rules: RuleSet, limits: Limits = DEFAULT_LIMITS
) -> tuple[Document, Locator]:
    """Parse ``source`` as :func:`vanban.parse` does, and a locator over its lines.

    Raises:
        vanban.VanbanError: the file cannot be read.
    """
    with deadline(limits):
        path = display_path(source)
        data = read_regular_file(source, path, limits)
        raw = load_bytes(data, name=Path(source).name, limits=limits)
        check_deadline("after loading")
        doc = run(raw, path=path, sha256=hashlib.sha256(data).hexdigest(), rules=rules)
        text = doc.text or ""
        if raw.format == "pdf":
            pages = _pdf_pages(data, limits)
            if pages and any(pages):
                lines = [
                    InputLine(p + 1, i + 1, t)
                    for p, page in enumerate(pages)
                    for i, t in enumerate(page)
                ]
                return doc, Locator(text, lines)
        return doc, Locator.of_text(text, _input_text(raw))


def _input_text(raw: RawDocument) -> str:
    """The loader's text with its line breaks as the input has them."""
    return raw.text.replace("\r\n", "\n").replace("\r", "\n")


def _pdf_pages(data: bytes, limits: Limits) -> list[list[str]] | None:
    """Each page's text lines (text layer only); ``None`` when they cannot be read."""
    from vanban.errors import VanbanError
    from vanban.loaders.pdf import read_words
    from vanban.loaders.pdf_backends import open_backend
    from vanban.loaders.pdf_layout import layout_pages

    try:
        backend = open_backend(data, None)
        try:
            pages, _, _ = read_words(backend, limits)
        finally:
            backend.close()
        return [layout_pages([page]) for page in pages]
    except (VanbanError, ValueError, RuntimeError):
        return None
