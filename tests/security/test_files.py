"""What ``parse(path)`` accepts: only regular files, refused before reading (issue #12),
and paths that are not valid UTF-8 still give a Document that serialises."""

from __future__ import annotations

import json
import os
import socket
from pathlib import Path

import pytest

import vanban

from .bounded import FIXTURES, run_case


def test_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    for call in ("vanban.parse", "vanban.loaders.load"):
        code = f"""
import vanban.loaders
def case():
    return {call}({str(fifo)!r})
"""
        result = run_case(code, cpu=5, mem_mb=200, wall=30)  # was: blocked forever
        result.assert_raised("LoadError", "named pipe (FIFO), not a regular file")


def test_dev_zero_is_refused_before_reading() -> None:
    if not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero")
    result = run_case(
        "def case():\n    return vanban.parse('/dev/zero')\n", cpu=5, mem_mb=200, wall=30
    )  # was: grew past 3 GB
    result.assert_raised("LoadError", "character device, not a regular file")
    result.assert_ok(cpu=3, mem_mb=200)


def test_directory_and_socket_are_refused(tmp_path: Path) -> None:
    with pytest.raises(vanban.LoadError, match="is a directory, not a regular file"):
        vanban.parse(tmp_path)
    path = tmp_path / "s.sock"
    sock = socket.socket(socket.AF_UNIX)
    try:
        sock.bind(str(path))
        with pytest.raises(vanban.LoadError, match="socket, not a regular file"):
            vanban.parse(path)
    finally:
        sock.close()


def test_missing_file_message(tmp_path: Path) -> None:
    with pytest.raises(vanban.LoadError, match=r"nope\.docx: cannot be read \(No such file"):
        vanban.parse(tmp_path / "nope.docx")


def test_symlink_to_a_regular_file_is_read(tmp_path: Path) -> None:
    link = tmp_path / "link.docx"
    link.symlink_to(FIXTURES / "formats" / "cv001.docx")
    assert vanban.parse(link).number is not None


def test_file_name_not_utf8_serialises(tmp_path: Path) -> None:
    raw = os.fsencode(tmp_path) + b"/c\xf4ng-v\xe3n-\xff.docx"  # Latin-1 bytes in the name
    try:
        with open(raw, "wb") as fh:
            fh.write((FIXTURES / "formats" / "cv001.docx").read_bytes())
    except OSError as exc:  # a file system that only takes UTF-8 names
        pytest.skip(f"cannot create a non-UTF-8 file name here: {exc}")
    name = os.fsdecode(raw)  # what os.listdir gives: the bad bytes as lone surrogates
    doc = vanban.parse(name)
    dumped = json.loads(doc.model_dump_json())  # was: PydanticSerializationError
    assert dumped["source"]["path"].endswith("/c\\xf4ng-v\\xe3n-\\xff.docx")
    assert doc.number is not None and doc.number.raw == "2680/UBND-KGVX"
    assert vanban.Document.model_validate_json(doc.model_dump_json()) == doc
