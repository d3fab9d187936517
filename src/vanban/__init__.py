"""vanban: Vietnamese administrative documents as typed, validated data.

>>> import vanban
>>> doc = vanban.parse_text("Số: 2680/UBND-KGVX\\nĐắk Nông, ngày 31 tháng 5 năm 2021")
>>> doc.number.raw
'2680/UBND-KGVX'
>>> doc.place
'Đắk Nông'

Names are imported on first use (PEP 562), so that ``vanban --help`` and
``import vanban.cli`` do not pay for pydantic and the parser.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from vanban._version import __version__

if TYPE_CHECKING:
    from vanban.api import parse, parse_text, preload
    from vanban.batch.api import parse_many
    from vanban.checker import Diagnostic, check
    from vanban.errors import (
        CorruptDocument,
        EmptyDocument,
        EncryptedDocument,
        FileTooLarge,
        LimitExceeded,
        LoadError,
        MissingDependency,
        RuleDataError,
        UnsupportedFormat,
        VanbanError,
    )
    from vanban.models import (
        Agency,
        Article,
        Citation,
        DocNumber,
        DocType,
        Document,
        Duty,
        Issue,
        Recipient,
        Signer,
        Source,
    )
    from vanban.rules import normalize_agency

_LAZY: dict[str, str] = {
    "parse": "vanban.api",
    "parse_text": "vanban.api",
    "preload": "vanban.api",
    "parse_many": "vanban.batch.api",
    "check": "vanban.checker",
    "Diagnostic": "vanban.checker",
    "normalize_agency": "vanban.rules",
    **dict.fromkeys(
        [
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
        ],
        "vanban.errors",
    ),
    **dict.fromkeys(
        [
            "Agency",
            "Article",
            "Citation",
            "DocNumber",
            "DocType",
            "Document",
            "Duty",
            "Issue",
            "Recipient",
            "Signer",
            "Source",
        ],
        "vanban.models",
    ),
}

__all__ = [
    "Agency",
    "Article",
    "Citation",
    "CorruptDocument",
    "Diagnostic",
    "DocNumber",
    "DocType",
    "Document",
    "Duty",
    "EmptyDocument",
    "EncryptedDocument",
    "FileTooLarge",
    "Issue",
    "LimitExceeded",
    "LoadError",
    "MissingDependency",
    "Recipient",
    "RuleDataError",
    "Signer",
    "Source",
    "UnsupportedFormat",
    "VanbanError",
    "__version__",
    "check",
    "normalize_agency",
    "parse",
    "parse_many",
    "parse_text",
    "preload",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'vanban' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
