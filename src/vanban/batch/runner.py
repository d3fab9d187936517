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
import json
import os
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from vanban._version import __version__
from vanban.batch.errors import BatchUsageError, DiskFull, is_disk_full
from vanban.batch.local import Chunking, PoolFailure, run_pool
from vanban.batch.manifest import MANIFEST_NAME, ManifestLog, UpToDate, dumps_row, read_index
from vanban.batch.plan import INTERNAL_DIR, Task, is_url, iter_tasks
from vanban.batch.progress import make_progress
from vanban.batch.summary import Summary
from vanban.batch.worker import DISK_FULL, Job, convert_one, error_row, remove_stale_temporaries

__all__ = ["JSONL_NAME", "Item", "check_paths", "convert"]

JSONL_NAME = "documents.jsonl"

# In OUT/.vanban-batch while a run is on: found at the start of the next run, it says the
# last one was killed or stopped, so OUT is searched for the temporaries it may have left.
RUNNING_MARK = "running"


class Item(NamedTuple):
    """One input as a backend carries it to a worker and back.

    Attributes:
        task: the file.
        expected: the sha256 of its previous ok conversion by this vanban
            version (None: convert it whatever its content).
        previous: that previous manifest row, written again unchanged when
            the file is still up to date.
    """

    task: Task
    expected: str | None
    previous: str | None


Backend = Callable[[Iterable[Item], Callable[[Item], Any]], Iterator[tuple[Item, Any]]]


def item_bytes(item: Item) -> int:
    """The size of an item's file (0 when unknown): chunks are capped by bytes too."""
    source = item.task.source
    if item.task.output is None or is_url(source):
        return 0
    try:
        return os.stat(source).st_size
    except OSError:
        return 0


