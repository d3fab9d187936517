"""Old Word (.doc, Word 97–2003) and RTF, both read in pure Python.

.doc goes to :mod:`vanban.loaders.msdoc` (olefile for the OLE container, our
own reader of the [MS-DOC] piece table); no external program is run. RTF is
text, read by :mod:`vanban.loaders.rtf`.
"""

from __future__ import annotations

from vanban.limits import DEFAULT_LIMITS, Limits
from vanban.loaders.base import RawDocument
from vanban.loaders.rtf import rtf_to_text

__all__ = ["load_bytes"]


def load_bytes(
    data: bytes,
    *,
    name: str | None = None,
    format: str = "doc",
    limits: Limits = DEFAULT_LIMITS,
) -> RawDocument:
    """Load a Word 97–2003 .doc or an .rtf file.

    Raises:
        EncryptedDocument: a password-protected .doc.
        UnsupportedFormat: a Word 6/95 .doc, or an OLE file that is no Word document.
        CorruptDocument: the file cannot be read as its format.
    """
    if format == "rtf":
        return RawDocument(text=rtf_to_text(data), format="rtf")
    from vanban.loaders.msdoc import load_bytes as load_doc

    return load_doc(data, name=name, format=format, limits=limits)
