"""Text encodings: UTF-8/16, Windows-1258, TCVN3 and VNI, detected and converted."""

from __future__ import annotations

import unicodedata

import pytest

from vanban.loaders.encodings import decode_bytes, from_tcvn3, from_vni, legacy_font_encoding
from vanban.loaders.text import decode, load_bytes

from .conftest import FORMATS

BODY = (FORMATS / "cv001_body.txt").read_text("utf-8").strip()


@pytest.mark.parametrize(
    ("name", "encoding"),
    [
        ("cv001_utf16.txt", "utf-16"),
        ("cv001_utf16le_nobom.txt", "utf-16"),
        ("cv001_cp1258.txt", "windows-1258"),
        ("cv001_vni.txt", "vni"),
    ],
)
def test_fixture_files_decode_to_the_same_nfc_text(name: str, encoding: str) -> None:
    text, found = decode((FORMATS / name).read_bytes())
    assert found == encoding
    assert text.strip() == BODY
    assert unicodedata.is_normalized("NFC", text)


def test_tcvn3_fixture_has_only_lower_case_toned_letters() -> None:
    text, found = decode((FORMATS / "cv001_tcvn3.txt").read_bytes())
    assert found == "tcvn3"
    # TCVN3 has no capital "Ủ": the fixture typed it lower-case
    assert text.strip() == BODY.replace("Ủy", "ủy")


def test_tcvn3_u_horn_is_the_soft_hyphen_byte_and_survives() -> None:
    raw = "Ch\xad\xacng tr\xd7nh c\xf1a t\xd8nh".encode("latin-1")
    text, found = decode_bytes(raw)
    assert found == "tcvn3"
    assert text == "Chương trình của tỉnh"


def test_utf8_with_bom_and_plain_utf8() -> None:
    assert decode_bytes("\ufeffSố".encode()) == ("Số", "utf-8")
    assert decode_bytes("Số".encode()) == ("Số", "utf-8")


def test_nfd_input_comes_out_nfc() -> None:
    text, _ = decode_bytes(unicodedata.normalize("NFD", "Quyết định").encode())
    assert text == "Quyết định"


def test_vni_upper_case_and_d_bar() -> None:
    assert from_vni("COÄNG HOØA XAÕ HOÄI".encode("cp1252")) == "CỘNG HÒA XÃ HỘI"
    assert from_vni("Ñaêk Noâng".encode("cp1252")) == "Đăk Nông"


def test_tcvn3_upper_font_shows_capitals() -> None:
    assert from_tcvn3("C\xe9ng ho\xb5", upper=True) == "CỘNG HOÀ"


@pytest.mark.parametrize(
    ("font", "expected"),
    [
        (".VnTime", "tcvn3"),
        (".VnTimeH", "tcvn3-upper"),
        ("VNI-Times", "vni"),
        ("Arial", None),
        (None, None),
    ],
)
def test_font_names(font: str | None, expected: str | None) -> None:
    assert legacy_font_encoding(font) == expected


def test_text_loader_records_the_encoding() -> None:
    raw = load_bytes((FORMATS / "cv001_vni.txt").read_bytes())
    assert raw.encoding == "vni"
    assert raw.text.startswith("Thực hiện Chỉ thị số 12/CT-TTg")
