"""The real Lâm Đồng archive folder: every file is accounted for, once.

PDFs are excluded to keep the test fast; they still get their own "skipped"
row (type "Excluded"), which is what this test is about.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.batch.conftest import read_manifest
from tests.conftest import shared_dir
from vanban.batch import convert
from vanban.batch.status import STATUSES

LAMDONG = shared_dir() / "corpus" / "lamdong"


@pytest.mark.skipif(not LAMDONG.is_dir(), reason="the shared corpus is not available")
@pytest.mark.timeout(180)
def test_lamdong_every_file_accounted_for(tmp_path: Path) -> None:
    on_disk = sorted(
        str(Path(root, name).relative_to(LAMDONG).as_posix())
        for root, _, names in os.walk(LAMDONG)
        for name in names
    )
    summary = convert(LAMDONG, tmp_path / "out", workers=2, exclude=["*.pdf"], timeout=60)
    rows = read_manifest(tmp_path / "out")
    assert sorted(r["path"] for r in rows) == on_disk
    assert summary.total == len(on_disk)
    for row in rows:
        assert row["status"] in STATUSES
        assert (row["error"] is None) == (row["output"] is not None)
        assert row["status"] in ("ok", "no_text", "skipped"), row  # PDFs (scans) are excluded
        if row["status"] == "ok":
            assert (tmp_path / "out" / row["output"]).is_file()
        if row["path"].lower().endswith(".pdf"):
            assert row["error"]["type"] == "Excluded"
