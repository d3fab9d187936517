"""The command-line tool, called in process through main(argv)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from vanban.cli import main

TEXT = (
    "Số: 12/QĐ-UBND\nHà Nội, ngày 05 tháng 01 năm 2020\nQUYẾT ĐỊNH\nVề việc thành lập Tổ công tác\n"
)


def test_parse_prints_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "qd.txt"
    f.write_text(TEXT, encoding="utf-8")
    assert main(["parse", str(f)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["number"]["raw"] == "12/QĐ-UBND"
    assert data["issued_date"] == "2020-01-05"


def test_parse_ships_the_text_unless_no_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    f = tmp_path / "qd.txt"
    f.write_text(TEXT, encoding="utf-8")
    assert main(["parse", str(f)]) == 0
    data = json.loads(capsys.readouterr().out)
    start, end = data["spans"]["number"]
    assert data["text"][start:end] == "12/QĐ-UBND"
    assert main(["parse", "--no-text", str(f)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["text"] is None and data["spans"]["number"] == [start, end]


def test_parse_jsonl_and_failure_status(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "qd.txt"
    f.write_text(TEXT, encoding="utf-8")
    assert main(["parse", "--jsonl", str(f), str(tmp_path / "missing.txt"), str(f)]) == 1
    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    assert len(lines) == 2 and all(json.loads(x)["doc_type"]["name"] == "Quyết định" for x in lines)
    assert "missing.txt" in captured.err


def test_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["title"] == "Document"
    assert "recipients" in schema["properties"]


def test_no_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    with pytest.raises(SystemExit) as exc:
        main(["parse"])
    assert exc.value.code == 2
