"""Convert one file: the function each worker process (or Dask task) runs.

It never raises: every outcome becomes a manifest row. The output JSON is
written by the worker itself (to a temporary name, then renamed), so results
never travel back to the parent and never pile up in its memory.

Test-only hook: the environment variable ``VANBAN_BATCH_TEST_HOOK`` makes the
worker misbehave on purpose, for the tests of crash and hang handling. It is a
comma-separated list of ``crash=NAME`` (the worker process kills itself with
SIGKILL when it reaches a file named NAME), ``hang=NAME`` (it sleeps for an
hour on that file), ``enospc=NAME`` (writing that file's output fails with
"No space left on device") and ``sleep=SECONDS`` (it sleeps that long on every
file). Never set it outside tests.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import signal
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from vanban._version import __version__
from vanban.batch.errors import is_disk_full
from vanban.batch.plan import UNREADABLE_DIR, Task, is_url, resolve_output
from vanban.batch.status import classify_document, classify_error, read_issues

__all__ = [
    "DISK_FULL",
    "HOOK_ENV",
    "Job",
    "convert_one",
    "error_row",
    "file_format",
    "remove_stale_temporaries",
    "test_hook",
]

HOOK_ENV = "VANBAN_BATCH_TEST_HOOK"

# The error type of a row whose output could not be written because OUT is full:
# the parent stops the batch on it (and does not record the row).
DISK_FULL = "DiskFull"


@dataclass(frozen=True, slots=True)
class Job:
    """What every task of one batch shares.

    Attributes:
        store: the directory the JSON files go to (OUT, or OUT's parts
            directory in ``--jsonl`` mode).
        row_output: the ``output`` the manifest shows for an ok file when it
            is not the per-file path ("documents.jsonl" in ``--jsonl`` mode).
        rules: user rule files.
        parse_options: more keyword arguments for :func:`vanban.parse`, as
            ``(name, value)`` pairs (e.g. ``(("ocr", "auto"),)``); they must be
            picklable. Use :meth:`with_options` to build them from a mapping.
    """

    store: str
    row_output: str | None = None
    rules: tuple[str, ...] = ()
    parse_options: tuple[tuple[str, Any], ...] = ()

    @staticmethod
    def options(mapping: Mapping[str, Any] | None) -> tuple[tuple[str, Any], ...]:
        """``parse_options`` from a mapping (sorted, so equal options compare equal)."""
        return tuple(sorted((mapping or {}).items()))


def file_format(path: str) -> str:
    """The lower-case extension used to group the summary ("docx", "(none)")."""
    suffix = PurePosixPath(path).suffix.lower().lstrip(".")
    return suffix or "(none)"


def _row(
    task: Task, status: str, output: str | None, error: dict[str, str] | None
) -> dict[str, Any]:
    return {
        "path": task.path,
        "status": status,
        "output": output,
        "error": error,
        "sha256": None,
        "vanban_version": __version__,
        "seconds": 0.0,
        "format": file_format(task.path),
        "issues": [],
    }


def error_row(task: Task, status: str, kind: str, message: str) -> dict[str, Any]:
    """A row without output for ``task`` ("failed", "skipped", "needs_ocr", "no_text")."""
    return _row(task, status, None, {"type": kind, "message": message})


def test_hook(name: str) -> None:
    """Apply ``VANBAN_BATCH_TEST_HOOK`` to the file ``name`` (tests only)."""
    spec = os.environ.get(HOOK_ENV)
    if not spec:
        return
    for item in spec.split(","):
        key, _, value = item.partition("=")
        if key == "sleep":
            time.sleep(float(value))
        elif key == "crash" and value == name:
            os.kill(os.getpid(), signal.SIGKILL)
        elif key == "hang" and value == name:
            time.sleep(3600)


def _hook_fails_write(name: str) -> bool:
    """Whether ``VANBAN_BATCH_TEST_HOOK`` says writing ``name``'s output fails (tests only)."""
    spec = os.environ.get(HOOK_ENV) or ""
    return f"enospc={name}" in spec.split(",")


def read_source(source: str) -> bytes:
    """The bytes of a local path or an fsspec URL."""
    if is_url(source):
        import fsspec

        with fsspec.open(source, "rb") as f:
            data: bytes = f.read()
            return data
    return Path(source).read_bytes()


def convert_one(task: Task, job: Job, expected: str | None = None) -> dict[str, Any]:
    """Convert ``task`` and write its JSON; return its manifest row.

    Args:
        task: the file.
        job: the settings shared by the batch.
        expected: the sha256 of the file's previous ok conversion by this
            vanban version; when the file still has it, nothing is converted
            and the returned row has status "uptodate" (the caller writes the
            previous row again).
    """
    started = time.perf_counter()
    if task.output is None:
        status = "failed" if task.skip_type == UNREADABLE_DIR else "skipped"
        return error_row(task, status, task.skip_type or "Skipped", task.skip_reason or "")
    try:
        row = _convert(task, job, expected)
    except Exception as exc:  # a bug, but the batch goes on and the row says what it was
        row = error_row(task, "failed", type(exc).__name__, str(exc))
    row["seconds"] = round(time.perf_counter() - started, 4)
    return row


