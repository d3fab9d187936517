"""`vanban check` and `vanban.check`: planted faults, each on its own line and column;
exit codes; --json, --select, --ignore, --list-rules; unreadable files; articles."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import vanban
from tests.check.conftest import HERE, render
from vanban.checker import Diagnostic, catalog
from vanban.cli import main

PLANTED = HERE / "planted.txt"

# (line, column, code), read off tests/check/planted.txt by hand.
EXPECTED = [
    (3, 1, "nd30.motto.wording"),
    (4, 1, "nd30.motto.hyphen"),
    (5, 5, "nd30.number.leading_zero"),
    (5, 5, "nd30.number.spaces"),
    (5, 9, "nd30.number.lowercase"),
    (6, 1, "nd30.date.comma"),
    (6, 15, "nd30.date.day_leading_zero"),
    (6, 23, "nd30.date.month_extra_zero"),
    (7, 1, "nd30.cv.heading"),
    (8, 1, "nd30.cv.no_vv"),
    (10, 1, "nd30.cv.no_kinh_gui"),  # where it belongs: before the body
    (13, 1, "nd30.noi_nhan.luu"),
    (14, 1, "nd30.sign.tm_not_collective"),
    (15, 1, "nd30.sign.no_name"),
]


def test_planted_faults_are_each_reported_where_they_are() -> None:
    found = vanban.check(PLANTED)
    got = sorted((d.line, d.column, d.code) for d in found)
    assert got == sorted(EXPECTED)
    assert all(isinstance(d, Diagnostic) and d.path for d in found)


def test_fixes_where_certain() -> None:
    fixes = {d.code: d.fix for d in vanban.check(PLANTED)}
    assert fixes["nd30.number.leading_zero"] == "05"
    assert fixes["nd30.number.lowercase"] == "SNV-VP"
    assert fixes["nd30.date.month_extra_zero"] == "3"
    assert fixes["nd30.motto.hyphen"] == "Độc lập - Tự do - Hạnh phúc"
    assert fixes["nd30.cv.no_vv"] == "V/v triển khai công tác văn thư"


def test_messages_are_vietnamese_with_the_article() -> None:
    for d in vanban.check(PLANTED):
        assert "[" in d.message and d.message.endswith("]"), d.message


def test_human_output_and_exit_1(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(PLANTED)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(EXPECTED)
    assert f"{PLANTED}:5:5: nd30.number.leading_zero [error] Số dưới 10" in "\n".join(lines)


def test_conformant_exit_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(HERE / "conformant_cv.txt")]) == 0
    assert capsys.readouterr().out == ""


def test_warnings_and_notes_alone_exit_0(tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text(render({"number": "Số:     /UBND-VX"}), "utf-8")
    found = vanban.check(draft)
    assert [d.code for d in found] == ["nd30.draft.number_blank"]
    assert found[0].severity == "info"
    assert main(["check", str(draft)]) == 0


def test_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--json", str(PLANTED)]) == 1
    rows = json.loads(capsys.readouterr().out)
    assert {r["code"] for r in rows} == {c for _, _, c in EXPECTED}
    assert set(rows[0]) >= {"code", "severity", "message", "line", "column", "fix"}


def test_select_and_ignore(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--json", "--select", "nd30.number", str(PLANTED)]) == 1
    codes = {r["code"] for r in json.loads(capsys.readouterr().out)}
    assert codes == {"nd30.number.leading_zero", "nd30.number.spaces", "nd30.number.lowercase"}
    ignore = "nd30.motto,nd30.number,nd30.date,nd30.cv,nd30.noi_nhan,nd30.sign"
    assert main(["check", "--ignore", ignore, str(PLANTED)]) == 0
    assert capsys.readouterr().out == ""
    assert main(["check", "--select", "nd30.nonsense", str(PLANTED)]) == 2


def test_list_rules(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--list-rules"]) == 0
    out = capsys.readouterr().out
    for code in catalog().codes:
        assert code in out


def test_unreadable_file_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    assert main(["check", str(broken), str(PLANTED)]) == 2
    captured = capsys.readouterr()
    assert "broken.docx" in captured.err
    assert "nd30.number.leading_zero" in captured.out  # the readable file is still checked
    with pytest.raises(vanban.VanbanError):
        vanban.check(broken)
    assert main(["check", str(tmp_path / "missing.txt")]) == 2


def test_an_article_gets_one_note(tmp_path: Path) -> None:
    article = tmp_path / "tin.txt"
    article.write_text(
        "Lâm Đồng triển khai chuyển đổi số\n\n"
        "Ngày 05/01/2026, Ủy ban nhân dân tỉnh Lâm Đồng ban hành Công văn số 05/UBND-VX "
        "về triển khai công tác chuyển đổi số năm 2026. Theo đó, các sở, ngành được giao "
        "rà soát hạ tầng, nhân lực và báo cáo kết quả trước ngày 30/6/2026.\n",
        "utf-8",
    )
    found = vanban.check(article)
    assert [(d.code, d.severity) for d in found] == [("nd30.not_a_document", "info")]


def test_a_parsed_document_is_checked_in_its_own_text() -> None:
    doc = vanban.parse(PLANTED)
    found = vanban.check(doc)
    assert {d.code for d in found} == {c for _, _, c in EXPECTED}
    by_code = {d.code: d for d in found}
    assert doc.text is not None
    line = doc.text.split("\n")[by_code["nd30.number.leading_zero"].line - 1]  # type: ignore[operator]
    assert line.startswith("Số: 5")


def test_markdown_lines_are_the_files_own(tmp_path: Path) -> None:
    md = tmp_path / "cv.md"
    text = render({"number": "**Số: 5/UBND-VX**"}).replace("V/v", "*V/v*", 1)
    md.write_text("# Công văn\n\n" + text, "utf-8")
    found = {d.code: d for d in vanban.check(md)}
    lz = found["nd30.number.leading_zero"]
    assert (lz.line, lz.column) == (7, 7)


def test_text_without_diacritics_is_one_error() -> None:
    from vanban.checker import check_text

    ascii_text = (
        "UY BAN NHAN DAN\nTINH LAM DONG\nCONG HOA XA HOI CHU NGHIA VIET NAM\n"
        "Doc lap - Tu do - Hanh phuc\nSo: 05/UBND-VX\nLam Dong, ngay 05 thang 01 nam 2026\n"
        "V/v trien khai cong tac chuyen doi so nam 2026\n\nKinh gui: So Noi vu.\n\n"
        + "Uy ban nhan dan tinh de nghi cac co quan trien khai cac noi dung sau day. "
        * 5
    )
    found = check_text(ascii_text)
    assert [(d.code, d.severity, d.line) for d in found] == [
        ("nd30.text.no_diacritics", "error", 1)
    ]


def test_ocr_text_is_one_note() -> None:
    doc = vanban.parse(PLANTED)
    scanned = doc.model_copy(update={"source": doc.source.model_copy(update={"ocr": True})})
    assert [d.code for d in vanban.check(scanned)] == ["nd30.text.unreliable"]


def test_docx_lines_are_paragraphs(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    for i, line in enumerate(PLANTED.read_text("utf-8").split("\n")):
        if i == 2:
            document.add_paragraph("")  # an empty paragraph is not counted
        if line:
            document.add_paragraph(line)
    path = tmp_path / "planted.docx"
    document.save(str(path))
    got = sorted((d.line, d.column, d.code) for d in vanban.check(path))
    # Paragraph numbers: the text's blank line 9 is no paragraph, so what follows moves up.
    want = sorted((ln - 1 if ln > 9 else ln, col, code) for ln, col, code in EXPECTED)
    assert got == want


def test_corpus_report_counts_by_rule(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import runpy

    (tmp_path / "a.txt").write_text(PLANTED.read_text("utf-8"), "utf-8")
    (tmp_path / "b.txt").write_text(render({}), "utf-8")
    out = tmp_path / "diag.jsonl"
    script = runpy.run_path(str(HERE.parents[1] / "benchmarks" / "check_report.py"))
    assert script["main"]([str(tmp_path), "--diagnostics", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "2 files: 2 checked, 0 unreadable, 1 with an error, 1 with no diagnostic" in printed
    assert "| `nd30.number.leading_zero` | error | 1 | 1 |" in printed
    assert len(out.read_text("utf-8").splitlines()) == len(EXPECTED)


def test_a_document_without_its_text_is_refused() -> None:
    with pytest.raises(ValueError, match="keep_text"):
        vanban.check(vanban.parse(PLANTED, keep_text=False))
