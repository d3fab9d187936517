"""Faults around the batch: a full disk, a torn manifest, stale temporaries, no Dask, no scheduler.

The real disk-full test mounts a 1 MB tmpfs (root only; skipped where mounting
is not allowed); the others inject "No space left on device" where it can occur.
"""

from __future__ import annotations

import errno
import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.batch.conftest import make_archive, read_manifest, run_cli
from vanban.batch import convert
from vanban.batch.errors import DiskFull
from vanban.batch.manifest import ManifestLog, dumps_row

Cli = Callable[..., subprocess.CompletedProcess[str]]


def _assert_consistent(manifest: Path) -> list[dict[str, Any]]:
    """Every line of the manifest is a whole row; no temporary output is left."""
    data = manifest.read_bytes() if manifest.exists() else b""
    assert data == b"" or data.endswith(b"\n"), data[-200:]
    return [json.loads(line) for line in data.splitlines()]


def _temporaries(out: Path) -> list[Path]:
    return [p for p in out.rglob("*.tmp") if p.name != "lock"]


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 1 MB tmpfs mounted in tmp_path (skips when mounting is not allowed)."""
    mnt = tmp_path / "mnt"
    mnt.mkdir()
    try:
        mounted = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mnt)],
            capture_output=True,
            check=False,
            timeout=30,
        )
    except (OSError, subprocess.TimeoutExpired):
        pytest.skip("cannot run mount here")
    if mounted.returncode != 0:
        pytest.skip(f"mounting a tmpfs is not allowed here: {mounted.stderr.decode().strip()}")
    try:
        yield mnt
    finally:
        subprocess.run(["umount", "-l", str(mnt)], check=False, timeout=30)


def _fill(disk: Path, leave: int) -> Path:
    """Write a filler file so that about ``leave`` bytes stay free on ``disk``."""
    stats = os.statvfs(disk)
    free = stats.f_bavail * stats.f_frsize
    filler = disk / "filler"
    with filler.open("wb") as f:
        f.write(b"\0" * max(0, free - leave))
    return filler


def test_real_disk_full_stops_cleanly_and_resumes(tmp_path: Path, small_disk: Path) -> None:
    src, out = tmp_path / "src", small_disk / "out"
    rels = make_archive(src, n=40)
    filler = _fill(small_disk, leave=10 * 4096)  # room for a few outputs (a page each) only
    result = run_cli("convert", str(src), "-o", str(out), "--workers", "2")
    assert result.returncode == 3, result.stderr
    assert "disk is full" in result.stderr
    assert "run the same command again" in result.stderr
    assert "Traceback" not in result.stderr
    rows = _assert_consistent(out / "manifest.jsonl")
    assert len(rows) < len(rels)

    filler.unlink()
    again = run_cli("convert", str(src), "-o", str(out), "--workers", "2")
    assert again.returncode == 0, again.stderr
    rows = _assert_consistent(out / "manifest.jsonl")
    assert sorted(r["path"] for r in rows) == rels
    assert _temporaries(out) == []
    for row in rows:
        if row["status"] == "ok":
            json.loads((out / row["output"]).read_text(encoding="utf-8"))


def test_injected_disk_full_in_a_worker(tmp_path: Path, cli: Cli) -> None:
    src, out = tmp_path / "src", tmp_path / "out"
    rels = make_archive(src, n=12)
    result = cli("convert", str(src), "-o", str(out), "--workers", "1", hook="enospc=cv_006.txt")
    assert result.returncode == 3, result.stderr
    assert "the disk is full" in result.stderr and "cv_006.txt" in result.stderr
    assert "Traceback" not in result.stderr
    rows = _assert_consistent(out / "manifest.jsonl")
    assert "hoso_0/nam_2020/cv_006.txt" not in {r["path"] for r in rows}  # not recorded as done
    assert _temporaries(out) == []
    done = sum(r["status"] == "ok" for r in rows)
    assert done > 0

    again = cli("convert", str(src), "-o", str(out), "--workers", "1")
    assert again.returncode == 0, again.stderr
    rows = _assert_consistent(out / "manifest.jsonl")
    assert sorted(r["path"] for r in rows) == rels
    assert f"({done} already up to date)" in again.stderr


class _FullAfter:
    """A file whose writes fail with ENOSPC after ``n`` of them, half-way through the row."""

    def __init__(self, real: Any, n: int) -> None:
        self._real, self._left = real, n

    def write(self, data: Any) -> int:
        if self._left == 0:
            self._real.write(bytes(data)[: len(data) // 2])  # the torn half reaches the disk
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        self._left -= 1
        written: int = self._real.write(data)
        return written

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)


def test_disk_full_while_appending_leaves_no_torn_row(
    archive: tuple[Path, list[str]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src, rels = archive
    out = tmp_path / "out"
    real_init = ManifestLog.__init__

    def init(self: ManifestLog, *args: Any, **kwargs: Any) -> None:
        real_init(self, *args, **kwargs)
        self._file = _FullAfter(self._file, 5)  # type: ignore[assignment]

    monkeypatch.setattr(ManifestLog, "__init__", init)
    with pytest.raises(DiskFull, match="disk is full") as caught:
        convert(src, out, workers=1)
    assert caught.value.summary is not None
    assert caught.value.summary.total == 5  # type: ignore[attr-defined]
    rows = _assert_consistent(out / "manifest.jsonl")
    assert len(rows) == 5

    monkeypatch.setattr(ManifestLog, "__init__", real_init)
    summary = convert(src, out, workers=1)
    assert summary.up_to_date == sum(r["status"] == "ok" for r in rows) > 0
    assert sorted(r["path"] for r in read_manifest(out)) == rels


def test_manifest_log_cuts_a_failed_append(tmp_path: Path) -> None:
    manifest = tmp_path / "manifest.jsonl"
    with ManifestLog(manifest, fsync=False) as log:
        log.append(dumps_row({"path": "a"}))
        log._file = _FullAfter(log._file, 0)  # type: ignore[assignment]
        with pytest.raises(DiskFull):
            log.append(dumps_row({"path": "b"}))
    assert manifest.read_text() == dumps_row({"path": "a"})


def test_torn_row_from_an_earlier_crash_is_repaired(
    archive: tuple[Path, list[str]], tmp_path: Path
) -> None:
    src, rels = archive
    out = tmp_path / "out"
    convert(src, out, workers=1)
    with (out / "manifest.jsonl").open("ab") as f:
        f.write(b'{"path": "hoso_0/nam_2020/cv_000.md", "sta')
    summary = convert(src, out, workers=1)
    assert summary.up_to_date == 12
    rows = _assert_consistent(out / "manifest.jsonl")
    assert sorted(r["path"] for r in rows) == rels


def test_stale_temporaries_are_removed(archive: tuple[Path, list[str]], tmp_path: Path) -> None:
    src, _ = archive
    out = tmp_path / "out"
    convert(src, out, workers=1)
    folder = out / "hoso_1" / "nam_2021"
    stale = [folder / ".cv_001.txt.json.4242.tmp", out / "manifest.jsonl.tmp"]
    for path in stale:
        path.write_text('{"half": ')
    keep = folder / "notes.tmp"
    keep.write_text("a user's file")
    (out / ".vanban-batch" / "running").touch()  # as a killed run leaves it
    convert(src, out, workers=1)
    assert not any(p.exists() for p in stale)
    assert keep.exists()


def _blocking_stub(tmp_path: Path, module: str) -> dict[str, str]:
    """An environment in which ``import module`` fails as if it were not installed."""
    stub = tmp_path / "stub" / module
    stub.mkdir(parents=True)
    (stub / "__init__.py").write_text(
        f"raise ModuleNotFoundError(\"No module named '{module}'\")\n"
    )
    path = os.pathsep.join([str(tmp_path / "stub"), os.environ.get("PYTHONPATH", "")])
    return {**os.environ, "PYTHONPATH": path}


def _run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "vanban", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_scheduler_without_dask_is_missing_dependency(
    archive: tuple[Path, list[str]], tmp_path: Path
) -> None:
    src, _ = archive
    out = tmp_path / "out"
    env = _blocking_stub(tmp_path, "distributed")
    result = _run(["convert", str(src), "-o", str(out), "--scheduler", "tcp://127.0.0.1:1"], env)
    assert result.returncode == 2, result.stderr
    assert "pip install 'vanban[dask]'" in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()


def test_url_without_its_filesystem_is_missing_dependency(tmp_path: Path) -> None:
    out = tmp_path / "out"
    env = _blocking_stub(tmp_path, "s3fs")
    result = _run(["convert", "s3://bucket/archive", "-o", str(out)], env)
    assert result.returncode == 2, result.stderr
    assert "s3fs" in result.stderr and "Traceback" not in result.stderr
    assert not out.exists()
    env = _blocking_stub(tmp_path / "2", "fsspec")
    result = _run(["convert", "s3://bucket/archive", "-o", str(out)], env)
    assert result.returncode == 2, result.stderr
    assert "fsspec" in result.stderr and "Traceback" not in result.stderr
    assert not out.exists()


@pytest.mark.timeout(120)
def test_silent_scheduler_is_a_clear_error_in_bounded_time(
    archive: tuple[Path, list[str]], tmp_path: Path
) -> None:
    pytest.importorskip("distributed")
    src, _ = archive
    out = tmp_path / "out"
    with socket.socket() as silent:  # accepts TCP connections, never says a word
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        address = f"tcp://127.0.0.1:{silent.getsockname()[1]}"
        started = time.monotonic()
        args = ["convert", str(src), "-o", str(out), "--scheduler", address]
        result = _run([*args, "--connect-timeout", "2"], dict(os.environ))
        elapsed = time.monotonic() - started
    assert result.returncode == 2, result.stderr
    assert f"cannot reach the Dask scheduler at {address}" in result.stderr
    assert "Traceback" not in result.stderr
    assert elapsed < 60
    assert not out.exists()
