"""The public entry points: :func:`parse` and :func:`parse_text`."""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Sequence
from pathlib import Path

from vanban.errors import FileTooLarge, LoadError
from vanban.limits import DEFAULT_LIMITS, Limits, check_deadline, deadline
from vanban.loaders import RawDocument, load_bytes
from vanban.models import Document
from vanban.pipeline import run
from vanban.rules import load_rules

__all__ = ["parse", "parse_text"]

RulePaths = Sequence[str | Path]


def parse(
    source: str | Path | bytes,
    *,
    format: str | None = None,
    rules: RulePaths = (),
    limits: Limits = DEFAULT_LIMITS,
) -> Document:
    """Parse a file (a path) or its bytes into a :class:`~vanban.models.Document`.

    The format is sniffed from the content; ``format`` overrides it
    ("text", "markdown", "pdf", "docx", "html", "doc", "rtf").

    Args:
        source: a path, or the file's bytes.
        format: force the input format instead of sniffing it.
        rules: user rule files merged over the built-in agency rules.
        limits: safety limits for untrusted input (see :mod:`vanban.limits`).

    Raises:
        vanban.LoadError: the file cannot be read at all (a subclass says why).
    """
    with deadline(limits):
        if isinstance(source, bytes):
            data, path, name = source, None, None
            _check_size(len(data), "the input", limits)
        else:
            path = display_path(source)
            data = _read_regular_file(source, path, limits)
            name = Path(source).name
        raw = load_bytes(data, name=name, format=format, limits=limits)
        check_deadline("after loading")
        sha = hashlib.sha256(data).hexdigest()
        del data
        return run(raw, path=path, sha256=sha, rules=load_rules(rules), limits=limits)


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


def _read_regular_file(source: str | os.PathLike[str], shown: str, limits: Limits) -> bytes:
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


def parse_text(
    text: str,
    *,
    format: str | None = None,
    rules: RulePaths = (),
    limits: Limits = DEFAULT_LIMITS,
) -> Document:
    """Parse text already in memory (plain text or Markdown, sniffed unless given).

    Never raises on content: whatever the text, a :class:`Document` comes back.
    """
    from vanban.loaders.text import looks_like_markdown

    fmt = format or ("markdown" if looks_like_markdown(text[:65536].encode("utf-8")) else "text")
    raw = RawDocument(text=text, format=fmt)
    sha = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    with deadline(limits):
        return run(raw, path=None, sha256=sha, rules=load_rules(rules), limits=limits)
