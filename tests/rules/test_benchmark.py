"""The corpus harvester of benchmarks/agencies.py."""

from __future__ import annotations

import runpy

from ..conftest import shared_or_skip
from .conftest import REPO

BENCH = runpy.run_path(str(REPO / "benchmarks" / "agencies.py"))

TEXT = """Kính gửi:
- Các Sở, Ban, ngành;
- Báo Đắk Nông;

Nội dung.
Nơi nhận:
- Như trên;
- Thường trực Tỉnh ủy (b/c);
- CT, các PCT UBND tỉnh;
- Lưu: VT, KGVX.
"""


def test_entries_of_kinh_gui_and_noi_nhan() -> None:
    found = list(BENCH["entries"](TEXT))
    assert found == [
        ("kinh_gui", "Các Sở, Ban, ngành"),
        ("kinh_gui", "Báo Đắk Nông"),
        ("noi_nhan", "Thường trực Tỉnh ủy (b/c)"),
        ("noi_nhan", "CT, các PCT UBND tỉnh"),
    ]


def test_inline_kinh_gui() -> None:
    found = list(BENCH["entries"]("Kính gửi: Ủy ban nhân dân tỉnh Lâm Đồng.\n"))
    assert found == [("kinh_gui", "Ủy ban nhân dân tỉnh Lâm Đồng")]


def test_corpus_mostly_resolves() -> None:
    """Reads the whole corpus (about 5 s)."""
    shared = shared_or_skip("corpus").parent
    from vanban.rules import resolve_agency

    items = BENCH["collect"](shared)
    assert len(items) > 1000
    unresolved = [
        e for _k, e in items if not resolve_agency(e)[0].id and not resolve_agency(e)[0].group
    ]
    assert len(unresolved) / len(items) < 0.2