# Local runs send files in chunks of about a quarter of a second of work (at most
# 64 files, 4 MB): one round trip per chunk instead of per file.
CHUNKING = Chunking(max_items=64, max_bytes=4 << 20, target_seconds=0.25, size_of=item_bytes)


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
    parse_options: Mapping[str, Any] | None = None,
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
        progress: show progress on stderr (None: a bar on a terminal, a line
            every 30 s elsewhere, nothing when ``CI`` is set; see
            :func:`vanban.batch.progress.make_progress`).
        fsync: fsync the manifest log at least once a second (against power loss).
        backend: runs the items (default: the local process pool); see
            :func:`vanban.batch.dask_backend.dask_backend`.
        parse_options: more keyword arguments for :func:`vanban.parse` in
            every worker (picklable values).

    Returns:
        The :class:`~vanban.batch.summary.Summary` of the batch.

    Raises:
        BatchUsageError: SRC is missing, OUT is not a local directory or is
            being written by another run, or a rule file is bad.
        MissingDependency: SRC is a URL whose filesystem is not installed.
        DiskFull: OUT's filesystem filled up; the batch stopped cleanly (its
            ``summary`` counts what was done) and the same call resumes it.
    """
    started = time.perf_counter()
    src_s, out_dir = check_paths(src, out)
    rule_paths = _check_rules(rules)
    store = out_dir / INTERNAL_DIR / "parts" if jsonl else out_dir
    job = Job(str(store), JSONL_NAME if jsonl else None, rule_paths, Job.options(parse_options))
    prune = () if is_url(src_s) else (str(out_dir),)

    def plan() -> Iterator[Task]:
        return iter_tasks(src_s, include=include, exclude=exclude, prune=prune)

    run = backend or functools.partial(
        run_pool, workers=workers, timeout=timeout, chunking=CHUNKING
    )
    summary = Summary()
    try:
        _run(plan, run, job, out_dir, src_s, summary, force=force, progress=progress, fsync=fsync)
    except DiskFull as exc:
        summary.seconds = time.perf_counter() - started
        raise DiskFull(_disk_full_message(exc, summary), summary) from exc
    except OSError as exc:
        if not is_disk_full(exc):
            raise
        summary.seconds = time.perf_counter() - started
        raise DiskFull(_disk_full_message(exc, summary), summary) from exc
    summary.seconds = time.perf_counter() - started
    return summary


def _run(
    plan: Callable[[], Iterator[Task]],
    run: Backend,
    job: Job,
    out_dir: Path,
    src: str,
    summary: Summary,
    *,
    force: bool,
    progress: bool | None,
    fsync: bool,
) -> None:
    internal = out_dir / INTERNAL_DIR
    internal.mkdir(parents=True, exist_ok=True)
    running = internal / RUNNING_MARK
    with _lock(internal / "lock"), ManifestLog(out_dir / MANIFEST_NAME, fsync=fsync) as log:
        if running.exists():  # the last run did not finish: it may have left temporaries
            remove_stale_temporaries(out_dir, prune=() if is_url(src) else (src,))
        running.touch()
        index = {} if force else read_index(log.path)
        bar = make_progress(progress)
        counter = bar.count_in_background(plan) if bar.wants_total else None
        try:
            items = _items(plan(), index, job)
            for item, result in run(items, functools.partial(_work, job)):
                row = _row(item, result)
                if _disk_full(row):
                    raise DiskFull(f"{item.task.path}: {row['error']['message']}")
                reused = row["status"] == "uptodate" and item.previous is not None
                line = item.previous if reused and item.previous else dumps_row(row)
                log.append(line)
                final = json.loads(line) if reused else row
                summary.add(final, reused=reused)
                bar.advance(str(final["status"]))
        finally:
            if counter is not None:
                counter.cancel()
            bar.close()
        if job.row_output == JSONL_NAME:
            _assemble_jsonl(log, Path(job.store), out_dir / JSONL_NAME)
        log.compact()
        running.unlink()


def _disk_full(row: dict[str, Any]) -> bool:
    error = row.get("error")
    return isinstance(error, dict) and error.get("type") == DISK_FULL


def _disk_full_message(exc: OSError, summary: Summary) -> str:
    where = str(exc).removesuffix(".")
    return (
        f"the disk is full, so the batch stopped: {where}. The {summary.total} files finished "
        "before the stop are recorded in the manifest; free some space and run the same "
        "command again to resume."
    )


def check_paths(src: str | os.PathLike[str], out: str | os.PathLike[str]) -> tuple[str, Path]:
    """SRC as a string (absolute when local) and OUT as an absolute path, both checked.

    Nothing is created here, so a refused batch leaves no OUT behind.

    Raises:
        BatchUsageError: a bad SRC or OUT.
        MissingDependency: SRC is a URL whose fsspec filesystem is not installed.
    """
    src_s = os.fspath(src)
    out_s = os.fspath(out).removeprefix("file://")
    if is_url(out_s):
        raise BatchUsageError(f"OUT must be a local (or shared) directory, not {out_s!r}")
    src_s = src_s.removeprefix("file://")
    if is_url(src_s):
        _check_url_filesystem(src_s)
    else:
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


def _check_url_filesystem(src: str) -> None:
    """Refuse a URL SRC whose filesystem cannot be loaded, before anything starts."""
    from vanban.errors import MissingDependency

    protocol = src.split("://", 1)[0]
    try:
        import fsspec
    except ImportError as exc:
        raise MissingDependency(
            f"SRC is a URL ({protocol}://): reading URLs needs fsspec: pip install 'vanban[dask]'"
        ) from exc
    try:
        fsspec.get_filesystem_class(protocol)
    except ImportError as exc:
        raise MissingDependency(
            f"SRC is a {protocol}:// URL, whose fsspec filesystem is not installed ({exc})"
        ) from exc
    except ValueError as exc:
        raise BatchUsageError(f"SRC: unknown URL protocol {protocol!r}") from exc


def _check_rules(rules: Sequence[str | os.PathLike[str]]) -> tuple[str, ...]:
    from vanban.errors import VanbanError
    from vanban.rules import load_rules
    from vanban.vocabulary import load_vocabulary

    paths = tuple(os.path.abspath(r) for r in rules)
    for path in paths:
        if not os.path.isfile(path):
            raise BatchUsageError(f"rule file not found: {path}")
    try:
        load_rules(paths)
        load_vocabulary(paths)
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
            yield Item(task, entry.sha256, entry.row)
        else:
            yield Item(task, None, None)


def _nonempty(path: Path) -> bool:
    try:
        return path.stat().st_size > 0
    except OSError:
        return False


def _work(job: Job, item: Item) -> dict[str, Any]:
    """What a worker runs for one item."""
    return convert_one(item.task, job, item.expected)


def _row(item: Item, result: Any) -> dict[str, Any]:
    """The manifest row for a backend outcome (a row, or a crash or timeout)."""
    if isinstance(result, dict):
        return result
    task = item.task
    if isinstance(result, PoolFailure):
        row = error_row(task, "failed", result.kind, result.message)
    else:
        row = error_row(task, "failed", type(result).__name__, str(result))
    row["sha256"] = _sha256(task.source)
    return row


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
    """Write ``documents.jsonl`` from the parts of this run's rows with a Document, atomically.

    A full disk leaves the previous ``documents.jsonl`` (and the parts) as they were.
    """
    tmp = dest.with_name(dest.name + ".tmp")
    try:
        with tmp.open("wb") as out:
            for row in log.this_run():
                if row.get("output") == JSONL_NAME:
                    part = store.joinpath(*(row["path"] + ".json").split("/"))
                    out.write(part.read_bytes().rstrip(b"\n") + b"\n")
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, dest)
    except OSError:
        tmp.unlink(missing_ok=True)
        raise
