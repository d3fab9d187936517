"""Honest load errors: empty input, bytes of no known format, damaged UTF-8."""

from __future__ import annotations

from pathlib import Path

import pytest

import vanban
from vanban.errors import (
    CorruptDocument,
    EmptyDocument,
    LoadError,
    MissingDependency,
    UnsupportedFormat,
)
from vanban.loaders.dispatch import image_kind, sniff_format
from vanban.loaders.encodings import decode_text
from vanban.loaders.text import load_bytes as load_text

from .conftest import FORMATS

RANDOM = bytes((i * 7919 + 13) % 256 for i in range(20_000))
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + RANDOM[:4000]
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + RANDOM[:4000]


@pytest.mark.parametrize("data", [b"", b"   \r\n\t ", b"\x00" * 100])
@pytest.mark.parametrize("name", ["empty.txt", "empty.pdf", "empty.docx", "empty.doc"])
def test_empty_files_raise_empty_document(tmp_path: Path, name: str, data: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(EmptyDocument, match="empty"):
        vanban.parse(path)
    with pytest.raises(EmptyDocument):
        vanban.parse(data)


@pytest.mark.parametrize("name", ["x.docx", "x.pdf", "x.doc"])
def test_random_bytes_under_a_binary_name_are_corrupt(name: str) -> None:
    with pytest.raises(CorruptDocument, match="not a"):
        sniff_format(RANDOM, name)


@pytest.mark.parametrize("name", [None, "x.txt", "x.bin"])
def test_random_bytes_otherwise_are_unsupported(name: str | None) -> None:
    with pytest.raises(UnsupportedFormat, match="no format vanban reads"):
        vanban.parse(RANDOM) if name is None else sniff_format(RANDOM, name)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("labels.jsonl", b'{"file": "a.pdf", "number": "12/UBND-VP"}\n'),
        ("export.json", b'[{"so_hieu": "12/UBND-VP"}]'),
        ("danh_sach.csv", "STT,Số hiệu,Trích yếu\n1,12/UBND-VP,Về việc họp\n".encode()),
    ],
)
def test_a_data_file_beside_the_documents_is_unsupported(name: str, data: bytes) -> None:
    """A JSON or CSV file is text but no document: an error that names what it is, not an
    empty article (a batch reports it skipped)."""
    with pytest.raises(UnsupportedFormat, match="is not supported"):
        sniff_format(data, name)


@pytest.mark.parametrize(("data", "kind"), [(JPEG, "jpeg"), (PNG, "png")])
def test_an_image_renamed_pdf_goes_to_the_image_loader(
    tmp_path: Path, data: bytes, kind: str
) -> None:
    assert image_kind(data) == kind
    assert sniff_format(data, "scan.pdf") == "image"
    path = tmp_path / "scan.pdf"
    path.write_bytes(data)
    # Until OCR can read it (and this junk image body never), a clear load error.
    with pytest.raises((UnsupportedFormat, MissingDependency, CorruptDocument)):
        vanban.parse(path)


def test_text_that_starts_with_bm_is_not_a_bitmap() -> None:
    assert image_kind(b"BMW X5 \xe2\x80\x93 gi\xc3\xa1 bao nhi\xc3\xaau") is None


def test_text_with_a_nul_byte_is_still_text() -> None:
    data = "Số: 12/UBND\x00-VP\nHà Nội, ngày 1 tháng 2 năm 2024".encode()
    assert sniff_format(data, "x.txt") == "text"


SEED_LINE = (FORMATS / "cv001_body.txt").read_text("utf-8").strip()


def test_utf8_with_one_bad_byte_stays_utf8_with_an_issue() -> None:
    data = SEED_LINE.encode()
    cut = data.index("Thủ tướng".encode())
    damaged = data[:cut] + b"\xff" + data[cut:]
    text, encoding, bad = decode_text(damaged)
    assert (encoding, bad) == ("utf-8", 1)
    assert text.replace("\ufffd", "") == SEED_LINE
    raw = load_text(damaged)
    assert raw.encoding == "utf-8"
    assert [i.code for i in raw.issues] == ["text.bad_bytes"]
    doc = vanban.parse(damaged)
    assert doc.source.encoding == "utf-8"
    assert "text.bad_bytes" in [i.code for i in doc.issues]


def test_utf8_cut_inside_a_character_stays_utf8() -> None:
    data = SEED_LINE.encode()
    end = data.index("ủ".encode()) + 1  # inside the three bytes of "ủ"
    text, encoding, bad = decode_text(data[:end])
    assert (encoding, bad) == ("utf-8", 1)
    assert text.endswith("\ufffd") and SEED_LINE.startswith(text[:-1])


@pytest.mark.parametrize("name", ["cv001_tcvn3.txt", "cv001_vni.txt", "cv001_cp1258.txt"])
def test_legacy_encodings_are_still_detected(name: str) -> None:
    text, encoding, bad = decode_text((FORMATS / name).read_bytes())
    assert bad == 0 and encoding != "utf-8"
    assert text.casefold() == SEED_LINE.casefold()  # TCVN3 has no toned capitals ("Ủ")


def test_load_errors_are_vanban_errors() -> None:
    for cls in (EmptyDocument, vanban.EncryptedDocument):
        assert issubclass(cls, LoadError)
    assert issubclass(vanban.EncryptedDocument, CorruptDocument)


@pytest.mark.parametrize("backend", ["pdfium", "pdfplumber"])
def test_password_protected_pdf_is_an_encrypted_document(backend: str) -> None:
    import io

    pytest.importorskip("reportlab")
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    from vanban.loaders.pdf import load_bytes as load_pdf
    from vanban.loaders.pdf_backends import available_backends

    if backend not in available_backends():
        pytest.skip(f"{backend} not installed")
    buf = io.BytesIO()
    page = canvas.Canvas(buf, encrypt=pdfencrypt.StandardEncryption("secret", canPrint=0))
    page.drawString(72, 720, "So: 12/UBND")
    page.save()
    with pytest.raises(vanban.EncryptedDocument, match=r"password.*unprotected copy"):
        load_pdf(buf.getvalue(), backend=backend)
