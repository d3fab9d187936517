"""Resolve an agency name to a canonical body, group or list, with issues."""

from __future__ import annotations

import bisect
import datetime as dt
from functools import lru_cache

import regex

from vanban.models import Agency, Issue
from vanban.rules.build import (
    body_agency,
    date_span,
    group_agency,
    local_agency,
    slug,
    wrap_attached,
)
from vanban.rules.index import Index, RuleSet
from vanban.rules.keys import clean_text, split_words
from vanban.rules.provinces import Place, find_province, parse_place
from vanban.rules.schema import Province
from vanban.text.anchors import fragment

__all__ = ["resolve"]

_MAX_DEPTH = 4
_LIST_SPLIT = regex.compile(rf"\s*(?:[,;]|\s(?:{fragment('agency_list_and')}|&)\s)\s*")
_PARTS = regex.compile(r"[,;]")
_PARENT = regex.compile(r"^(.+?)\s*(?:,|\(|\s[-–]\s|/)\s*([^,()/]+?)\)?$")


def resolve(
    rules: RuleSet, raw: str, province: str | None, on: dt.date | None
) -> tuple[Agency, list[Issue]]:
    """Resolve ``raw`` under ``rules``; never raises on content.

    The date only matters through comparisons with the dates in the data, so
    every day between two of those dates resolves alike: the cache is keyed by
    that period (a document's own date would make every document cold), and
    the date-bearing issues are written for the document's real date.
    """
    rep = _representative(rules, on)
    agency, issues = _cached(rules, raw, province, rep)
    agency = _fresh(agency)
    if rep == on or not issues:
        return agency, list(issues)
    kept = [i for i in issues if i.code not in _DATED_CODES]
    return agency, kept + _issues(rules, agency, on)


def _fresh(agency: Agency) -> Agency:
    """``agency`` out of the cache: the models are frozen, and its lists are new ones, so
    nothing a caller does to a result reaches the next call's."""
    if not agency.members and not agency.successors:
        return agency
    return agency.model_copy(
        update={"members": [_fresh(m) for m in agency.members], "successors": [*agency.successors]}
    )


_DATED_CODES = frozenset({"agency.district_after_2025", "agency.not_valid_on"})


@lru_cache(maxsize=8)
def _boundaries(rules: RuleSet) -> tuple[dt.date, ...]:
    """Every date the rule data holds, sorted."""
    found: set[dt.date] = set()

    def walk(value: object) -> None:
        if isinstance(value, dt.date):
            found.add(value)
        elif isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list | tuple):
            for v in value:
                walk(v)

    walk(rules.data.model_dump())
    return tuple(sorted(found))


_REPRESENTATIVES: dict[tuple[int, object], dt.date] = {}


def _representative(rules: RuleSet, on: dt.date | None) -> dt.date | None:
    """The first date seen in ``on``'s period between two data dates (or ``on`` itself)."""
    if on is None:
        return None
    dates = _boundaries(rules)
    i = bisect.bisect_left(dates, on)
    if i < len(dates) and dates[i] == on:
        return on
    return _REPRESENTATIVES.setdefault((id(rules), i), on)


@lru_cache(maxsize=1 << 16)
def _cached(
    rules: RuleSet, raw: str, province: str | None, on: dt.date | None
) -> tuple[Agency, tuple[Issue, ...]]:
    text = clean_text(raw)
    if not text:
        return Agency(raw=raw), ()
    context = find_province(rules, province, on) if province else None
    words = split_words(text)
    hits: list[Agency] = []
    full = clean_text(raw, notes=True)
    if full != text and full.endswith(")"):
        hits = _subunit(rules, full, province, on, raw, listed=False)
    for index in rules.tiers:
        if hits:
            break
        tokens = index.tokens(text)
        hits = _match(rules, index, tokens, words, context, on, raw, 0)
        if not hits and index.suffixes:
            short = index.strip_suffix(tokens)
            if short != tokens:
                hits = _match(rules, index, short, words, context, on, raw, 0)
        if hits:
            break
    if not hits and ":" in text:
        hits = _colon(rules, text, province, on, raw)
    if not hits:
        hits = _subunit(rules, text, province, on, raw)
    if not hits and _PARTS.search(text):
        hits = _list(rules, text, province, on, raw)
    if not hits:
        hits = _issuer_code(rules, text, context, on, raw)
    if not hits:
        return Agency(raw=raw, name=text), ()
    return _choose(rules, raw, text, hits, on)


