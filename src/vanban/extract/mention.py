"""An agency as a text names it, before the registry is asked.

Extractors return mentions; the pipeline builds the document's context (province,
date) once and then resolves every mention with it (:mod:`vanban.resolve`).
"""

from __future__ import annotations

from dataclasses import dataclass

from vanban.text.layout import Line, Span

__all__ = ["AgencyMention", "mention_at"]


@dataclass(frozen=True, slots=True)
class AgencyMention:
    """One agency named in the text, unresolved.

    ``name`` is what the registry is asked ("Công an tỉnh"); ``raw`` is the
    mention as written when it differs (a bracketed member list, a qualifier such as
    "khoá XII"); ``members`` are the bodies listed in brackets after a collective;
    ``span`` is where the mention stands in the normalised text.
    """

    name: str
    span: Span | None = None
    raw: str | None = None
    members: tuple[str, ...] = ()


def mention_at(line: Line) -> AgencyMention:
    """The agency named by a whole line (or piece of one), with its span.

    >>> mention_at(Line("Sở Nội vụ", 20, 29))
    AgencyMention(name='Sở Nội vụ', span=(20, 29), raw=None, members=())
    """
    return AgencyMention(line.text, line.span)
