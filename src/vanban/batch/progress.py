"""A progress bar with rate and ETA on a terminal (rich), silence elsewhere."""

from __future__ import annotations

import sys
from typing import Any, Protocol

__all__ = ["Progress", "make_progress"]


class Progress(Protocol):
    """What the batch tells the progress display."""

    def advance(self, status: str) -> None:
        """One more file finished with ``status``."""

    def close(self) -> None:
        """The batch is over."""


class _Quiet:
    def advance(self, status: str) -> None:
        pass

    def close(self) -> None:
        pass


class _RichBar:
    def __init__(self, total: int | None) -> None:
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
            TextColumn("{task.fields[failed]} failed"),
            console=Console(stderr=True),
            transient=False,
        )
        self._task = self._bar.add_task("convert", total=total, rate="-", failed=0)
        self._failed = 0
        self._bar.start()

    def advance(self, status: str) -> None:
        self._failed += status == "failed"
        task: Any = self._bar.tasks[0]
        speed = task.speed
        rate = f"{speed:.1f}" if speed else "-"
        self._bar.update(self._task, advance=1, rate=rate, failed=self._failed)

    def close(self) -> None:
        self._bar.stop()


def make_progress(enabled: bool | None, total: int | None = None) -> Progress:
    """A rich progress bar if ``enabled`` (None: if stderr is a terminal) and rich is installed."""
    if enabled is None:
        enabled = sys.stderr.isatty()
    if not enabled:
        return _Quiet()
    try:
        return _RichBar(total)
    except ImportError:
        return _Quiet()
