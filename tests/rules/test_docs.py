"""docs/agencies.md is generated from the data and must be up to date."""

from __future__ import annotations

import runpy

from vanban.rules import load_rules

from .conftest import REPO


def test_agency_page_is_up_to_date() -> None:
    script = runpy.run_path(str(REPO / "scripts" / "gen_agency_docs.py"))
    expected = script["render"](load_rules())
    page = (REPO / "docs" / "agencies.md").read_text(encoding="utf-8")
    assert page == expected, "run: python scripts/gen_agency_docs.py"
    assert "Sở Thông tin và Truyền thông {unit}" in page
    assert "| `BTTTT` | Bộ Thông tin và Truyền thông |" in page
