"""Provinces over time: picking the unit valid on a date, naming it, finding it in text."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

import regex

from vanban.models import Level
from vanban.rules.index import Index, RuleSet
from vanban.rules.keys import word_key
from vanban.rules.schema import Province

__all__ = [
    "Place",
    "current",
    "find_province",
    "infer_in",
    "parse_place",
    "pick",
    "province_of_in",
    "type_on",
    "unit_text",
    "uy_text",
]

_WORD = regex.compile(r"[\p{L}\p{M}\p{N}]+")
_MAX_NAME = 4
_UNIT_WORDS = frozenset({word_key("tỉnh"), word_key("phố")})


@dataclass(frozen=True, slots=True)
class Place:
    """Where a local body sits: a province, a unit below it, or every province."""

    level: Level
    province: Province | None = None
    unit_word: str | None = None
    local_name: str | None = None
    collective: bool = False


def valid_on(p: Province, on: dt.date) -> bool:
    """Whether ``p`` exists on ``on``."""
    return (p.valid_from is None or p.valid_from <= on) and (p.valid_to is None or on <= p.valid_to)


def pick(
    rules: RuleSet,
    ids: list[str],
    on: dt.date | None,
    span: tuple[dt.date | None, dt.date | None] = (None, None),
) -> Province | None:
    """The record among ``ids`` valid on ``on``, else overlapping ``span``, else the newest."""
    records = [rules.provinces[i] for i in ids]
    if not records:
        return None
    if on is not None:
        hits = [p for p in records if valid_on(p, on)]
        if hits:
            return hits[0]
    start, end = span
    overlap = [
        p
        for p in records
        if (end is None or p.valid_from is None or p.valid_from <= end)
        and (start is None or p.valid_to is None or start <= p.valid_to)
    ]
    pool = overlap or records
    return max(pool, key=lambda p: p.valid_from or dt.date.min)


def current(rules: RuleSet, p: Province) -> Province:
    """The province that carries ``p`` today, following every merger."""
    seen = {p.id}
    while p.valid_to is not None and p.merged_into and p.merged_into not in seen:
        p = rules.provinces[p.merged_into]
        seen.add(p.id)
    return p


def type_on(p: Province, on: dt.date | None) -> str:
    """ "tỉnh" or "thành phố" on ``on`` (the latest type when ``on`` is None)."""
    kind = p.type
    for change in sorted(p.type_changes, key=lambda c: c.valid_from):
        if on is None or change.valid_from <= on:
            kind = change.type
    return kind


def unit_text(p: Province, on: dt.date | None) -> str:
    """ "tỉnh Đắk Nông", "thành phố Hà Nội", "Thành phố Hồ Chí Minh"."""
    kind = type_on(p, on)
    if p.unit_name and kind == p.type:
        return p.unit_name
    return f"{kind} {p.name}"


def uy_text(p: Province | None, on: dt.date | None) -> str:
    """The Party committee word: "Tỉnh ủy" or "Thành ủy"."""
    if p is not None and type_on(p, on) == "thành phố":
        return "Thành ủy"
    return "Tỉnh ủy"


def find_province(rules: RuleSet, text: str, on: dt.date | None) -> Province | None:
    """The province named by ``text`` ("Đắk Nông", "tỉnh Đắk Nông", "TP. HCM")."""
    for index in rules.tiers:
        tokens = index.tokens(text)
        while tokens and index.units.get(tokens[0]) in ("province", "city"):
            tokens = tokens[1:]
        if tokens and index.units.get(" ".join(tokens[:2])) in ("province", "city"):
            tokens = tokens[2:]
        ids = index.places.get(" ".join(tokens))
        if ids:
            return pick(rules, ids, on)
    return None


def parse_place(
    rules: RuleSet,
    index: Index,
    rest: list[str],
    raw_words: list[str],
    context: Province | None,
    on: dt.date | None,
    span: tuple[dt.date | None, dt.date | None],
) -> Place | None:
    """Read the place part after a body's name (tokens ``rest``), or None if it is not one."""
    if not rest:
        return Place("province", context)
    joined = " ".join(rest)
    if any(p.fullmatch(joined) for p in index.collective):
        return Place("province", None, collective=True)
    unit, name = _split_unit(index, rest)
    if not name:
        return _bare_unit(unit, context, on)
    ids = index.places.get(" ".join(name))
    if ids and unit in (None, "province", "city"):
        return Place("province", pick(rules, ids, on, span))
    if unit in (None, "province"):
        return None
    words = raw_words[-len(name) :] if len(raw_words) >= len(name) else raw_words
    local = " ".join(w.title() if w.isupper() else w for w in words)
    unit_word = " ".join(raw_words[-len(rest) : len(raw_words) - len(name)]).lower()
    level: Level = "commune" if unit == "commune" else "district"
    return Place(level, context, unit_word=unit_word or None, local_name=local)


