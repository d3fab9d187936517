"""The public entry points: :func:`parse` and :func:`parse_text`."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

from vanban.loaders import RawDocument, load_bytes
from vanban.models import Document
from vanban.pipeline import run
from vanban.rules import load_rules

__all__ = ["parse", "parse_text"]

RulePaths = Sequence[str | Path]


def parse(
    source: str | Path | bytes,
    *,
    format: str | None = None,
    rules: RulePaths = (),
) -> Document:
    """Parse a file (a path) or its bytes into a :class:`~vanban.models.Document`.

    The format is sniffed from the content; ``format`` overrides it
    ("text", "markdown", "pdf", "docx", "html", "doc", "rtf").

    Raises:
        vanban.LoadError: the file cannot be read at all (a subclass says why).
    """
    if isinstance(source, bytes):
        data, path = source, None
    else:
        from vanban.errors import LoadError

        p = Path(source)
        try:
            data = p.read_bytes()
        except IsADirectoryError as exc:
            raise LoadError(f"{p}: is a directory, not a file") from exc
        except OSError as exc:
            raise LoadError(f"{p}: cannot be read ({exc.strerror or exc})") from exc
        path = str(source)
    raw = load_bytes(data, name=Path(path).name if path else None, format=format)
    sha = hashlib.sha256(data).hexdigest()
    return run(raw, path=path, sha256=sha, rules=load_rules(rules))


def parse_text(text: str, *, format: str | None = None, rules: RulePaths = ()) -> Document:
    """Parse text already in memory (plain text or Markdown, sniffed unless given)."""
    from vanban.loaders.text import looks_like_markdown

    fmt = format or ("markdown" if looks_like_markdown(text.encode("utf-8")) else "text")
    raw = RawDocument(text=text, format=fmt)
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return run(raw, path=None, sha256=sha, rules=load_rules(rules))
