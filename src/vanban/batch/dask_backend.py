"""Run ``vanban convert`` on a Dask distributed cluster.

The client (the machine running ``vanban convert --scheduler …``) walks SRC,
submits one task per file with a bounded window in flight, and writes the
manifest exactly as the local run does; the workers read the inputs and write
the JSON outputs themselves, so SRC and OUT must be paths every worker sees
(a shared filesystem), or fsspec URLs for SRC.

Failures: a task whose worker dies is retried by Dask on another worker
(``distributed.scheduler.allowed-failures``, default 3) and then reported as
"WorkerCrashed". A task still running after the per-file time limit is cancelled
and reported as "Timeout"; the clock starts when the task is among the oldest
N in flight (N = the cluster's threads), which is about when it starts
running. Dask cannot kill a running thread, so a hung task keeps its worker
thread until it returns.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from vanban.batch.local import PoolFailure
from vanban.batch.runner import Backend, check_paths, convert
from vanban.batch.summary import Summary

__all__ = ["connect", "convert_on_dask", "dask_backend", "require_distributed"]

_END = object()


def dask_backend(
    client: Any = None,
    *,
    scheduler: str | None = None,
    timeout: float | None = 120.0,
    window: int | None = None,
    connect_timeout: float = 10.0,
) -> Backend:
    """A backend for :func:`vanban.batch.convert` that runs on a Dask cluster.

    Args:
        client: a ``distributed.Client`` (it stays open); or None to connect
            to ``scheduler`` (and close that connection at the end).
        scheduler: the scheduler address, e.g. ``tcp://10.0.0.5:8786``.
        timeout: seconds allowed per file, counted from submission.
        window: tasks in flight (default: twice the cluster's threads).
        connect_timeout: seconds to wait for ``scheduler`` to answer.

    Raises:
        MissingDependency: Dask (``distributed``) is not installed.
    """

    if client is None:
        require_distributed()

    def run(items: Iterable[Any], fn: Callable[[Any], Any]) -> Iterator[tuple[Any, Any]]:
        own = client is None
        active = connect(scheduler, connect_timeout) if own else client
        try:
            yield from _run(active, iter(items), fn, timeout, window)
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


def _run(
    client: Any,
    source: Iterator[Any],
    fn: Callable[[Any], Any],
    timeout: float | None,
    window: int | None,
) -> Iterator[tuple[Any, Any]]:
    """Keep ``window`` tasks in flight; results are fetched in batches as they complete."""
    from distributed import as_completed

    threads = max(1, sum(client.nthreads().values()))
    size = window or 2 * threads
    limit = timeout or float("inf")
    pending: dict[str, list[Any]] = {}  # key → [future, item, deadline], oldest first
    completed = as_completed(with_results=True, raise_errors=False)  # type: ignore[no-untyped-call]
    exhausted = False
    while True:
        while not exhausted and len(pending) < size:
            item = next(source, _END)
            if item is _END:
                exhausted = True
                break
            future = client.submit(fn, item, pure=False)
            pending[future.key] = [future, item, float("inf")]
            completed.add(future)  # type: ignore[no-untyped-call]
        if not pending:
            return
        _start_clocks(pending, threads, limit)
        ready = completed.has_ready()  # type: ignore[no-untyped-call]
        batch = completed.next_batch(block=False) if ready else []  # type: ignore[no-untyped-call]
        if not batch:
            time.sleep(0.005)
        for future, result in batch:
            entry = pending.pop(future.key, None)
            if entry is not None:  # None: already reported as timed out
                yield entry[1], _outcome(result)
        now = time.monotonic()
        for key in [k for k, entry in pending.items() if entry[2] <= now]:
            future, item, _ = pending.pop(key)
            future.cancel()
            yield item, PoolFailure("Timeout", f"no result after {timeout:g} s; task cancelled")


def _start_clocks(pending: dict[str, list[Any]], threads: int, limit: float) -> None:
    """Start the time limit of the ``threads`` oldest tasks: about when they start running."""
    now = time.monotonic()
    for entry in list(pending.values())[:threads]:
        if entry[2] == float("inf"):
            entry[2] = now + limit


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
