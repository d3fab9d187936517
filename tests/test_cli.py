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


def test_missing_file_is_named_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nope.docx"
    assert main(["parse", str(missing)]) == 1
    err = capsys.readouterr().err.strip()
    assert err == f"vanban: {missing}: cannot be read (No such file or directory)"


@pytest.mark.parametrize("command", [["schema"], ["parse", "FILE"], ["agency", "Sở TT&TT"]])
def test_closed_stdout_ends_quietly(command: list[str], tmp_path: Path) -> None:
    import subprocess
    import sys

    f = tmp_path / "qd.txt"
    f.write_text(TEXT, encoding="utf-8")
    args = [str(f) if a == "FILE" else a for a in command]
    proc = subprocess.Popen(
        [sys.executable, "-m", "vanban", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # like `| head` that has read enough: every write now fails
    err = proc.stderr.read().decode()
    assert proc.wait(60) == 141
    assert err == ""
