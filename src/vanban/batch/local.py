"""A process pool that can kill one task: per-file time limits and crash isolation.

:class:`concurrent.futures.ProcessPoolExecutor` cannot stop one running task,
and one dying worker breaks the whole pool. Here each worker process has its
own pipe, the parent knows which items each worker holds, and:

* a worker that dies (segfault, ``kill -9``, out of memory) costs only its
  item, reported as a :class:`PoolFailure` of kind "WorkerCrashed";
* a worker past its deadline is killed, its item reported as "Timeout";
* either way a fresh worker takes its place and the batch goes on.

**Chunks.** With a :class:`Chunking`, items travel in chunks (one message
there and back for many small files), sized adaptively: as many items as
take about ``target_seconds`` by the times measured so far, capped by count
and by bytes. Isolation stays per item: the worker marks in shared memory
which item of its chunk is running and since when, so the time limit is per
item and a timed-out item is known exactly (the others of its chunk are run
again, one by one); a chunk whose worker dies is retried item by item, so
only the item that crashes again is reported.

Items are pulled from the input iterator only as workers free up, so at most
``workers × depth`` chunks are in flight whatever the length of the input.
Workers are started by a fork server that has already imported vanban (on
POSIX), so replacing one costs milliseconds.
"""

from __future__ import annotations

import contextlib
import itertools
import multiprocessing as mp
import os
import signal
import time
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import Any, NamedTuple

__all__ = ["ChunkDone", "Chunker", "Chunking", "PoolFailure", "default_workers", "run_pool"]

_END = object()


@dataclass(frozen=True, slots=True)
class PoolFailure:
    """An item whose worker crashed ("WorkerCrashed") or overran ("Timeout")."""

    kind: str
    message: str


class ChunkDone(NamedTuple):
    """What a worker sends back for one chunk: the results in order, and its time."""

    seq: int
    results: list[Any]
    seconds: float


@dataclass(frozen=True, slots=True)
class Chunking:
    """How :func:`run_pool` groups items into chunks.

    Attributes:
        max_items: at most this many items per chunk.
        max_bytes: a chunk is closed once its items reach this many bytes
            (by ``size_of``); a bigger item travels alone.
        target_seconds: chunks are sized to take about this long, from the
            mean time per item measured so far (the first chunks have one item).
        size_of: the size in bytes of an item (None: sizes are not used).
    """

    max_items: int = 64
    max_bytes: int = 4 << 20
    target_seconds: float = 0.25
    size_of: Callable[[Any], int] | None = None


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


# The shared progress record of a worker: [chunk number, index in it, monotonic start].
_SEQ, _INDEX, _SINCE = 0, 1, 2


def _worker_main(conn: Connection, fn: Callable[[Any], Any], progress: Any) -> None:
    """Run ``fn`` on each chunk received until None or the parent goes away."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        seq, items = message
        started = time.monotonic()
        results = []
        for index, item in enumerate(items):
            progress[_SINCE] = time.monotonic()  # the parent reads these three: in this order
            progress[_INDEX] = index
            progress[_SEQ] = seq
            results.append(fn(item))
        try:
            conn.send(ChunkDone(seq, results, time.monotonic() - started))
        except (BrokenPipeError, OSError):
            return


@dataclass(slots=True)
class _Chunk:
    seq: int
    items: list[Any]


@dataclass(slots=True)
class _Slot:
    """One worker process and the chunks sent to it, in order (the first is running)."""

    process: BaseProcess
    conn: Connection
    progress: Any
    queue: deque[_Chunk] = field(default_factory=deque)
    since: float = float("inf")  # when the first chunk became the running one
    done: int = 0

    def queued_items(self) -> int:
        return sum(len(chunk.items) for chunk in self.queue)


class _Workers:
    """The worker processes, their pipes, progress records and queues."""

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
        self.timeout = timeout or float("inf")
        self._depth = depth
        self.slots = [_Slot(*self._start()) for _ in range(workers)]

    def _start(self) -> tuple[BaseProcess, Connection, Any]:
        parent, child = self._ctx.Pipe()
        progress = self._ctx.RawArray("d", 3)
        progress[_SEQ] = -1.0
        args = (child, self._fn, progress)
        process = self._ctx.Process(target=_worker_main, args=args, daemon=True)
        process.start()
        child.close()
        return process, parent, progress

    def accepts(self, slot: _Slot) -> bool:
        """Whether ``slot`` should be given one more chunk now."""
        return len(slot.queue) < self._depth and slot.done + slot.queued_items() < self._max_tasks

    def send(self, slot: _Slot, chunk: _Chunk) -> None:
        """Queue ``chunk`` on ``slot``'s worker."""
        slot.queue.append(chunk)
        if len(slot.queue) == 1:
            slot.since = time.monotonic()
        with contextlib.suppress(OSError):  # a dead worker: _collect sees its sentinel
            slot.conn.send((chunk.seq, chunk.items))

    def deadline(self, slot: _Slot) -> float:
        """When the item running on ``slot`` overruns its time limit."""
        progress = slot.progress
        since = slot.since
        if slot.queue and progress[_SEQ] == slot.queue[0].seq:
            since = max(since, progress[_SINCE])
        return since + self.timeout

    def running_index(self, slot: _Slot) -> int:
        """The index, in the running chunk, of the item the worker is on."""
        progress = slot.progress
        if slot.queue and progress[_SEQ] == slot.queue[0].seq:
            return int(progress[_INDEX])
        return 0

    def finish(self, slot: _Slot) -> _Chunk:
        """The running chunk is done: return it and start the clock of the next one."""
        chunk = slot.queue.popleft()
        slot.done += len(chunk.items)
        slot.since = time.monotonic() if slot.queue else float("inf")
        if slot.done >= self._max_tasks and not slot.queue:
            self._restart(slot, kill=False)  # recycle: bounds slow leaks in parsers
        return chunk

    def fail(self, slot: _Slot, *, kill: bool) -> _Chunk:
        """The running chunk crashed or overran: return it; a new worker takes the rest."""
        chunk = slot.queue.popleft()
        self._restart(slot, kill=kill)
        return chunk

    def _restart(self, slot: _Slot, *, kill: bool) -> None:
        _stop(slot, kill=kill)
        slot.process, slot.conn, slot.progress = self._start()
        slot.done = 0
        pending, slot.queue = slot.queue, deque()
        for chunk in pending:
            self.send(slot, chunk)

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


