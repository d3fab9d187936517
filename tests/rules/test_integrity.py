"""Data integrity of the built-in agency data."""

from __future__ import annotations

import datetime as dt

import pytest

from vanban.errors import RuleDataError
from vanban.rules import RuleSet
from vanban.rules.index import RuleSet as _RuleSet
from vanban.rules.load import builtin_files, read_data_file
from vanban.rules.schema import Body, DataFile, LocalBody

MERGE_DAY = dt.date(2025, 7, 1)


def test_ids_are_unique_across_files() -> None:
    ids: list[str] = []
    for path in builtin_files():
        data = read_data_file(path)
        for table in (data.central, data.local, data.provinces, data.groups):
            ids.extend(item.id for item in table)
    assert len(ids) == len(set(ids))


def _bodies(rules: RuleSet) -> list[Body | LocalBody]:
    return [*rules.bodies.values(), *rules.locals.values()]


def test_successors_exist_and_dates_are_ordered(rules: RuleSet) -> None:
    for body in _bodies(rules):
        table = rules.bodies if isinstance(body, Body) else rules.locals
        for succ in body.successors:
            assert succ in table, (body.id, succ)
            assert body.valid_to is not None, f"{body.id} has successors but no end"
        if body.valid_from and body.valid_to:
            assert body.valid_from <= body.valid_to


def test_every_ended_body_has_successors_or_says_why(rules: RuleSet) -> None:
    for body in _bodies(rules):
        if body.valid_to is not None:
            assert body.successors or body.change, body.id


def test_63_provinces_before_and_34_after(rules: RuleSet) -> None:
    before = dt.date(2025, 6, 30)
    old = [p for p in rules.provinces.values() if p.valid_to is None or p.valid_to >= before]
    old = [p for p in old if p.valid_from is None or p.valid_from <= before]
    new = [p for p in rules.provinces.values() if p.valid_to is None]
    assert len(old) == 63
    assert len(new) == 34
    assert sum(p.type == "thành phố" for p in new) == 6


def test_merger_table_ends_in_the_new_units(rules: RuleSet) -> None:
    for prov in rules.provinces.values():
        if prov.valid_to == MERGE_DAY - dt.timedelta(days=1):
            target = rules.provinces[prov.merged_into or ""]
            assert target.valid_from == MERGE_DAY, prov.id
    merged = [p for p in rules.provinces.values() if p.valid_from == MERGE_DAY]
    assert len(merged) == 23


def test_every_abbreviation_expands_into_a_known_name(rules: RuleSet) -> None:
    index = rules.tiers[0]
    names = [index.key(b.name) for b in rules.bodies.values()]
    names += [index.key(a) for b in rules.locals.values() for a in b.aliases]
    names += [index.key(g.name) for g in rules.groups.values()]
    names += [index.key(p.unit_name or p.name) for p in rules.provinces.values()]
    names += [index.key(u) for u in rules.unit_codes.values()]
    names += [" ".join(prefix) for prefix, _attached in index.attached]
    names += list(index.units)
    for abbr in rules.data.abbreviations:
        key = index.key(abbr.expansion)
        assert any(key in name for name in names), abbr.expansion


def test_issuer_codes_name_known_bodies(rules: RuleSet) -> None:
    assert rules.issuer("BTTTT") == "bo-tttt"
    assert rules.issuer("bnnmt") == "bo-nnmt"
    assert rules.unit_name("KGVX") == "Khoa giáo - Văn xã"
    for code, body in rules.issuer_codes.items():
        assert body in rules.bodies or body in rules.locals, code


def test_duplicate_id_is_rejected() -> None:
    body = Body(id="x", name="X")
    with pytest.raises(RuleDataError, match="duplicate id 'x'"):
        _RuleSet.build(DataFile(central=[body, body]))


def test_unknown_successor_is_rejected() -> None:
    body = Body(id="x", name="X", valid_to=dt.date(2025, 1, 1), successors=["nope"])
    with pytest.raises(RuleDataError, match="unknown successor 'nope'"):
        _RuleSet.build(DataFile(central=[body]))
