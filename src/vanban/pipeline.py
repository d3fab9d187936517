"""The one place where the stages are wired together.

load → normalise → segment → extract → resolve agencies → build the model.
"""

from __future__ import annotations

from vanban.loaders.base import RawDocument
from vanban.models import Document, Source
from vanban.rules import RuleSet


def run(raw: RawDocument, *, path: str | None, sha256: str | None, rules: RuleSet) -> Document:
    """Turn a loaded document into a :class:`Document`."""
    source = Source(
        path=path, format=raw.format, sha256=sha256, encoding=raw.encoding, pages=raw.pages
    )
    return Document(source=source, issues=list(raw.issues))
