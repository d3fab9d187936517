"""Walk SRC into a stream of :class:`Task` objects, with safe output paths.

The walk is lazy and sorted (one directory listed at a time), so memory does
not grow with the size of the archive. Every entry under SRC becomes a task:
files vanban may read are given an output path; everything else (excluded by
a glob, a FIFO, a symlink leaving SRC, an unsafe name) becomes a task that is
already "skipped" with its reason, so that nothing is dropped silently.

File names are kept exactly as they are on disk (a macOS NFD name stays NFD
in the manifest ``path`` and in the output name), so that a name read back
from the manifest on resume matches the name the walk yields again.
"""

from __future__ import annotations

import fnmatch
import os
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

__all__ = [
    "INTERNAL_DIR",
    "UNREADABLE_DIR",
    "Task",
    "UnsafePath",
    "is_url",
    "iter_tasks",
    "matches",
    "output_rel",
    "resolve_output",
]

# The error type of a directory that cannot be listed: its row is "failed".
UNREADABLE_DIR = "UnreadableDirectory"

# Working files of the batch (jsonl parts, lock) live here, inside OUT.
INTERNAL_DIR = ".vanban-batch"


class UnsafePath(ValueError):
    """A relative path that would write outside OUT."""


@dataclass(frozen=True, slots=True)
class Task:
    """One entry under SRC.

    Attributes:
        path: the path relative to SRC, "/"-separated, exactly as on disk.
        source: where to read it (a local absolute path or an fsspec URL).
        output: the output path relative to OUT, or None when already skipped.
        skip_type: set when the planner already knows the entry is not
            converted (the error type of its manifest row).
        skip_reason: the human-readable reason that goes with ``skip_type``.

    Such entries are "skipped", except an unreadable directory, which is
    "failed" (its files could not even be listed).
    """

    path: str
    source: str
    output: str | None
    skip_type: str | None = None
    skip_reason: str | None = None


def is_url(location: str) -> bool:
    """True for an fsspec URL such as ``s3://bucket/x`` (``file://`` included)."""
    return "://" in location


def output_rel(rel: str) -> str:
    """The output path (relative to OUT) for an input path relative to SRC.

    Raises:
        UnsafePath: ``rel`` is absolute, empty, or has "..", "." or empty parts.

    >>> output_rel("2024/QĐ 12.docx")
    '2024/QĐ 12.docx.json'
    >>> output_rel("../etc/passwd")
    Traceback (most recent call last):
    ...
    vanban.batch.plan.UnsafePath: unsafe path '../etc/passwd': '..' part
    """
    _check_parts(rel)
    return rel + ".json"


def _check_parts(rel: str) -> None:
    if not rel or "\x00" in rel or "\\" in rel:
        raise UnsafePath(f"unsafe path {rel!r}: empty, NUL or backslash")
    if rel.startswith("/") or (len(rel) > 1 and rel[1] == ":"):
        raise UnsafePath(f"unsafe path {rel!r}: absolute")
    for part in rel.split("/"):
        if part in ("", ".", ".."):
            raise UnsafePath(f"unsafe path {rel!r}: {part!r} part")


def resolve_output(out_root: Path, rel_output: str) -> Path:
    """The absolute output file for ``rel_output``, checked to stay inside OUT.

    A directory inside OUT that is a symlink to elsewhere is refused too.

    Raises:
        UnsafePath: the path would land outside ``out_root``.
    """
    _check_parts(rel_output)
    root = out_root.resolve()
    dest = root.joinpath(*PurePosixPath(rel_output).parts)
    parent = dest.parent
    # Resolve the deepest existing ancestor: a symlinked directory shows up here.
    probe = parent
    while not probe.exists() and probe != root:
        probe = probe.parent
    if not probe.resolve().is_relative_to(root):
        raise UnsafePath(f"unsafe path {rel_output!r}: leaves the output directory")
    if dest.is_symlink():
        raise UnsafePath(f"unsafe path {rel_output!r}: the output is a symlink")
    return dest


