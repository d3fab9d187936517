"""The layout vocabulary (data/layout.toml) and where Vietnamese words may live in code."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
import regex

from vanban.text.anchors import anchored, anchors, fragment, searcher

SRC = Path(__file__).resolve().parents[2] / "src" / "vanban"
REGEX_CALLS = {
    "compile",
    "search",
    "match",
    "fullmatch",
    "sub",
    "subn",
    "findall",
    "finditer",
    "split",
}

# Modules whose regexes still spell Vietnamese words in code, with how many such
# literals each has (issue #11, item 3). Every module's have moved to the data files:
# the test below fails on any new one (a module listed here could keep that many).
NOT_YET_IN_DATA: dict[str, int] = {}

EXAMPLES = [(name, text, True) for name, a in anchors().anchors.items() for text in a.match] + [
    (name, text, False) for name, a in anchors().anchors.items() for text in a.no_match
]


@pytest.mark.parametrize(
    ("name", "text", "found"), EXAMPLES, ids=[f"{n}:{t[:30]}" for n, t, _ in EXAMPLES]
)
def test_anchor_examples(name: str, text: str, found: bool) -> None:
    assert (anchored(name).match(text) is not None) is found


@pytest.mark.parametrize("name", sorted(anchors().anchors))
def test_every_anchor_compiles(name: str) -> None:
    # data/layout.toml is read without compiling (start-up cost): a broken pattern shows here.
    try:
        regex.compile(anchors().anchors[name].pattern)
    except regex.error as exc:
        pytest.fail(f"anchor {name!r} does not compile: {exc}")


def test_fragment_composes_with_its_case_flag() -> None:
    assert fragment("noi_nhan").startswith("(?i:")
    assert fragment("party_motto").startswith("(?:")
    assert searcher("party_motto").search("Đảng Cộng sản Việt Nam") is None
    assert searcher("quoc_hieu").search("… cộng hòa xã hội chủ nghĩa …") is not None


def _literal(node: ast.expr) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(
            v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str)
        )
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return (_literal(node.left) or "") + (_literal(node.right) or "")
    return None


def vietnamese_regex_literals(source: str) -> list[int]:
    """Lines of ``regex.X(...)``/``re.X(...)`` calls whose pattern literal spells a non-ASCII letter."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.args):
            continue
        func = node.func
        if not (
            func.attr in REGEX_CALLS
            and isinstance(func.value, ast.Name)
            and func.value.id in {"regex", "re"}
        ):
            continue
        text = _literal(node.args[0])
        if text and any(ord(c) > 127 and c.isalpha() for c in text):
            lines.append(node.lineno)
    return lines


def test_the_scanner_sees_a_vietnamese_pattern() -> None:
    assert vietnamese_regex_literals('import regex\nX = regex.compile(r"^Kính\\s+gửi")\n') == [2]
    assert vietnamese_regex_literals('import regex\nX = regex.compile(rf"^{y}\\s+")\n') == []


def test_vietnamese_words_in_regexes_live_in_data() -> None:
    found = {}
    for path in sorted(SRC.rglob("*.py")):
        rel = path.relative_to(SRC).as_posix()
        if rel == "text/anchors.py":
            continue
        lines = vietnamese_regex_literals(path.read_text("utf-8"))
        if lines:
            found[rel] = lines
    over = {rel: lines for rel, lines in found.items() if len(lines) > NOT_YET_IN_DATA.get(rel, 0)}
    assert not over, f"Vietnamese words in a regex literal: put them in a data file ({over})"
    assert not any(rel.startswith("loaders/") for rel in found)
