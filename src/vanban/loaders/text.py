"""Plain text and Markdown: decode the bytes, report the encoding."""

from __future__ import annotations

import regex

from vanban.limits import DEFAULT_LIMITS, Limits
from vanban.loaders.base import RawDocument

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
    found = 0
    for _ in _MARKDOWN_RE.finditer(data):
        found += 1
        if found >= 2:
            return True
    return False


def decode(data: bytes) -> tuple[str, str]:
    """Decode text bytes, returning ``(text, encoding)``.

    Handles UTF-8 (with or without BOM) and UTF-16 with BOM; anything else is
    decoded as Windows-1258 for now (legacy TCVN3/VNI detection lives in
    :mod:`vanban.loaders.encodings` once it exists).
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1258", errors="replace"), "windows-1258"


def load_bytes(
    data: bytes,
    *,
    name: str | None = None,
    format: str = "text",
    limits: Limits = DEFAULT_LIMITS,
) -> RawDocument:
    """Load a text or Markdown file (size limits are applied by the caller)."""
    text, encoding = decode(data)
    return RawDocument(text=text, format=format, encoding=encoding)
