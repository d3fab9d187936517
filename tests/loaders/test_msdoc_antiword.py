"""Cross-check: the same Document fields from our .doc reader as from antiword's text.

antiword is an optional, external reference here only (vanban never runs it).
The test skips when antiword or the corpus is absent; ``benchmarks/msdoc.py``
prints the same comparison with the fields that differ.
"""

from __future__ import annotations

import shutil
import sys

import pytest

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
import msdoc as bench

pytestmark = pytest.mark.skipif(not shutil.which("antiword"), reason="antiword not installed")


def test_tidy_puts_antiword_rows_back_into_cells() -> None:
    text = (
        "|ỦY BAN NHÂN DÂN     |CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n"
        "|TỈNH LÂM ĐỒNG       |Độc lập - Tự do - Hạnh phúc        |\n"
        "|Số: 12/KH-UBND      |Lâm Đồng, ngày 1 tháng 2 năm 2026  |\n"
        "\n   KẾ HOẠCH\n"
    )
    assert bench.tidy(text).splitlines() == [
        "ỦY BAN NHÂN DÂN",
        "TỈNH LÂM ĐỒNG",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 12/KH-UBND",
        "Lâm Đồng, ngày 1 tháng 2 năm 2026",
        "KẾ HOẠCH",
    ]


def test_fields_agree_with_antiword_on_the_real_folder(lamdong) -> None:  # type: ignore[no-untyped-def]
    result = bench.cross_check(bench.doc_files(lamdong))
    assert result["files"] >= 100
    assert result["rate"] >= bench.TARGET, result["diffs"]
