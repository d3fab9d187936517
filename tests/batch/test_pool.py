"""The local process pool: lazy input, completion, recycling, timeouts."""

from __future__ import annotations

import itertools
import os
import time
from collections.abc import Iterator

from tests.conftest import Timing
from vanban.batch.local import Chunking, PoolFailure, run_pool


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


def test_timeout_kills_only_the_slow_item(timing: Timing) -> None:
    started = time.monotonic()
    results = dict(run_pool([0.0, 30.0, 0.01, 0.02], sleepy, workers=1, timeout=1.0))
    assert time.monotonic() - started < timing.bound(15, 29)  # loose: the sleep was not awaited
    assert isinstance(results[30.0], PoolFailure) and results[30.0].kind == "Timeout"
    # the items queued behind the slow one went to the worker that replaced it
    assert {k: v for k, v in results.items() if k != 30.0} == {0.0: 0.0, 0.01: 0.01, 0.02: 0.02}


def crash_on_7(item: int) -> tuple[int, int]:
    """Runs in a worker: dies on item 7."""
    if item == 7:
        os._exit(9)
    time.sleep(0.005)
    return item, os.getpid()


def hang_on_7(item: int) -> tuple[int, int]:
    """Runs in a worker: hangs on item 7."""
    time.sleep(30 if item == 7 else 0.005)
    return item, os.getpid()


CHUNKS = Chunking(max_items=8, target_seconds=1.0)


def test_chunks_carry_many_items_per_message() -> None:
    results = list(run_pool(range(60), pid_of, workers=2, chunking=CHUNKS))
    assert sorted(item for item, _ in results) == list(range(60))
    # completion order: chunks come back whole, so runs of items from one worker are long
    runs = sum(1 for a, b in itertools.pairwise(results) if a[1][1] != b[1][1])
    assert runs < 30


def test_crash_inside_a_chunk_fails_only_its_item() -> None:
    results = dict(run_pool(range(40), crash_on_7, workers=2, chunking=CHUNKS))
    assert sorted(results) == list(range(40))
    failed = {k: v for k, v in results.items() if isinstance(v, PoolFailure)}
    assert list(failed) == [7] and failed[7].kind == "WorkerCrashed"


def test_hang_inside_a_chunk_times_out_only_its_item(timing: Timing) -> None:
    started = time.monotonic()
    results = dict(run_pool(range(40), hang_on_7, workers=2, timeout=2.0, chunking=CHUNKS))
    assert time.monotonic() - started < timing.bound(20, 29)  # loose: the hang was not awaited
    assert sorted(results) == list(range(40))
    failed = {k: v for k, v in results.items() if isinstance(v, PoolFailure)}
    assert list(failed) == [7] and failed[7].kind == "Timeout"


def test_bytes_cap_sends_big_items_alone() -> None:
    from vanban.batch.local import Chunker

    chunker = Chunker(iter([1, 1, 100, 1, 1, 1]), Chunking(max_items=8, max_bytes=50, size_of=int))
    chunker.observe(0.01, 1)  # fast items: the count allows 8
    sizes = []
    while (chunk := chunker.next()) is not None:
        sizes.append(chunk.items)
    assert sizes == [[1, 1, 100], [1, 1, 1]]
