"""What every loader returns: plain text plus what the file itself told us."""

from __future__ import annotations

from dataclasses import dataclass, field

from vanban.models import Issue


@dataclass(slots=True)
class RawDocument:
    """A file turned into text, before any normalisation.

    Text conventions every loader follows, so that one text pipeline serves all
    formats:

    * one paragraph (or table cell paragraph) per line, in reading order;
    * a layout table (the two-column Nghị định 30 header, the signature table)
      is emitted row by row, cell by cell, each cell's paragraphs on their own
      lines: "ỦY BAN NHÂN DÂN / TỈNH X" then "CỘNG HÒA … / Độc lập …", then
      "Số: …" then "X, ngày …";
    * paragraphs that Word numbers automatically get their number ("1.", "a)")
      put back in front;
    * no page numbers, running headers or digital-signature stamps.

    Attributes:
        text: the text, in any Unicode normal form (the pipeline applies NFC).
        format: "text", "markdown", "pdf", "docx", "html", "doc", "rtf".
        encoding: the detected input encoding, where it means anything.
        pages: the page count, for paged formats.
        issues: problems the loader saw (damaged text layer, no text layer…).
        title, published_at, author, site: metadata of web pages (HTML meta
            tags and bylines); ``published_at`` is an ISO 8601 string.
    """

    text: str
    format: str
    encoding: str | None = None
    pages: int | None = None
    issues: list[Issue] = field(default_factory=list)
    title: str | None = None
    published_at: str | None = None
    author: str | None = None
    site: str | None = None
