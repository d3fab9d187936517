"""Slow but linear inputs: ``Limits.max_seconds`` is a deadline for the whole parse
(issue #12), checked between pages, blocks and paragraphs; memory stays bounded."""

from __future__ import annotations

import dataclasses
import threading
import time

import pytest

import vanban
from vanban.limits import DEFAULT_LIMITS, check_deadline, deadline

from .bounded import FIXTURES, run_case

ONE_SECOND = "dataclasses.replace(DEFAULT_LIMITS, max_seconds=1.0)"


def test_million_paragraph_html_stops_at_the_deadline() -> None:
    code = f"""
data = b"<html><body>" + b"<p>S\\xe1\\xbb\\x91 12</p>" * 1_000_000 + b"</body></html>"
def case():
    return vanban.parse(data, format="html", limits={ONE_SECOND})
"""
    result = run_case(code, cpu=30, mem_mb=1200)
    result.assert_raised("LimitExceeded", "max_seconds")
    result.assert_ok(cpu=12, mem_mb=1200)


def test_two_thousand_page_pdf_stops_at_the_deadline() -> None:
    pytest.importorskip("reportlab")
    code = f"""
from reportlab.pdfgen import canvas
buf = io.BytesIO()
c = canvas.Canvas(buf)
for i in range(2000):
    for line in range(40):
        c.drawString(72, 800 - 18 * line, f"Trang {{i + 1}} dong {{line}}: So Noi vu thuc hien")
    c.showPage()
c.save()
data = buf.getvalue()
def case():
    return vanban.parse(data, limits={ONE_SECOND})
"""
    result = run_case(code, cpu=60, mem_mb=600)
    result.assert_raised("LimitExceeded", "PDF page")
    result.assert_ok(cpu=8, mem_mb=600)


def test_two_million_empty_paragraph_docx_stops_at_the_deadline() -> None:
    code = f"""
data = docx("<w:p><w:r><w:t></w:t></w:r></w:p>" * 2_000_000)
def case():
    return vanban.parse(data, limits={ONE_SECOND})
"""
    result = run_case(code, cpu=40, mem_mb=2500)
    result.assert_raised("LimitExceeded", "max_seconds")
    result.assert_ok(cpu=15, mem_mb=2500)


def test_docx_xml_part_size_cap() -> None:
    code = """
data = docx("<w:p><w:r><w:t>Sở Nội vụ</w:t></w:r></w:p>" * 100_000)
def case():
    limits = dataclasses.replace(DEFAULT_LIMITS, max_docx_xml_bytes=2**20)
    return vanban.parse(data, limits=limits)
"""
    result = run_case(code, cpu=10, mem_mb=300)
    result.assert_raised("LimitExceeded", "max_docx_xml_bytes")
    result.assert_ok(cpu=5, mem_mb=300)


def test_html_element_cap() -> None:
    limits = dataclasses.replace(DEFAULT_LIMITS, max_html_elements=1000)
    with pytest.raises(vanban.LimitExceeded, match="max_html_elements"):
        vanban.parse(b"<html><body>" + b"<p>x</p>" * 2000 + b"</body></html>", limits=limits)


def test_deadline_message_and_reset() -> None:
    limits = dataclasses.replace(DEFAULT_LIMITS, max_seconds=0.05)
    with deadline(limits), pytest.raises(vanban.LimitExceeded, match=r"0\.05 s \(testing\)"):
        time.sleep(0.1)
        check_deadline("testing")
    check_deadline("outside")  # no clock running: nothing happens
    doc = vanban.parse(FIXTURES / "formats" / "cv001.docx")  # a fresh clock per parse
    assert doc.number is not None


def test_deadline_is_per_thread() -> None:
    short = dataclasses.replace(DEFAULT_LIMITS, max_seconds=0.05)
    errors: list[BaseException] = []

    def expire() -> None:
        with deadline(short):
            time.sleep(0.1)
            try:
                check_deadline("thread")
            except vanban.LimitExceeded as exc:
                errors.append(exc)

    with deadline(DEFAULT_LIMITS):
        thread = threading.Thread(target=expire)
        thread.start()
        thread.join()
        check_deadline("main thread")  # the other thread's expired clock is not ours
    assert len(errors) == 1
