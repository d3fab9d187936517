"""vanban.batch.convert on this machine: every input accounted for, resume, options."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.batch.conftest import make_archive, read_manifest
from vanban import __version__
from vanban.batch import convert
from vanban.models import Document

FIELDS = [
    "path",
    "status",
    "output",
    "error",
    "sha256",
    "vanban_version",
    "seconds",
    "format",
    "issues",
]


def test_every_input_has_exactly_one_row(archive: tuple[Path, list[str]], tmp_path: Path) -> None:
    src, rels = archive
    out = tmp_path / "out"
    summary = convert(src, out, workers=2)
    rows = read_manifest(out)
    assert sorted(str(r["path"]) for r in rows) == rels
    assert all(list(r) == FIELDS for r in rows)
    by_path = {r["path"]: r for r in rows}
    for rel in rels:
        row = by_path[rel]
        if rel.endswith((".txt", ".md")):
            assert row["status"] == "ok", row
            assert row["error"] is None and row["output"] == rel + ".json"
            doc = Document.model_validate_json(
                (out / rel).with_name(Path(rel).name + ".json").read_text()
            )
            assert doc.source.sha256 == row["sha256"]
        else:
            assert row["status"] == "skipped"
            assert row["output"] is None
            assert isinstance(row["error"], dict) and row["error"]["type"] == "UnsupportedFormat"
            assert row["error"]["message"]
        assert row["vanban_version"] == __version__
        assert isinstance(row["seconds"], float)
    assert (summary.count("ok"), summary.count("skipped"), summary.count("failed")) == (12, 2, 0)
    assert summary.exit_status == 0
    assert "2 skipped" in summary.render()


def test_output_mirrors_src_and_documents_parse(
    archive: tuple[Path, list[str]], tmp_path: Path
) -> None:
    src, _ = archive
    out = tmp_path / "out"
    convert(src, out, workers=1)
    doc = Document.model_validate_json((out / "hoso_1/nam_2021/cv_001.txt.json").read_text())
    assert doc.number is not None and doc.number.raw == "101/UBND-VX"
    leftovers = [p for p in out.rglob("*") if p.name.endswith(".tmp")]
    assert leftovers == []


def test_special_entries_are_skipped_with_a_reason(tmp_path: Path) -> None:
    src = tmp_path / "src"
    make_archive(src, n=2)
    os.mkfifo(src / "pipe")
    (src / "outside").symlink_to("/etc/hostname")
    (src / "dir_link").symlink_to(src / "hoso_0", target_is_directory=True)
    (src / "broken").symlink_to(src / "missing")
    (src / "inside_link.txt").symlink_to(src / "hoso_0/nam_2020/cv_000.md")
    out = tmp_path / "out"
    convert(src, out, workers=1)
    rows = {r["path"]: r for r in read_manifest(out)}
    kinds = {p: r["error"]["type"] for p, r in rows.items() if isinstance(r["error"], dict)}
    assert kinds["pipe"] == "NotRegularFile"
    assert kinds["outside"] == "SymlinkOutside"
    assert kinds["dir_link"] == "SymlinkedDirectory"
    assert kinds["broken"] == "BrokenSymlink"
    assert rows["inside_link.txt"]["status"] == "ok"
    assert len(rows) == 2 + 2 + 5


def test_out_inside_src_is_not_walked(archive: tuple[Path, list[str]]) -> None:
    src, rels = archive
    out = src / "converted"
    convert(src, out, workers=1)
    convert(src, out, workers=1, force=True)
    assert sorted(str(r["path"]) for r in read_manifest(out)) == rels


def test_include_exclude_record_excluded_files(
    archive: tuple[Path, list[str]], tmp_path: Path
) -> None:
    src, rels = archive
    out = tmp_path / "out"
    convert(src, out, workers=1, include=["*.TXT", "*.md"], exclude=["hoso_2/*"])
    rows = {r["path"]: r for r in read_manifest(out)}
    assert sorted(rows) == rels
    assert rows["hoso_2/nam_2021/cv_005.txt"]["status"] == "skipped"
    assert rows["hoso_2/nam_2021/cv_005.txt"]["error"] == {
        "type": "Excluded",
        "message": "matches --exclude 'hoso_2/*'",
    }
    assert rows["hoso_0/bang_tinh.xlsx"]["error"]["type"] == "Excluded"
    assert rows["hoso_1/nam_2021/cv_001.txt"]["status"] == "ok"


def test_resume_skips_up_to_date_and_redoes_changed(
    archive: tuple[Path, list[str]], tmp_path: Path
) -> None:
    src, rels = archive
    out = tmp_path / "out"
    convert(src, out, workers=2)
    before = {p: p.stat().st_ino for p in out.rglob("*.json")}
    changed = src / "hoso_1/nam_2021/cv_001.txt"
    changed.write_text(
        changed.read_text(encoding="utf-8").replace("101/UBND", "999/UBND"), encoding="utf-8"
    )
    summary = convert(src, out, workers=2)
    assert summary.up_to_date == 11
    after = {p: p.stat().st_ino for p in out.rglob("*.json")}
    redone = {p for p in before if before[p] != after[p]}
    assert redone == {out / "hoso_1/nam_2021/cv_001.txt.json"}
    assert "999/UBND-VX" in (out / "hoso_1/nam_2021/cv_001.txt.json").read_text(encoding="utf-8")
    rows = read_manifest(out)
    assert sorted(str(r["path"]) for r in rows) == rels
    summary = convert(src, out, workers=2, force=True)
    assert summary.up_to_date == 0
    assert all(p.stat().st_ino != after[p] for p in after)


def test_deleted_output_is_redone(archive: tuple[Path, list[str]], tmp_path: Path) -> None:
    src, _ = archive
    out = tmp_path / "out"
    convert(src, out, workers=1)
    (out / "hoso_0/nam_2020/cv_000.md.json").unlink()
    summary = convert(src, out, workers=1)
    assert summary.up_to_date == 11
    assert (out / "hoso_0/nam_2020/cv_000.md.json").is_file()


def test_jsonl_mode_one_document_per_ok_row(
    archive: tuple[Path, list[str]], tmp_path: Path
) -> None:
    src, _ = archive
    out = tmp_path / "out"
    convert(src, out, workers=2, jsonl=True)
    convert(src, out, workers=2, jsonl=True)  # resume: nothing duplicated
    rows = read_manifest(out)
    ok = [r for r in rows if r["status"] == "ok"]
    assert {r["output"] for r in ok} == {"documents.jsonl"}
    lines = (out / "documents.jsonl").read_text(encoding="utf-8").splitlines()
    shas = [json.loads(line)["source"]["sha256"] for line in lines]
    assert shas == [r["sha256"] for r in ok]
    assert not list(out.glob("hoso_*"))


def test_nfd_unicode_names_round_trip(tmp_path: Path) -> None:
    import unicodedata

    src = tmp_path / "src"
    src.mkdir()
    nfd = unicodedata.normalize("NFD", "Quyết định bổ nhiệm.txt")
    nfc = unicodedata.normalize("NFC", "Công văn hỏa tốc.txt")
    (src / nfd).write_text(make_text(1), encoding="utf-8")
    (src / nfc).write_text(make_text(2), encoding="utf-8")
    if len(os.listdir(src)) != 2 or nfd not in os.listdir(src):
        pytest.skip("this filesystem normalises file names")
    out = tmp_path / "out"
    convert(src, out, workers=1)
    rows = {r["path"]: r for r in read_manifest(out)}
    assert set(rows) == {nfd, nfc}
    assert (out / (nfd + ".json")).is_file()
    assert rows[nfd]["output"] == nfd + ".json"
    summary = convert(src, out, workers=1)
    assert summary.up_to_date == 2


def make_text(i: int) -> str:
    from tests.batch.conftest import document_text

    return document_text(i)


def test_usage_errors(tmp_path: Path) -> None:
    from vanban.batch.errors import BatchUsageError

    with pytest.raises(BatchUsageError, match="does not exist"):
        convert(tmp_path / "missing", tmp_path / "out")
    (tmp_path / "file").write_text("x")
    with pytest.raises(BatchUsageError, match="not a directory"):
        convert(tmp_path, tmp_path / "file")
    with pytest.raises(BatchUsageError, match="must not be SRC"):
        convert(tmp_path, tmp_path)
    with pytest.raises(BatchUsageError, match="rule file not found"):
        convert(tmp_path, tmp_path / "out", rules=[tmp_path / "nope.toml"])


def test_src_as_fsspec_url(archive: tuple[Path, list[str]], tmp_path: Path) -> None:
    pytest.importorskip("fsspec")
    src, rels = archive
    out = tmp_path / "out"
    summary = convert(f"local://{src}", out, workers=1)
    rows = {r["path"]: r for r in read_manifest(out)}
    assert sorted(rows) == rels
    assert summary.count("ok") == 12
    doc = Document.model_validate_json((out / "hoso_0/nam_2020/cv_000.md.json").read_text())
    assert doc.source.path == f"local://{src}/hoso_0/nam_2020/cv_000.md"


def test_unreadable_directory_is_a_failed_row(
    archive: tuple[Path, list[str]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src, _ = archive
    real_scandir = os.scandir

    def scandir(path: Path) -> object:  # as if hoso_2 were chmod 000 (root ignores modes)
        if Path(path).name == "hoso_2":
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    summary = convert(src, tmp_path / "out", workers=1)
    rows = {r["path"]: r for r in read_manifest(tmp_path / "out")}
    assert rows["hoso_2"]["status"] == "failed"
    assert rows["hoso_2"]["error"] == {
        "type": "UnreadableDirectory",
        "message": "cannot list this directory (Permission denied)",
    }
    assert not any(p.startswith("hoso_2/") for p in rows)
    assert summary.exit_status == 1