def _convert(task: Task, job: Job, expected: str | None) -> dict[str, Any]:
    from vanban.errors import VanbanError

    assert task.output is not None
    try:
        sha, data = _digest(task.source)
    except OSError as exc:
        return error_row(task, "failed", "LoadError", f"cannot be read ({exc.strerror or exc})")
    if expected is not None and expected == sha:
        row = _row(task, "uptodate", None, None)
        row["sha256"] = sha
        return row
    name = PurePosixPath(task.path).name
    test_hook(name)
    try:
        doc = _parse(task, data, sha, job)
    except VanbanError as exc:
        status, message = classify_error(exc)
        row = error_row(task, status, type(exc).__name__, message)
    else:
        try:
            dest = resolve_output(Path(job.store), task.output)
            if _hook_fails_write(name):
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(dest))
            write_atomic(dest, doc.model_dump_json().encode("utf-8"))
        except OSError as exc:
            if is_disk_full(exc):
                message = f"cannot write the output: the disk is full ({exc.strerror})"
                return error_row(task, "failed", DISK_FULL, message)
            return error_row(task, "failed", "LoadError", f"cannot write the output: {exc}")
        except ValueError as exc:  # an unsafe output path
            return error_row(task, "failed", "LoadError", f"cannot write the output: {exc}")
        row = _row(task, classify_document(doc), job.row_output or task.output, None)
        row["issues"] = read_issues(doc)
    row["sha256"] = sha
    return row


def _digest(source: str) -> tuple[str, bytes | None]:
    """The sha256 of a source, and its bytes when it is a URL.

    A local file is hashed in chunks: a huge file never sits in memory just to be hashed.
    """
    if is_url(source):
        data = read_source(source)
        return hashlib.sha256(data).hexdigest(), data
    digest = hashlib.sha256()
    with open(source, "rb") as f:
        while chunk := f.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest(), None


def _parse(task: Task, data: bytes | None, sha: str, job: Job) -> Any:
    """The Document of one file (parsed through the public API when local)."""
    options = dict(job.parse_options)
    from vanban.api import preload

    preload(job.rules)  # the rule data compiled before the first file's deadline starts
    if data is not None:
        from vanban.loaders import load_bytes
        from vanban.pipeline import run
        from vanban.rules import load_rules
        from vanban.vocabulary import load_vocabulary, using

        with using(load_vocabulary(job.rules)):
            raw = load_bytes(data, name=PurePosixPath(task.path).name, **options)
            return run(raw, path=task.source, sha256=sha, rules=load_rules(job.rules))
    from vanban.api import parse

    return parse(task.source, rules=job.rules, **options)


def write_atomic(dest: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``dest``, then rename it over ``dest``."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(f".{dest.name}.{os.getpid()}.tmp")
    try:
        with tmp.open("wb") as f:
            f.write(data)
        os.replace(tmp, dest)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


# ``.NAME.json.PID.tmp``: what write_atomic leaves behind when its process is killed mid-write.
_STALE = re.compile(r"^\..+\.json\.\d+\.tmp$", re.DOTALL)


def remove_stale_temporaries(out: Path, *, prune: Sequence[str] = ()) -> int:
    """Delete the temporary files a killed run left in ``out``; return how many.

    Only names write_atomic makes are touched (``.NAME.json.PID.tmp``), plus
    the manifest's and documents.jsonl's ``.tmp`` at the top of ``out``.
    Directories in ``prune`` (SRC, when it is inside OUT) are not entered.
    Call it only while holding OUT's lock: then no other run is writing there.
    """
    removed = 0
    for name in ("manifest.jsonl.tmp", "documents.jsonl.tmp"):
        path = out / name
        if path.is_file() and not path.is_symlink():
            path.unlink()
            removed += 1
    skip = {os.path.realpath(p) for p in prune}
    for directory in _walk_dirs(out, skip):
        try:
            with os.scandir(directory) as entries:
                stale = [
                    e.path
                    for e in entries
                    if _STALE.match(e.name) and e.is_file(follow_symlinks=False)
                ]
        except OSError:
            continue
        for stale_path in stale:
            try:
                os.unlink(stale_path)
            except FileNotFoundError:
                continue
            removed += 1
    return removed


def _walk_dirs(root: Path, skip: set[str]) -> Iterator[str]:
    stack = [str(root)]
    while stack:
        directory = stack.pop()
        yield directory
        try:
            with os.scandir(directory) as entries:
                for entry in entries:
                    if (
                        entry.is_dir(follow_symlinks=False)
                        and os.path.realpath(entry.path) not in skip
                    ):
                        stack.append(entry.path)
        except OSError:
            continue
