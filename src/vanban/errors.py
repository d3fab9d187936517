"""The exceptions vanban raises.

Content never raises: a document that lacks a field gets ``null`` and an
:class:`~vanban.models.Issue`. Only a file that cannot be read at all raises,
always one of these classes (never a raw pdfminer, zipfile or lxml error)::

    VanbanError
    ├── LoadError                 the file could not be turned into text
    │   ├── UnsupportedFormat     not a format vanban reads (or needs an extra)
    │   ├── MissingDependency     an optional package or program is not installed
    │   ├── EmptyDocument         the file is empty (0 bytes, or only whitespace)
    │   ├── CorruptDocument       the file claims a format but is damaged
    │   │   └── EncryptedDocument password-protected (.doc, PDF): save an unprotected copy
    │   └── LimitExceeded         the input breaks a safety limit
    │       └── FileTooLarge      the input is bigger than the size limit
    └── RuleDataError             a bad built-in or user rule file

Third-party exceptions are mapped to these at the loader boundary and chained
with ``raise ... from exc`` so the original cause stays visible.
"""

from __future__ import annotations

__all__ = [
    "CorruptDocument",
    "EmptyDocument",
    "EncryptedDocument",
    "FileTooLarge",
    "LimitExceeded",
    "LoadError",
    "MissingDependency",
    "RuleDataError",
    "UnsupportedFormat",
    "VanbanError",
]


class VanbanError(Exception):
    """Base class of every exception vanban raises on purpose."""


class LoadError(VanbanError):
    """A file could not be turned into text."""


class UnsupportedFormat(LoadError):
    """The input is not in a format vanban can read (or needs an optional extra)."""


class MissingDependency(LoadError):
    """An optional package or external program needed for this input is missing."""


class CorruptDocument(LoadError):
    """The input claims a format (PDF, DOCX, …) but cannot be decoded as one."""


class EncryptedDocument(CorruptDocument):
    """The file is password-protected (an encrypted .doc or PDF) and cannot be read.

    The message says what to do: open it with the password and save an
    unprotected copy.
    """


class EmptyDocument(LoadError):
    """The file is empty: no bytes, or nothing but whitespace."""


class LimitExceeded(LoadError):
    """The input breaks one of the safety limits (size, page count, nesting…)."""


class FileTooLarge(LimitExceeded):
    """The input is larger than the configured size limit."""


class RuleDataError(VanbanError):
    """A built-in or user-supplied rule file is malformed."""
