"""News and portal articles: title, publication time, author, and the lines
that are not article prose (dateline, byline, image captions)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import regex

from vanban.text.anchors import fragment
from vanban.text.segment import Line

__all__ = ["ArticleParts", "split_article"]

_DATELINE_RE = regex.compile(
    rf"^(?:{fragment('article_dateline_label')}\s*:?\s*)?(?:{fragment('weekday')}\s*,?\s*)?"
    r"(?P<rest>[\d/:\s,.\-–|hGMT+()]+)$",
    regex.IGNORECASE,
)
_TIME_FIRST_RE = regex.compile(
    r"(?P<h>\d{1,2})[:h](?P<mi>\d{2})(?::\d{2})?\s*(?:\([^)]*\))?\s*[,\-–|]?\s*"
    rf"(?:{fragment('date_day_word')}\s+)?(?P<d>\d{{1,2}})[/.-](?P<m>\d{{1,2}})[/.-](?P<y>\d{{4}})"
)
_DATE_FIRST_RE = regex.compile(
    r"(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>\d{4})"
    r"(?:\s*[,\-–|]?\s*(?P<h>\d{1,2})[:h](?P<mi>\d{2}))?"
)
_AUTHOR_RE = regex.compile(rf"^(?:{fragment('author_label')})\s*:\s*(?P<name>.{{2,80}})$")
_BYLINE_RE = regex.compile(
    r"^(?P<name>\p{Lu}[\w.]*(?:\s+\p{Lu}[\w.]*){0,4})"
    r"(?:\s*[-–]\s*(?P<org>[^.;:!?]{2,80})|\s*\((?P<org2>[^()]{2,80})\))?$"
)
_TERMINAL = (".", ";", ":", "!", "?", "…", '"', "”", "»", "./.")


@dataclass(slots=True)
class ArticleParts:
    """An article split into its metadata and its prose paragraphs."""

    title: str | None = None
    published_at: dt.datetime | None = None
    author: str | None = None
    prose: list[Line] = field(default_factory=list)


def _datetime(text: str) -> dt.datetime | None:
    m = _TIME_FIRST_RE.search(text) or _DATE_FIRST_RE.search(text)
    if not m:
        return None
    try:
        return dt.datetime(
            int(m.group("y")),
            int(m.group("m")),
            int(m.group("d")),
            int(m.group("h") or 0),
            int(m.group("mi") or 0),
        )
    except ValueError:
        return None


def _is_caption(text: str) -> bool:
    """A line with no sentence end: an image caption or a sub-heading."""
    return not text.rstrip().endswith(_TERMINAL)


def split_article(lines: list[Line]) -> ArticleParts:
    """Split an article's lines into title, dateline, byline and prose."""
    parts = ArticleParts()
    if not lines:
        return parts
    parts.title = lines[0].text
    rest = lines[1:]
    for k, ln in enumerate(rest[:4]):
        m = _DATELINE_RE.match(ln.text)
        if m and len(ln.text) < 80 and (when := _datetime(ln.text)):
            parts.published_at = when
            rest = rest[:k] + rest[k + 1 :]
            break
    kept: list[Line] = []
    for ln in rest:
        m = _AUTHOR_RE.match(ln.text)
        if m:
            parts.author = parts.author or m.group("name").strip()
            continue
        kept.append(ln)
    if parts.author is None and kept:
        last = kept[-1].text
        m = _BYLINE_RE.match(last)
        if m and len(last.split()) <= 14 and _is_caption(last):
            parts.author = m.group("name")
            kept = kept[:-1]
    parts.prose = [ln for ln in kept if not _is_caption(ln.text)]
    return parts
