"""``parse`` from 8 threads at once (issue #12): PDFium is not thread-safe, so every
PDFium call holds one process-wide lock; outputs equal a sequential run."""

from __future__ import annotations

import pytest

from ..conftest import shared_dir
from .bounded import FIXTURES, run_case


def _pdfs() -> list[str]:
    files = [FIXTURES / "formats" / "cv001.pdf", FIXTURES / "hostile" / "pdf-broken-page-tree.pdf"]
    corpus = shared_dir() / "corpus" / "lamdong"
    if corpus.is_dir():
        files += sorted(corpus.rglob("*.pdf"))[:30]
    return [str(f) for f in files if f.is_file()]


def test_eight_threads_parse_pdfs_like_one() -> None:
    pytest.importorskip("pypdfium2")
    pdfs = _pdfs()
    if len(pdfs) < 2:
        pytest.skip("no PDF to read")
    code = f"""
from concurrent.futures import ThreadPoolExecutor
files = {pdfs!r}
mixed = files + ["fixtures/formats/cv001.docx", "fixtures/formats/article004.html"]
def one(path):
    try:
        return vanban.parse(path).model_dump_json()
    except vanban.VanbanError as exc:
        return type(exc).__name__ + ": " + str(exc)
def case():
    sequential = [one(f) for f in mixed]
    with ThreadPoolExecutor(8) as pool:
        rounds = [list(pool.map(one, mixed)) for _ in range(3)]
    return {{"files": len(mixed), "same": [r == sequential for r in rounds]}}
"""
    # was: a segfault (or SIGTRAP) inside PDFium within the first round
    result = run_case(code, cpu=300, mem_mb=1500, as_mb=6000, wall=600)
    result.assert_ok(mem_mb=1500)
    assert result.outcome == "ok", result.message
    assert result.value["same"] == [True, True, True]


def test_pdfium_lock_is_public_and_reentrant() -> None:
    pytest.importorskip("pypdfium2")
    from vanban.loaders.pdf_backends import PDFIUM_LOCK, open_backend, pdfium_lock

    assert pdfium_lock() is PDFIUM_LOCK
    with pdfium_lock():  # held by a caller (OCR rendering) while the backend is used
        doc = open_backend((FIXTURES / "formats" / "cv001.pdf").read_bytes(), "pdfium")
        try:
            assert doc.page_count() >= 1
            assert doc.words(0)
        finally:
            doc.close()
