"""The four seed documents against golden outputs written by reading them.

The goldens live in ``fixtures/seeds/<name>.expected.json`` beside a byte-for-byte
copy of each seed; ``fixtures/seeds/README.md`` states the conventions. Each
(seed, top-level field) pair is its own test, so a failure names the field, e.g.
``001-recipients``.

Comparison rules:

* objects are compared only on the keys the golden gives (a key given as null
  must be null);
* lists element by element, in order, and of the same length;
* text after collapsing whitespace, nothing fuzzier;
* ``issues``: the golden lists issue codes that must all be present;
* a duty's ``lead`` / ``partners``: the golden lists canonical names, compared as
  a set against the names of the non-group agencies of the output.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest

import vanban
from vanban.models import Document

SEEDS_DIR = Path(__file__).resolve().parents[1] / "fixtures" / "seeds"
SEEDS = sorted(p.name.removesuffix(".expected.json") for p in SEEDS_DIR.glob("*.expected.json"))
FIELDS = [f for f in Document.model_fields if f != "schema_version"]
# source is optional in a golden (only its format). text and spans are not hand-written:
# text is the normaliser's output, and tests/test_spans.py checks that every span slices
# out of it the value it claims, on these seeds and the corpus.
UNCHECKED = {"schema_version", "source", "text", "spans"}

# Web-page chrome taken from each seed: no string anywhere in the output may contain these.
CHROME: dict[str, list[str]] = {
    "000": [
        "Cập nhật lúc",
        "Ngã sáu Buôn Ma Thuột",
        "Một góc buôn Ko Dhong",
        "Buôn làng vào hội",
    ],
    "001": ["**", "Kính gửi:", "Nơi nhận:", "Lưu:", "*nb*"],
    "002": [
        "A- A A+",
        "Chia sẻ bài viết",
        "Tăng tương phản",
        "Giảm tương phản",
        "Đ.c Đặng Trọng Thăng",
        "Tác giả:",
        "Tổng số điểm của bài viết",
        "Click để đánh giá bài viết",
        "Tin liên quan",
        "Tin tức mới",
        "Thăm dò ý kiến",
        "Theo bạn thông tin nội dung của website",
        "Thống kê truy cập",
        "Hôm nay :",
        "Hôm qua :",
        "Năm 2024 :",
    ],
    "004": [
        "Chủ nhật, 03/12/2023",
        "- Ảnh 1.",
        "Hội nghị Báo cáo viên Trung ương",
        "(Ảnh: Trang Lê)",
        "Từ khoá:",
        "banner",
        "Cổng dịch vụ công",
        "Những thông tin thủ tục hành chính",
        "Xem chi tiết",
        "Sản phẩm dịch vụ",
        "Cổng thông tin điện tử của các đơn vị thuộc Bộ",
    ],
}


def _short(seed: str) -> str:
    return seed.split("_", 1)[0]


@cache
def _golden(seed: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        (SEEDS_DIR / f"{seed}.expected.json").read_text(encoding="utf-8")
    )
    return data


@cache
def _parsed(seed: str) -> dict[str, Any]:
    return vanban.parse(SEEDS_DIR / f"{seed}.txt").model_dump(mode="json")


def _collapse(text: str) -> str:
    return " ".join(text.split())


def _diff(expected: Any, actual: Any, path: str) -> Iterator[str]:
    """Yield one message per place where ``actual`` breaks the golden ``expected``."""
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            yield f"{path}: expected an object, got {actual!r}"
            return
        for key, want in expected.items():
            sub = f"{path}.{key}"
            if key not in actual:
                yield f"{sub}: missing from the output"
            else:
                yield from _diff(want, actual[key], sub)
    elif isinstance(expected, list):
        if not isinstance(actual, list):
            yield f"{path}: expected a list, got {actual!r}"
            return
        if len(expected) != len(actual):
            yield f"{path}: expected {len(expected)} items, got {len(actual)}: {actual!r}"
            return
        for i, (want, got) in enumerate(zip(expected, actual, strict=True)):
            yield from _diff(want, got, f"{path}[{i}]")
    elif isinstance(expected, str):
        if not isinstance(actual, str) or _collapse(expected) != _collapse(actual):
            yield f"{path}: expected {expected!r}, got {actual!r}"
    elif type(expected) is not type(actual) or expected != actual:
        yield f"{path}: expected {expected!r}, got {actual!r}"


def _diff_names(expected: list[str], actual: Any, path: str) -> Iterator[str]:
    """A duty's lead/partners: golden names as a set against the output's specific bodies."""
    if not isinstance(actual, list):
        yield f"{path}: expected a list, got {actual!r}"
        return
    got = {_collapse(a.get("name") or "") for a in actual if not a.get("group")}
    want = {_collapse(n) for n in expected}
    if got != want:
        yield f"{path}: missing {sorted(want - got)}, unexpected {sorted(got - want)}"


def _diff_field(field: str, expected: Any, actual: Any) -> list[str]:
    if field == "issues":
        codes = {i["code"] for i in actual}
        missing = [c for c in expected if c not in codes]
        return [f"issues: missing codes {missing}, output has {sorted(codes)}"] if missing else []
    if field == "duties":
        return list(_diff_duties(expected, actual))
    return list(_diff(expected, actual, field))


def _diff_duties(expected: list[dict[str, Any]], actual: Any) -> Iterator[str]:
    if not isinstance(actual, list) or len(actual) != len(expected):
        got = len(actual) if isinstance(actual, list) else actual
        yield f"duties: expected {len(expected)} duties, got {got}"
        return
    for i, (want, got) in enumerate(zip(expected, actual, strict=True)):
        names = {k: want[k] for k in ("lead", "partners") if k in want}
        rest = {k: v for k, v in want.items() if k not in names}
        yield from _diff(rest, got, f"duties[{i}]")
        for key, wanted in names.items():
            yield from _diff_names(wanted, got.get(key), f"duties[{i}].{key}")


def _cases() -> list[Any]:
    return [
        pytest.param(seed, field, id=f"{_short(seed)}-{field}")
        for seed in SEEDS
        for field in FIELDS
        if field in _golden(seed)
    ]


def test_every_seed_has_a_golden() -> None:
    seeds = sorted(p.stem for p in SEEDS_DIR.glob("*.txt"))
    assert seeds and seeds == SEEDS


@pytest.mark.parametrize("seed", SEEDS, ids=_short)
def test_golden_names_every_field(seed: str) -> None:
    keys = set(_golden(seed))
    assert keys <= set(Document.model_fields), keys - set(Document.model_fields)
    missing = set(Document.model_fields) - UNCHECKED - keys
    assert not missing, f"the golden of {seed} leaves out {sorted(missing)}"


@pytest.mark.parametrize(("seed", "field"), _cases())
def test_golden_field(seed: str, field: str) -> None:
    problems = _diff_field(field, _golden(seed)[field], _parsed(seed)[field])
    assert not problems, "\n".join(problems)


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


@pytest.mark.parametrize("seed", SEEDS, ids=_short)
def test_chrome_strings_come_from_the_seed(seed: str) -> None:
    text = (SEEDS_DIR / f"{seed}.txt").read_text(encoding="utf-8")
    chrome = CHROME[_short(seed)]
    assert chrome
    assert [c for c in chrome if c not in text] == []


@pytest.mark.parametrize("seed", SEEDS, ids=_short)
def test_no_chrome_in_output(seed: str) -> None:
    doc = _parsed(seed)
    doc.pop("source")  # the path and hash are not content
    doc.pop("text")  # the normalised input, not a value read from it (bylines stay in it)
    leaks = {(c, s) for s in _strings(doc) for c in CHROME[_short(seed)] if c in s}
    assert not leaks, sorted(leaks)


@pytest.mark.parametrize("seed", SEEDS, ids=_short)
def test_golden_agrees_with_itself(seed: str) -> None:
    """The comparison accepts the golden as its own output (guards the comparator)."""
    golden = _golden(seed)
    for field, want in golden.items():
        actual = _as_output(field, want)
        assert _diff_field(field, want, actual) == [], field


def _as_output(field: str, value: Any) -> Any:
    """Turn a golden value into the shape the parser outputs (issues, lead/partners)."""
    if field == "issues":
        return [{"code": c, "message": "", "field": None} for c in value]
    if field == "duties":
        return [
            {
                **d,
                "lead": [{"name": n, "group": False} for n in d.get("lead", [])],
                "partners": [{"name": n, "group": False} for n in d.get("partners", [])],
            }
            for d in value
        ]
    return value


def test_comparator_catches_differences() -> None:
    assert list(_diff({"a": "x  y"}, {"a": "x y", "b": 1}, "f")) == []
    assert list(_diff({"a": None}, {"a": "x"}, "f"))
    assert list(_diff({"a": 1}, {}, "f"))
    assert list(_diff(["x"], ["x", "y"], "f"))
    assert list(_diff(["x", "y"], ["y", "x"], "f"))
    assert list(_diff(False, 0, "f"))
    lead = [{"name": "A", "group": False}, {"name": "G", "group": True}]
    assert list(_diff_names(["A"], lead, "lead")) == []
    assert list(_diff_names(["A", "B"], lead, "lead"))
    assert _diff_field("issues", ["x.y"], [{"code": "x.y"}, {"code": "z"}]) == []
    assert _diff_field("issues", ["x.y"], [{"code": "z"}])
