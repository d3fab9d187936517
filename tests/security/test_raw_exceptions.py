"""Inputs that made a raw library exception escape ``parse`` (issue #12).

Each runs in a child process under a CPU and memory bound; only a Document or
a ``VanbanError`` may come out.
"""

from __future__ import annotations

import pytest

from .bounded import run_case

DOC = "word/document.xml"
BODY = "'<w:p><w:r><w:t>Sở Nội vụ thực hiện nhiệm vụ.</w:t></w:r></w:p>' * 200"
ZIP_CASES = {
    # compression type 98 (PPMd): zipfile says "compression type 98" / "version 17.8"
    "ppmd": f"data = patch_member(docx({BODY}), {DOC!r}, method=98)",
    # "version needed to extract" 17.8: zipfile raises NotImplementedError on opening
    "version-17.8": f"data = patch_member(docx({BODY}), {DOC!r}, version=178)",
    "lzma": f"data = damage_member(recompress(docx({BODY}), zipfile.ZIP_LZMA), {DOC!r})",
    "bzip2": f"data = damage_member(recompress(docx({BODY}), zipfile.ZIP_BZIP2), {DOC!r})",
    "deflate": f"data = damage_member(docx({BODY}), {DOC!r})",
    "stored-bad-crc": f"data = damage_member(docx({BODY}, method=0), {DOC!r}, at=100)",
    "encrypted": f"data = patch_member(docx({BODY}), {DOC!r}, flags=1)",
    "truncated-stream": f"data = docx({BODY})[:-200]",
}


@pytest.mark.parametrize("kind", sorted(ZIP_CASES))
def test_damaged_or_exotic_zip_is_corrupt_document(kind: str) -> None:
    code = ZIP_CASES[kind] + "\ndef case():\n    return vanban.parse(bytes(data), format='docx')\n"
    result = run_case(code, cpu=10, mem_mb=300)
    result.assert_raised("CorruptDocument", "DOCX")
    result.assert_ok(cpu=5, mem_mb=300)


def test_ppmd_message_says_what_is_wrong() -> None:
    code = (
        ZIP_CASES["ppmd"] + "\ndef case():\n    return vanban.parse(bytes(data), format='docx')\n"
    )
    result = run_case(code, cpu=10, mem_mb=300)
    result.assert_raised("CorruptDocument", "compression method")


@pytest.mark.parametrize(
    "rtf",
    [
        rb"{\rtf1\ansi S\u9999999?: 12\par Xin ch\'e0o}",
        rb"{\rtf1\ansi S\u-99999?: 12\par Xin ch\'e0o}",
        b"{\\rtf1\\ansi S\\u" + b"9" * 5000 + b"?: 12}",
        b"{\\rtf1\\ansi\\uc" + b"9" * 5000 + b" S\\u7889?: 12}",
        b"{\\rtf1\\ansi{\\fonttbl{\\f" + b"1" * 5000 + b"\\fcharset163 Times;}}\\f1 S\\u7889?}",
        rb"{\rtf1\ansi \u-10179?\u-8704? \u-10179? lone}",  # a pair, then a lone surrogate
    ],
    ids=["u-big", "u-negative", "u-5000-digits", "uc-5000-digits", "f-5000-digits", "surrogates"],
)
def test_rtf_numbers_out_of_range(rtf: bytes) -> None:
    code = f"def case():\n    return vanban.parse({rtf!r})\n"
    result = run_case(code, cpu=10, mem_mb=300)
    result.assert_ok(cpu=5, mem_mb=300)
    assert result.outcome == "ok", result.message  # a Document that serialises


def test_rtf_unicode_escapes_still_read() -> None:
    from vanban.loaders.rtf import rtf_to_text

    assert rtf_to_text(rb"{\rtf1 S\u7889?: 12 \u-10179?\u-8704?}") == "Số: 12 😀"
    assert rtf_to_text(rb"{\rtf1 a\u9999999?b}") == "a\ufffdb"


@pytest.mark.parametrize(
    ("where", "ilvl"),
    [("paragraph", "9"), ("paragraph", "-1"), ("paragraph", "99999999999999999999"),
     ("definition", "12"), ("definition", "-3"), ("paragraph", "x")],
)  # fmt: skip
def test_numbering_level_out_of_range(where: str, ilvl: str) -> None:
    if where == "paragraph":
        build = f"numbered_docx('decimal', '1', 3, ilvl={ilvl!r})"
    else:
        build = (
            "docx('<w:p><w:pPr><w:numPr><w:ilvl w:val=\"" + ilvl + '"/><w:numId w:val="1"/>'
            "</w:numPr></w:pPr><w:r><w:t>Một</w:t></w:r></w:p>', parts={'word/numbering.xml': "
            'f\'<w:numbering xmlns:w="{W_NS}"><w:abstractNum w:abstractNumId="1"><w:lvl '
            'w:ilvl="' + ilvl + '"><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/>'
            '</w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="1"/>'
            '<w:lvlOverride w:ilvl="' + ilvl + '"><w:startOverride w:val="4"/>'
            "</w:lvlOverride></w:num></w:numbering>'})"
        )
    result = run_case(f"def case():\n    return vanban.parse({build})\n", cpu=10, mem_mb=300)
    result.assert_ok(cpu=5, mem_mb=300)
    assert result.outcome == "ok", result.message


@pytest.mark.parametrize("start", ["1" + "0" * 30, "-5", "abc", "9" * 5000])
def test_numbering_start_out_of_range(start: str) -> None:
    code = f"def case():\n    return vanban.parse(numbered_docx('lowerLetter', {start!r}, 5))\n"
    result = run_case(code, cpu=10, mem_mb=300)
    result.assert_ok(cpu=5, mem_mb=300)
    assert result.outcome == "ok", result.message


def test_numbering_labels_stay_word_like() -> None:
    from vanban.loaders.docx_numbering import MAX_START, format_number

    assert format_number(3, "lowerLetter") == "c"
    assert format_number(27, "lowerLetter") == "aa"
    assert format_number(1994, "upperRoman") == "MCMXCIV"
    assert format_number(10**15, "lowerRoman") == str(10**15)
    assert format_number(2 * 10**9, "lowerLetter") == str(2 * 10**9)
    assert MAX_START == 32767