def _split_unit(index: Index, rest: list[str]) -> tuple[str | None, list[str]]:
    for size in (2, 1):
        kind = index.units.get(" ".join(rest[:size]))
        if kind is not None and len(rest) >= size:
            return kind, rest[size:]
    return None, rest


def _bare_unit(unit: str | None, context: Province | None, on: dt.date | None) -> Place | None:
    if unit == "province":
        return Place("province", context, unit_word="tỉnh")
    if unit == "city":
        if context is not None and type_on(context, on) == "thành phố":
            return Place("province", context)
        return Place("district", context, unit_word="thành phố")
    if unit == "district":
        return Place("district", context)
    if unit == "commune":
        return Place("commune", context)
    return None


@lru_cache(maxsize=8)
def _names(rules: RuleSet) -> dict[str, list[str]]:
    table: dict[str, list[str]] = {}
    for p in rules.provinces.values():
        for name in (p.name, *p.aliases, *p.cities):
            key = " ".join(word_key(w) for w in _WORD.findall(name))
            if len(key) > 3 and p.id not in table.setdefault(key, []):
                table[key].append(p.id)
    return table


@lru_cache(maxsize=8)
def _first_words(rules: RuleSet) -> frozenset[str]:
    """The first word of every key of :func:`_names` (a word that starts none starts no name)."""
    return frozenset(k.split(" ", 1)[0] for k in _names(rules))


def infer_in(rules: RuleSet, text: str, on: dt.date | None) -> str | None:
    """Count capitalised province and town names in ``text``; return a clear winner.

    Only capitalised words can start a name, so only they are folded and looked
    up (most words of a long law are not, and folding every word dominated the
    whole parse).
    """
    names = _names(rules)
    firsts = _first_words(rules)
    words = _WORD.findall(text)
    keys: dict[str, str] = {}

    def key(k: int) -> str:
        w = words[k]
        if w not in keys:
            keys[w] = word_key(w)
        return keys[w]

    counts: Counter[str] = Counter()
    skip_to = 0
    for i, first in enumerate(words):
        if i < skip_to or not first[:1].isupper():
            continue
        if key(i).split(" ", 1)[0] not in firsts:
            continue  # no name starts with this word
        # A name is a run of capitalised words ("Đắk Lắk", "Hồ Chí Minh").
        run = 1
        while run < _MAX_NAME and i + run < len(words) and words[i + run][:1].isupper():
            run += 1
        for size in range(run, 0, -1):
            ids = names.get(" ".join(key(k) for k in range(i, i + size)))
            if ids:
                weight = 2 if i and key(i - 1) in _UNIT_WORDS else 1
                chosen = pick(rules, ids, on)
                if chosen is not None:
                    counts[chosen.name] += weight
                skip_to = i + size
                break
    ranked = counts.most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]


def province_of_in(rules: RuleSet, raw: str) -> str | None:
    """The first province named in an agency string or place line."""
    for index in rules.tiers:
        tokens = index.tokens(raw)
        for i in range(len(tokens)):
            for size in range(min(_MAX_NAME, len(tokens) - i), 0, -1):
                ids = index.places.get(" ".join(tokens[i : i + size]))
                if ids:
                    return rules.provinces[ids[0]].name
    return None
