"""The layout vocabulary: the lexicon, the document types and the web chrome, built in
or extended by user rule files.

The built-in words live in ``data/lexicon.toml``, ``data/doc_types.toml`` and
``data/chrome.toml``. A user rule file (the ``rules=`` of :func:`vanban.parse`) may extend
them with three tables named after them, each holding the same keys as its built-in file::

    [[doc_types.types]]            # a new type, or one whose name is known (replaced)
    name = "Phiếu trình"
    code = "PTr"
    kind = "administrative"
    examples = ["Số: 12/PTr-VP"]
    source = "in-house e-Office"

    [lexicon.signer]               # lists are extended, tables merged key by key
    titles = ["TỔNG GIÁM ĐỐC ĐIỀU HÀNH"]

    [[chrome.pattern]]             # a new chrome line, or one whose id is known (replaced)
    id = "our-portal-footer"
    kind = "tail"
    regex = '^Cổng thông tin điện tử Sở .*$'
    examples = ["Cổng thông tin điện tử Sở Nội vụ"]

The merged words are validated with the built-in files' models, so a misspelt key or a
wrong type is a :class:`~vanban.errors.RuleDataError` that names the files.

**One vocabulary at a time.** The stages compile their patterns from the words once and
cache them (``functools`` caches in the stage modules). A parse runs inside
:func:`using`, which makes its vocabulary the active one; parses with the same vocabulary
run side by side, and one with another vocabulary waits until they are done, then clears
the stages' caches and makes its own active. Threads that mix vocabularies therefore take
turns (and recompile at each turn); a process that uses one set of rule files never waits.
"""

from __future__ import annotations

import sys
import threading
import tomllib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import regex
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from vanban.datafiles import read_rule_toml
from vanban.errors import RuleDataError

if TYPE_CHECKING:
    from vanban.extract.doctypes import DocTypeTable
    from vanban.text.lexicon import Lexicon

__all__ = [
    "VOCABULARY_TABLES",
    "ChromeFile",
    "ChromePattern",
    "Vocabulary",
    "active",
    "load_vocabulary",
    "using",
]

# The tables of a user rule file that extend the vocabulary, and their built-in files.
VOCABULARY_TABLES = {
    "lexicon": "lexicon.toml",
    "doc_types": "doc_types.toml",
    "chrome": "chrome.toml",
}
# The key that identifies an entry of a list of tables (replaced rather than added).
_ENTRY_KEYS = ("id", "name", "code")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ChromePattern(_Strict):
    """One line of web-portal chrome (``data/chrome.toml``)."""

    id: str
    kind: Literal["line", "tail"]
    regex: str
    examples: list[str] = Field(min_length=1)


class ChromeFile(_Strict):
    """The chrome data file."""

    schema_version: int
    pattern: list[ChromePattern]


@dataclass(frozen=True, eq=False)
class Vocabulary:
    """The merged, validated words of one tuple of user rule files (``()``: built in)."""

    files: tuple[Path, ...]
    lexicon: Lexicon
    doc_types: DocTypeTable
    chrome: ChromeFile


def _builtin_raw(table: str) -> dict[str, Any]:
    text = resources.files("vanban").joinpath("data", VOCABULARY_TABLES[table]).read_text("utf-8")
    return tomllib.loads(text)


def _merge(old: Any, new: Any) -> Any:
    """``new`` over ``old``: tables key by key, lists extended (an entry with a known
    ``id``/``name``/``code`` replaced), anything else replaced."""
    if isinstance(old, dict) and isinstance(new, dict):
        out = dict(old)
        for key, value in new.items():
            out[key] = _merge(old[key], value) if key in old else value
        return out
    if isinstance(old, list) and isinstance(new, list):
        return _merge_list(old, new)
    return new


def _entry_key(item: Any) -> tuple[str, Any] | None:
    if isinstance(item, dict):
        for key in _ENTRY_KEYS:
            if key in item:
                return key, item[key]
    return None


def _merge_list(old: list[Any], new: list[Any]) -> list[Any]:
    replaced = {k: item for item in new if (k := _entry_key(item)) is not None}
    out = [replaced.pop(k) if (k := _entry_key(item)) in replaced else item for item in old]
    for item in new:
        k = _entry_key(item)
        if k is None:
            if item not in out:
                out.append(item)
        elif k in replaced:
            out.append(replaced.pop(k))
    return out


