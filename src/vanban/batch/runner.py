"""``convert``: SRC folder → OUT folder of JSON files and a manifest, resumable.

The parent process walks SRC lazily, hands one item at a time to a backend
(the local process pool or a Dask cluster), and appends each returned row to
the manifest log. See :mod:`vanban.batch.manifest` for how a killed run is
resumed and how the final manifest ends with exactly one row per input.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from vanban._version import __version__
from vanban.batch.errors import BatchUsageError
from vanban.batch.local import PoolFailure, run_pool
from vanban.batch.manifest import MANIFEST_NAME, ManifestLog, UpToDate, dumps_row, read_index
from vanban.batch.plan import INTERNAL_DIR, Task, is_url, iter_tasks
from vanban.batch.progress import make_progress
from vanban.batch.summary import Summary
from vanban.batch.worker import Job, convert_one, error_row

__all__ = ["JSONL_NAME", "convert"]

JSONL_NAME = "documents.jsonl"

# (task, sha256 of its previous ok conversion or None, that previous row or None)
Item = tuple[Task, str | None, str | None]
Backend = Callable[[Iterable[Item], Callable[[Item], Any]], Iterator[tuple[Item, Any]]]


def convert(
    src: str | os.PathLike[str],
    out: str | os.PathLike[str],
    *,
    workers: int | None = None,
    jsonl: bool = False,
    rules: Sequence[str | os.PathLike[str]] = (),
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
    force: bool = False,
    timeout: float | None = 120.0,
    progress: bool | None = False,
    fsync: bool = True,
    backend: Backend | None = None,
) -> Summary:
    """Convert every file under ``src`` into JSON under ``out``, with a manifest.

    Args:
        src: the archive folder (or one file); a local path or an fsspec URL.
        out: the output folder, a local path (shared with the workers on a
            cluster); it mirrors ``src``.
        workers: worker processes (default: the usable CPUs).
        jsonl: write one ``documents.jsonl`` instead of one JSON file per input.
        rules: user rule files.
        include: only convert paths matching one of these globs.
        exclude: do not convert paths matching one of these globs.
        force: convert every file again, even if up to date.
        timeout: seconds allowed per file before its worker is killed.
        progress: show a progress bar (None: when stderr is a terminal).
        fsync: fsync the manifest log at least once a second (against power loss).
        backend: runs the items (default: the local process pool); see
            :func:`vanban.batch.dask_backend.dask_backend`.

    Returns:
        The :class:`~vanban.batch.summary.Summary` of the batch.

    Raises:
        BatchUsageError: SRC is missing, OUT is not a local directory or is
            being written by another run, or a rule file is bad.
    """
    started = time.perf_counter()
    src_s, out_dir = _check_paths(src, out)
    rule_paths = _check_rules(rules)
    internal = out_dir / INTERNAL_DIR
    internal.mkdir(parents=True, exist_ok=True)
    store = internal / "parts" if jsonl else out_dir
    job = Job(str(store), JSONL_NAME if jsonl else None, rule_paths)
    prune = () if is_url(src_s) else (str(out_dir),)

    def plan() -> Iterator[Task]:
        return iter_tasks(src_s, include=include, exclude=exclude, prune=prune)

    run = backend or functools.partial(run_pool, workers=workers, timeout=timeout)
    summary = Summary()
    with _lock(internal / "lock"), ManifestLog(out_dir / MANIFEST_NAME, fsync=fsync) as log:
        index = {} if force else read_index(log.path)
        show = progress if progress is not None else os.isatty(2)
        bar = make_progress(show, total=sum(1 for _ in plan()) if show else None)
        try:
            items = _items(plan(), index, job)
            for item, result in run(items, functools.partial(_work, job)):
                row = _row(item, result)
                log.append(item[2] if row["status"] == "uptodate" and item[2] else dumps_row(row))
                summary.add(_final(row), reused=row["status"] == "uptodate")
                bar.advance(str(row["status"]))
        finally:
            bar.close()
        if jsonl:
            _assemble_jsonl(log, store, out_dir / JSONL_NAME)
        log.compact()
    summary.seconds = time.perf_counter() - started
    return summary


def _check_paths(src: str | os.PathLike[str], out: str | os.PathLike[str]) -> tuple[str, Path]:
    src_s = os.fspath(src)
    out_s = os.fspath(out).removeprefix("file://")
    if is_url(out_s):
        raise BatchUsageError(f"OUT must be a local (or shared) directory, not {out_s!r}")
    src_s = src_s.removeprefix("file://")
    if not is_url(src_s):
        if not os.path.exists(src_s):
            raise BatchUsageError(f"SRC does not exist: {src_s}")
        if os.path.isdir(src_s) and not os.access(src_s, os.R_OK | os.X_OK):
            raise BatchUsageError(f"SRC cannot be listed: {src_s}")
        src_s = os.path.abspath(src_s)
    out_dir = Path(out_s).absolute()
    if not is_url(src_s) and os.path.realpath(out_dir) == os.path.realpath(src_s):
        raise BatchUsageError("OUT must not be SRC itself (use a folder beside it or inside it)")
    if out_dir.exists() and not out_dir.is_dir():
        raise BatchUsageError(f"OUT exists and is not a directory: {out_dir}")
    return src_s, out_dir


def _check_rules(rules: Sequence[str | os.PathLike[str]]) -> tuple[str, ...]:
    from vanban.errors import VanbanError
    from vanban.rules import load_rules

    paths = tuple(os.path.abspath(r) for r in rules)
    for path in paths:
        if not os.path.isfile(path):
            raise BatchUsageError(f"rule file not found: {path}")
    try:
        load_rules(paths)
    except VanbanError as exc:
        raise BatchUsageError(f"bad rule file: {exc}") from exc
    return paths


@contextlib.contextmanager
def _lock(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on OUT for the run (one writer per manifest)."""
    try:
        import fcntl
    except ImportError:  # Windows: no lock
        yield
        return
    with path.open("a") as f:
        try:
            fcntl.flock(f.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            raise BatchUsageError(
                f"another vanban convert is writing {path.parent.parent}"
            ) from exc
        yield


def _items(tasks: Iterable[Task], index: dict[str, UpToDate], job: Job) -> Iterator[Item]:
    """Attach to each task what resume knows about it (and forget it: memory shrinks)."""
    for task in tasks:
        entry = index.pop(task.path, None)
        if (
            entry is not None
            and task.output is not None
            and entry.version == __version__
            and entry.output == (job.row_output or task.output)
            and _nonempty(Path(job.store, task.output))
        ):
            yield task, entry.sha256, entry.row
        else:
            yield task, None, None


def _nonempty(path: Path) -> bool:
    try:
        return path.stat().st_size > 0
    except OSError:
        return False


def _work(job: Job, item: Item) -> dict[str, Any]:
    """What a worker runs for one item."""
    return convert_one(item[0], job, item[1])


def _row(item: Item, result: Any) -> dict[str, Any]:
    """The manifest row for a backend outcome (a row, or a crash or timeout)."""
    if isinstance(result, dict):
        return result
    task = item[0]
    if isinstance(result, PoolFailure):
        row = error_row(task, "failed", result.kind, result.message)
    else:
        row = error_row(task, "failed", type(result).__name__, str(result))
    row["sha256"] = _sha256(task.source)
    return row


def _final(row: dict[str, Any]) -> dict[str, Any]:
    return {**row, "status": "ok"} if row["status"] == "uptodate" else row


def _sha256(source: str) -> str | None:
    if is_url(source):
        return None
    digest = hashlib.sha256()
    try:
        with open(source, "rb") as f:
            while chunk := f.read(1 << 20):
                digest.update(chunk)
    except OSError:
        return None
    return digest.hexdigest()


def _assemble_jsonl(log: ManifestLog, store: Path, dest: Path) -> None:
    """Write ``documents.jsonl`` from the parts of this run's ok rows, atomically."""
    tmp = dest.with_name(dest.name + ".tmp")
    with tmp.open("wb") as out:
        for row in log.this_run():
            if row.get("status") == "ok":
                part = store.joinpath(*(row["path"] + ".json").split("/"))
                out.write(part.read_bytes().rstrip(b"\n") + b"\n")
        out.flush()
        os.fsync(out.fileno())
    os.replace(tmp, dest)
