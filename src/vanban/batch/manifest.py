"""``OUT/manifest.jsonl``: an append-only log while running, one row per file at the end.

While a batch runs, the parent process appends one JSON line per finished file
and flushes it at once (fsync follows within a second), so a ``kill -9`` loses
at most the line being written. On the
next run :func:`read_index` reads the log (a torn last line is ignored and cut
off by :class:`ManifestLog`), and files whose row says "ok" with the same
sha256 and vanban version are not converted again.

Every run appends exactly one row per input (files found up to date get their
previous row again), so when it ends, the rows written since the run began
are exactly the final manifest: :meth:`ManifestLog.compact` copies that
segment to a temporary file and renames it over the log. No row is ever held
in memory beyond the one being written.

A full disk never leaves a torn row: an append that cannot be written whole is
cut back off and raises :class:`~vanban.batch.errors.DiskFull`; a compaction
that cannot be written leaves the log as it was (resume reads it the same way).
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

from vanban.batch.errors import DiskFull, is_disk_full
from vanban.batch.status import DONE

__all__ = [
    "MANIFEST_NAME",
    "ManifestLog",
    "UpToDate",
    "dumps_row",
    "iter_rows",
    "read_index",
]

MANIFEST_NAME = "manifest.jsonl"

Row = dict[str, Any]


@dataclass(frozen=True, slots=True)
class UpToDate:
    """What resume needs to know about a file converted before."""

    sha256: str
    version: str
    output: str
    row: str  # the JSON line, written again unchanged when the file is up to date


def dumps_row(row: Row) -> str:
    """One manifest line (with its newline); UTF-8, falling back to ASCII escapes.

    File names that are not valid UTF-8 on disk reach Python as lone
    surrogates, which only the escaped form can carry through JSON.
    """
    line = json.dumps(row, ensure_ascii=False)
    try:
        line.encode("utf-8")
    except UnicodeEncodeError:
        line = json.dumps(row, ensure_ascii=True)
    return line + "\n"


def iter_rows(path: Path) -> Iterator[Row]:
    """The rows of a manifest file, skipping a torn or unreadable line."""
    if not path.exists():
        return
    with path.open("rb") as f:
        for raw in f:
            if not raw.endswith(b"\n"):
                return  # torn by a kill while being written
            try:
                row = json.loads(raw)
            except ValueError:
                continue
            if isinstance(row, dict) and isinstance(row.get("path"), str):
                yield row


def read_index(path: Path) -> dict[str, UpToDate]:
    """path → :class:`UpToDate` for every file whose last row says "ok" (or "ok_ocr")."""
    index: dict[str, UpToDate] = {}
    for row in iter_rows(path):
        if row.get("status") in DONE and row.get("sha256") and row.get("output"):
            version = str(row.get("vanban_version"))
            index[row["path"]] = UpToDate(row["sha256"], version, row["output"], dumps_row(row))
        else:
            index.pop(row["path"], None)
    return index


class ManifestLog:
    """The manifest opened for appending by one run (the only writer)."""

    def __init__(self, path: Path, *, fsync: bool = True, fsync_interval: float = 1.0) -> None:
        self.path = path
        self._fsync = fsync
        self._interval = fsync_interval
        self._synced = time.monotonic()
        path.parent.mkdir(parents=True, exist_ok=True)
        # unbuffered: every row is one write(2), and a failed one can be cut back off
        self._file = path.open("ab+", buffering=0)
        self._cut_torn_tail()
        self.start = self._file.seek(0, os.SEEK_END)
        self._end = self.start
        self.rows = 0

    def _cut_torn_tail(self) -> None:
        end = self._file.seek(0, os.SEEK_END)
        if end == 0:
            return
        pos = end
        while pos > 0:
            step = min(65536, pos)
            self._file.seek(pos - step)
            chunk = self._file.read(step)
            newline = chunk.rfind(b"\n")
            if newline >= 0:
                cut = pos - step + newline + 1
                break
            pos -= step
        else:
            cut = 0
        if cut != end:
            self._file.truncate(cut)

    def append(self, line: str) -> None:
        """Append one row (a line from :func:`dumps_row`).

        The row reaches the operating system at once, so it survives a kill
        of this process; it is fsynced (survives a power cut) within
        ``fsync_interval`` seconds, which keeps the disk from pacing the batch.
        """
        raw = line.encode("utf-8", "surrogateescape")
        data = memoryview(raw)
        try:
            while data:
                written = self._file.write(data)
                data = data[written or 0 :]
        except OSError as exc:
            with contextlib.suppress(OSError):
                self._file.truncate(self._end)  # no torn row: the log ends at the last whole one
            if is_disk_full(exc):
                raise DiskFull(f"{self.path}: the disk is full ({exc.strerror})") from exc
            raise
        self._end += len(raw)
        self.rows += 1
        if self._fsync and time.monotonic() - self._synced >= self._interval:
            self.sync()

    def sync(self) -> None:
        """fsync the rows appended so far."""
        try:
            os.fsync(self._file.fileno())
        except OSError as exc:
            if is_disk_full(exc):  # NFS and delayed allocation report it here
                raise DiskFull(f"{self.path}: the disk is full ({exc.strerror})") from exc
            raise
        self._synced = time.monotonic()

    def this_run(self) -> Iterator[Row]:
        """The rows appended by this run, read back from disk."""
        with self.path.open("rb") as f:
            f.seek(self.start)
            for raw in f:
                yield json.loads(raw)

    def compact(self) -> None:
        """Replace the log by this run's rows: one row per input, atomically.

        Raises:
            DiskFull: there is no room for the copy; the log is left as it was.
        """
        tmp = self.path.with_name(self.path.name + ".tmp")
        try:
            with tmp.open("wb") as out:
                self._file.seek(self.start)
                while chunk := self._file.read(1 << 20):
                    out.write(chunk)
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp, self.path)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            if is_disk_full(exc):
                raise DiskFull(f"{tmp}: the disk is full ({exc.strerror})") from exc
            raise
        self.start = 0

    def close(self, *, quiet: bool = False) -> None:
        """fsync and close the file (without compacting); ``quiet``: ignore a failing fsync."""
        try:
            if self._fsync and not self._file.closed:
                self.sync()
        except OSError:
            if not quiet:
                raise
        finally:
            self._file.close()

    def __enter__(self) -> ManifestLog:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close(quiet=exc is not None)
