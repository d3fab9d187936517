"""Citations: every other document a text refers to, in the eyecite spirit.

(Stub: the references work of issue #2 fills this in; signatures are fixed.)
"""

from __future__ import annotations

from collections.abc import Callable

from vanban.models import Agency, Citation


def extract_citations(
    text: str, *, resolve: Callable[[str], Agency] | None = None
) -> list[Citation]:
    """Every document cited in ``text`` (normalised text), in order of appearance."""
    return []
