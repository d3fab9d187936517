"""The same batch on a Dask LocalCluster of 2 worker processes."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.batch.conftest import make_archive, read_manifest, run_cli
from tests.conftest import Timing
from vanban.batch import convert, convert_on_dask

distributed = pytest.importorskip("distributed")


@pytest.mark.timeout(120)
def test_dask_local_cluster_matches_local_run(tmp_path: Path) -> None:
    src = tmp_path / "src"
    rels = make_archive(src, n=16)
    convert(src, tmp_path / "local", workers=1)
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        summary = convert_on_dask(src, tmp_path / "dask", client=client)
        again = convert_on_dask(src, tmp_path / "dask", client=client)
        address = cluster.scheduler_address
        cli = run_cli("convert", str(src), "-o", str(tmp_path / "cli"), "--scheduler", address)
    assert cli.returncode == 0, cli.stderr
    assert sorted(str(r["path"]) for r in read_manifest(tmp_path / "cli")) == rels
    assert summary.total == len(rels) and summary.count("ok") == 16
    assert again.up_to_date == 16
    local = {r["path"]: r for r in read_manifest(tmp_path / "local")}
    rows = read_manifest(tmp_path / "dask")
    assert sorted(str(r["path"]) for r in rows) == rels
    for row in rows:
        assert (row["status"], row["sha256"]) == (
            local[row["path"]]["status"],
            local[row["path"]]["sha256"],
        )
        if row["status"] == "ok":
            out = str(row["output"])
            assert (tmp_path / "dask" / out).read_bytes() == (tmp_path / "local" / out).read_bytes()


@pytest.mark.timeout(180)
def test_dask_crash_and_hang_are_failed_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, timing: Timing
) -> None:
    import dask

    src = tmp_path / "src"
    rels = make_archive(src, n=8)
    # the test-only hook reaches the Dask workers through the environment they start with
    monkeypatch.setenv("VANBAN_BATCH_TEST_HOOK", "crash=cv_003.txt,hang=cv_005.txt")
    # fail a crashing task at once; give each 1-thread worker one task at a time, which
    # makes it rare that a crash takes an innocent task down with it
    config = {
        "distributed.scheduler.allowed-failures": 0,
        "distributed.scheduler.worker-saturation": 1.0,
    }
    with (
        dask.config.set(config),
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        # the hang sleeps an hour: a loose per-file limit still catches it, and keeps a good
        # file that a loaded machine slows down from timing out too
        limit = timing.bound(3, 15)
        summary = convert_on_dask(src, tmp_path / "out", client=client, timeout=limit)
    rows = {r["path"]: r for r in read_manifest(tmp_path / "out")}
    assert sorted(rows) == rels
    assert rows["hoso_0/nam_2021/cv_003.txt"]["error"]["type"] == "WorkerCrashed"
    assert rows["hoso_2/nam_2021/cv_005.txt"]["error"]["type"] == "Timeout"
    assert summary.count("skipped") == 2
    # Dask may also fail a task that was merely assigned to the dying worker (docs/batch.md);
    # such a collateral row says WorkerCrashed, and there can be at most one here
    others = [r for p, r in rows.items() if p.endswith((".txt", ".md")) and "cv_00" in p]
    others = [
        r
        for r in others
        if r["path"] not in ("hoso_0/nam_2021/cv_003.txt", "hoso_2/nam_2021/cv_005.txt")
    ]
    collateral = [r for r in others if r["status"] != "ok"]
    assert len(others) == 6 and len(collateral) <= 1, collateral
    # (or, on a loaded machine, "not started" in time: the hang holds one thread for good
    # while the crashed worker restarts, so for a while no thread is free)
    assert all(
        r["error"]["type"] == "WorkerCrashed" or "not started" in r["error"]["message"]
        for r in collateral
    ), collateral
