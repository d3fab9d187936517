"""``parse_many``: parse many files in worker processes, lazily."""

from __future__ import annotations

import ast
import functools
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, NamedTuple, TypeVar

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

    _check_main_guard()
    fn = functools.partial(_parse_one, tuple(os.fspath(r) for r in rules))
    for path, outcome in run_pool(paths, fn, workers=workers, timeout=timeout):
        if isinstance(outcome, Parsed) and outcome.kind == "ok":
            yield path, Document.model_validate_json(outcome.payload)
        else:
            yield path, _error(outcome)


_GUARD_MESSAGE = (
    "parse_many() was called from the top level of the script {file} (line {line}), "
    'outside `if __name__ == "__main__":`. Its worker processes start by importing '
    "that script again, which would call parse_many() again in every worker. Put the call "
    'under the guard:\n\n    if __name__ == "__main__":\n        for path, result in '
    "vanban.parse_many(paths):\n            ...\n\n(or call it from a module that the "
    "script imports)."
)


def _check_main_guard() -> None:
    """Refuse to start workers from the unguarded top level of a script.

    Workers start by the ``forkserver`` or ``spawn`` method, both of which
    import ``__main__`` again in each worker; without the guard every worker
    would run the script and die, and each file would be a WorkerCrashed.
    """
    main = sys.modules.get("__main__")
    main_file = getattr(main, "__file__", None)
    if main is None or not main_file:
        return  # interactive, python -c, embedded: nothing is imported again
    frame = sys._getframe(1)
    while frame is not None:
        if frame.f_globals is vars(main) and frame.f_code.co_name == "<module>":
            break
        frame = frame.f_back  # type: ignore[assignment]
    if frame is None:
        return  # not called from the script's top-level code
    line = frame.f_lineno
    try:
        with open(main_file, "rb") as fh:
            tree = ast.parse(fh.read())
    except (OSError, SyntaxError, ValueError):
        return  # cannot tell: let it run
    if not any(_guard_covers(node, line) for node in ast.walk(tree)):
        raise RuntimeError(_GUARD_MESSAGE.format(file=main_file, line=line))


def _guard_covers(node: ast.AST, line: int) -> bool:
    """Whether ``node`` is ``if __name__ == "__main__":`` and its body holds ``line``."""
    if not isinstance(node, ast.If) or not node.body:
        return False
    test = node.test
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1):
        return False
    sides = [test.left, *test.comparators]
    names = any(isinstance(s, ast.Name) and s.id == "__name__" for s in sides)
    main = any(isinstance(s, ast.Constant) and s.value == "__main__" for s in sides)
    if not (names and main and isinstance(test.ops[0], ast.Eq)):
        return False
    return node.body[0].lineno <= line <= (node.body[-1].end_lineno or node.body[-1].lineno)


class Parsed(NamedTuple):
    """What a worker sends back for one file: ("ok", the Document's JSON) or the error."""

    kind: str  # "ok", or the exception's type name
    payload: str  # the JSON, or the exception's message


def _parse_one(rules: tuple[str, ...], path: str | os.PathLike[str]) -> Parsed:
    """Run in a worker: ("ok", JSON) or (error type, message)."""
    from vanban.api import parse

    try:
        return Parsed("ok", parse(os.fspath(path), rules=rules).model_dump_json())
    except Exception as exc:  # sent back as data; rebuilt by _error
        return Parsed(type(exc).__name__, str(exc))


def _error(outcome: object) -> VanbanError:
    """Rebuild the exception a worker reported."""
    from vanban import errors
    from vanban.batch.errors import FileTimeout, WorkerCrashed, WorkerError

    if isinstance(outcome, PoolFailure):
        cls = FileTimeout if outcome.kind == "Timeout" else WorkerCrashed
        return cls(outcome.message)
    assert isinstance(outcome, Parsed)
    kind, message = outcome
    known = getattr(errors, kind, None)
    if isinstance(known, type) and issubclass(known, errors.VanbanError):
        return known(message)
    return WorkerError(f"{kind}: {message}")
