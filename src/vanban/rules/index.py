"""The compiled rule set: lookup tables over match keys, one per matching tier."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import regex

from vanban.errors import RuleDataError
from vanban.rules.keys import Fold, bare_key, split_words, word_key
from vanban.rules.schema import (
    Attached,
    Body,
    DataFile,
    Distributive,
    Group,
    LocalBody,
    PlaceUnit,
    Province,
)

__all__ = ["Index", "RuleSet"]

_T = TypeVar("_T")

_MAX_ABBR_WORD_LEN = 6
_TOKEN_CACHE_SIZE = 50_000
_PATTERN_WORD = regex.compile(r"[\p{L}\p{M}\p{N}]+")
_MACRO = regex.compile(r"<([A-Z_]+)>")


@dataclass(slots=True)
class Index:
    """Lookup tables for one tier of match keys."""

    fold: Fold
    abbrev: dict[str, tuple[str, ...]] = field(default_factory=dict)
    stop: frozenset[str] = frozenset()
    central: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    local: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    places: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    units: dict[str, PlaceUnit] = field(default_factory=dict)
    collective: list[regex.Pattern[str]] = field(default_factory=list)
    suffixes: list[regex.Pattern[str]] = field(default_factory=list)
    subunit_heads: frozenset[str] = frozenset()
    distributive: dict[str, Distributive] = field(default_factory=dict)
    attached: list[tuple[tuple[str, ...], Attached]] = field(default_factory=list)
    # ``attached`` by the first token of the prefix (what _match tries for a name).
    attached_first: dict[str, list[tuple[tuple[str, ...], Attached]]] = field(default_factory=dict)
    attached_none: list[tuple[tuple[str, ...], Attached]] = field(default_factory=list)
    max_local: int = 1
    max_abbr: int = 1
    # The group patterns as one alternation; compiled on first use (the second
    # tier is asked only for names the first did not match).
    group_source: str = ""
    group_pattern: regex.Pattern[str] | None = None
    group_ids: dict[str, str] = field(default_factory=dict)
    # tokens() of texts seen: the engine asks for the same text several times
    # (tiers, suffix stripping, list parts), and real archives repeat names.
    token_cache: dict[str, list[str]] = field(default_factory=dict)

    def group_of(self, key: str) -> str | None:
        """The id of the first group whose pattern matches the whole ``key``."""
        pattern = self.compile_groups()
        if pattern is None:
            return None
        m = pattern.fullmatch(key)
        return self.group_ids[m.lastgroup] if m and m.lastgroup else None

    def compile_groups(self) -> regex.Pattern[str] | None:
        """The compiled group alternation (None without groups)."""
        if self.group_pattern is None and self.group_source:
            self.group_pattern = regex.compile(self.group_source)
        return self.group_pattern

    def tokens(self, text: str) -> list[str]:
        """The folded words of ``text``, abbreviations expanded, stopwords dropped."""
        cached = self.token_cache.get(text)
        if cached is None:
            if len(self.token_cache) > _TOKEN_CACHE_SIZE:
                self.token_cache.clear()
            cached = self.token_cache[text] = self._tokens(text)
        return list(cached)

    def _tokens(self, text: str) -> list[str]:
        pairs = [(w, f) for w in split_words(text) if (f := self.fold(w)) not in self.stop]
        short = [len(w) <= _MAX_ABBR_WORD_LEN for w, _f in pairs]
        folded = [f for _w, f in pairs]
        out: list[str] = []
        i, n = 0, len(folded)
        while i < n:
            hit = None
            if short[i]:
                j = i + 1
                while j < min(n, i + self.max_abbr) and short[j]:
                    j += 1
                for end in range(j, i, -1):
                    hit = self.abbrev.get("".join(folded[i:end]))
                    if hit is not None:
                        out.extend(hit)
                        i = end
                        break
            elif folded[i] in self.abbrev:
                hit = self.abbrev[folded[i]]
                out.extend(hit)
                i += 1
            if hit is None:
                out.append(folded[i])
                i += 1
        return out

    def key(self, text: str) -> str:
        """The match key of ``text``."""
        return " ".join(self.tokens(text))

    def strip_suffix(self, tokens: list[str]) -> list[str]:
        """``tokens`` without a trailing "khóa XII", "nhiệm kỳ 2021 - 2026"…"""
        key = " ".join(tokens)
        for pattern in self.suffixes:
            m = pattern.search(key)
            if m and m.start() > 0:
                return key[: m.start()].split()
        return tokens

    def plain_key(self, text: str) -> str:
        """The folded words of ``text`` without abbreviation expansion."""
        return " ".join(t for t in (self.fold(w) for w in split_words(text)) if t not in self.stop)

    def pattern_text(self, text: str, macros: dict[str, str]) -> str:
        """A group pattern's source: macros expanded, each word folded."""
        for _ in range(5):
            text = _MACRO.sub(lambda m: macros[m.group(1)], text)
        return _PATTERN_WORD.sub(lambda m: self.fold(m.group(0)), text)

    def pattern(self, text: str, macros: dict[str, str]) -> regex.Pattern[str]:
        """Compile a group pattern: macros expanded, each word folded."""
        return regex.compile(self.pattern_text(text, macros))