def matches(rel: str, patterns: Sequence[str]) -> str | None:
    """The first glob in ``patterns`` that ``rel`` matches, or None.

    Matching ignores case. A pattern without "/" is tried on the file name as
    well as on the whole relative path (``*.pdf`` matches ``a/b/c.PDF``).
    """
    low = rel.lower()
    name = low.rsplit("/", 1)[-1]
    for pattern in patterns:
        pat = pattern.lower()
        if fnmatch.fnmatchcase(low, pat) or ("/" not in pat and fnmatch.fnmatchcase(name, pat)):
            return pattern
    return None


def iter_tasks(
    src: str,
    *,
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
    prune: Sequence[str] = (),
) -> Iterator[Task]:
    """Yield one :class:`Task` per entry under ``src``, in sorted order.

    Args:
        src: a local directory (or a single file), or an fsspec URL.
        include: if given, only paths matching one of these globs are converted.
        exclude: paths matching one of these globs are not converted.
        prune: local directories not to descend into (OUT when it is inside SRC).
    """
    if is_url(src):
        entries: Iterator[tuple[str, str, str | None, str | None]] = _walk_url(src)
    else:
        entries = _walk_local(Path(src), {os.path.realpath(p) for p in prune})
    for rel, source, skip_type, reason in entries:
        if skip_type is None:
            if include and matches(rel, include) is None:
                skip_type, reason = "Excluded", "does not match any --include glob"
            elif (pattern := matches(rel, exclude)) is not None:
                skip_type, reason = "Excluded", f"matches --exclude {pattern!r}"
        try:
            out = output_rel(rel)
        except UnsafePath as exc:
            skip_type, reason, out = "UnsafePath", str(exc), ""
        yield Task(rel, source, None if skip_type else out, skip_type, reason)


Entry = tuple[str, str, str | None, str | None]


def _walk_local(src: Path, prune: set[str]) -> Iterator[Entry]:
    root = src.absolute()
    if root.is_file():
        yield root.name, str(root), None, None
        return
    real_root = os.path.realpath(root)
    stack: list[tuple[Path, str]] = [(root, "")]
    while stack:
        directory, prefix = stack.pop()
        try:
            with os.scandir(directory) as it:
                children = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            if not prefix:
                raise
            reason = f"cannot list this directory ({exc.strerror or exc})"
            yield prefix.rstrip("/"), str(directory), UNREADABLE_DIR, reason
            continue
        subdirs: list[tuple[Path, str]] = []
        for entry in children:
            rel = prefix + entry.name
            verdict = _classify(entry, real_root, prune)
            if verdict == "dir":
                subdirs.append((Path(entry.path), rel + "/"))
            elif verdict != "prune":
                skip = None if verdict == "file" else verdict
                yield rel, entry.path, skip, _REASONS.get(verdict)
        stack.extend(reversed(subdirs))


_REASONS = {
    "SymlinkOutside": "symlink pointing outside SRC (not followed)",
    "SymlinkedDirectory": "symlinked directory (not followed)",
    "NotRegularFile": "not a regular file (FIFO, socket or device)",
    "BrokenSymlink": "broken symlink",
}


def _classify(entry: os.DirEntry[str], real_root: str, prune: set[str]) -> str:
    """'file', 'dir', 'prune' or the type of a skip for one directory entry."""
    if entry.is_symlink():
        target = os.path.realpath(entry.path)
        if not os.path.exists(target):
            return "BrokenSymlink"
        if os.path.commonpath([target, real_root]) != real_root:
            return "SymlinkOutside"
        if os.path.isdir(target):
            return "SymlinkedDirectory"
        return "file" if stat.S_ISREG(os.stat(target).st_mode) else "NotRegularFile"
    if entry.is_dir(follow_symlinks=False):
        return "prune" if os.path.realpath(entry.path) in prune else "dir"
    return "file" if entry.is_file(follow_symlinks=False) else "NotRegularFile"


def _walk_url(src: str) -> Iterator[Entry]:
    import fsspec

    fs, root = fsspec.core.url_to_fs(src)
    protocol = src.split("://", 1)[0]
    root = root.rstrip("/")
    for path in sorted(fs.find(root)):
        rel = path[len(root) :].lstrip("/")
        yield rel, f"{protocol}://{path}", None, None
