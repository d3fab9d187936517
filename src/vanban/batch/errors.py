"""Errors that only batches produce (a worker died, a file overran its time)."""

from __future__ import annotations

import errno

from vanban.errors import VanbanError

__all__ = [
    "BatchUsageError",
    "DiskFull",
    "FileTimeout",
    "SchedulerUnreachable",
    "WorkerCrashed",
    "WorkerError",
    "is_disk_full",
]

# "No space left on device" and "Disk quota exceeded": both mean OUT cannot take more bytes.
_FULL = frozenset({errno.ENOSPC, errno.EDQUOT})


def is_disk_full(exc: BaseException) -> bool:
    """Whether ``exc`` is an OSError saying the filesystem (or the quota) is full."""
    return isinstance(exc, OSError) and exc.errno in _FULL


class BatchUsageError(ValueError):
    """The batch cannot start: SRC missing, OUT not writable or locked, bad rules."""


class SchedulerUnreachable(BatchUsageError):
    """The Dask scheduler did not answer within the connection time limit."""


class DiskFull(OSError):
    """OUT's filesystem is full: the batch stopped cleanly; free space and run it again.

    The manifest holds a complete row for every file finished before the stop
    (never a torn one), so the same command resumes where this one stopped.

    Attributes:
        summary: the counts of the files finished before the stop (or None).
    """

    def __init__(self, message: str, summary: object = None) -> None:
        super().__init__(errno.ENOSPC, message)
        self.message = message
        self.summary = summary

    def __str__(self) -> str:
        return self.message


class WorkerCrashed(VanbanError):
    """The worker process died while it held this file (a crash in a parser)."""


class FileTimeout(VanbanError):
    """The file took longer than the per-file time limit; its worker was killed."""


class WorkerError(VanbanError):
    """An unexpected exception (a bug) in the worker; the message names its type."""
