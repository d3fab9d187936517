"""Run ``vanban convert`` on a Dask distributed cluster.

The client (the machine running ``vanban convert --scheduler …``) walks SRC,
submits one task per chunk of files (sized adaptively to about a second of
work, see :data:`CHUNKING`) with a bounded window in flight, and writes the
manifest exactly as the local run does; the workers read the inputs and write
the JSON outputs themselves, so SRC and OUT must be paths every worker sees
(a shared filesystem), or fsspec URLs for SRC.

Failures stay per file: a task whose worker dies is retried by Dask on another
worker (``distributed.scheduler.allowed-failures``, default 3); a chunk that
still fails is split and its files submitted one by one, so only the file that
crashes again is reported "WorkerCrashed". The time limit is per file: when a
chunk's clock runs out (it starts when the chunk is among the oldest N in
flight, N = the cluster's threads), the client asks the worker which file the
chunk is on and for how long (:mod:`vanban.batch.dask_tasks`); a file past the
limit is reported "Timeout", the files done are kept and the rest resubmitted.
Dask cannot kill a running thread, so a hung file keeps its worker thread
until it returns.
"""

from __future__ import annotations

import os
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from vanban.batch.dask_tasks import cancel_chunk, chunk_progress, run_chunk, warm_up
from vanban.batch.local import Chunker, Chunking, PoolFailure
from vanban.batch.runner import Backend, check_paths, convert, item_bytes
from vanban.batch.summary import Summary

__all__ = ["connect", "convert_on_dask", "dask_backend", "require_distributed"]

# Files per task: about a second of work (at most 64 files, 8 MB), so one scheduler
# round trip serves many small files.
CHUNKING = Chunking(max_items=64, max_bytes=8 << 20, target_seconds=1.0, size_of=item_bytes)


def dask_backend(
    client: Any = None,
    *,
    scheduler: str | None = None,
    timeout: float | None = 120.0,
    window: int | None = None,
    connect_timeout: float = 10.0,
    chunking: Chunking | None = None,
) -> Backend:
    """A backend for :func:`vanban.batch.convert` that runs on a Dask cluster.

    Args:
        client: a ``distributed.Client`` (it stays open); or None to connect
            to ``scheduler`` (and close that connection at the end).
        scheduler: the scheduler address, e.g. ``tcp://10.0.0.5:8786``.
        timeout: seconds allowed per file, counted from submission.
        window: tasks in flight (default: twice the cluster's threads).
        connect_timeout: seconds to wait for ``scheduler`` to answer.
        chunking: how files are grouped per task (default :data:`CHUNKING`).

    Raises:
        MissingDependency: Dask (``distributed``) is not installed.
    """

    if client is None:
        require_distributed()
    chunking = chunking or CHUNKING

    def run(items: Iterable[Any], fn: Callable[[Any], Any]) -> Iterator[tuple[Any, Any]]:
        own = client is None
        active = connect(scheduler, connect_timeout) if own else client
        try:
            yield from _run(active, iter(items), fn, timeout, window, chunking)
        finally:
            if own:
                active.close()

    return run


def require_distributed() -> None:
    """Raise :class:`~vanban.errors.MissingDependency` unless ``distributed`` imports."""
    from vanban.errors import MissingDependency

    try:
        import distributed  # noqa: F401
    except ImportError as exc:
        raise MissingDependency(
            f"running on a Dask cluster needs Dask ({exc}): pip install 'vanban[dask]'"
        ) from exc


