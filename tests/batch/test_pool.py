"""The local process pool: lazy input, completion, recycling, timeouts."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator

from vanban.batch.local import PoolFailure, run_pool


def pid_of(item: int) -> tuple[int, int]:
    """Runs in a worker: the item and the worker's pid."""
    return item, os.getpid()


def sleepy(item: float) -> float:
    """Runs in a worker: sleeps ``item`` seconds."""
    time.sleep(item)
    return item


def test_every_item_once_and_workers_recycled() -> None:
    results = list(run_pool(range(9), pid_of, workers=2, max_tasks_per_worker=2))
    assert sorted(item for item, _ in results) == list(range(9))
    assert all(out[0] == item for item, out in results)
    assert len({out[1] for _, out in results}) >= 5  # 9 items, at most 2 per process


def test_input_is_pulled_lazily() -> None:
    pulled: list[int] = []

    def source() -> Iterator[int]:
        for i in range(100):
            pulled.append(i)
            yield i

    stream = run_pool(source(), pid_of, workers=2, depth=2)
    next(stream)
    assert len(pulled) <= 2 * 2 + 1
    stream.close()


def test_timeout_kills_only_the_slow_item() -> None:
    started = time.monotonic()
    results = dict(run_pool([0.0, 30.0, 0.01, 0.02], sleepy, workers=1, timeout=1.0))
    assert time.monotonic() - started < 15
    assert isinstance(results[30.0], PoolFailure) and results[30.0].kind == "Timeout"
    # the items queued behind the slow one went to the worker that replaced it
    assert {k: v for k, v in results.items() if k != 30.0} == {0.0: 0.0, 0.01: 0.01, 0.02: 0.02}
