"""``parse_many``: parse many files in worker processes, lazily."""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, TypeVar

from vanban.batch.local import PoolFailure, run_pool

if TYPE_CHECKING:
    from vanban.errors import VanbanError
    from vanban.models import Document

__all__ = ["parse_many"]

P = TypeVar("P", str, os.PathLike[str])


def parse_many(
    paths: Iterable[P],
    *,
    workers: int | None = None,
    rules: Sequence[str | os.PathLike[str]] = (),
    timeout: float | None = 120.0,
) -> Iterator[tuple[P, Document | VanbanError]]:
    """Parse ``paths`` in ``workers`` processes; yield ``(path, Document or error)``.

    Results come in **completion order**, not input order. Paths are pulled
    from ``paths`` only as workers become free, and each result is yielded as
    soon as it arrives, so memory does not grow with the number of files. A
    file that cannot be read yields its :class:`~vanban.errors.VanbanError`
    (not raised); a worker that crashes or overruns ``timeout`` yields
    :class:`~vanban.batch.errors.WorkerCrashed` or
    :class:`~vanban.batch.errors.FileTimeout`, and the rest goes on.

    >>> for path, result in parse_many(["a.txt", "b.docx"], workers=2):  # doctest: +SKIP
    ...     print(path, getattr(result, "number", result))
    """
    from vanban.models import Document

    fn = functools.partial(_parse_one, tuple(os.fspath(r) for r in rules))
    for path, outcome in run_pool(paths, fn, workers=workers, timeout=timeout):
        if isinstance(outcome, tuple) and outcome[0] == "ok":
            yield path, Document.model_validate_json(outcome[1])
        else:
            yield path, _error(outcome)


def _parse_one(rules: tuple[str, ...], path: str | os.PathLike[str]) -> tuple[str, str]:
    """Run in a worker: ("ok", JSON) or (error type, message)."""
    from vanban.api import parse

    try:
        return "ok", parse(os.fspath(path), rules=rules).model_dump_json()
    except Exception as exc:  # sent back as data; rebuilt by _error
        return type(exc).__name__, str(exc)


def _error(outcome: object) -> VanbanError:
    """Rebuild the exception a worker reported."""
    from vanban import errors
    from vanban.batch.errors import FileTimeout, WorkerCrashed, WorkerError

    if isinstance(outcome, PoolFailure):
        cls = FileTimeout if outcome.kind == "Timeout" else WorkerCrashed
        return cls(outcome.message)
    assert isinstance(outcome, tuple)
    kind, message = outcome
    known = getattr(errors, kind, None)
    if isinstance(known, type) and issubclass(known, errors.VanbanError):
        return known(message)
    return WorkerError(f"{kind}: {message}")
