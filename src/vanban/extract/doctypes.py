"""Document types of Nghị định 30 (and legal/Party types), from data.

The table lives in ``data/doc_types.toml`` (one entry per type: name, code,
Party code, legacy aliases, kind, examples). It is read once and validated.
Names match case- and tone-placement-insensitively ("HOÀ" = "hòa"); codes
match case-sensitively first, because HĐ (hợp đồng) ≠ HD (hướng dẫn).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Literal

import regex
from pydantic import BaseModel, ConfigDict, Field

from vanban.models import DocType
from vanban.rules.keys import bare_key
from vanban.vocabulary import active

__all__ = [
    "CitationWords",
    "DocTypeEntry",
    "DocTypeTable",
    "doc_type_by_code",
    "doc_type_by_name",
    "fold",
    "table",
    "type_name_pattern",
    "type_name_words",
]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class DocTypeEntry(_Strict):
    """One document type of ``data/doc_types.toml``."""

    name: str
    code: str | None = None
    party_code: str | None = None
    aliases: list[str] = Field(default_factory=list)
    names: list[str] = Field(default_factory=list)
    kind: Literal["administrative", "legal", "party"]
    joint: bool = False
    examples: list[str] = Field(min_length=1)
    source: str

    def doc_type(self, code: str | None = None) -> DocType:
        """This type as the public model, with ``code`` (default: its own code).

        A Party-only type (Kết luận) reports its Party code; Công văn reports none.
        """
        own = self.code or (self.party_code if self.kind == "party" else None)
        return _doc_type(self.name, code or own)


@lru_cache(maxsize=1024)
def _doc_type(name: str, code: str | None) -> DocType:
    """One (frozen) model per name and code: documents and citations ask for few."""
    return DocType(name=name, code=code)


class CitationWords(_Strict):
    """Word lists of the citation finder (``[citation]`` in the data file)."""

    law_heads: list[str]
    law_name_stops: list[str]
    generic_heads: list[str]
    subject_verbs: list[str]
    issuer_qualifiers: list[str]
    issuer_stops: list[str]
    standalone_law_heads: list[str]
    named_documents: list[str]
    office_titles: list[str]
    office_types: list[str]


class DocTypeTable(_Strict):
    """The whole data file."""

    schema_version: int
    type_slot_codes: list[str]
    party_issuers: list[str]
    types: list[DocTypeEntry]
    citation: CitationWords


# Old-style vs new-style tone placement on the glides oa, oe, uy (design/domain.md
# §5.3): both sides of a comparison are folded the same way, so "HOÀ" = "hòa".
_TONE_FOLD = {
    "oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
    "oè": "òe", "oé": "óe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
    "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy",
}  # fmt: skip
_TONE_RE = regex.compile("|".join(_TONE_FOLD))


def fold(text: str) -> str:
    """A match key: NFC, lower case, tone placement folded, spaces collapsed.

    >>> fold("HOÀ") == fold("hòa")
    True
    """
    text = unicodedata.normalize("NFC", text).lower()
    return " ".join(_TONE_RE.sub(lambda m: _TONE_FOLD[m.group(0)], text).split())


def table() -> DocTypeTable:
    """The document types of the active vocabulary (:mod:`vanban.vocabulary`): the data
    file with the ``[doc_types]`` tables of the parse's rule files merged over it."""
    return active().doc_types


@dataclass(frozen=True, slots=True)
class _Index:
    by_name: dict[str, DocTypeEntry]
    # Names without marks ("luat", "thong tu"), for a capitals heading whose marks
    # OCR lost; only the keys one type's names fold to.
    by_bare: dict[str, DocTypeEntry]
    state: dict[str, tuple[DocTypeEntry, str]]
    party: dict[str, tuple[DocTypeEntry, str]]


@cache
def _index() -> _Index:
    by_name: dict[str, DocTypeEntry] = {}
    state: dict[str, tuple[DocTypeEntry, str]] = {}
    party: dict[str, tuple[DocTypeEntry, str]] = {}
    for entry in table().types:
        for name in (entry.name, *entry.names):
            by_name[fold(name)] = entry
        if entry.code:
            state[entry.code] = (entry, entry.code)
        for alias in entry.aliases:
            # A damaged code ("ND") reports the canonical one ("NĐ"); a legacy code
            # of a type without a current code reports itself.
            state.setdefault(alias, (entry, entry.code or alias))
        if entry.party_code:
            party[entry.party_code] = (entry, entry.party_code)
    by_name_of = {entry.name: entry for entry in table().types}
    bare: dict[str, set[str]] = {}
    for key, entry in by_name.items():
        bare.setdefault(bare_key(key), set()).add(entry.name)
    by_bare = {k: by_name_of[next(iter(v))] for k, v in bare.items() if len(v) == 1}
    return _Index(by_name, by_bare, state, party)


def _caps_bare(text: str) -> str | None:
    """The mark-free key of a capitals heading ("LUAT" -> "luat"); ``None`` for other text."""
    letters = [c for c in text if c.isalpha()]
    if not letters or not all(c.isupper() for c in letters):
        return None
    return bare_key(fold(text)).strip(" .:;,-*#")


