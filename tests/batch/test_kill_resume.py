"""kill -9 a real ``vanban convert`` part-way, run it again: same result, no torn rows."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from tests.batch.conftest import make_archive, read_manifest
from vanban.batch.manifest import iter_rows

Cli = Callable[..., subprocess.CompletedProcess[str]]


def _complete_rows(manifest: Path) -> int:
    if not manifest.exists():
        return 0
    return manifest.read_bytes().count(b"\n")


def test_kill_9_then_resume(tmp_path: Path, cli: Cli) -> None:
    src, out, ref = tmp_path / "src", tmp_path / "out", tmp_path / "ref"
    rels = make_archive(src, n=40)
    env = {**os.environ, "VANBAN_BATCH_TEST_HOOK": "sleep=0.05"}
    cmd = [sys.executable, "-m", "vanban", "convert", str(src), "-o", str(out), "--workers", "2"]
    proc = subprocess.Popen(cmd, env=env, start_new_session=True, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        while _complete_rows(out / "manifest.jsonl") < 12 and time.monotonic() < deadline:
            time.sleep(0.01)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(10)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)  # orphaned workers, if any are left
    rows_before = list(iter_rows(out / "manifest.jsonl"))  # a torn last line is left out
    assert 12 <= len(rows_before) < len(rels) - 2, "the kill did not land part-way"
    done_before = {
        str(r["path"]): (out / str(r["output"])).stat().st_ino
        for r in rows_before
        if r["status"] == "ok"
    }
    assert done_before

    result = cli("convert", str(src), "-o", str(out), "--workers", "2")
    assert result.returncode == 0, result.stderr
    rows = read_manifest(out)
    assert sorted(str(r["path"]) for r in rows) == rels
    assert (out / "manifest.jsonl").read_bytes().endswith(b"\n")
    assert list(out.rglob("*.tmp")) == []  # a write cut by the kill is cleaned up
    for path, inode in done_before.items():  # finished files were not converted again
        assert (out / (path + ".json")).stat().st_ino == inode

    assert cli("convert", str(src), "-o", str(ref), "--workers", "1").returncode == 0
    ref_rows = {r["path"]: r for r in read_manifest(ref)}
    for row in rows:
        other = ref_rows[row["path"]]
        assert (row["status"], row["sha256"], row["output"]) == (
            other["status"],
            other["sha256"],
            other["output"],
        )
        if row["status"] == "ok":
            assert (out / str(row["output"])).read_bytes() == (
                ref / str(row["output"])
            ).read_bytes()