def connect(scheduler: str | None, timeout: float = 10.0) -> Any:
    """A ``distributed.Client`` for ``scheduler``, or SchedulerUnreachable within ``timeout`` s.

    Raises:
        MissingDependency: Dask is not installed.
        SchedulerUnreachable: the scheduler did not answer in time (or refused).
        BatchUsageError: the address cannot be understood.
    """
    require_distributed()
    from distributed import Client

    from vanban.batch.errors import BatchUsageError, SchedulerUnreachable

    if not scheduler:
        raise BatchUsageError("no Dask scheduler address given (e.g. tcp://HOST:8786)")
    # Client(timeout=) bounds the TCP connect but not the handshake: a port that accepts
    # and never answers would hang it forever. So it is made in a thread we wait for.
    box: dict[str, Any] = {}

    def make() -> None:
        try:
            box["client"] = Client(scheduler, timeout=timeout)  # type: ignore[no-untyped-call]
        except BaseException as exc:  # handed to the caller below
            box["error"] = exc

    maker = threading.Thread(target=make, name="vanban-dask-connect", daemon=True)
    maker.start()
    maker.join(timeout + 1.0)
    if "client" in box:
        return box["client"]
    exc = box.get("error")
    if exc is None or isinstance(exc, OSError | TimeoutError):
        why = f" ({type(exc).__name__}: {exc})" if exc is not None else ""
        raise SchedulerUnreachable(
            f"cannot reach the Dask scheduler at {scheduler}: no answer within {timeout:g} s"
            f"{why}; is `dask scheduler` running there?"
        ) from exc
    if isinstance(exc, ValueError | TypeError):
        raise BatchUsageError(f"bad Dask scheduler address {scheduler!r}: {exc}") from exc
    raise exc


@dataclass(slots=True)
class _Pending:
    future: Any
    chunk_id: str
    items: list[Any]
    deadline: float = float("inf")
    rearmed: int = 0


# A chunk not found running when its clock runs out is waiting for a free thread. While
# other chunks finish it waits on; after this many time limits in which nothing finished
# and it did not start (every thread hung, or workers dead), its files are timed out.
_MAX_REARM = 2


def _run(
    client: Any,
    source: Iterator[Any],
    fn: Callable[[Any], Any],
    timeout: float | None,
    window: int | None,
    chunking: Chunking | None = None,
) -> Iterator[tuple[Any, Any]]:
    """Keep ``window`` chunk tasks in flight; results are fetched in batches as they complete."""
    from distributed import as_completed

    threads = max(1, sum(client.nthreads().values()))
    size = window or 2 * threads
    limit = timeout or float("inf")
    _ask(client, warm_up, timeout=60.0)  # imports are not the first file's time
    chunker = Chunker(source, chunking)
    pending: dict[str, _Pending] = {}  # oldest first
    completed = as_completed(with_results=True, raise_errors=False)  # type: ignore[no-untyped-call]
    progress = [time.monotonic()]  # when a chunk last finished
    while True:
        while len(pending) < size:
            chunk = chunker.next()
            if chunk is None:
                break
            chunk_id = uuid.uuid4().hex
            future = client.submit(run_chunk, fn, chunk_id, chunk.items, pure=False)
            pending[future.key] = _Pending(future, chunk_id, chunk.items)
            completed.add(future)  # type: ignore[no-untyped-call]
        if not pending:
            return
        _start_clocks(pending, threads, limit)
        ready = completed.has_ready()  # type: ignore[no-untyped-call]
        batch = completed.next_batch(block=False) if ready else []  # type: ignore[no-untyped-call]
        if not batch:
            time.sleep(0.005)
        if batch:
            progress[0] = time.monotonic()
        for future, result in batch:
            entry = pending.pop(future.key, None)
            if entry is None:  # already reported as timed out
                continue
            outcome = _outcome(result)
            if not isinstance(outcome, PoolFailure):
                rows, seconds = outcome
                chunker.observe(seconds, len(rows))
                yield from zip(entry.items, rows, strict=False)
            elif len(entry.items) > 1:  # which file was it? retry them one by one
                chunker.retry.extend(entry.items)
            else:
                yield entry.items[0], outcome
        now = time.monotonic()
        for key in [k for k, entry in pending.items() if entry.deadline <= now]:
            yield from _overrun(client, pending, key, limit, chunker, progress[0])


