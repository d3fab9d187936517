"""Pick a loader from the bytes (magic numbers first, then the file name).

An empty input raises :class:`~vanban.errors.EmptyDocument`; bytes that are
no known format and not text (random bytes named ``.docx``, a program) raise
:class:`~vanban.errors.CorruptDocument` when the name claims a binary format
and :class:`~vanban.errors.UnsupportedFormat` otherwise, so that they are
never decoded as legacy-encoded text. Images are recognised by
:func:`image_kind` and go to the ``image`` loader (OCR).
"""

from __future__ import annotations

import importlib
from pathlib import Path

from vanban.errors import CorruptDocument, EmptyDocument, UnsupportedFormat
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
    "image": "vanban.loaders.image",
}
# Loaders that may OCR, and so take the ``ocr=`` option.
_OCR_FORMATS = frozenset({"pdf", "image"})

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
_IMAGE_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"),
    (b"GIF87a", "gif"),
    (b"GIF89a", "gif"),
    (b"BM", "bmp"),
)
# Formats a file name can claim whose bytes are never plain text.
_BINARY_FORMATS = {"pdf", "docx", "doc"}
# Bytes that text (in any 8-bit encoding or UTF-8) does not hold.
_CONTROL = bytes(b for b in range(0x20) if b not in b"\t\n\r\x0b\x0c\x1a")
_BLANK = b"\x00 \t\r\n\x0b\x0c"
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
    # Data files that sit in archive folders beside the documents (an export, a list of
    # labels): text, but no document; read as one they made an empty "article".
    ".json": "JSON data",
    ".jsonl": "JSON Lines data",
    ".ndjson": "JSON Lines data",
    ".csv": "CSV table",
    ".tsv": "TSV table",
}


def image_kind(data: bytes) -> str | None:
    """The kind of image ``data`` is ("png", "jpeg", "tiff", "gif", "bmp", "webp"), or None.

    The one place that says which bytes are an image: they are loaded by the
    ``image`` loader (``vanban.loaders.image``, OCR).

    >>> image_kind(b"\\x89PNG\\r\\n\\x1a\\n...."), image_kind(b"%PDF-1.7")
    ('png', None)
    """
    for magic, kind in _IMAGE_MAGIC:
        if data.startswith(magic):
            if kind == "bmp" and (len(data) < 26 or data[6:10] != b"\0\0\0\0"):
                continue  # "BM" then reserved zeros; plain text may start with "BM"
            return kind
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    return None


def sniff_format(data: bytes, name: str | None = None) -> str:
    """Return the format of ``data``: magic numbers win over the file name.

    Raises:
        EmptyDocument: no bytes, or only whitespace and NUL bytes.
        UnsupportedFormat: a format vanban does not read (spreadsheet, archive…).
        CorruptDocument: the name claims PDF/DOCX/.doc but the bytes are no
            known format and not text.

    >>> sniff_format(b"%PDF-1.7 ...")
    'pdf'
    >>> sniff_format("**ỦY BAN NHÂN DÂN**\\n## 1. Sở Nội vụ".encode(), "x.txt")
    'markdown'
    """
    head = data[:2048]
    suffix = Path(name).suffix.lower() if name else ""
    if not data.strip(_BLANK):
        what = "empty (0 bytes)" if not data else "empty (only whitespace or NUL bytes)"
        raise EmptyDocument(f"{name or 'the input'} is {what}")
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
    if image_kind(head):
        return "image"
    if stripped[:5].lower() == b"{\\rtf":
        return "rtf"
    lowered = stripped[:512].lower()
    if lowered.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<html" in lowered:
        return "html"
    if suffix in _UNSUPPORTED_SUFFIXES:
        raise UnsupportedFormat(f"{name}: {_UNSUPPORTED_SUFFIXES[suffix]} is not supported")
    if not _looks_like_text(data):
        claimed = _SUFFIX_FORMATS.get(suffix)
        if claimed in _BINARY_FORMATS:
            raise CorruptDocument(
                f"{name}: named .{suffix[1:]} but the bytes are not a {claimed.upper()} file "
                "(nor any format vanban reads)"
            )
        raise UnsupportedFormat(
            f"{name or 'the input'}: the bytes are no format vanban reads "
            "(not text, PDF, DOCX, .doc, RTF, HTML or an image)"
        )
    from vanban.loaders.text import decode, looks_like_markdown

    # Markdown marks are looked for in the decoded text: in UTF-16 "**" is not b"**".
    sample, _ = decode(data[:65536])
    if suffix in (".md", ".markdown") or looks_like_markdown(sample.encode("utf-8")):
        return "markdown"
    if suffix in _SUFFIX_FORMATS and _SUFFIX_FORMATS[suffix] in ("html",):
        return "html"
    return "text"


def _looks_like_text(data: bytes) -> bool:
    """Text in some encoding: UTF-16, or at most 5 % control bytes (random bytes have 12 %)."""
    from vanban.loaders.encodings import utf16_without_bom

    sample = data[:65536]
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")) or utf16_without_bom(sample):
        return True
    controls = len(sample) - len(sample.translate(None, _CONTROL))
    return controls * 20 <= len(sample)


def load_bytes(
    data: bytes,
    *,
    name: str | None = None,
    format: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
    ocr: str = "auto",
) -> RawDocument:
    """Turn ``data`` into a :class:`RawDocument`, sniffing the format unless given.

    ``ocr`` ("auto", "always", "never") goes to the loaders that may OCR (PDF, image).
    """
    fmt = format or sniff_format(data, name)
    if not data:
        raise EmptyDocument(f"{name or 'the input'} is empty (0 bytes)")
    module_name = _LOADER_MODULES.get(fmt)
    if module_name is None:
        raise UnsupportedFormat(f"unknown format {fmt!r}; known: {sorted(_LOADER_MODULES)}")
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:  # a loader not written yet, or not shipped
        if fmt == "image" and exc.name == module_name:
            raise UnsupportedFormat(
                f"{name or 'the input'} is an image ({image_kind(data)}): reading images "
                "needs OCR, which this build of vanban does not have"
            ) from exc
        raise UnsupportedFormat(f"format {fmt!r} is not supported by this build") from exc
    options = {"ocr": ocr} if fmt in _OCR_FORMATS else {}
    raw: RawDocument = module.load_bytes(data, name=name, format=fmt, limits=limits, **options)
    return raw


def load(
    path: str | Path,
    *,
    format: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
    ocr: str = "auto",
) -> RawDocument:
    """Read a file from disk and turn it into a :class:`RawDocument`."""
    from vanban.loaders.files import display_path, read_regular_file

    data = read_regular_file(path, display_path(path), limits)
    return load_bytes(data, name=Path(path).name, format=format, limits=limits, ocr=ocr)