@cache
def _name_prefix_re() -> regex.Pattern[str]:
    names = sorted(_index().by_name, key=len, reverse=True)
    alt = "|".join(regex.escape(n) for n in names)
    return regex.compile(rf"(?:{alt})(?![\p{{L}}\p{{N}}])")


def doc_type_by_name(text: str) -> DocType | None:
    """The type a heading or phrase names: "QUYẾT ĐỊNH", "Kế hoạch", "công văn".

    An exact name wins; otherwise the longest name the text starts with
    ("Luật Báo chí" → Luật, "THÔNG TƯ LIÊN TỊCH" → Thông tư liên tịch).

    >>> doc_type_by_name("QUYẾT ĐỊNH")
    DocType(name='Quyết định', code='QĐ')
    >>> doc_type_by_name("CÔNG VĂN").code is None
    True
    """
    key = fold(text).strip(" .:;,-*#")
    if not key:
        return None
    entry = _index().by_name.get(key)
    if entry is None and (bare := _caps_bare(text)) is not None:
        entry = _index().by_bare.get(bare)
    if entry is None:
        m = _name_prefix_re().match(key)
        if m is None:
            return None
        entry = _index().by_name[m.group(0)]
    return entry.doc_type()


def type_name_words(words: list[str], most: int = 4) -> int:
    """How many of the first ``words`` spell a document type's name exactly (0: none).

    A heading flattened onto one line goes on with its trích yếu; the type is the
    longest run of words that is a type's name, not the first run that starts with one.

    >>> type_name_words("LUẬT HÔN NHÂN VÀ GIA ĐÌNH".split())
    1
    >>> type_name_words("THÔNG TƯ LIÊN TỊCH HƯỚNG DẪN".split())
    4

    A capitals heading whose marks OCR lost is read too, when only one type's name
    has those letters: ``type_name_words(["LUAT", "THANH", "TRA"]) == 1``.
    """
    idx = _index()
    for n in range(min(most, len(words)), 0, -1):
        if fold(" ".join(words[:n])).strip(" .:;,-*#") in idx.by_name:
            return n
    for n in range(min(most, len(words)), 0, -1):
        bare = _caps_bare(" ".join(words[:n]))
        if bare is not None and bare in idx.by_bare:
            return n
    return 0


def doc_type_by_code(code: str, *, party: bool = False) -> DocType | None:
    """The type of a ký hiệu type code: "QĐ", "KH", "NĐ", "TTr"; ``None`` if not a type.

    Codes that stand in the type slot but name no type (QH15, UBTVQH14, CTN, L,
    VBHN) and issuer codes give ``None``. ``party`` looks the code up among
    Party codes first ("TT" is Thông tri in "10-TT/TW", Thông tư otherwise).
    A lower-case code ("qđ") matches when only one code has its letters.

    >>> doc_type_by_code("NĐ")
    DocType(name='Nghị định', code='NĐ')
    >>> doc_type_by_code("ND")
    DocType(name='Nghị định', code='NĐ')
    >>> doc_type_by_code("QH15") is None
    True
    """
    hit = _lookup(code, party)
    return hit[0].doc_type(hit[1]) if hit is not None else None


@cache
def _lookup(code: str, party: bool) -> tuple[DocTypeEntry, str] | None:
    idx = _index()
    tables = (idx.party, idx.state) if party else (idx.state, idx.party)
    for tab in tables:
        if (hit := tab.get(code)) is not None:
            return hit
    upper = code.upper()
    for tab in tables:
        hits = {(v[0].name, v[1]): v for k, v in tab.items() if k.upper() == upper}
        if len(hits) == 1:
            return next(iter(hits.values()))
    return None


def entry_by_code(code: str, *, party: bool = False) -> DocTypeEntry | None:
    """The table entry behind :func:`doc_type_by_code` (for its ``joint`` flag)."""
    hit = _lookup(code, party)
    return hit[0] if hit is not None else None


@cache
def type_name_pattern() -> str:
    """A regex alternation of every type name (longest first), for other patterns.

    Names are escaped, tone variants ("thỏa"/"thoả", "ủy"/"uỷ") both listed,
    words joined by ``\\s+``; use it case-insensitively.
    """
    names: set[str] = set()
    for entry in table().types:
        for name in (entry.name, *entry.names):
            names.add(name)
            names.add(_TONE_RE.sub(lambda m: _TONE_FOLD[m.group(0)], name))
            names.add(_unfold(name))
    ordered = sorted(names, key=len, reverse=True)
    # Words of a name may be separated by any run of spaces (a line break too).
    return "|".join(regex.escape(n).replace("\\ ", r"\s+") for n in ordered)


_UNFOLD = {v: k for k, v in _TONE_FOLD.items()}
_UNFOLD_RE = regex.compile("|".join(_UNFOLD))


def _unfold(text: str) -> str:
    """The new-style spelling ("hòa" → "hoà") of a name."""
    return _UNFOLD_RE.sub(lambda m: _UNFOLD[m.group(0)], text)
