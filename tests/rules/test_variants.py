"""The table of real variant strings (variants.tsv) resolves to the names written there."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pytest

from vanban.rules import normalize_agency

TABLE = Path(__file__).with_name("variants.tsv")


@dataclass(frozen=True)
class Row:
    raw: str
    province: str | None
    on: dt.date | None
    name: str
    kind: str
    xfail: str | None


def _rows() -> list[Row]:
    rows: list[Row] = []
    lines = [ln for ln in TABLE.read_text(encoding="utf-8").splitlines() if ln and ln[0] != "#"]
    for line in lines[1:]:
        cells = line.split("\t")
        raw, province, on, name, kind = cells[:5]
        rows.append(
            Row(
                raw=raw,
                province=province or None,
                on=dt.date.fromisoformat(on) if on else None,
                name=name,
                kind=kind,
                xfail=cells[5] if len(cells) > 5 else None,
            )
        )
    return rows


ROWS = _rows()


def test_table_is_big_enough() -> None:
    assert len(ROWS) >= 300
    assert {r.kind for r in ROWS} == {"body", "group", "unresolved"}


@pytest.mark.parametrize(
    "row",
    [
        pytest.param(r, marks=pytest.mark.xfail(strict=True, reason=r.xfail)) if r.xfail else r
        for r in ROWS
    ],
    ids=[f"{i}:{r.raw[:40]}" for i, r in enumerate(ROWS)],
)
def test_variant(row: Row) -> None:
    agency = normalize_agency(row.raw, province=row.province, on=row.on)
    kind = "group" if agency.group else ("body" if agency.id else "unresolved")
    assert (agency.name, kind) == (row.name, row.kind)
