"""Hostile and broken inputs: each gives a Document or a specific VanbanError,
quickly and in bounded memory (issue #6)."""

from __future__ import annotations

import dataclasses
import io
import re
import time
import tracemalloc
import unicodedata
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

import vanban
from vanban.limits import DEFAULT_LIMITS

from ..conftest import Timing

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "fixtures"
SEED_001 = FIXTURES / "seeds" / "001_7b35b2f0ac248429.txt"


@contextmanager
def bounded(seconds: float, megabytes: float, timing: Timing) -> Iterator[None]:
    """Fail when the block takes longer or allocates more (Python heap) than allowed.

    The time bound is ``seconds`` under ``-m perf`` and six times that by default
    (tracemalloc makes the block slow, and a loaded machine slower still).
    """
    seconds = timing.bound(seconds, 6 * seconds)
    tracemalloc.start()
    start = time.perf_counter()
    try:
        yield
    finally:
        elapsed = time.perf_counter() - start
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    assert elapsed < seconds, f"took {elapsed:.1f} s (bound {seconds} s)"
    assert peak < megabytes * 2**20, f"peaked at {peak / 2**20:.0f} MB (bound {megabytes} MB)"


def outcome(call: Callable[[], vanban.Document]) -> vanban.Document | vanban.VanbanError:
    try:
        return call()
    except vanban.VanbanError as exc:
        return exc


def all_strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from all_strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from all_strings(v)


def docx_bytes(document_xml: bytes, *, extra: dict[str, bytes] | None = None) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="xml" ContentType="application/xml"/></Types>',
        )
        zf.writestr("word/document.xml", document_xml)
        for name, data in (extra or {}).items():
            zf.writestr(name, data)
    return buf.getvalue()


def cp1258_form(text: str) -> str:
    """Vietnamese as Windows-1258 spells it: â/ê/ô/ă/ơ/ư precomposed, tone marks combining."""
    nfd = unicodedata.normalize("NFD", text)
    # NFD puts a dot below before the circumflex ("O" + U+0323 + U+0302): move it after.
    return re.sub(
        "([A-Za-z])([\u0300\u0301\u0303\u0309\u0323]*)([\u0302\u0306\u031b])",
        lambda m: unicodedata.normalize("NFC", m.group(1) + m.group(3)) + m.group(2),
        nfd,
    )


W = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("empty.txt", b""),
        ("empty.pdf", b""),
        ("empty.docx", b""),
        ("nul.txt", b"\x00" * 10_000),
        ("nul-inside.txt", "Số: 12/UBND\x00-VP\nHà Nội, ngày 1 tháng 2 năm 2024".encode()),
        ("random.pdf", bytes(range(256)) * 40),
        ("random.docx", bytes(reversed(range(256))) * 40),
        ("random.html", b"<html>" + bytes(range(256)) * 40),
        ("random.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(range(256)) * 40),
        ("random.rtf", b"{\\rtf1" + bytes(range(256)) * 40),
    ],
)
def test_empty_nul_and_random_bytes(name: str, data: bytes, tmp_path: Path, timing: Timing) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with bounded(10, 200, timing):
        result = outcome(lambda: vanban.parse(path))
    assert isinstance(result, vanban.Document | vanban.VanbanError)


