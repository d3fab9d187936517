"""Small synthetic archives for the batch tests, built in tmp_path."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

AGENCIES = ["ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG", "SỞ GIÁO DỤC VÀ ĐÀO TẠO", "UBND HUYỆN ĐỨC TRỌNG"]


def document_text(i: int) -> str:
    """A short công văn, different for each ``i``."""
    agency = AGENCIES[i % len(AGENCIES)]
    return (
        f"{agency}\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        f"Số: {100 + i}/UBND-VX\nĐà Lạt, ngày {1 + i % 28} tháng {1 + i % 12} năm 2024\n"
        f"V/v triển khai nhiệm vụ số {i}\n\nKính gửi: Các sở, ban, ngành.\n\n"
        f"Thực hiện Nghị định số 30/2020/NĐ-CP, đề nghị các đơn vị báo cáo trước ngày {1 + i % 28}/12/2024.\n\n"
        "Nơi nhận:\n- Như trên;\n- Lưu: VT.\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNguyễn Văn An\n"
    )


def make_archive(root: Path, n: int = 12) -> list[str]:
    """Nested folders of .txt and .md documents plus unsupported files; returns relative paths."""
    rels: list[str] = []
    for i in range(n):
        rel = f"hoso_{i % 3}/nam_{2020 + i % 2}/cv_{i:03d}." + ("md" if i % 4 == 0 else "txt")
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        text = document_text(i)
        path.write_text(f"**{text}**" if rel.endswith(".md") else text, encoding="utf-8")
        rels.append(rel)
    (root / "hoso_0" / "bang_tinh.xlsx").write_bytes(b"PK\x03\x04 not really a spreadsheet")
    (root / "hoso_1" / "ghi_am.mp3").write_bytes(b"ID3\x03\x00....")  # no format vanban reads
    rels += ["hoso_0/bang_tinh.xlsx", "hoso_1/ghi_am.mp3"]
    return sorted(rels)


@pytest.fixture
def archive(tmp_path: Path) -> tuple[Path, list[str]]:
    src = tmp_path / "src"
    return src, make_archive(src)


def read_manifest(out: Path) -> list[dict[str, Any]]:
    lines = (out / "manifest.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


def run_cli(
    *args: str, hook: str | None = None, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m vanban`` in a subprocess (the test hook only reaches workers this way)."""
    env = {k: v for k, v in os.environ.items() if k != "VANBAN_BATCH_TEST_HOOK"}
    if hook:
        env["VANBAN_BATCH_TEST_HOOK"] = hook
    return subprocess.run(
        [sys.executable, "-m", "vanban", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


@pytest.fixture
def cli() -> Callable[..., subprocess.CompletedProcess[str]]:
    return run_cli
