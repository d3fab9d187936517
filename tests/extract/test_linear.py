"""Adversarial inputs: every extractor stays linear (fuzzed with 200,000 repetitions)."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from vanban.extract.citations import extract_citations
from vanban.extract.dates import find_dates
from vanban.extract.doctypes import doc_type_by_name
from vanban.extract.number import find_numbers, parse_number

from ..conftest import Timing

N = 200_000
BUDGET = 2.0  # seconds, on a slow CI core (``-m perf``)
LOOSE = 20.0  # the default run: a quadratic path on 200,000 repetitions takes hours

INPUTS = {
    "so-slashes": "Số: " + "1/" * N,
    "so-hyphens": "Số: " + "1-" * N,
    "blank-dots": "Số: " + "." * N + "/",
    "spaces-then-slash": "Số: 13" + " " * N + "/",
    "ngay-spaces": "ngày" + " " * N,
    "ngay-repeated": "ngày " * N,
    "thang-repeated": "1 tháng " * (N // 2),
    "digits-dots": "1." * N,
    "nghi-dinh-so": "Nghị định số " * (N // 4),
    "cua-words": "Nghị định số 1/2020/NĐ-CP của " + "Bộ " * N,
    "law-words": "Luật " + "Báo " * N,
    "quote-open": "Quyết định số 1/QĐ-UBND về “" + "a " * N,
    "cac-colon": "các Nghị định: " * (N // 4),
    "comma-runs": "Chỉ thị số 1/CT-TTg" + ", " * N,
}


def _timed(fn: Callable[[str], object], text: str) -> float:
    start = time.perf_counter()
    fn(text)
    return time.perf_counter() - start


@pytest.mark.timeout(30)
@pytest.mark.parametrize("name", sorted(INPUTS))
@pytest.mark.parametrize(
    "fn",
    [parse_number, find_numbers, find_dates, extract_citations, doc_type_by_name],
    ids=["parse_number", "find_numbers", "find_dates", "extract_citations", "doc_type_by_name"],
)
def test_linear(fn: Callable[[str], object], name: str, timing: Timing) -> None:
    assert _timed(fn, INPUTS[name]) < timing.bound(BUDGET, LOOSE)


def test_parse_number_long_slashes_is_none() -> None:
    assert parse_number("Số: " + "1/" * N) is None


@pytest.mark.timeout(120)
def test_hundred_thousand_citations(timing: Timing) -> None:
    text = "; ".join(f"Nghị định số {i}/2020/NĐ-CP ngày 01/01/2020" for i in range(100_000))
    start = time.perf_counter()
    cits = extract_citations(text)
    elapsed = time.perf_counter() - start
    assert len(cits) == 100_000
    assert cits[-1].number is not None and cits[-1].number.seq == "99999"
    # ~7 s measured on a loaded 2-core box; quadratic would be hours
    assert elapsed < timing.bound(30.0, 100.0)


@pytest.mark.timeout(120)
def test_hundred_thousand_item_group(timing: Timing) -> None:
    text = "các văn bản " + ", ".join(f"số {i}/UBND-VX" for i in range(1, 100_001))
    start = time.perf_counter()
    cits = extract_citations(text)
    assert time.perf_counter() - start < timing.bound(30.0, 100.0)
    assert len(cits) == 100_000 and all(c.doc_type is not None for c in cits[:10])
