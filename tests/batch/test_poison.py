"""A file that crashes or hangs its worker is recorded as failed; the batch goes on.

These run ``python -m vanban convert`` in a subprocess, with the test-only hook
``VANBAN_BATCH_TEST_HOOK`` (see vanban.batch.worker) naming the poisoned files.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from subprocess import CompletedProcess

from tests.batch.conftest import make_archive, read_manifest
from tests.conftest import Timing

Cli = Callable[..., CompletedProcess[str]]


def test_crash_and_hang_among_good_files(tmp_path: Path, cli: Cli, timing: Timing) -> None:
    src, out = tmp_path / "src", tmp_path / "out"
    rels = make_archive(src, n=10)
    started = time.monotonic()
    hook = "crash=cv_003.txt,hang=cv_005.txt"
    # the hang sleeps an hour; a loose per-file limit keeps a slow good file from timing out
    limit = str(timing.bound(2, 10))
    args = ("convert", str(src), "-o", str(out), "--workers", "2", "--timeout", limit)
    result = cli(*args, hook=hook, timeout=180)
    assert time.monotonic() - started < timing.bound(30, 120)
    assert result.returncode == 1, result.stderr
    rows = {r["path"]: r for r in read_manifest(out)}
    assert sorted(rows) == rels
    crashed, hung = rows["hoso_0/nam_2021/cv_003.txt"], rows["hoso_2/nam_2021/cv_005.txt"]
    assert crashed["status"] == "failed" and crashed["error"]["type"] == "WorkerCrashed"
    assert hung["status"] == "failed" and hung["error"]["type"] == "Timeout"
    assert crashed["sha256"] and hung["sha256"]
    ok = [p for p, r in rows.items() if r["status"] == "ok"]
    assert len(ok) == 8, rows
    assert "2 failed" in result.stderr and "WorkerCrashed" in result.stderr

    again = cli("convert", str(src), "-o", str(out), "--workers", "2")
    assert again.returncode == 0, again.stderr
    rows = {r["path"]: r for r in read_manifest(out)}
    assert rows["hoso_0/nam_2021/cv_003.txt"]["status"] == "ok"  # failed files are retried
    assert "8 already up to date" in again.stderr


def test_cli_usage_errors_exit_2(tmp_path: Path, cli: Cli) -> None:
    assert cli("convert", str(tmp_path / "missing"), "-o", str(tmp_path / "o")).returncode == 2
    assert cli("convert", str(tmp_path)).returncode == 2  # -o is required
    assert (
        cli("convert", str(tmp_path), "-o", str(tmp_path / "o"), "--workers", "0").returncode == 2
    )


def test_crash_in_a_chunk_of_many_files_fails_that_file_only(tmp_path: Path, cli: Cli) -> None:
    # One worker: after the first two files the chunks hold every file left (fast files, a
    # quarter-second target), so the crash kills a chunk of many; they are retried one by one.
    src, out = tmp_path / "src", tmp_path / "out"
    rels = make_archive(src, n=40)
    result = cli("convert", str(src), "-o", str(out), "--workers", "1", hook="crash=cv_021.txt")
    assert result.returncode == 1, result.stderr
    rows = {r["path"]: r for r in read_manifest(out)}
    assert sorted(rows) == rels
    failed = {p: r["error"]["type"] for p, r in rows.items() if r["status"] == "failed"}
    assert failed == {"hoso_0/nam_2021/cv_021.txt": "WorkerCrashed"}
    assert sum(r["status"] == "ok" for r in rows.values()) == 39