def test_truncated_pdf_and_docx(timing: Timing) -> None:
    pdf = (FIXTURES / "formats" / "cv001.pdf").read_bytes()
    docx = (FIXTURES / "formats" / "cv001.docx").read_bytes()
    for data in (pdf[: len(pdf) // 2], pdf[:200], docx[: len(docx) // 2], docx[:100]):
        with bounded(10, 200, timing):
            result = outcome(lambda d=data: vanban.parse(d))  # type: ignore[misc]
        assert isinstance(result, vanban.Document | vanban.CorruptDocument), result


def test_pdf_named_docx_and_docx_named_pdf(tmp_path: Path) -> None:
    pdf = tmp_path / "really-a-pdf.docx"
    pdf.write_bytes((FIXTURES / "formats" / "cv001.pdf").read_bytes())
    docx = tmp_path / "really-a-docx.pdf"
    docx.write_bytes((FIXTURES / "formats" / "cv001.docx").read_bytes())
    for path, fmt in ((pdf, "pdf"), (docx, "docx")):
        doc = vanban.parse(path)
        assert doc.source.format == fmt
        assert doc.number is not None and doc.number.raw == "2680/UBND-KGVX"


def test_utf16_cp1258_and_mixed_encodings(tmp_path: Path) -> None:
    text = SEED_001.read_text("utf-8")
    for encoding in ("utf-16", "utf-16-le", "cp1258"):
        path = tmp_path / f"seed.{encoding}.txt"
        # Windows-1258 writes Vietnamese as base letters plus combining tone marks.
        source = cp1258_form(text) if encoding == "cp1258" else text
        data = source.encode(encoding)
        if encoding == "utf-16-le":
            data = b"\xff\xfe" + data
        path.write_bytes(data)
        doc = vanban.parse(path)
        assert doc.number is not None and doc.number.raw == "2680/UBND-KGVX", encoding
    mixed = text.encode("utf-8")[:2000] + cp1258_form("Kính gửi: Sở Nội vụ").encode("cp1258")
    assert isinstance(vanban.parse(mixed), vanban.Document)


def test_huge_single_line(timing: Timing) -> None:
    data = ("Số: 12/UBND " + "rất dài " * 400_000).encode()
    with bounded(20, 400, timing):
        doc = vanban.parse(data)
    assert "text.long_line" in {i.code for i in doc.issues}


def test_adversarial_number_and_kinh_gui_stay_linear(timing: Timing) -> None:
    with bounded(10, 300, timing):
        vanban.parse_text("Số: " + "1/" * 200_000)
    items = ", ".join(f"Sở Ban {i}" for i in range(100_000))
    with bounded(20, 500, timing):
        doc = vanban.parse_text(
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 1/UBND-VP\nHà Nội, ngày 01 tháng 02 năm 2024\n"
            f"Kính gửi: {items}.\nNội dung."
        )
    assert isinstance(doc, vanban.Document)


def test_docx_zip_bomb_is_refused_before_unpacking(timing: Timing) -> None:
    # 1 GiB of zeros compresses to about 1 MB: the central directory says so.
    buf = io.BytesIO()
    with (
        zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf,
        zf.open("word/document.xml", "w", force_zip64=True) as part,
    ):
        chunk = b"\0" * 2**20
        for _ in range(1024):
            part.write(chunk)
    with (
        bounded(30, 200, timing),
        pytest.raises(vanban.LimitExceeded, match=r"zip bomb|over the limit"),
    ):
        vanban.parse(buf.getvalue(), format="docx")


def test_docx_with_too_many_parts() -> None:
    extra = {f"word/media/p{i}.xml": b"<a/>" for i in range(60)}
    data = docx_bytes(b"<w:document " + W + b"><w:body/></w:document>", extra=extra)
    limits = dataclasses.replace(DEFAULT_LIMITS, max_docx_parts=20)
    with pytest.raises(vanban.LimitExceeded, match="parts"):
        vanban.parse(data, format="docx", limits=limits)


def test_xxe_in_docx_and_html_never_leaks_a_local_file(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT-4242", encoding="utf-8")
    uri = secret.as_uri().encode()
    entity = b'<!DOCTYPE d [<!ENTITY xxe SYSTEM "' + uri + b'">]>'
    body = b"<w:body><w:p><w:r><w:t>S\xe1\xbb\x91: &xxe;</w:t></w:r></w:p></w:body>"
    docx = docx_bytes(
        b'<?xml version="1.0"?>' + entity + b"<w:document " + W + b">" + body + b"</w:document>"
    )
    html = b'<?xml version="1.0"?>' + entity + b"<html><body><p>&xxe;</p></body></html>"
    for data, fmt in ((docx, "docx"), (html, "html")):
        result = outcome(lambda d=data, f=fmt: vanban.parse(d, format=f))  # type: ignore[misc]
        if isinstance(result, vanban.Document):
            assert not any("TOP-SECRET" in s for s in all_strings(result.model_dump(mode="json")))


def test_billion_laughs_is_not_expanded(timing: Timing) -> None:
    lol = (
        b'<!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">'
        + b"".join(
            b'<!ENTITY %s "%s">' % (bytes([98 + i]), (b"&" + bytes([97 + i]) + b";") * 10)
            for i in range(8)
        )
        + b"]>"
    )
    docx = docx_bytes(
        b'<?xml version="1.0"?>' + lol + b"<w:document " + W + b"><w:body><w:p><w:r><w:t>&i;"
        b"</w:t></w:r></w:p></w:body></w:document>"
    )
    html = b'<?xml version="1.0"?>' + lol + b"<html><body><p>&i;</p></body></html>"
    for data, fmt in ((docx, "docx"), (html, "html")):
        with bounded(10, 200, timing):
            result = outcome(lambda d=data, f=fmt: vanban.parse(d, format=f))  # type: ignore[misc]
        if isinstance(result, vanban.Document):
            assert sum(len(s) for s in all_strings(result.model_dump(mode="json"))) < 1_000_000


def test_deep_html_nesting(timing: Timing) -> None:
    html = b"<html><body>" + b"<div>" * 5000 + b"x" + b"</div>" * 5000 + b"</body></html>"
    with bounded(10, 300, timing):
        result = outcome(lambda: vanban.parse(html, format="html"))
    assert isinstance(result, vanban.LimitExceeded | vanban.Document)
    if isinstance(result, vanban.LimitExceeded):
        assert "nested" in str(result)


def test_pdf_page_limit() -> None:
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    for i in range(12):
        c.drawString(72, 720, f"Page {i + 1}")
        c.showPage()
    c.save()
    limits = dataclasses.replace(DEFAULT_LIMITS, max_pdf_pages=3)
    doc = vanban.parse(buf.getvalue(), limits=limits)
    assert doc.source.pages == 12
    assert "limits.pages" in {i.code for i in doc.issues}


@pytest.mark.parametrize(
    ("name", "error"),
    [
        ("docx-bad-deflate.docx", vanban.CorruptDocument),
        ("pdf-broken-page-tree.pdf", vanban.CorruptDocument),
        ("html-control-chars.html", None),
    ],
)
def test_inputs_the_fuzzer_found(name: str, error: type[vanban.VanbanError] | None) -> None:
    data = (FIXTURES / "hostile" / name).read_bytes()
    result = outcome(lambda: vanban.parse(data))
    if error is None:
        assert isinstance(result, vanban.Document)
    else:
        assert isinstance(result, error)


def test_input_size_limit_message() -> None:
    limits = dataclasses.replace(DEFAULT_LIMITS, max_input_bytes=1000)
    with pytest.raises(vanban.FileTooLarge, match="max_input_bytes"):
        vanban.parse(b"x" * 1001, limits=limits)