def _build(files: tuple[Path, ...], extra: dict[str, dict[str, Any]]) -> Vocabulary:
    from vanban.extract.doctypes import DocTypeTable
    from vanban.text.lexicon import Lexicon

    models: dict[str, type[BaseModel]] = {
        "lexicon": Lexicon,
        "doc_types": DocTypeTable,
        "chrome": ChromeFile,
    }
    built: dict[str, Any] = {}
    for table, model in models.items():
        raw = _builtin_raw(table)
        if table in extra:
            raw = _merge(raw, extra[table])
        try:
            built[table] = model.model_validate(raw)
        except ValidationError as exc:
            err = exc.errors()[0]
            where = ".".join(str(part) for part in (table, *err["loc"]))
            named = ", ".join(str(f) for f in files) or "the built-in data"
            raise RuleDataError(
                f"{named}: {where}: {err['msg']} ({len(exc.errors())} error(s))"
            ) from exc
    # The user's chrome patterns must compile (the built-in ones are checked by the tests).
    added = {str(rule.get("id")) for rule in extra.get("chrome", {}).get("pattern", [])}
    for rule in built["chrome"].pattern:
        if rule.id not in added:
            continue
        try:
            regex.compile(rule.regex)
        except regex.error as exc:
            raise RuleDataError(f"chrome pattern {rule.id}: bad regex: {exc}") from exc
    return Vocabulary(files, built["lexicon"], built["doc_types"], built["chrome"])


def _user_tables(path: Path, raw: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The vocabulary tables of one user file's TOML, checked to be tables."""
    out: dict[str, dict[str, Any]] = {}
    for table in VOCABULARY_TABLES:
        if table in raw:
            if not isinstance(raw[table], dict):
                raise RuleDataError(f"{path}: {table} must be a table ([{table}] or [[{table}.…]])")
            out[table] = raw[table]
    return out


@cache
def _load(files: tuple[Path, ...]) -> Vocabulary:
    extra: dict[str, dict[str, Any]] = {}
    for path in files:
        for table, words in _user_tables(path, read_rule_toml(path)).items():
            extra[table] = _merge(extra[table], words) if table in extra else words
    if files and not extra:
        return _load(())  # agency rules only: the built-in words, shared
    return _build(files, extra)


def load_vocabulary(paths: Sequence[str | Path] = ()) -> Vocabulary:
    """The built-in vocabulary with the vocabulary tables of the rule files ``paths``
    merged over it (cached per tuple of resolved paths).

    Raises:
        RuleDataError: a file is unreadable, or the merged words break the data model.
    """
    return _load(tuple(Path(p).resolve() for p in paths))


_gate = threading.Condition()
_current: Vocabulary | None = None
_users = 0
_held = threading.local()  # the vocabulary this thread is inside, and how deep
# Modules whose caches hold no words of the vocabulary (the agency rules).
_KEEP_CACHES = ("vanban.rules", "vanban.vocabulary")


def active() -> Vocabulary:
    """The vocabulary of the parse running now (outside a parse: of the last one, or the
    built-in one before any)."""
    return _current if _current is not None else _load(())


def _clear_stage_caches() -> None:
    """Clear every ``functools`` cache of the stage modules: they hold patterns and
    tables compiled from the words of the vocabulary that was active."""
    for name, module in list(sys.modules.items()):
        if not name.startswith("vanban.") or name.startswith(_KEEP_CACHES) or module is None:
            continue
        for value in list(vars(module).values()):
            clear = getattr(value, "cache_clear", None)
            if callable(clear) and getattr(value, "__module__", None) == name:
                clear()


@contextmanager
def using(vocabulary: Vocabulary) -> Iterator[Vocabulary]:
    """Make ``vocabulary`` the active one while the block runs (see the module notes).

    Raises:
        RuntimeError: this thread is already inside a block with another vocabulary
            (it would wait for itself).
    """
    global _current, _users
    held = getattr(_held, "vocabulary", None)
    if held is not None and held is not vocabulary:
        raise RuntimeError("a parse with other rule files is already running in this thread")
    with _gate:
        while _users and active() is not vocabulary:
            _gate.wait()
        if active() is not vocabulary:
            _clear_stage_caches()
            _current = vocabulary
        _users += 1
    _held.vocabulary, _held.depth = vocabulary, getattr(_held, "depth", 0) + 1
    try:
        yield vocabulary
    finally:
        _held.depth -= 1
        if not _held.depth:
            _held.vocabulary = None
        with _gate:
            _users -= 1
            if not _users:
                _gate.notify_all()
