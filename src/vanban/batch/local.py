"""A process pool that can kill one task: per-file time limits and crash isolation.

:class:`concurrent.futures.ProcessPoolExecutor` cannot stop one running task,
and one dying worker breaks the whole pool. Here each worker process has its
own pipe, the parent knows which item each worker holds, and:

* a worker that dies (segfault, ``kill -9``, out of memory) costs only its
  item, reported as a :class:`PoolFailure` of kind "WorkerCrashed";
* a worker past its deadline is killed, its item reported as "Timeout";
* either way a fresh worker takes its place and the batch goes on.

Items are pulled from the input iterator only as workers free up, so at most
``workers × depth`` items are in flight whatever the length of the input.
Workers are started by a fork server that has already imported vanban (on
POSIX), so replacing one costs milliseconds.
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import os
import signal
import time
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import Any

__all__ = ["PoolFailure", "default_workers", "run_pool"]

_END = object()


@dataclass(frozen=True, slots=True)
class PoolFailure:
    """An item whose worker crashed ("WorkerCrashed") or overran ("Timeout")."""

    kind: str
    message: str


def default_workers() -> int:
    """The number of CPUs this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def _context() -> Any:
    if "forkserver" in mp.get_all_start_methods():
        ctx = mp.get_context("forkserver")
        ctx.set_forkserver_preload(["vanban.api", "vanban.batch.worker"])
        return ctx
    return mp.get_context("spawn")


def _worker_main(conn: Connection, fn: Callable[[Any], Any]) -> None:
    """Run ``fn`` on each item received until None or the parent goes away."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
    while True:
        try:
            item = conn.recv()
        except (EOFError, OSError):
            return
        if item is None:
            return
        try:
            conn.send(fn(item))
        except (BrokenPipeError, OSError):
            return


@dataclass(slots=True)
class _Slot:
    """One worker process and the items sent to it, in order (the first is running)."""

    process: BaseProcess
    conn: Connection
    queue: deque[Any] = field(default_factory=deque)
    deadline: float = float("inf")
    done: int = 0


class _Workers:
    """The worker processes, their pipes and their queues."""

    def __init__(
        self,
        fn: Callable[[Any], Any],
        workers: int,
        max_tasks: int,
        timeout: float | None,
        depth: int,
    ) -> None:
        self._ctx = _context()
        self._fn = fn
        self._max_tasks = max_tasks
        self._timeout = timeout or float("inf")
        self._depth = depth
        self.slots = [_Slot(*self._start()) for _ in range(workers)]

    def _start(self) -> tuple[BaseProcess, Connection]:
        parent, child = self._ctx.Pipe()
        process = self._ctx.Process(target=_worker_main, args=(child, self._fn), daemon=True)
        process.start()
        child.close()
        return process, parent

    def accepts(self, slot: _Slot) -> bool:
        """Whether ``slot`` should be given one more item now."""
        return len(slot.queue) < self._depth and slot.done + len(slot.queue) < self._max_tasks

    def send(self, slot: _Slot, item: Any) -> None:
        """Queue ``item`` on ``slot``'s worker."""
        slot.queue.append(item)
        if len(slot.queue) == 1:
            slot.deadline = time.monotonic() + self._timeout
        with contextlib.suppress(OSError):  # a dead worker: _collect sees its sentinel
            slot.conn.send(item)

    def finish(self, slot: _Slot) -> Any:
        """The running item is done: return it and start the clock of the next one."""
        item = slot.queue.popleft()
        slot.done += 1
        slot.deadline = time.monotonic() + self._timeout if slot.queue else float("inf")
        if slot.done >= self._max_tasks and not slot.queue:
            self._restart(slot, kill=False)  # recycle: bounds slow leaks in parsers
        return item

    def fail(self, slot: _Slot, *, kill: bool) -> Any:
        """The running item crashed or overran: return it; a new worker takes the rest."""
        item = slot.queue.popleft()
        self._restart(slot, kill=kill)
        return item

    def _restart(self, slot: _Slot, *, kill: bool) -> None:
        _stop(slot, kill=kill)
        slot.process, slot.conn = self._start()
        slot.done = 0
        pending, slot.queue = slot.queue, deque()
        for item in pending:
            self.send(slot, item)

    def close(self) -> None:
        """Stop every worker (killing the busy ones)."""
        for slot in self.slots:
            _stop(slot, kill=bool(slot.queue))


def _stop(slot: _Slot, *, kill: bool) -> None:
    if kill and slot.process.is_alive():
        slot.process.kill()
    else:
        with contextlib.suppress(OSError):
            slot.conn.send(None)
    slot.process.join(5)
    if slot.process.is_alive():
        slot.process.kill()
        slot.process.join()
    slot.conn.close()


def run_pool(
    items: Iterable[Any],
    fn: Callable[[Any], Any],
    *,
    workers: int | None = None,
    timeout: float | None = None,
    max_tasks_per_worker: int = 1000,
    depth: int = 2,
) -> Generator[tuple[Any, Any], None, None]:
    """Yield ``(item, fn(item))`` in completion order, ``fn`` running in worker processes.

    Args:
        items: the inputs, pulled lazily; each must be picklable.
        fn: a picklable function (module level); it should not raise.
        workers: the number of processes (default: the usable CPUs).
        timeout: seconds allowed per item; None for no limit.
        max_tasks_per_worker: a worker is replaced after this many items,
            which keeps slow leaks in parsing libraries bounded.
        depth: items queued per worker (2: the next one is ready when the
            current one ends, so workers never wait for a busy parent).

    The result is a :class:`PoolFailure` instead of ``fn(item)`` when the
    worker died or overran its time; items queued behind it go to the
    worker that replaces it.
    """
    pool = _Workers(fn, workers or default_workers(), max_tasks_per_worker, timeout, depth)
    source = iter(items)
    exhausted = False
    try:
        while True:
            exhausted = exhausted or _feed(pool, source)
            busy = [slot for slot in pool.slots if slot.queue]
            if not busy:
                return
            yield from _collect(pool, busy, timeout)
    finally:
        pool.close()


def _feed(pool: _Workers, source: Iterator[Any]) -> bool:
    """Top up every worker's queue; True once ``source`` is exhausted."""
    for slot in pool.slots:
        while pool.accepts(slot):
            item = next(source, _END)
            if item is _END:
                return True
            pool.send(slot, item)
    return False


def _collect(pool: _Workers, busy: list[_Slot], timeout: float | None) -> Iterator[tuple[Any, Any]]:
    """Wait for at least one busy worker to answer, die or overrun; yield outcomes."""
    wait_for = max(0.0, min(slot.deadline for slot in busy) - time.monotonic())
    handles: list[Any] = [slot.conn for slot in busy] + [slot.process.sentinel for slot in busy]
    wait(handles, timeout=None if wait_for == float("inf") else wait_for)
    now = time.monotonic()
    for slot in busy:
        if _readable(slot.conn):
            try:
                result = slot.conn.recv()
            except (EOFError, OSError):
                slot.process.join(1)  # the pipe closed: the process is on its way out
            else:
                yield pool.finish(slot), result
                continue
        if not slot.process.is_alive():
            code = slot.process.exitcode
            message = f"the worker process died (exit code {code})"
            yield pool.fail(slot, kill=False), PoolFailure("WorkerCrashed", message)
        elif now >= slot.deadline:
            message = f"no result after {timeout:g} s; worker killed"
            yield pool.fail(slot, kill=True), PoolFailure("Timeout", message)


def _readable(conn: Connection) -> bool:
    try:
        return conn.poll()
    except (EOFError, OSError):
        return False
