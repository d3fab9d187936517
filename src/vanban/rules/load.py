"""Read, validate and merge the agency data files.

The built-in files live in ``vanban/data/agencies``; user rule files (TOML, same
tables) are merged over them: an entry whose ``id`` (or ``code``) is already
known replaces the built-in one, anything else is added. Nothing is read at
import time; :func:`load_rules` caches one compiled :class:`RuleSet` per tuple of
resolved paths.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from vanban.datafiles import read_rule_toml
from vanban.errors import RuleDataError
from vanban.rules.index import RuleSet
from vanban.rules.schema import DataFile
from vanban.vocabulary import VOCABULARY_TABLES

__all__ = ["builtin_files", "load_rules", "read_data_file"]

_BUILTIN = (
    "central.toml",
    "local.toml",
    "provinces.toml",
    "abbreviations.toml",
    "groups.toml",
    "issuer_codes.toml",
)


def builtin_files() -> list[Path]:
    """The paths of the built-in data files, in load order."""
    root = resources.files("vanban") / "data" / "agencies"
    return [Path(str(root / name)) for name in _BUILTIN]


def read_data_file(path: Path) -> DataFile:
    """Parse and validate one TOML data file.

    Raises:
        RuleDataError: the file is missing, is not TOML, or breaks the schema; the
            message names the file, the rule id and the field path.
    """
    raw = read_rule_toml(path)
    # The vocabulary tables ([lexicon], [doc_types], [chrome]) are read by vanban.vocabulary.
    agency = {k: v for k, v in raw.items() if k not in VOCABULARY_TABLES}
    try:
        return DataFile.model_validate(agency)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = err["loc"]
        rule_id = _rule_id(raw, loc)
        where = ".".join(str(part) for part in loc)
        raise RuleDataError(
            f"{path}: rule {rule_id or '?'}: {where}: {err['msg']} ({len(exc.errors())} error(s))"
        ) from exc


def _rule_id(raw: dict[str, Any], loc: tuple[int | str, ...]) -> str | None:
    if len(loc) >= 2 and isinstance(loc[0], str) and isinstance(loc[1], int):
        table = raw.get(loc[0])
        if isinstance(table, list) and loc[1] < len(table) and isinstance(table[loc[1]], dict):
            entry = table[loc[1]]
            found = entry.get("id") or entry.get("code") or entry.get("expansion")
            return str(found) if found is not None else f"{loc[0]}[{loc[1]}]"
    return None


def _merge(base: DataFile, extra: DataFile) -> DataFile:
    merged: dict[str, Any] = {}
    for name in DataFile.model_fields:
        old, new = getattr(base, name), getattr(extra, name)
        if name == "district_level_end":
            merged[name] = new or old
        elif isinstance(old, dict):
            merged[name] = {**old, **new}
        elif name in ("stopwords", "collective_places", "suffixes", "subunit_heads"):
            merged[name] = [*old, *(x for x in new if x not in old)]
        else:
            merged[name] = _merge_list(old, new)
    return DataFile.model_construct(**merged)


def _merge_list(old: list[Any], new: list[Any]) -> list[Any]:
    def key(item: Any) -> str | None:
        return getattr(item, "id", None) or getattr(item, "code", None)

    replaced = {key(item): item for item in new if key(item)}
    out = [replaced.pop(key(item), item) if key(item) in replaced else item for item in old]
    out.extend(item for item in new if key(item) is None or key(item) in replaced)
    return out


@cache
def _load(paths: tuple[Path, ...]) -> RuleSet:
    data = DataFile()
    for path in builtin_files():
        data = _merge(data, read_data_file(path))
    for path in paths:
        data = _merge(data, read_data_file(path))
    return RuleSet.build(data, user_files=paths)


def load_rules(paths: Sequence[str | Path] = ()) -> RuleSet:
    """The built-in rules with the user rule files ``paths`` merged over them.

    Cached per tuple of resolved paths; the data is read on first use.

    Raises:
        RuleDataError: a file is unreadable or breaks the schema, or the merged
            data is inconsistent (duplicate ids, unknown successor, …).
    """
    return _load(tuple(Path(p).resolve() for p in paths))