class Chunker:
    """Cuts the input into chunks: retried items first, one by one; then adaptive chunks."""

    def __init__(self, source: Iterator[Any], chunking: Chunking | None) -> None:
        self._source = source
        self._chunking = chunking
        self._seq = itertools.count()
        self.retry: deque[Any] = deque()
        self.exhausted = False
        self._per_item = 0.0  # mean seconds per item (exponentially weighted); 0: unknown

    def observe(self, seconds: float, items: int) -> None:
        """A chunk of ``items`` items took ``seconds`` in its worker."""
        if items:
            sample = seconds / items
            self._per_item = sample if not self._per_item else 0.8 * self._per_item + 0.2 * sample

    def _size(self) -> int:
        c = self._chunking
        if c is None or not self._per_item:
            return 1
        return max(1, min(c.max_items, int(c.target_seconds / self._per_item)))

    def next(self) -> _Chunk | None:
        """The next chunk, or None when there is nothing to send now."""
        if self.retry:
            return _Chunk(next(self._seq), [self.retry.popleft()])
        if self.exhausted:
            return None
        size, budget = self._size(), self._chunking.max_bytes if self._chunking else 0
        size_of = self._chunking.size_of if self._chunking else None
        items: list[Any] = []
        total = 0
        while len(items) < size:
            item = next(self._source, _END)
            if item is _END:
                self.exhausted = True
                break
            items.append(item)
            if size_of is not None:
                total += size_of(item)
                if total >= budget:
                    break
        return _Chunk(next(self._seq), items) if items else None


def run_pool(
    items: Iterable[Any],
    fn: Callable[[Any], Any],
    *,
    workers: int | None = None,
    timeout: float | None = None,
    max_tasks_per_worker: int = 1000,
    depth: int = 2,
    chunking: Chunking | None = None,
) -> Generator[tuple[Any, Any], None, None]:
    """Yield ``(item, fn(item))`` in completion order, ``fn`` running in worker processes.

    Args:
        items: the inputs, pulled lazily; each must be picklable.
        fn: a picklable function (module level); it should not raise.
        workers: the number of processes (default: the usable CPUs).
        timeout: seconds allowed per item; None for no limit.
        max_tasks_per_worker: a worker is replaced after this many items,
            which keeps slow leaks in parsing libraries bounded.
        depth: chunks queued per worker (2: the next one is ready when the
            current one ends, so workers never wait for a busy parent).
        chunking: send items in adaptive chunks (None: one item per message).

    The result is a :class:`PoolFailure` instead of ``fn(item)`` when the
    worker died or overran its time; items queued behind it go to the
    worker that replaces it.
    """
    pool = _Workers(fn, workers or default_workers(), max_tasks_per_worker, timeout, depth)
    chunker = Chunker(iter(items), chunking)
    try:
        while True:
            _feed(pool, chunker)
            busy = [slot for slot in pool.slots if slot.queue]
            if not busy:
                return
            yield from _collect(pool, busy, chunker)
    finally:
        pool.close()


def _feed(pool: _Workers, chunker: Chunker) -> None:
    """Top up every worker's queue."""
    for slot in pool.slots:
        while pool.accepts(slot):
            chunk = chunker.next()
            if chunk is None:
                return
            pool.send(slot, chunk)


def _collect(pool: _Workers, busy: list[_Slot], chunker: Chunker) -> Iterator[tuple[Any, Any]]:
    """Wait for at least one busy worker to answer, die or overrun; yield outcomes."""
    wait_for = max(0.0, min(pool.deadline(slot) for slot in busy) - time.monotonic())
    handles: list[Any] = [slot.conn for slot in busy] + [slot.process.sentinel for slot in busy]
    wait(handles, timeout=None if wait_for == float("inf") else wait_for)
    now = time.monotonic()
    for slot in busy:
        if _readable(slot.conn):
            try:
                done: ChunkDone = slot.conn.recv()
            except (EOFError, OSError):
                slot.process.join(1)  # the pipe closed: the process is on its way out
            else:
                chunk = pool.finish(slot)
                chunker.observe(done.seconds, len(chunk.items))
                yield from zip(chunk.items, done.results, strict=True)
                continue
        if not slot.process.is_alive():
            code = slot.process.exitcode
            chunk = pool.fail(slot, kill=False)
            if len(chunk.items) == 1:
                message = f"the worker process died (exit code {code})"
                yield chunk.items[0], PoolFailure("WorkerCrashed", message)
            else:  # which item killed it? retry them one by one: it dies again, alone
                chunker.retry.extend(chunk.items)
        elif now >= pool.deadline(slot):
            index = pool.running_index(slot)
            chunk = pool.fail(slot, kill=True)
            message = f"no result after {pool.timeout:g} s; worker killed"
            yield chunk.items[index], PoolFailure("Timeout", message)
            chunker.retry.extend(chunk.items[:index] + chunk.items[index + 1 :])


def _readable(conn: Connection) -> bool:
    try:
        return conn.poll()
    except (EOFError, OSError):
        return False
