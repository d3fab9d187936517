"""Pick a loader from the bytes (magic numbers first, then the file name)."""

from __future__ import annotations

import importlib
from pathlib import Path

from vanban.errors import UnsupportedFormat
from vanban.limits import DEFAULT_LIMITS, Limits
from vanban.loaders.base import RawDocument

# Modules are imported only when a file needs them, so that ``vanban --help``
# and text parsing never pay for pdfplumber, python-docx or lxml.
_LOADER_MODULES: dict[str, str] = {
    "text": "vanban.loaders.text",
    "markdown": "vanban.loaders.text",
    "pdf": "vanban.loaders.pdf",
    "docx": "vanban.loaders.docx",
    "html": "vanban.loaders.html",
    "doc": "vanban.loaders.legacy",
    "rtf": "vanban.loaders.legacy",
}

_SUFFIX_FORMATS: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".pdf": "pdf",
    ".docx": "docx",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".doc": "doc",
    ".rtf": "rtf",
}

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_UNSUPPORTED_SUFFIXES = {
    ".xls": "Excel spreadsheet",
    ".xlsx": "Excel spreadsheet",
    ".ppt": "PowerPoint file",
    ".pptx": "PowerPoint file",
    ".zip": "zip archive",
    ".rar": "rar archive",
    ".7z": "7z archive",
    ".jpg": "image",
    ".jpeg": "image",
    ".png": "image",
    ".tif": "image",
    ".tiff": "image",
    ".exe": "program",
    ".wmf": "Windows metafile image",
    ".emf": "Windows metafile image",
    ".gif": "image",
    ".bmp": "image",
    ".mp3": "audio file",
    ".mp4": "video file",
}


def sniff_format(data: bytes, name: str | None = None) -> str:
    """Return the format of ``data``: magic numbers win over the file name.

    >>> sniff_format(b"%PDF-1.7 ...")
    'pdf'
    >>> sniff_format("**ỦY BAN NHÂN DÂN**\\n## 1. Sở Nội vụ".encode(), "x.txt")
    'markdown'
    """
    head = data[:2048]
    suffix = Path(name).suffix.lower() if name else ""
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"%PDF-") or b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        if suffix in _UNSUPPORTED_SUFFIXES:
            raise UnsupportedFormat(f"{name}: {_UNSUPPORTED_SUFFIXES[suffix]} is not supported")
        return "docx"
    if head.startswith(_OLE_MAGIC):
        if suffix in _UNSUPPORTED_SUFFIXES:
            raise UnsupportedFormat(f"{name}: {_UNSUPPORTED_SUFFIXES[suffix]} is not supported")
        return "doc"
    if stripped[:5].lower() == b"{\\rtf":
        return "rtf"
    lowered = stripped[:512].lower()
    if lowered.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<html" in lowered:
        return "html"
    if suffix in _UNSUPPORTED_SUFFIXES:
        raise UnsupportedFormat(f"{name}: {_UNSUPPORTED_SUFFIXES[suffix]} is not supported")
    from vanban.loaders.text import decode, looks_like_markdown

    # Markdown marks are looked for in the decoded text: in UTF-16 "**" is not b"**".
    sample, _ = decode(data[:65536])
    if suffix in (".md", ".markdown") or looks_like_markdown(sample.encode("utf-8")):
        return "markdown"
    if suffix in _SUFFIX_FORMATS and _SUFFIX_FORMATS[suffix] in ("html",):
        return "html"
    return "text"


def load_bytes(
    data: bytes,
    *,
    name: str | None = None,
    format: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> RawDocument:
    """Turn ``data`` into a :class:`RawDocument`, sniffing the format unless given."""
    fmt = format or sniff_format(data, name)
    module_name = _LOADER_MODULES.get(fmt)
    if module_name is None:
        raise UnsupportedFormat(f"unknown format {fmt!r}; known: {sorted(_LOADER_MODULES)}")
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:  # a loader not written yet, or not shipped
        raise UnsupportedFormat(f"format {fmt!r} is not supported by this build") from exc
    raw: RawDocument = module.load_bytes(data, name=name, format=fmt, limits=limits)
    return raw


def load(
    path: str | Path, *, format: str | None = None, limits: Limits = DEFAULT_LIMITS
) -> RawDocument:
    """Read a file from disk and turn it into a :class:`RawDocument`."""
    from vanban.loaders.files import display_path, read_regular_file

    data = read_regular_file(path, display_path(path), limits)
    return load_bytes(data, name=Path(path).name, format=format, limits=limits)
