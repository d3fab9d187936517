"""vanban: Vietnamese administrative documents as typed, validated data.

>>> import vanban
>>> doc = vanban.parse_text("Số: 2680/UBND-KGVX")
>>> doc.number.raw
'2680/UBND-KGVX'
"""

from vanban._version import __version__
from vanban.api import parse, parse_text
from vanban.errors import (
    CorruptDocument,
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

__all__ = [
    "Agency",
    "Article",
    "Citation",
    "CorruptDocument",
    "DocNumber",
    "DocType",
    "Document",
    "Duty",
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
    "normalize_agency",
    "parse",
    "parse_text",
]
