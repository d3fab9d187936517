"""vanban.parse_many: every path comes back once, errors as values."""

from __future__ import annotations

from pathlib import Path

from tests.batch.conftest import make_archive
from vanban.batch import parse_many
from vanban.errors import LoadError, UnsupportedFormat, VanbanError
from vanban.models import Document


def test_parse_many_yields_each_path_once(tmp_path: Path) -> None:
    rels = make_archive(tmp_path, n=6)
    paths = [tmp_path / rel for rel in rels] + [tmp_path / "missing.txt"]
    results = dict(parse_many(iter(paths), workers=2))
    assert set(results) == set(paths)
    for rel in rels:
        result = results[tmp_path / rel]
        if rel.endswith((".txt", ".md")):
            assert isinstance(result, Document), result
            assert result.source.path == str(tmp_path / rel)
        else:
            assert isinstance(result, UnsupportedFormat)
    missing = results[tmp_path / "missing.txt"]
    assert isinstance(missing, LoadError) and isinstance(missing, VanbanError)
