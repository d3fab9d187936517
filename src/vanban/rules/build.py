"""Turn matched rules into :class:`~vanban.models.Agency` values (names, ids, successors)."""

from __future__ import annotations

import datetime as dt
from typing import TypeVar

from vanban.models import Agency
from vanban.rules.index import RuleSet
from vanban.rules.keys import bare_key, split_words
from vanban.rules.provinces import Place, current, type_on, unit_text, uy_text
from vanban.rules.schema import Attached, Body, Group, LocalBody, Province

__all__ = [
    "body_agency",
    "date_span",
    "group_agency",
    "local_agency",
    "render",
    "slug",
    "wrap_attached",
]

_R = TypeVar("_R", Body, LocalBody)
_COLLECTIVE = "các tỉnh, thành phố trực thuộc Trung ương"


def slug(text: str) -> str:
    """An ASCII slug: "Krông Nô" → "krong-no"."""
    return "-".join(bare_key(w) for w in split_words(text))


def date_span(item: Body | LocalBody | Group) -> tuple[dt.date | None, dt.date | None]:
    """The validity interval of a rule."""
    return item.valid_from, item.valid_to


def _later(a: dt.date | None, b: dt.date | None) -> dt.date | None:
    return max(a, b) if a and b else a or b


def _earlier(a: dt.date | None, b: dt.date | None) -> dt.date | None:
    return min(a, b) if a and b else a or b


def _chain(item: _R, table: dict[str, _R]) -> list[_R]:
    """Today's rules that carry ``item``'s functions (``[item]`` if it is current)."""
    out: list[_R] = []
    stack, seen = [item], {item.id}
    while stack:
        node = stack.pop(0)
        if node.valid_to is None:
            if node not in out:
                out.append(node)
            continue
        for succ in node.successors:
            if succ not in seen:
                seen.add(succ)
                stack.append(table[succ])
    return out


def body_agency(rules: RuleSet, body: Body, raw: str) -> Agency:
    """A central body."""
    today = _chain(body, rules.bodies)
    return Agency(
        raw=raw,
        name=body.name,
        id=body.id,
        level=body.level,
        rule=f"central:{body.id}",
        valid_from=body.valid_from,
        valid_to=body.valid_to,
        successors=[] if today == [body] else [b.name for b in today],
    )


def group_agency(rules: RuleSet, group: Group, raw: str, context: Province | None) -> Agency:
    """A collective recipient."""
    local = group.level in ("province", "district", "commune")
    return Agency(
        raw=raw,
        name=group.name,
        id=group.id,
        level=group.level,
        province=context.name if local and context else None,
        group=True,
        rule=f"group:{group.id}",
        valid_from=group.valid_from,
        valid_to=group.valid_to,
    )


def render(body: LocalBody, place: Place, on: dt.date | None) -> str:
    """The canonical name of ``body`` at ``place``."""
    prov = place.province
    if place.level == "province" and prov is not None:
        unit, where, uy = unit_text(prov, on), prov.name, uy_text(prov, on)
    elif place.level != "province":
        word = place.unit_word or ("xã" if place.level == "commune" else "huyện")
        unit = f"{word} {place.local_name}" if place.local_name else word
        where, uy = place.local_name or "", f"{word.capitalize()} ủy"
    else:
        unit, where, uy = place.unit_word or "", "", "Tỉnh ủy"
    name = body.name.format(unit=unit, place=where, uy=uy)
    return " ".join(name.split())


def local_agency(
    rules: RuleSet, body: LocalBody, place: Place, raw: str, on: dt.date | None
) -> Agency:
    """A local body at a place (or, for a collective place, at every province)."""
    if place.collective:
        base = render(body, Place("province", None), on)
        return Agency(
            raw=raw,
            name=f"{base} {_COLLECTIVE}",
            id=f"{body.id}:*",
            level="province",
            group=True,
            rule=f"local:{body.id}+collective",
            valid_from=body.valid_from,
            valid_to=body.valid_to,
        )
    prov = place.province
    ident = body.id if prov is None else f"{body.id}:{prov.slug}"
    own_from, own_to = body.valid_from, body.valid_to
    if place.level != "province":
        sub = slug(f"{place.unit_word or ''} {place.local_name or ''}")
        ident = f"{ident}/{sub}" if sub else ident
        if place.level != "commune" or place.local_name is not None:
            own_to = _earlier(own_to, rules.data.district_level_end)
    valid_from, valid_to = _within_province(rules, prov, own_from, own_to)
    if place.level == "commune" and place.local_name is None:
        valid_to = body.valid_to  # "UBND xã" of any province, before and after a merger
    if valid_from and valid_to and valid_from > valid_to:
        valid_from, valid_to = own_from, own_to
    return Agency(
        raw=raw,
        name=render(body, place, on),
        id=ident,
        level=place.level,
        province=prov.name if prov else None,
        rule=f"local:{body.id}",
        valid_from=valid_from,
        valid_to=valid_to,
        successors=_local_successors(rules, body, place),
    )


def _within_province(
    rules: RuleSet, prov: Province | None, start: dt.date | None, end: dt.date | None
) -> tuple[dt.date | None, dt.date | None]:
    """``[start, end]`` cut to the years the province existed.

    The province is the one valid on the document's date, but a body that ended
    before (or began after) it lived under an earlier (or later) record of the
    same province ("Lâm Đồng" before and after the 2025 merger): the interval is
    cut to the record of that province that overlaps it, never to an empty one.
    """
    if prov is None:
        return start, end
    same = [p for p in rules.provinces.values() if p.slug == prov.slug]
    for record in sorted(same, key=lambda p: p is not prov):
        low, high = _later(start, record.valid_from), _earlier(end, record.valid_to)
        if low is None or high is None or low <= high:
            return low, high
    return start, end


def _local_successors(rules: RuleSet, body: LocalBody, place: Place) -> list[str]:
    if place.level != "province":
        return []
    today = _chain(body, rules.locals)
    prov = place.province
    now = current(rules, prov) if prov is not None else None
    if today == [body] and now is prov:
        return []
    where = Place("province", now)
    names = [render(b, where, None) for b in today]
    return list(dict.fromkeys(names))


def wrap_attached(attached: Attached, parent: Agency) -> Agency:
    """A prefix rule over a resolved parent: a portal, a position, a unit list."""
    if attached.name is None:
        return parent.model_copy(update={"rule": f"attached:{attached.id}+{parent.rule}"})
    return parent.model_copy(
        update={
            "name": attached.name.format(parent=parent.name),
            "id": f"{attached.id}:{parent.id}" if parent.id else None,
            "group": attached.group or parent.group,
            "rule": f"attached:{attached.id}+{parent.rule}",
            "successors": [],
        }
    )


def type_word(prov: Province, on: dt.date | None) -> str:
    """ "tỉnh" or "thành phố" (re-exported for callers that render names)."""
    return type_on(prov, on)
