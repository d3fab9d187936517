"""Errors that only batches produce (a worker died, a file overran its time)."""

from __future__ import annotations

from vanban.errors import VanbanError

__all__ = ["BatchUsageError", "FileTimeout", "WorkerCrashed", "WorkerError"]


class BatchUsageError(ValueError):
    """The batch cannot start: SRC missing, OUT not writable or locked, bad rules."""


class WorkerCrashed(VanbanError):
    """The worker process died while it held this file (a crash in a parser)."""


class FileTimeout(VanbanError):
    """The file took longer than the per-file time limit; its worker was killed."""


class WorkerError(VanbanError):
    """An unexpected exception (a bug) in the worker; the message names its type."""