@dataclass(frozen=True, eq=False)
class RuleSet:
    """The compiled rules: built-in data merged with user rule files."""

    data: DataFile = field(default_factory=DataFile)
    user_files: tuple[Path, ...] = ()
    bodies: dict[str, Body] = field(default_factory=dict)
    locals: dict[str, LocalBody] = field(default_factory=dict)
    provinces: dict[str, Province] = field(default_factory=dict)
    groups: dict[str, Group] = field(default_factory=dict)
    issuer_codes: dict[str, str] = field(default_factory=dict)
    unit_codes: dict[str, str] = field(default_factory=dict)
    tiers: tuple[Index, ...] = ()

    @classmethod
    def build(cls, data: DataFile, *, user_files: tuple[Path, ...] = ()) -> RuleSet:
        """Check the merged data and compile its lookup tables."""
        bodies = _unique("central", [(b.id, b) for b in data.central])
        locals_ = _unique("local", [(b.id, b) for b in data.local])
        provinces = _unique("provinces", [(p.id, p) for p in data.provinces])
        groups = _unique("groups", [(g.id, g) for g in data.groups])
        _check_refs(bodies, locals_, provinces)
        for code in data.issuer_codes:
            if code.body not in bodies and code.body not in locals_:
                raise RuleDataError(f"issuer code {code.code}: unknown body {code.body!r}")
        try:
            tiers = tuple(_compile(data, fold) for fold in (word_key, bare_key))
            # Checks the group patterns now; the tiers' sources differ only in
            # how letters are folded, so the second compiles when it is needed.
            tiers[0].compile_groups()
        except (regex.error, KeyError) as exc:
            raise RuleDataError(f"bad group or place pattern: {exc}") from exc
        return cls(
            data=data,
            user_files=user_files,
            bodies=bodies,
            locals=locals_,
            provinces=provinces,
            groups=groups,
            issuer_codes={c.code.upper(): c.body for c in data.issuer_codes},
            unit_codes={c.code.upper(): c.name for c in data.unit_codes},
            tiers=tiers,
        )

    def unit_name(self, code: str) -> str | None:
        """The unit a ký hiệu code stands for ("KGVX" → "Khoa giáo - Văn xã")."""
        return self.unit_codes.get(code.upper())

    def issuer(self, code: str) -> str | None:
        """The body id an issuer code of a số hiệu stands for ("BTTTT" → "bo-tttt")."""
        return self.issuer_codes.get(code.upper())


def _unique(table: str, items: list[tuple[str, _T]]) -> dict[str, _T]:
    out: dict[str, _T] = {}
    for key, item in items:
        if key in out:
            raise RuleDataError(f"{table}: duplicate id {key!r}")
        out[key] = item
    return out


def _check_refs(
    bodies: dict[str, Body], locals_: dict[str, LocalBody], provinces: dict[str, Province]
) -> None:
    for body in bodies.values():
        for succ in body.successors:
            if succ not in bodies:
                raise RuleDataError(f"central {body.id}: unknown successor {succ!r}")
    for local in locals_.values():
        for succ in local.successors:
            if succ not in locals_:
                raise RuleDataError(f"local {local.id}: unknown successor {succ!r}")
    for prov in provinces.values():
        if prov.merged_into and prov.merged_into not in provinces:
            raise RuleDataError(f"provinces {prov.id}: unknown merged_into {prov.merged_into!r}")


def _compile(data: DataFile, fold: Fold) -> Index:
    index = Index(fold=fold)
    index.stop = frozenset(fold(w) for w in data.stopwords)
    for abbr in data.abbreviations:
        expansion = tuple(
            t for t in (fold(w) for w in split_words(abbr.expansion)) if t not in index.stop
        )
        for variant in abbr.variants:
            parts = [f for f in (fold(w) for w in split_words(variant)) if f not in index.stop]
            index.abbrev["".join(parts)] = expansion
            index.max_abbr = max(index.max_abbr, len(parts))
    for body in data.central:
        for name in (body.name, *body.aliases):
            _add(index.central, index.key(name), body.id)
    for local in data.local:
        for alias in local.aliases:
            key = index.key(alias)
            _add(index.local, key, local.id)
            index.max_local = max(index.max_local, key.count(" ") + 1)
    for prov in data.provinces:
        for name in (prov.name, *prov.aliases):
            _add(index.places, index.key(name), prov.id)
    index.units = {index.key(word): kind for word, kind in data.place_units.items()}
    # The group patterns are only ever matched as one alternation: compile just
    # that (compiling each one too doubled the cost of loading the rules).
    groups = [(g.id, index.pattern_text(p, data.macros)) for g in data.groups for p in g.patterns]
    if groups:
        index.group_ids = {f"g{k}": gid for k, (gid, _p) in enumerate(groups)}
        index.group_source = "|".join(f"(?P<g{k}>{p})" for k, (_gid, p) in enumerate(groups))
    index.subunit_heads = frozenset(index.key(h) for h in data.subunit_heads)
    index.suffixes = [index.pattern(p, data.macros) for p in data.suffixes]
    index.collective = [index.pattern(p, data.macros) for p in data.collective_places]
    for dist in data.distributive:
        for head in dist.heads:
            index.distributive[index.key(head)] = dist
    pairs = [(tuple(index.tokens(p)), a) for a in data.attached for p in a.prefixes]
    index.attached = sorted(pairs, key=lambda pair: -len(pair[0]))
    # By first token, longest first as above; a prefix of no token (all stop words)
    # goes before every name, after the others.
    empty = [pair for pair in index.attached if not pair[0]]
    for pair in index.attached:
        if pair[0]:
            index.attached_first.setdefault(pair[0][0], []).append(pair)
    index.attached_first = {k: v + empty for k, v in index.attached_first.items()}
    index.attached_none = empty
    return index


def _add(table: dict[str, list[str]], key: str, value: str) -> None:
    if key and value not in table[key]:
        table[key].append(value)
