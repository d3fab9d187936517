"""Plain text and Markdown: decode the bytes, report the encoding."""

from __future__ import annotations

import itertools

import regex

from vanban.limits import DEFAULT_LIMITS, Limits
from vanban.loaders.base import RawDocument
from vanban.models import Issue

# Each alternative starts with a literal, so that a scan is fast on long texts.
_MARKDOWN_RE = regex.compile(
    rb"""(?m)
    ^\#{1,6}[ \t]+\S          # ATX heading
    | \*\*[^*\n]{1,200}\*\*    # **bold**
    | (?<=\S)\ \ \r?$          # two-space hard line break
    | \\\r?$                   # backslash hard line break
    """,
    regex.VERBOSE,
)


def looks_like_markdown(data: bytes) -> bool:
    """Whether text bytes carry Markdown markup (headings, bold, hard breaks).

    >>> looks_like_markdown(b"## 2. S\\xe1\\xbb\\x9f\\n**B\\xe1\\xbb\\x99**\\n")
    True
    >>> looks_like_markdown(b"plain text\\n")
    False
    """
    data = data[:65536]
    if b"**" not in data and b"#" not in data and b"  \n" not in data and b"\\\n" not in data:
        return False  # substring tests are far cheaper than the scan
    # Two marks are enough: stop scanning at the second.
    return next(itertools.islice(_MARKDOWN_RE.finditer(data), 1, None), None) is not None


def decode(data: bytes) -> tuple[str, str]:
    """Decode text bytes to NFC Unicode, returning ``(text, encoding)``.

    UTF-8 and UTF-16 with or without BOM, Windows-1258, and the legacy TCVN3
    (ABC) and VNI encodings (see :mod:`vanban.loaders.encodings`). The
    encoding is one of "utf-8", "utf-16", "windows-1258", "tcvn3", "vni".
    """
    from vanban.loaders.encodings import decode_bytes

    return decode_bytes(data)


def load_bytes(
    data: bytes,
    *,
    name: str | None = None,
    format: str = "text",
    limits: Limits = DEFAULT_LIMITS,
) -> RawDocument:
    """Load a text or Markdown file (size limits are applied by the caller).

    Bad bytes in otherwise valid UTF-8 are replaced by U+FFFD and reported
    with the issue ``text.bad_bytes``.
    """
    from vanban.loaders.encodings import decode_text

    text, encoding, bad = decode_text(data)
    raw = RawDocument(text=text, format=format, encoding=encoding)
    if bad:
        raw.issues.append(
            Issue(
                code="text.bad_bytes",
                message=f"{bad} invalid UTF-8 byte sequence{'s' if bad > 1 else ''} "
                "replaced by U+FFFD (a damaged or truncated file?)",
            )
        )
    return raw
