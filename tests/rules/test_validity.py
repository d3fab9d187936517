"""Every agency record the registry can produce has ``valid_from <= valid_to`` (issue #11).

A local body's interval is cut to its province's and, below a province, to the end of
the district level. A body that ended before a merger, read in a document dated after
it, used to get the merged province's start and its own end ("Sở TT&TT" of Lâm Đồng:
2025-07-01 → 2025-02-28). The sweep below builds every record the rules can make
(bodies × province records × places × dates), one at a time: nothing is kept and the
resolver's cache is bypassed, so the process does not grow (tests/security bounds the
memory of its child processes, which start from this one's size).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from vanban.cli import main
from vanban.models import Agency
from vanban.rules import RuleSet, engine, resolve_agency
from vanban.rules.build import body_agency, group_agency, local_agency
from vanban.rules.provinces import Place

DATES: tuple[dt.date | None, ...] = (
    None,
    dt.date(2020, 1, 1),
    dt.date(2025, 3, 1),
    dt.date(2025, 6, 30),
    dt.date(2025, 7, 1),
    dt.date(2025, 9, 1),
)


def _places(rules: RuleSet) -> Iterator[Place]:
    yield Place("province", None, collective=True)
    for prov in (None, *rules.provinces.values()):
        yield Place("province", prov)
        yield Place("district", prov)
        yield Place("district", prov, unit_word="huyện", local_name="Đức Trọng")
        yield Place("commune", prov)
        yield Place("commune", prov, unit_word="xã", local_name="Tà Năng")


def _built(rules: RuleSet) -> Iterator[Agency]:
    """Every record the builders make from the data, one at a time."""
    for body in rules.bodies.values():
        yield body_agency(rules, body, body.name)
    for group in rules.groups.values():
        for prov in (None, *rules.provinces.values()):
            yield group_agency(rules, group, group.name, prov)
    for local in rules.locals.values():
        for place in _places(rules):
            if not place.collective and place.level not in local.levels:
                continue
            for on in DATES:
                yield local_agency(rules, local, place, local.name, on)


def _resolved(rules: RuleSet) -> Iterator[Agency]:
    """Each local body's bare name under every province name and date, through the resolver."""
    names = sorted({p.name for p in rules.provinces.values()})
    resolve = engine._cached.__wrapped__  # the uncached resolver: nothing is kept
    for local in rules.locals.values():
        raws = [*local.aliases[:1], *(f"{a} huyện Đức Trọng" for a in local.aliases[:1])]
        for raw in raws:
            for province in names:
                for on in DATES:
                    yield resolve(rules, raw, province, on)[0]


def _members(agency: Agency) -> Iterator[Agency]:
    yield agency
    for member in agency.members:
        yield from _members(member)


def _bad(agencies: Iterator[Agency]) -> tuple[int, list[str]]:
    count, bad = 0, []
    for agency in agencies:
        for a in _members(agency):
            count += 1
            if a.valid_from and a.valid_to and a.valid_from > a.valid_to:
                bad.append(f"{a.id} {a.province}: {a.valid_from} > {a.valid_to}")
    return count, bad[:10]


def test_every_built_record_has_ordered_dates(rules: RuleSet) -> None:
    count, bad = _bad(_built(rules))
    assert count > 10_000  # the sweep really ran over the registry
    assert bad == []


def test_every_resolved_local_body_has_ordered_dates(rules: RuleSet) -> None:
    count, bad = _bad(_resolved(rules))
    assert count > 5_000
    assert bad == []


@pytest.mark.parametrize(
    ("raw", "ends"),
    [("UBND huyện Đức Trọng", dt.date(2025, 6, 30)), ("Sở TT&TT", dt.date(2025, 2, 28))],
)
def test_a_body_that_ended_before_the_merger_keeps_the_old_province(
    raw: str, ends: dt.date
) -> None:
    agency, issues = resolve_agency(raw, province="Lâm Đồng", on=dt.date(2025, 9, 1))
    assert agency.province == "Lâm Đồng"
    assert agency.valid_from is None  # the old Lâm Đồng has no recorded start
    assert agency.valid_to == ends
    assert [i.code for i in issues] in (["agency.district_after_2025"], ["agency.not_valid_on"])


def test_a_body_of_the_merged_province_starts_with_it() -> None:
    agency, _ = resolve_agency("Sở Nội vụ", province="Lâm Đồng", on=dt.date(2025, 9, 1))
    assert agency.valid_from == dt.date(2025, 7, 1) and agency.valid_to is None
    agency, _ = resolve_agency("Sở Nội vụ", province="Lâm Đồng", on=dt.date(2024, 9, 1))
    assert agency.valid_from is None and agency.valid_to == dt.date(2025, 6, 30)


def test_cli_rejects_an_unknown_province_and_lists_the_known(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["agency", "Sở Nội vụ", "--province", "Xứ Đoài"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "unknown province 'Xứ Đoài'" in captured.err
    assert "Lâm Đồng" in captured.err and "Đắk Nông" in captured.err


def test_cli_accepts_a_province_written_with_its_unit(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["agency", "Sở Nội vụ", "--province", "tỉnh Đắk Nông", "--on", "2024-01-01"]) == 0
    assert '"province": "Đắk Nông"' in capsys.readouterr().out
