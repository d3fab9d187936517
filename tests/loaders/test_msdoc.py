"""Old Word .doc read in pure Python: the piece table, Word's marks, errors.

The small .doc files are written by ``scripts/make_doc_fixtures.py`` from the
[MS-DOC]/[MS-CFB] specifications (no corpus file, no Word).
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path
from typing import Any

import pytest

import vanban
from vanban.errors import CorruptDocument, EncryptedDocument, UnsupportedFormat
from vanban.loaders.dispatch import sniff_format
from vanban.loaders.msdoc import load_bytes
from vanban.loaders.msdoc_fonts import convert_lines

from .conftest import FORMATS, ROOT, make_docx, p

sys.path.insert(0, str(ROOT / "scripts"))
import contextlib

from make_doc_fixtures import (
    LINE,
    PARA,
    build_doc,
    cell_row,
    compound_file,
    cong_van_text,
    field,
)


def _text(doc_text: str, **kwargs: Any) -> str:
    return load_bytes(build_doc(doc_text, **kwargs)).text


def test_compressed_and_unicode_pieces_are_joined() -> None:
    # "Số" needs UTF-16; "2680/UBND – KGVX" is Windows-1252 (the en dash is byte 0x96).
    assert _text("Số: 2680/UBND – KGVX\r") == "Số: 2680/UBND – KGVX"


def test_paragraphs_line_breaks_and_special_characters() -> None:
    text = "Điều 1.\rMột" + LINE + "Hai\x1eba\x1fbốn\x01\x08\x02 năm\x0cTrang hai\r"
    assert _text(text).splitlines() == ["Điều 1.", "Một", "Hai-babốn năm", "Trang hai"]


def test_fields_keep_their_result_and_drop_their_code() -> None:
    nested = field(' HYPERLINK "x" ', "Chỉ thị " + field(" REF a ", "số 12") + " nay")
    text = "Theo " + nested + "." + field(" PRIVATE ", None) + PARA
    assert _text(text) == "Theo Chỉ thị số 12 nay."


def test_unbalanced_field_marks_do_not_lose_the_rest() -> None:
    assert _text("A\x15B\x14C\r") == "ABC"


def test_table_cells_come_out_cell_after_cell_like_docx() -> None:
    text = cell_row(["ỦY BAN NHÂN DÂN", "TỈNH LÂM ĐỒNG"], ["CỘNG HÒA", "Độc lập"]) + cell_row(
        ["Số: 12/UBND"], []
    )
    assert _text(text + "Kính gửi:\r").splitlines() == [
        "ỦY BAN NHÂN DÂN",
        "TỈNH LÂM ĐỒNG",
        "CỘNG HÒA",
        "Độc lập",
        "Số: 12/UBND",
        "Kính gửi:",
    ]
    body = "".join(
        f"<w:tc>{''.join(p(x) for x in cell)}</w:tc>"
        for cell in (["ỦY BAN NHÂN DÂN", "TỈNH LÂM ĐỒNG"], ["CỘNG HÒA", "Độc lập"])
    )
    docx = vanban.loaders.load_bytes(make_docx(f"<w:tbl><w:tr>{body}</w:tr></w:tbl>"))
    assert docx.text.splitlines() == _text(text).splitlines()[:4]


def test_cv001_doc_gives_the_same_json_as_cv001_docx() -> None:
    def comparable(data: Any) -> Any:
        if isinstance(data, dict):
            return {k: comparable(v) for k, v in data.items() if k not in ("source", "span")}
        if isinstance(data, list):
            return [comparable(x) for x in data]
        return data

    doc = vanban.parse(FORMATS / "cv001.doc")
    docx = vanban.parse(FORMATS / "cv001.docx")
    assert doc.source.format == "doc"
    assert doc.number is not None and doc.number.raw == "2680/UBND-KGVX"
    assert doc.signer is not None and doc.signer.name
    assert comparable(doc.model_dump(mode="json")) == comparable(docx.model_dump(mode="json"))


def test_the_fixture_script_rebuilds_cv001_doc() -> None:
    assert build_doc(cong_van_text()) == (FORMATS / "cv001.doc").read_bytes()


# --------------------------------------------------------------------------- legacy fonts


TCVN3_MOTTO = b"C\xe9ng ho\xb5 x\xb7 h\xe9i ch\xf1 ngh\xdca Vi\xd6t Nam\r"
TCVN3_NUMBER = b"S\xe8: 12/UBND\r"
FONTS = ("Times New Roman", ".VnTime", ".VnTimeH", "VNI-Times")


def test_runs_in_vntime_fonts_are_converted_run_by_run() -> None:
    # A .VnTimeH heading (lower-case codes drawn as capitals), a .VnTime line, a
    # Unicode line in Times New Roman, and Windows-1252 text in Times New Roman.
    heading = b"\xf1y ban nh\xa9n d\xa9n\r"
    pieces: list[tuple[str | bytes, bool]] = [
        (heading + TCVN3_MOTTO, True),
        ("Số: 12/UBND\r", False),
        (b"Caf\xe9 \xb5\r", True),
    ]
    data = build_doc(
        "",
        pieces=pieces,
        fonts=FONTS,
        char_fonts=[(len(heading), 2), (len(TCVN3_MOTTO), 1), (12, 0), (7, 0)],
    )
    raw = load_bytes(data)
    assert raw.text.splitlines() == [
        "ỦY BAN NHÂN DÂN",
        "Cộng hoà xã hội chủ nghĩa Việt Nam",
        "Số: 12/UBND",
        "Café µ",  # Times New Roman: left as it is
    ]
    assert [i.code for i in raw.issues] == ["text.legacy_encoding"]
    assert "2 runs" in raw.issues[0].message


def test_vni_run() -> None:
    vni = "Vieät Nam, Thoâng tö soá 1\r".encode("cp1252")
    data = build_doc("", raw_bytes=vni, fonts=FONTS, char_fonts=[(len(vni), 3)])
    assert load_bytes(data).text == "Việt Nam, Thông tư số 1"


@pytest.mark.parametrize(
    "styles", [{"default_font": 1}, {"normal_font": 1}, {"default_font": 0, "normal_font": 1}]
)
def test_the_style_sheet_font_applies_to_runs_without_their_own(styles: dict[str, Any]) -> None:
    data = build_doc("", raw_bytes=TCVN3_MOTTO + TCVN3_NUMBER, fonts=FONTS, **styles)
    assert load_bytes(data).text.splitlines() == [
        "Cộng hoà xã hội chủ nghĩa Việt Nam",
        "Số: 12/UBND",
    ]


def test_8_bit_text_in_a_unicode_font_is_left_alone() -> None:
    # The font table lists .VnTime, but the run is in font 0 (Times New Roman).
    raw = load_bytes(build_doc("", raw_bytes=TCVN3_MOTTO, fonts=FONTS, char_fonts=[(34, 0)]))
    assert raw.text == "Céng hoµ x· héi chñ nghÜa ViÖt Nam" and raw.issues == []
    raw = load_bytes(build_doc("", raw_bytes=b"C\xe9ng ho\xb5\r"))  # no legacy font at all
    assert raw.text == "Céng hoµ" and raw.issues == []


def test_unreadable_properties_fall_back_to_judging_lines() -> None:
    data = build_doc("", raw_bytes=TCVN3_MOTTO + TCVN3_NUMBER, fonts=FONTS, char_fonts=[(46, 1)])
    # The PlcBteChpx: text from byte 900 (after the FIB) to 946, its page at 1024 (pn 2).
    bte = data.index(struct.pack("<III", 900, 946, 2), _TABLE)
    damaged = _patched(data, bte + 8, struct.pack("<I", 999))  # a page past the stream
    raw = load_bytes(damaged)
    assert raw.text.splitlines() == ["Cộng hoà xã hội chủ nghĩa Việt Nam", "Số: 12/UBND"]
    assert "2 lines" in raw.issues[0].message
    # Unicode lines, even of Latin-1 letters only, are kept by the fallback.
    text = "Tài chính và Công thương\nTài chính\nSố: 12"
    assert convert_lines(text, {1: "tcvn3", 3: "vni"}) == (text, 0)


# --------------------------------------------------------------------------- errors


def test_encrypted_doc_says_what_to_do() -> None:
    data = build_doc("Số: 1\r", encrypted=True)
    with pytest.raises(EncryptedDocument, match="password"):
        load_bytes(data)
    with pytest.raises(CorruptDocument):  # EncryptedDocument is a CorruptDocument
        vanban.parse(data)


def test_word_95_is_unsupported_with_advice() -> None:
    with pytest.raises(UnsupportedFormat, match=r"Word 6/95.*docx"):
        load_bytes(build_doc("Số: 1\r", nfib=0x68))


def test_ole_file_without_a_word_document_is_unsupported() -> None:
    data = compound_file({"Workbook": bytes(4096)})
    with pytest.raises(UnsupportedFormat, match="no Word document"):
        load_bytes(data)


def _patched(data: bytes, offset: int, value: bytes) -> bytes:
    return data[:offset] + value + data[offset + len(value) :]


# build_doc's layout: header, FAT, directory, then "1Table" (8 sectors), "WordDocument".
_TABLE = 3 * 512
_WORD = _TABLE + 4096


def test_damaged_structures_are_corrupt_documents() -> None:
    good = build_doc("Số: 1\r")
    assert good[_WORD : _WORD + 2] == b"\xec\xa5" and good[_TABLE] == 0x02
    cases = [
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600),  # OLE magic, then nothing
        good[:3000],  # cut inside the streams
        _patched(good, _WORD, b"\x00\x00"),  # not a Word FIB
        _patched(good, _TABLE, b"\x05"),  # the CLX holds no piece table
        _patched(good, _TABLE + 1, b"\xff\xff\xff\x7f"),  # piece table longer than the CLX
        # "Số: 1" is three pieces ("S", "ố", ": 1"): the first one's text moved off the stream.
        _patched(good, _TABLE + 5 + 4 * 4 + 2, struct.pack("<I", 0x3FFFFFF0)),
        # CPs out of order.
        _patched(good, _TABLE + 5 + 4, struct.pack("<i", 99)),
    ]
    for data in cases:
        with pytest.raises(CorruptDocument):
            load_bytes(data)


def test_a_character_count_past_the_pieces_reads_what_they_hold() -> None:
    good = build_doc("Số: 1\r")
    huge = _patched(good, _WORD + 0x40 + 12, struct.pack("<i", 10**9))  # FibRgLw.ccpText
    assert load_bytes(huge).text == "Số: 1"


def test_bit_flips_raise_only_load_errors() -> None:
    good = build_doc(cong_van_text())
    for i in range(0, len(good), 151):
        data = _patched(good, i, bytes([good[i] ^ 0xFF]))
        with contextlib.suppress(CorruptDocument, UnsupportedFormat):
            load_bytes(data)


# --------------------------------------------------------------------------- sniffing


def test_doc_named_files_holding_other_formats_are_sniffed(tmp_path: Path) -> None:
    docx = make_docx(p("Số: 12/UBND"))
    assert sniff_format(docx, "x.doc") == "docx"
    assert sniff_format(rb"{\rtf1\ansi Hello}", "x.doc") == "rtf"
    assert sniff_format(b"<html><body>Hi</body></html>", "x.doc") == "html"
    path = tmp_path / "really-docx.doc"
    path.write_bytes(docx)
    assert vanban.parse(path).source.format == "docx"


def test_no_external_program_is_needed(monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil
    import subprocess

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a subprocess was started")

    monkeypatch.setattr(subprocess, "run", refuse)
    monkeypatch.setattr(subprocess, "Popen", refuse)
    monkeypatch.setattr(shutil, "which", lambda name: None)
    assert vanban.parse(FORMATS / "cv001.doc").number is not None


def test_text_over_the_limit_is_cut_with_an_issue() -> None:
    import dataclasses

    from vanban.limits import DEFAULT_LIMITS

    limits = dataclasses.replace(DEFAULT_LIMITS, max_text_chars=20)
    raw = load_bytes(build_doc("Số: 1\r" + "x" * 100 + "\r"), limits=limits)
    assert len(raw.text) <= 20
    assert [i.code for i in raw.issues] == ["text.truncated"]


def test_pieces_pointing_at_the_same_bytes_cannot_blow_up_memory() -> None:
    import dataclasses

    from vanban.limits import DEFAULT_LIMITS

    # 40 000 pieces over the same 4 096 bytes: 160 M characters claimed.
    data = build_doc("a" * 4096, repeat=40_000)
    assert len(data) < 1_000_000
    limits = dataclasses.replace(DEFAULT_LIMITS, max_text_chars=10_000)
    raw = load_bytes(data, limits=limits)
    assert len(raw.text) <= 10_000 and raw.issues[0].code == "text.truncated"


def test_deleted_and_hidden_text_is_dropped() -> None:
    deleted = struct.pack("<HB", 0x0800, 1)  # sprmCFRMarkDel: a tracked deletion
    hidden = struct.pack("<HB", 0x083C, 1)  # sprmCFVanish
    inserted = struct.pack("<HB", 0x0801, 1)  # sprmCFRMarkIns: kept
    text = "Số: 12/UBND\rngày 1 tháng 2\rKính gửi: Sở Nội vụ\r"
    # "Số: " | "12" deleted | "/UBND" inserted | "ngày " | "1 tháng" hidden | the rest
    props = [(4, b""), (2, deleted), (6, inserted), (5, b""), (7, hidden), (23, b"")]
    assert sum(n for n, _ in props) == len(text)
    raw = load_bytes(build_doc(text, char_props=props))
    assert raw.text.splitlines() == ["Số: /UBND", "ngày  2", "Kính gửi: Sở Nội vụ"]


def test_bit_flips_in_the_properties_raise_only_load_errors() -> None:
    data = build_doc(
        "",
        raw_bytes=TCVN3_MOTTO + TCVN3_NUMBER,
        fonts=FONTS,
        char_props=[(10, struct.pack("<HH", 0x4A4F, 2)), (36, struct.pack("<HB", 0x0800, 1))],
        normal_font=1,
        default_font=0,
    )
    # The table stream (CLX, fonts, PlcBteChpx, style sheet) and the FIB and FKP page.
    regions = [range(_TABLE, _TABLE + 400), range(_WORD, _WORD + 2048)]
    for region in regions:
        for i in region[::3]:
            for flip in (0xFF, 0x01, 0x80):
                damaged = _patched(data, i, bytes([data[i] ^ flip]))
                with contextlib.suppress(CorruptDocument, UnsupportedFormat):
                    load_bytes(damaged)


def test_version_and_encryption_are_read_before_the_rest_of_the_fib() -> None:
    # Word 6/95 FIBs have another layout, and an encrypted file need not parse further.
    for kwargs, error in (
        ({"nfib": 0x68}, UnsupportedFormat),
        ({"encrypted": True}, EncryptedDocument),
    ):
        data = build_doc("Số: 1\r", **kwargs)
        garbled = _patched(data, _WORD + 0x20, b"\xff\xff")  # csw: far past the stream
        with pytest.raises(error):
            load_bytes(garbled)
    with pytest.raises(CorruptDocument, match="cut short"):
        load_bytes(_patched(build_doc("Số: 1\r"), _WORD + 0x20, b"\xff\xff"))


# --------------------------------------------------------------------------- list numbers

LIST_TEXT = "Nội dung\rThứ nhất\rThứ hai\rMục con\rMục con hai\rThứ ba\rChấm\r"
NUMBERED = {1: (1, 0), 2: (1, 0), 3: (1, 1), 4: (1, 1), 5: (1, 0), 6: (1, 2)}
LEVELS = [(1, 0, "Điều \x00."), (1, 4, "\x01)"), (1, 23, "\uf0b7")]


def test_automatic_list_numbers_are_put_back() -> None:
    raw = load_bytes(build_doc(LIST_TEXT, levels=LEVELS, numbered=NUMBERED))
    assert raw.text.splitlines() == [
        "Nội dung",
        "Điều 1. Thứ nhất",
        "Điều 2. Thứ hai",
        "a) Mục con",
        "b) Mục con hai",
        "Điều 3. Thứ ba",
        "- Chấm",
    ]


def test_multi_level_number_text_and_restart() -> None:
    levels = [(1, 1, "\x00."), (1, 0, "\x00.\x01.")]
    numbered = {0: (1, 0), 1: (1, 1), 2: (1, 1), 3: (1, 0), 4: (1, 1)}
    raw = load_bytes(build_doc("A\rB\rC\rD\rE\r", levels=levels, numbered=numbered))
    assert raw.text.splitlines() == ["I. A", "I.1. B", "I.2. C", "II. D", "II.1. E"]


def test_list_numbers_also_with_hidden_runs() -> None:
    hidden = struct.pack("<HB", 0x083C, 1)
    props = [(9, b""), (4, hidden), (len(LIST_TEXT) - 13, b"")]  # "Thứ " hidden
    data = build_doc(LIST_TEXT, levels=LEVELS, numbered=NUMBERED, char_props=props)
    assert load_bytes(data).text.splitlines()[1] == "Điều 1. nhất"


def test_damaged_list_tables_leave_the_labels_out() -> None:
    data = build_doc(LIST_TEXT, levels=LEVELS, numbered=NUMBERED)
    at = data.index(struct.pack("<H", 1) + struct.pack("<i", 1), _TABLE)  # cLst, lsid
    damaged = _patched(data, at, struct.pack("<H", 9000))  # 9000 lists claimed
    assert load_bytes(damaged).text.splitlines()[1] == "Thứ nhất"
