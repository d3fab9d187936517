"""Memory and time bombs from small files (issue #12): each is bounded in a child
process here, and shown linear (2× input → ≤ 2.5× CPU time) under the ``perf`` marker."""

from __future__ import annotations

import pytest

from .bounded import cpu_scaling, run_case

MAX_RATIO = 2.5


def test_lower_letter_start_two_billion() -> None:
    # was: labels of 77 million characters each, past 4 GB
    code = """
def case():
    doc = vanban.parse(numbered_docx("lowerLetter", "2000000000", 100))
    return {"json": len(doc.model_dump_json())}
"""
    result = run_case(code, cpu=10, mem_mb=300)
    result.assert_ok(cpu=5, mem_mb=300)
    assert result.outcome == "ok", result.message
    assert result.value["json"] < 200_000


def test_lower_roman_start_ten_to_the_fifteen() -> None:
    # was: 10^12 iterations of the roman-numeral loop
    code = """
def case():
    from vanban.loaders.docx import load_bytes
    return load_bytes(numbered_docx("lowerRoman", str(10**15), 100)).text.splitlines()[:2]
"""
    result = run_case(code, cpu=10, mem_mb=300)
    result.assert_ok(cpu=5, mem_mb=300)
    assert result.value == ["32767) Sở Nội vụ thực hiện.", "32768) Sở Nội vụ thực hiện."]


@pytest.mark.parametrize(
    ("claimed", "limit_mib"),
    [(1000, None), (40 * 2**20, 50), (299 * 2**20, None)],
    ids=["claims-1000-bytes", "claims-40MiB-limit-50MiB", "claims-299MiB-default-limit"],
)
def test_zip_whose_headers_lie_about_size(claimed: int, limit_mib: int | None) -> None:
    # document.xml's headers claim `claimed` bytes; the stream inflates to 2 GiB
    limits = (
        f"dataclasses.replace(DEFAULT_LIMITS, max_docx_uncompressed_bytes={limit_mib} * 2**20)"
        if limit_mib
        else "DEFAULT_LIMITS"
    )
    code = f"""
data = lying_zip(claimed={claimed}, mib=2048)
def case():
    return vanban.parse(data, format="docx", limits={limits})
"""
    bound = 150 + 2.2 * (claimed / 2**20)  # at most what the headers admit, read once, joined once
    result = run_case(code, cpu=30, mem_mb=bound)
    result.assert_ok(cpu=15, mem_mb=bound)
    assert result.outcome in ("CorruptDocument", "LimitExceeded"), result.outcome


def test_zip_inflating_past_the_limit_stops_at_the_limit() -> None:
    # honest headers are checked up front; here the headers hide the size and
    # the parts really inflate past the limit: reading stops there
    code = """
body = "<w:p><w:r><w:t>" + "Sở Nội vụ " * 100 + "</w:t></w:r></w:p>"
data = docx(body * 5000)  # about 5 MB of XML, 50 KB zipped
import struct
def case():
    limits = dataclasses.replace(DEFAULT_LIMITS, max_docx_uncompressed_bytes=2**20)
    # the directory says 1 KB per part: rewrite both size fields of every header
    out = bytearray(data)
    for sig, at in ((b"PK\\x03\\x04", 22), (b"PK\\x01\\x02", 24)):
        k = 0
        while (k := out.find(sig, k)) >= 0:
            out[k + at:k + at + 4] = struct.pack("<L", 900)
            k += 4
    return vanban.parse(bytes(out), format="docx", limits=limits)
"""
    result = run_case(code, cpu=10, mem_mb=250)
    result.assert_ok(cpu=5, mem_mb=250)
    assert result.outcome in ("CorruptDocument", "LimitExceeded"), result.outcome


# Quadratic paths: the bounded case at the size of the report, and its scaling.

NAV = """
def build(n):
    return "<html><body><div><p>Sở Nội vụ</p>".encode() + b"<nav></nav>tail " * n + b"</div></body></html>"
def run(data):
    return vanban.parse(data, format="html")
"""
SPAN = """
def build(n):
    return ("<html><body><div><p>Sở Nội vụ</p>".encode() + b'<span class="menu">m</span>tail ' * n
            + b"</div></body></html>")
def run(data):
    return vanban.parse(data, format="html")
"""
INDENT = """
def build(n):
    return "**ỦY BAN NHÂN DÂN**\\n## 1. Sở Nội vụ\\n" + " " * n + "x\\nCuối."
def run(text):
    return vanban.parse_text(text, format="markdown")
"""
CHAIN = """
def build(n):
    return styles_docx(n, cycle=False)
def run(data):
    return vanban.parse(data, format="docx")
"""
CYCLE = """
def build(n):
    return styles_docx(n, cycle=True)
def run(data):
    return vanban.parse(data, format="docx")
"""
BRACES = """
def build(n):
    return b"{\\\\rtf1\\\\ansi " + b"{" * n + b"S\\\\u7889?: 12"
def run(data):
    return vanban.parse(data, format="rtf")
"""

QUADRATIC = {
    "html-nav-tails": (NAV, 200_000, 20, 400),
    "html-menu-span-tails": (SPAN, 200_000, 20, 400),
    "markdown-indent": (INDENT, 90_000, 5, 200),
    "style-chain": (CHAIN, 20_000, 10, 300),
    "style-cycle": (CYCLE, 20_000, 10, 300),
    "rtf-braces": (BRACES, 4_000_000, 30, 300),
}


@pytest.mark.parametrize("name", sorted(QUADRATIC))
def test_quadratic_path_is_bounded(name: str) -> None:
    code, n, cpu, mem = QUADRATIC[name]
    result = run_case(code + f"\ndef case():\n    return run(build({n}))\n", cpu=cpu, mem_mb=mem)
    result.assert_ok(cpu=cpu, mem_mb=mem)
    assert result.outcome == "ok", result.message


@pytest.mark.perf
@pytest.mark.parametrize("name", sorted(QUADRATIC))
def test_quadratic_path_scales_linearly(name: str) -> None:
    code, n, _, _ = QUADRATIC[name]
    ratio = cpu_scaling(code, n // 2)
    assert ratio <= MAX_RATIO, f"2× input took {ratio:.2f}× the CPU time"
