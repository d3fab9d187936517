"""docs/check.md is the page scripts/gen_check_docs.py generates from the rules file."""

from __future__ import annotations

import runpy
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_committed_page_is_the_generated_one() -> None:
    script = runpy.run_path(str(REPO / "scripts" / "gen_check_docs.py"))
    expected = script["render"]()
    page = (REPO / "docs" / "check.md").read_text("utf-8")
    assert page == expected, "run: python scripts/gen_check_docs.py"
