"""Output paths cannot escape OUT; the manifest log survives torn lines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from vanban.batch.manifest import ManifestLog, dumps_row, iter_rows, read_index
from vanban.batch.plan import UnsafePath, iter_tasks, matches, output_rel, resolve_output


@pytest.mark.parametrize(
    "rel",
    ["../x.txt", "a/../../x.txt", "/etc/passwd", "a//b.txt", "./a.txt", "C:/x.txt", "a\\..\\b", ""],
)
def test_unsafe_relative_paths_are_refused(rel: str, tmp_path: Path) -> None:
    with pytest.raises(UnsafePath):
        output_rel(rel)
    with pytest.raises(UnsafePath):
        resolve_output(tmp_path, rel)


def test_safe_paths_stay_inside(tmp_path: Path) -> None:
    assert output_rel("2024/Công văn ..txt") == "2024/Công văn ..txt.json"
    dest = resolve_output(tmp_path, "a/b/..c.txt.json")
    assert dest == tmp_path.resolve() / "a" / "b" / "..c.txt.json"


def test_symlinked_directory_inside_out_is_refused(tmp_path: Path) -> None:
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    out.mkdir()
    elsewhere.mkdir()
    (out / "sub").symlink_to(elsewhere, target_is_directory=True)
    with pytest.raises(UnsafePath, match="leaves the output directory"):
        resolve_output(out, "sub/deeper/x.txt.json")
    (out / "x.txt.json").symlink_to(elsewhere / "target")
    with pytest.raises(UnsafePath, match="symlink"):
        resolve_output(out, "x.txt.json")


def test_walk_is_sorted_and_complete(tmp_path: Path) -> None:
    for rel in ["b/2.txt", "a/1.txt", "a/z/3.txt", "0.txt"]:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x")
    tasks = list(iter_tasks(str(tmp_path)))
    assert [t.path for t in tasks] == ["0.txt", "a/1.txt", "a/z/3.txt", "b/2.txt"]
    assert all(t.output == t.path + ".json" and t.skip_type is None for t in tasks)


def test_globs_match_names_and_paths_ignoring_case() -> None:
    assert matches("a/b/C.PDF", ["*.pdf"]) == "*.pdf"
    assert matches("a/b/c.pdf", ["a/*"]) == "a/*"
    assert matches("a/b/c.pdf", ["b/*"]) is None


def _row(path: str, status: str = "ok", sha: str = "s1") -> dict[str, object]:
    return {
        "path": path,
        "status": status,
        "output": path + ".json",
        "sha256": sha,
        "vanban_version": "v",
    }


def test_torn_last_line_is_ignored_and_cut(tmp_path: Path) -> None:
    manifest = tmp_path / "manifest.jsonl"
    manifest.write_text(dumps_row(_row("a")) + dumps_row(_row("b")) + '{"path": "c", "sta')
    assert [r["path"] for r in iter_rows(manifest)] == ["a", "b"]
    assert set(read_index(manifest)) == {"a", "b"}
    with ManifestLog(manifest, fsync=False) as log:
        log.append(dumps_row(_row("c")))
        assert [r["path"] for r in log.this_run()] == ["c"]
    lines = manifest.read_text().splitlines()
    assert [json.loads(line)["path"] for line in lines] == ["a", "b", "c"]


def test_last_row_wins_and_failed_rows_are_not_up_to_date(tmp_path: Path) -> None:
    manifest = tmp_path / "manifest.jsonl"
    manifest.write_text(
        dumps_row(_row("a", sha="old"))
        + dumps_row(_row("a", sha="new"))
        + dumps_row(_row("b"))
        + dumps_row(_row("b", status="failed"))
    )
    index = read_index(manifest)
    assert set(index) == {"a"} and index["a"].sha256 == "new"


def test_compact_keeps_only_this_run(tmp_path: Path) -> None:
    manifest = tmp_path / "manifest.jsonl"
    manifest.write_text(dumps_row(_row("old")))
    with ManifestLog(manifest, fsync=False) as log:
        log.append(dumps_row(_row("x")))
        log.append(dumps_row(_row("y")))
        log.compact()
    assert [r["path"] for r in iter_rows(manifest)] == ["x", "y"]


def test_undecodable_names_survive_json(tmp_path: Path) -> None:
    line = dumps_row(_row("t\udcffen.txt"))
    assert line.isascii()
    assert json.loads(line)["path"] == "t\udcffen.txt"
