"""Old Word (.doc, Word 97–2003) through antiword, and RTF.

.doc is a binary format that no maintained pure-Python library reads well, so
vanban runs an external converter when one is installed: ``antiword`` (Debian
package ``antiword``; keeps tables as ``|cell|cell|`` rows) and, when
antiword refuses a file, ``catdoc`` (package ``catdoc``). Without either, a
.doc raises :class:`~vanban.errors.UnsupportedFormat` saying how to install
one. The programs run without a shell, on a temporary copy, with a timeout.

RTF is text, and read by :mod:`vanban.loaders.rtf` with no external program.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile

import regex

from vanban.errors import CorruptDocument, LimitExceeded, UnsupportedFormat
from vanban.limits import DEFAULT_LIMITS, Limits
from vanban.loaders.base import RawDocument
from vanban.loaders.rtf import rtf_to_text

__all__ = ["converters", "load_bytes"]

_QUOC_HIEU = regex.compile(r"^(?:CỘNG\s+H[OÒ]|ĐẢNG\s+CỘNG)", regex.IGNORECASE)
_SO = regex.compile(r"^S[ốô]\b|^Số", regex.IGNORECASE)
_NOI_NHAN = regex.compile(r"^Nơi\s*nhận", regex.IGNORECASE)
_HOW = "install antiword (Debian/Ubuntu: apt-get install antiword) or catdoc"


def converters() -> list[str]:
    """The .doc converters found on PATH, in the order they are tried."""
    return [name for name in ("antiword", "catdoc") if shutil.which(name)]


def load_bytes(
    data: bytes,
    *,
    name: str | None = None,
    format: str = "doc",
    limits: Limits = DEFAULT_LIMITS,
) -> RawDocument:
    """Load a .doc (through antiword or catdoc) or an .rtf file.

    Raises:
        UnsupportedFormat: a .doc and no converter installed (the message says
            how to install one).
        CorruptDocument: the converter cannot read the file.
        LimitExceeded: the converter ran over ``limits.max_seconds``.
    """
    if format == "rtf":
        return RawDocument(text=rtf_to_text(data), format="rtf")
    found = converters()
    if not found:
        raise UnsupportedFormat(f"old Word .doc files need an external converter: {_HOW}")
    errors: list[str] = []
    for program in found:
        try:
            text = _run(program, data, limits.max_seconds)
        except CorruptDocument as exc:
            errors.append(str(exc))
            continue
        if text.strip():
            return RawDocument(text=_tidy(text) if program == "antiword" else text, format="doc")
        errors.append(f"{program} found no text")
    raise CorruptDocument("cannot read this .doc file: " + "; ".join(errors))


def _run(program: str, data: bytes, timeout: float) -> str:
    args = {
        "antiword": ["antiword", "-m", "UTF-8.txt", "-w", "0"],
        "catdoc": ["catdoc", "-d", "utf-8", "-w"],
    }[program]
    fd, path = tempfile.mkstemp(suffix=".doc")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        done = subprocess.run(
            [*args, path], capture_output=True, timeout=timeout, check=False, shell=False
        )
    except subprocess.TimeoutExpired as exc:
        raise LimitExceeded(f"{program} took longer than {timeout:g} s (max_seconds)") from exc
    finally:
        os.unlink(path)
    if done.returncode != 0:
        why = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise CorruptDocument(f"{program} failed: {why[-1] if why else done.returncode}")
    return done.stdout.decode("utf-8", errors="replace")


def _tidy(text: str) -> str:
    """antiword's ``|a|b|`` table rows back into cells on their own lines."""
    out: list[str] = []
    block: list[list[str]] = []
    for line in text.splitlines():
        if line.startswith("|") and line.rstrip().endswith("|"):
            block.append([c.strip() for c in line.strip()[1:-1].split("|")])
            continue
        if block:
            out.extend(_table(block))
            block = []
        out.append(line.strip())
    out.extend(_table(block))
    return "\n".join(line for line in out if line)


def _table(rows: list[list[str]]) -> list[str]:
    """A layout table (header or signature) column by column; others row by row."""
    if not rows:
        return []
    two = all(len(r) == 2 for r in rows)
    header = two and any(_QUOC_HIEU.match(r[1]) for r in rows)
    signature = two and _NOI_NHAN.match(rows[0][0] or "")
    if signature:
        return [r[0] for r in rows] + [r[1] for r in rows]
    if header:
        so = next((i for i, r in enumerate(rows) if _SO.match(r[0])), len(rows))
        top, bottom = rows[:so], rows[so:]
        return (
            [r[0] for r in top]
            + [r[1] for r in top]
            + [r[0] for r in bottom]
            + [r[1] for r in bottom]
        )
    return [cell for row in rows for cell in row]
