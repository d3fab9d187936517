"""Progress of ``vanban convert`` on stderr: a bar on a terminal, a line now and then elsewhere.

* On a terminal (and ``CI`` not set): a rich progress bar with the count, rate,
  ETA and the files not read so far. The total is counted by a background
  walk of SRC, so the bar starts at once, even on a slow network share.
* Elsewhere (a log file, a pipe, CI): no bar and no escape codes, but one plain
  line every 30 s, so a long run is never silent.
* ``--no-progress`` (``progress=False``): nothing until the final summary.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Callable, Iterable
from typing import Any, Protocol

__all__ = ["Progress", "make_progress"]

# Statuses that the display counts as "not read".
_NOT_READ = frozenset({"failed", "needs_ocr", "no_text"})

LINE_INTERVAL = 30.0


class Progress(Protocol):
    """What the batch tells the progress display."""

    wants_total: bool

    def set_total(self, total: int) -> None:
        """The number of files, once known."""

    def advance(self, status: str) -> None:
        """One more file finished with ``status``."""

    def close(self) -> None:
        """The batch is over."""

    def count_in_background(self, plan: Callable[[], Iterable[Any]]) -> _Counter:
        """Count ``plan()`` in a thread and :meth:`set_total` when done."""


class _Counter:
    """A daemon thread that counts the tasks of a plan; :meth:`cancel` stops it."""

    def __init__(self, plan: Callable[[], Iterable[Any]], done: Callable[[int], None]) -> None:
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._count, args=(plan, done), daemon=True)
        self._thread.start()

    def _count(self, plan: Callable[[], Iterable[Any]], done: Callable[[int], None]) -> None:
        n = 0
        try:
            for _ in plan():
                if self._stop.is_set():
                    return
                n += 1
        except Exception:  # only a count for the display: the batch reports real errors
            return
        done(n)

    def cancel(self) -> None:
        self._stop.set()
        self._thread.join(1)


class _Base:
    wants_total = False

    def set_total(self, total: int) -> None:
        pass

    def advance(self, status: str) -> None:
        pass

    def close(self) -> None:
        pass

    def count_in_background(self, plan: Callable[[], Iterable[Any]]) -> _Counter:
        return _Counter(plan, self.set_total)


class _Quiet(_Base):
    pass


class _Lines(_Base):
    """A plain line on stderr every ``interval`` seconds."""

    wants_total = True

    def __init__(self, interval: float = LINE_INTERVAL) -> None:
        self._interval = interval
        self._started = self._last = time.monotonic()
        self._done = self._not_read = 0
        self._total: int | None = None

    def set_total(self, total: int) -> None:
        self._total = total

    def advance(self, status: str) -> None:
        self._done += 1
        self._not_read += status in _NOT_READ
        now = time.monotonic()
        if now - self._last >= self._interval:
            self._last = now
            total = f"/{self._total}" if self._total is not None else ""
            rate = self._done / max(now - self._started, 1e-9)
            print(
                f"vanban convert: {self._done}{total} files, {rate:.1f} files/s, "
                f"{self._not_read} not read",
                file=sys.stderr,
                flush=True,
            )


class _RichBar(_Base):
    wants_total = True

    def __init__(self) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )
        from rich.progress import Progress as RichProgress

        self._bar = RichProgress(
            TextColumn("[bold]vanban convert"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]} files/s"),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            TextColumn("{task.fields[not_read]} not read"),
            console=Console(stderr=True),
            transient=False,
        )
        self._task = self._bar.add_task("convert", total=None, rate="-", not_read=0)
        self._not_read = 0
        self._bar.start()

    def set_total(self, total: int) -> None:
        self._bar.update(self._task, total=total)

    def advance(self, status: str) -> None:
        self._not_read += status in _NOT_READ
        task: Any = self._bar.tasks[0]
        speed = task.speed
        rate = f"{speed:.1f}" if speed else "-"
        self._bar.update(self._task, advance=1, rate=rate, not_read=self._not_read)

    def close(self) -> None:
        self._bar.stop()


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")


def make_progress(enabled: bool | None) -> Progress:
    """The display for ``enabled``: True a bar, False nothing, None: decide from stderr.

    None gives the bar when stderr is a terminal and ``CI`` is not set, else a
    plain line every 30 s.
    """
    if enabled is False:
        return _Quiet()
    if enabled is None and (_in_ci() or not sys.stderr.isatty()):
        return _Lines()
    try:
        return _RichBar()
    except ImportError:  # rich is a dependency, but an odd install may lack it
        return _Lines()