def _overrun(
    client: Any,
    pending: dict[str, _Pending],
    key: str,
    limit: float,
    chunker: Chunker,
    last_finished: float,
) -> Iterator[tuple[Any, Any]]:
    """A chunk's clock ran out: find its running item; time it out if it overran."""
    entry = pending[key]
    progress = _ask(client, chunk_progress, entry.chunk_id)
    now = time.monotonic()
    if progress is None:  # not started yet (or just finished: its result is on the way)
        entry.rearmed += now - last_finished >= limit  # only while nothing else finishes
        if entry.rearmed <= _MAX_REARM:
            entry.deadline = now + limit
            return
        del pending[key]
        entry.future.cancel()
        waited = (_MAX_REARM + 1) * limit
        for item in entry.items:
            yield item, PoolFailure("Timeout", f"not started within {waited:g} s; task cancelled")
        return
    index, elapsed = progress
    if elapsed < limit:
        entry.deadline = now + (limit - elapsed)
        return
    cancelled = _ask(client, cancel_chunk, entry.chunk_id)
    del pending[key]
    entry.future.cancel()
    index, rows = cancelled if cancelled is not None else (index, [])
    yield from zip(entry.items[: len(rows)], rows, strict=False)
    message = f"no result after {limit:g} s; task cancelled"
    yield entry.items[index], PoolFailure("Timeout", message)
    chunker.retry.extend(entry.items[len(rows) : index] + entry.items[index + 1 :])


def _ask(client: Any, fn: Callable[..., Any], *args: Any, timeout: float = 10.0) -> Any:
    """``fn(*args)`` on every worker: the first answer that is not None (None if none)."""
    box: dict[str, Any] = {}

    def call() -> None:
        try:
            box["answers"] = client.run(fn, *args, on_error="return")
        except Exception:  # a cluster that cannot answer: treated as "not running"
            box["answers"] = {}

    asker = threading.Thread(target=call, name="vanban-dask-ask", daemon=True)
    asker.start()
    asker.join(timeout)
    for answer in (box.get("answers") or {}).values():
        if answer is not None and not isinstance(answer, BaseException):
            return answer
    return None


def _start_clocks(pending: dict[str, _Pending], threads: int, limit: float) -> None:
    """Start the time limit of the ``threads`` oldest tasks: about when they start running."""
    now = time.monotonic()
    for entry in list(pending.values())[:threads]:
        if entry.deadline == float("inf"):
            entry.deadline = now + limit


def _outcome(result: Any) -> Any:
    """The task's row, or a :class:`PoolFailure` for the exception it ended with.

    ``as_completed(raise_errors=False)`` gives a failed task's result as
    ``(type, exception, traceback)``; rows are dicts.
    """
    if isinstance(result, tuple) and len(result) == 3 and isinstance(result[1], BaseException):
        result = result[1]
    if isinstance(result, BaseException):
        name = type(result).__name__
        kind = "WorkerCrashed" if name == "KilledWorker" else name
        return PoolFailure(kind, f"{name}: {result}" if kind == "WorkerCrashed" else str(result))
    return result


def convert_on_dask(
    src: str | os.PathLike[str],
    out: str | os.PathLike[str],
    *,
    client: Any = None,
    scheduler: str | None = None,
    timeout: float | None = 120.0,
    connect_timeout: float = 10.0,
    **options: Any,
) -> Summary:
    """:func:`vanban.batch.convert` on a Dask cluster (``client`` or ``scheduler``).

    SRC and OUT are checked and the scheduler is reached before anything is
    written, so a refused run leaves no OUT behind.

    Raises:
        MissingDependency: Dask is not installed.
        SchedulerUnreachable: ``scheduler`` did not answer within ``connect_timeout`` s.

    >>> from distributed import Client                   # doctest: +SKIP
    >>> with Client("tcp://scheduler:8786") as client:    # doctest: +SKIP
    ...     convert_on_dask("/shared/archive", "/shared/out", client=client)
    """
    check_paths(src, out)
    own = client is None
    active = connect(scheduler, connect_timeout) if own else client
    try:
        backend = dask_backend(active, timeout=timeout)
        return convert(src, out, backend=backend, timeout=timeout, **options)
    finally:
        if own:
            active.close()
