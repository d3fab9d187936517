"""Reading an input file from disk: regular files only, within the size limit.

A FIFO would block ``read`` forever and ``/dev/zero`` never ends, so anything
that is not a regular file is refused from ``stat`` before it is opened; the
file is then opened non-blocking and checked again on the descriptor (a FIFO
swapped in meanwhile cannot hang the open). Paths are shown as text that
always serialises (:func:`display_path`).
"""

from __future__ import annotations

import os
import stat

from vanban.errors import FileTooLarge, LoadError
from vanban.limits import Limits

__all__ = ["display_path", "read_regular_file"]


def display_path(source: str | os.PathLike[str]) -> str:
    """``source`` as text that always serialises to JSON (UTF-8).

    A file name that is not valid UTF-8 reaches Python with its bad bytes as
    lone surrogates (PEP 383); those are written as ``\\xNN`` escapes.

    >>> print(display_path("/tmp/caf\\udce9.docx"))
    /tmp/caf\\xe9.docx
    """
    text = os.fspath(source)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        try:
            raw = text.encode("utf-8", "surrogateescape")
        except UnicodeEncodeError:
            return text.encode("utf-8", "backslashreplace").decode("utf-8")
        return raw.decode("utf-8", "backslashreplace")
    return text


_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def _not_regular(shown: str, mode: int) -> LoadError:
    kind = next((what for test, what in _KINDS if test(mode)), "not a regular file")
    return LoadError(f"{shown}: is {kind}, not a regular file (vanban reads only regular files)")


def read_regular_file(source: str | os.PathLike[str], shown: str, limits: Limits) -> bytes:
    """The bytes of a regular file, refused before reading when it is anything else.

    A FIFO would block forever and ``/dev/zero`` never ends: both are refused
    from ``stat`` before the file is opened, and checked again on the open
    descriptor (opened non-blocking, so a FIFO swapped in meanwhile cannot hang).
    """
    try:
        st = os.stat(source)
        if not stat.S_ISREG(st.st_mode):
            raise _not_regular(shown, st.st_mode)
        _check_size(st.st_size, shown, limits)
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
        fd = os.open(source, flags)
    except OSError as exc:
        raise LoadError(f"{shown}: cannot be read ({exc.strerror or exc})") from exc
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise _not_regular(shown, st.st_mode)
        _check_size(st.st_size, shown, limits)
        chunks, size = [], 0
        while True:  # a file that grows while read still stops at the limit
            chunk = os.read(fd, min(1 << 24, limits.max_input_bytes + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
            if size > limits.max_input_bytes:
                _check_size(size, shown, limits)
        return b"".join(chunks)
    except OSError as exc:
        raise LoadError(f"{shown}: cannot be read ({exc.strerror or exc})") from exc
    finally:
        os.close(fd)


def _check_size(size: int, what: str, limits: Limits) -> None:
    if size > limits.max_input_bytes:
        raise FileTooLarge(
            f"{what} is {size:,} bytes, over the limit of {limits.max_input_bytes:,} bytes "
            "(raise Limits.max_input_bytes to read it)"
        )