def _choose(
    rules: RuleSet, raw: str, text: str, hits: list[Agency], on: dt.date | None
) -> tuple[Agency, tuple[Issue, ...]]:
    unique: dict[str | None, Agency] = {}
    for hit in hits:
        unique.setdefault(hit.id or hit.name, hit)
    candidates = list(unique.values())
    if on is not None and len(candidates) > 1:
        valid = [a for a in candidates if _valid(a, on)]
        candidates = valid or candidates
    if len(candidates) > 1:
        names = "; ".join(sorted(a.name or "" for a in candidates))
        issue = Issue(
            code="agency.ambiguous",
            message=f"“{text}” fits more than one body equally ({names}); left unresolved.",
            field=None,
        )
        return Agency(raw=raw, name=text), (issue,)
    agency = candidates[0]
    return agency, tuple(_issues(rules, agency, on))


def _valid(agency: Agency, on: dt.date) -> bool:
    return (agency.valid_from is None or agency.valid_from <= on) and (
        agency.valid_to is None or on <= agency.valid_to
    )


def _issues(rules: RuleSet, agency: Agency, on: dt.date | None) -> list[Issue]:
    if on is None:
        return []
    end = rules.data.district_level_end
    if agency.level == "district" and end is not None and on > end:
        return [
            Issue(
                code="agency.district_after_2025",
                message=(
                    f"“{agency.name}” is a district-level body, but the district level "
                    f"ended on {end.isoformat()} and the document is dated {on.isoformat()}."
                ),
                field=None,
            )
        ]
    if not _valid(agency, on):
        return [
            Issue(
                code="agency.not_valid_on",
                message=f"“{agency.name}” did not exist on {on.isoformat()}.",
                field=None,
            )
        ]
    return []


def _match(
    rules: RuleSet,
    index: Index,
    tokens: list[str],
    words: list[str],
    context: Province | None,
    on: dt.date | None,
    raw: str,
    depth: int,
) -> list[Agency]:
    if not tokens or depth > _MAX_DEPTH:
        return []
    key = " ".join(tokens)
    ids = index.central.get(key)
    if ids:
        return [body_agency(rules, rules.bodies[i], raw) for i in ids]
    group = index.group_of(key)
    if group is not None:
        return [group_agency(rules, rules.groups[group], raw, context)]
    local = _local(rules, index, tokens, words, context, on, raw)
    if local:
        return local
    for prefix, attached in index.attached_first.get(tokens[0], index.attached_none):
        size = len(prefix)
        if len(tokens) > size and tuple(tokens[:size]) == prefix:
            rest = tokens[size:]
            if attached.prepend:
                rest = index.tokens(attached.prepend) + rest
            parents = _match(rules, index, rest, words, context, on, raw, depth + 1)
            if parents:
                return [wrap_attached(attached, p) for p in parents]
    return []


def _local(
    rules: RuleSet,
    index: Index,
    tokens: list[str],
    words: list[str],
    context: Province | None,
    on: dt.date | None,
    raw: str,
) -> list[Agency]:
    for size in range(min(len(tokens), index.max_local), 0, -1):
        ids = index.local.get(" ".join(tokens[:size]))
        if not ids:
            continue
        out: list[Agency] = []
        for local_id in ids:
            body = rules.locals[local_id]
            place = parse_place(rules, index, tokens[size:], words, context, on, date_span(body))
            if place is not None and (place.collective or place.level in body.levels):
                out.append(local_agency(rules, body, place, raw, on))
        if out:
            return out
    return []


def _colon(
    rules: RuleSet, text: str, province: str | None, on: dt.date | None, raw: str
) -> list[Agency]:
    """ "Các Bộ: Công an, Tư pháp" → a group of members; "VPCP: BTCN, PCN" → VPCP."""
    left, right = (part.strip() for part in text.split(":", 1))
    for index in rules.tiers:
        dist = index.distributive.get(index.key(left))
        if dist is None:
            continue
        members = _members(rules, dist.member_prefix, right.rstrip(" .;"), province, on)
        ids = [m.id for m in members]
        return [
            Agency(
                raw=raw,
                name=text,
                id=f"{dist.id}:{'+'.join(i for i in ids if i)}" if all(ids) else None,
                group=True,
                members=members,
                level=members[0].level if members else None,
                rule=f"distributive:{dist.id}",
            )
        ]
    head, _issues = _cached(rules, left, province, on)
    if head.id is None:
        return []
    return [head.model_copy(update={"raw": raw, "rule": f"{head.rule}+list"})]


