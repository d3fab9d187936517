"""Honest statuses: ok, ok_ocr, needs_ocr, no_text, failed, skipped; ``--strict``."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from tests.batch.conftest import make_archive, read_manifest
from vanban import errors
from vanban.batch import convert
from vanban.batch.status import STATUSES, classify_document, classify_error, fully_read
from vanban.batch.summary import Summary

Cli = Callable[..., subprocess.CompletedProcess[str]]


def _doc(*codes: str, ocr: bool | None = None, **fields: Any) -> SimpleNamespace:
    source = SimpleNamespace(format="pdf") if ocr is None else SimpleNamespace(ocr=ocr)
    issues = [SimpleNamespace(code=c) for c in codes]
    return SimpleNamespace(source=source, issues=issues, **fields)


def test_documents_are_classified() -> None:
    number = SimpleNamespace(raw="12/QĐ-UBND")
    assert classify_document(_doc(number=number)) == "ok"
    assert classify_document(_doc(number=number, ocr=True)) == "ok_ocr"
    assert classify_document(_doc("text.ocr", number=number)) == "ok_ocr"  # before Source.ocr
    # a scan: no text layer and nothing found
    assert classify_document(_doc("text.no_text_layer", article=None)) == "no_text"
    assert classify_document(_doc("text.damaged_layer", subject=None)) == "no_text"
    # some pages without a layer, but the record is there
    assert classify_document(_doc("text.no_text_layer", number=number)) == "ok"
    # an empty record, whatever its issues
    assert classify_document(_doc(article=SimpleNamespace(title=" - "))) == "no_text"
    # a text that is not an administrative document still has its title
    assert classify_document(_doc(article=SimpleNamespace(title="THAM LUẬN"))) == "ok"


def test_errors_are_classified() -> None:
    ocr = errors.MissingDependency("this scan needs Tesseract: apt-get install tesseract-ocr")
    assert classify_error(ocr)[0] == "needs_ocr"
    assert classify_error(errors.MissingDependency("needs antiword"))[0] == "failed"
    assert classify_error(errors.CorruptDocument("damaged"))[0] == "failed"
    assert classify_error(errors.UnsupportedFormat("an Excel spreadsheet"))[0] == "skipped"
    status, message = classify_error(errors.UnsupportedFormat("the PDF is encrypted"))
    assert status == "failed" and "decrypt" in message and "password" in message


@pytest.mark.parametrize(
    ("name", "status"), [("EncryptedDocument", "failed"), ("EmptyDocument", "no_text")]
)
def test_error_classes_by_name(name: str, status: str) -> None:
    cls = getattr(errors, name, None)
    if cls is None:
        pytest.skip(f"this vanban has no errors.{name} yet")
    assert classify_error(cls("x.pdf: " + name))[0] == status


def test_fully_read() -> None:
    assert fully_read({"status": "ok", "issues": []})
    assert fully_read({"status": "ok_ocr", "issues": ["text.ocr"]})
    assert not fully_read({"status": "ok", "issues": ["limits.pages"]})
    # some pages were scans and Tesseract is missing, or OCR failed on a page
    assert not fully_read({"status": "ok", "issues": ["text.needs_ocr"]})
    assert not fully_read({"status": "ok_ocr", "issues": ["text.ocr", "text.ocr_failed"]})
    assert not fully_read({"status": "no_text"})
    assert not fully_read({"status": "skipped", "error": {"type": "UnsupportedFormat"}})
    assert fully_read({"status": "skipped", "error": {"type": "Excluded"}})


def test_summary_counts_every_status() -> None:
    summary = Summary()
    for status in STATUSES:
        summary.add({"status": status, "format": "pdf", "issues": []})
    summary.add({"status": "ok", "format": "pdf", "issues": ["limits.pages"]})
    text = summary.render()
    first = text.splitlines()[0]
    assert "2 ok, 1 ok after OCR, 1 need OCR, 1 no text, 1 failed, 1 skipped" in first
    assert "1 ok but only partly read" in first
    assert summary.exit_status == 1  # failed and needs_ocr
    assert summary.not_fully_read == 5


def _pdf_without_text(path: Path) -> None:
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path))
    c.rect(100, 100, 300, 400, fill=1)  # a page with a drawing and no text layer
    c.save()


def _encrypted_pdf(path: Path) -> None:
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), encrypt="secret")
    c.drawString(100, 700, "Số: 12/QĐ-UBND")
    c.save()


def test_convert_separates_statuses(tmp_path: Path) -> None:
    src, out = tmp_path / "src", tmp_path / "out"
    make_archive(src, n=4)
    _pdf_without_text(src / "scan.pdf")
    _encrypted_pdf(src / "locked.pdf")
    summary = convert(src, out, workers=1)
    rows = {r["path"]: r for r in read_manifest(out)}
    assert rows["hoso_0/nam_2020/cv_000.md"]["status"] == "ok"
    scan = rows["scan.pdf"]
    # without OCR, or with OCR that finds nothing on a drawing: never "ok"
    assert scan["status"] in ("no_text", "needs_ocr"), scan
    locked = rows["locked.pdf"]
    assert locked["status"] == "failed", locked
    assert "password" in locked["error"]["message"]
    assert "decrypt" in locked["error"]["message"]
    assert summary.count("failed") == 1
    assert summary.exit_status == 1


def test_strict_counts_files_not_fully_read(tmp_path: Path, cli: Cli) -> None:
    src = tmp_path / "src"
    make_archive(src, n=4)  # plus an .xlsx and an .mp3, skipped as unsupported
    plain = cli("convert", str(src), "-o", str(tmp_path / "a"), "--workers", "1")
    assert plain.returncode == 0, plain.stderr
    strict = cli("convert", str(src), "-o", str(tmp_path / "b"), "--workers", "1", "--strict")
    assert strict.returncode == 1, strict.stderr
    excluded = cli(
        "convert",
        str(src),
        "-o",
        str(tmp_path / "c"),
        "--workers",
        "1",
        "--strict",
        "--exclude",
        "*.xlsx",
        "--exclude",
        "*.mp3",
    )
    assert excluded.returncode == 0, excluded.stderr
    assert "4 ok, 0 ok after OCR, 0 need OCR, 0 no text, 0 failed, 2 skipped" in excluded.stderr
