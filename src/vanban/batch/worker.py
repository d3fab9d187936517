"""Convert one file: the function each worker process (or Dask task) runs.

It never raises: every outcome becomes a manifest row. The output JSON is
written by the worker itself (to a temporary name, then renamed), so results
never travel back to the parent and never pile up in its memory.

Test-only hook: the environment variable ``VANBAN_BATCH_TEST_HOOK`` makes the
worker misbehave on purpose, for the tests of crash and hang handling. It is a
comma-separated list of ``crash=NAME`` (the worker process kills itself with
SIGKILL when it reaches a file named NAME), ``hang=NAME`` (it sleeps for an
hour on that file) and ``sleep=SECONDS`` (it sleeps that long on every file).
Never set it outside tests.
"""

from __future__ import annotations

import hashlib
import os
import signal
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from vanban._version import __version__
from vanban.batch.plan import UNREADABLE_DIR, Task, is_url, resolve_output

__all__ = ["HOOK_ENV", "Job", "convert_one", "error_row", "file_format", "test_hook"]

HOOK_ENV = "VANBAN_BATCH_TEST_HOOK"


@dataclass(frozen=True, slots=True)
class Job:
    """What every task of one batch shares.

    Attributes:
        store: the directory the JSON files go to (OUT, or OUT's parts
            directory in ``--jsonl`` mode).
        row_output: the ``output`` the manifest shows for an ok file when it
            is not the per-file path ("documents.jsonl" in ``--jsonl`` mode).
        rules: user rule files.
    """

    store: str
    row_output: str | None = None
    rules: tuple[str, ...] = ()


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
    }


def error_row(task: Task, status: str, kind: str, message: str) -> dict[str, Any]:
    """A "failed" or "skipped" row for ``task``."""
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
    from vanban.errors import LoadError, UnsupportedFormat, VanbanError

    assert task.output is not None
    try:
        sha, data = _digest(task.source)
    except OSError as exc:
        return error_row(task, "failed", "LoadError", f"cannot be read ({exc.strerror or exc})")
    if expected is not None and expected == sha:
        row = _row(task, "uptodate", None, None)
        row["sha256"] = sha
        return row
    test_hook(PurePosixPath(task.path).name)
    try:
        json_text = _parse(task, data, sha, job.rules)
    except UnsupportedFormat as exc:
        row = error_row(task, "skipped", type(exc).__name__, str(exc))
    except VanbanError as exc:
        row = error_row(task, "failed", type(exc).__name__, str(exc))
    else:
        try:
            dest = resolve_output(Path(job.store), task.output)
            write_atomic(dest, json_text.encode("utf-8"))
        except (OSError, ValueError) as exc:
            raise LoadError(f"cannot write the output: {exc}") from exc
        row = _row(task, "ok", job.row_output or task.output, None)
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


def _parse(task: Task, data: bytes | None, sha: str, rules: Sequence[str]) -> str:
    """The Document JSON of one file (parsed through the public API when local)."""
    if data is not None:
        from vanban.loaders import load_bytes
        from vanban.pipeline import run
        from vanban.rules import load_rules

        raw = load_bytes(data, name=PurePosixPath(task.path).name)
        doc = run(raw, path=task.source, sha256=sha, rules=load_rules(rules))
    else:
        from vanban.api import parse

        doc = parse(task.source, rules=rules)
    text: str = doc.model_dump_json()
    return text


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