_MAX_MEMBER_PIECES = 4  # "Văn hóa, Thể thao và Du lịch": three pieces of one name


def _members(
    rules: RuleSet, prefix: str, listed: str, province: str | None, on: dt.date | None
) -> list[Agency]:
    """The bodies of a distributive list ("Nội vụ, Văn hóa, Thể thao và Du lịch" after
    "các Sở:"), each with ``prefix``. A name that holds a comma or "và" itself is
    told by the registry: the longest run of pieces that names a known body with the
    prefix is one member ("Sở Văn hóa, Thể thao và Du lịch", "Sở Nông nghiệp và Môi
    trường"); any other piece is a member of its own."""
    pieces: list[tuple[int, int]] = []
    at = 0
    for sep in _LIST_SPLIT.finditer(listed):
        if sep.start() > at:
            pieces.append((at, sep.start()))
        at = sep.end()
    if at < len(listed):
        pieces.append((at, len(listed)))
    members: list[Agency] = []
    i = 0
    while i < len(pieces):
        for j in range(min(len(pieces), i + _MAX_MEMBER_PIECES), i, -1):
            name = listed[pieces[i][0] : pieces[j - 1][1]]
            member = _cached(rules, f"{prefix} {name}", province, on)[0]
            if j == i + 1 or member.id is not None:
                members.append(member)
                i = j
                break
    return members


def _subunit(
    rules: RuleSet,
    text: str,
    province: str | None,
    on: dt.date | None,
    raw: str,
    *,
    listed: bool = True,
) -> list[Agency]:
    """ "Cục Kiểm tra văn bản QPPL, Bộ Tư pháp" → a unit of the parent body."""
    m = _PARENT.match(text)
    if not m:
        return []
    head, parent_text = m.group(1).strip(), m.group(2).strip()
    index = rules.tiers[0]
    tokens = index.tokens(head)
    if "," in head or not any(" ".join(tokens[:n]) in index.subunit_heads for n in (1, 2)):
        return []
    if listed and _cached(rules, head, province, on)[0].id is not None:
        return []  # "Văn phòng Chủ tịch nước, Văn phòng Quốc hội" is a list, not a unit
    parent, _issues = _cached(rules, parent_text, province, on)
    if parent.id is None or parent.group:
        return []
    return [
        parent.model_copy(
            update={
                "raw": raw,
                "name": f"{head} - {parent.name}",
                "id": f"{parent.id}/{slug(head)}",
                "rule": f"subunit+{parent.rule}",
                "successors": [],
            }
        )
    ]


def _list(
    rules: RuleSet, text: str, province: str | None, on: dt.date | None, raw: str
) -> list[Agency]:
    """ "VP Quốc hội, VP Chủ tịch nước, VPCP" → a group of bodies, if every part resolves."""
    parts = [p for p in (q.strip() for q in _PARTS.split(text)) if p]
    if len(parts) < 2:
        return []
    members = [_cached(rules, p, province, on)[0] for p in parts]
    if not all(m.id or m.group for m in members):
        return []
    return [Agency(raw=raw, name=text, group=True, members=members, rule="list")]


def _issuer_code(
    rules: RuleSet, text: str, context: Province | None, on: dt.date | None, raw: str
) -> list[Agency]:
    """ "BTTTT", "SXD": the issuer code of a số hiệu stands for its body."""
    body_id = rules.issuer(text.replace(" ", "")) if len(text) <= 12 else None
    if body_id is None:
        return []
    if body_id in rules.bodies:
        agency = body_agency(rules, rules.bodies[body_id], raw)
    else:
        place = Place("province", context)
        agency = local_agency(rules, rules.locals[body_id], place, raw, on)
    return [agency.model_copy(update={"rule": f"issuer-code:{text}+{agency.rule}"})]
