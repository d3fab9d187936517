"""Loaders: turn a file (path or bytes) into a :class:`RawDocument`.

The format is sniffed from the bytes first and the file name second, so a
``.txt`` file that holds Markdown is read as Markdown and a PDF named
``.docx`` is still read as a PDF.
"""

from __future__ import annotations

from vanban.loaders.base import RawDocument
from vanban.loaders.dispatch import load, load_bytes, sniff_format

__all__ = ["RawDocument", "load", "load_bytes", "sniff_format"]
