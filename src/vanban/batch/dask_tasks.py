"""What runs on the Dask workers: a chunk of files, with progress the client can ask for.

A chunk task converts its items one after the other and keeps, in this
module's memory on the worker, which item it is on, since when, and the rows
done so far. When an item overruns the time limit the client asks for that
record (:func:`chunk_progress`, through ``Client.run``) and cancels the chunk
(:func:`cancel_chunk`): it reports the rows done, the hung item as "Timeout",
and submits the rest again, while the chunk stops before its next item (Dask
cannot stop a running thread, so the hung item keeps its thread until it
returns, as a single task would).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

__all__ = ["cancel_chunk", "chunk_progress", "run_chunk", "warm_up"]


@dataclass
class _Running:
    index: int = 0
    since: float = field(default_factory=time.monotonic)
    rows: list[Any] = field(default_factory=list)
    cancelled: bool = False


_LOCK = threading.Lock()
_RUNNING: dict[str, _Running] = {}


def run_chunk(fn: Callable[[Any], Any], chunk_id: str, items: list[Any]) -> tuple[list[Any], float]:
    """``[fn(item) for item in items]`` and the seconds it took, unless cancelled."""
    warm_up()  # a worker restarted after a crash is cold: imports are not the first file's time
    state = _Running()
    with _LOCK:
        _RUNNING[chunk_id] = state
    started = time.monotonic()
    try:
        for index, item in enumerate(items):
            with _LOCK:
                if state.cancelled:
                    break
                state.index, state.since = index, time.monotonic()
            row = fn(item)
            with _LOCK:
                state.rows.append(row)
        return list(state.rows), time.monotonic() - started
    finally:
        with _LOCK:
            _RUNNING.pop(chunk_id, None)


def chunk_progress(chunk_id: str) -> tuple[int, float] | None:
    """(index of the running item, seconds it has run), or None if not running here."""
    with _LOCK:
        state = _RUNNING.get(chunk_id)
        if state is None:
            return None
        return state.index, time.monotonic() - state.since


def cancel_chunk(chunk_id: str) -> tuple[int, list[Any]] | None:
    """Stop the chunk before its next item: (index of the running item, rows done), or None."""
    with _LOCK:
        state = _RUNNING.get(chunk_id)
        if state is None:
            return None
        state.cancelled = True
        return state.index, list(state.rows)


def warm_up() -> None:
    """Import the parsers now, so that the first file's time limit does not pay for it."""
    import vanban.api
    import vanban.batch.worker  # noqa: F401
