"""parse_number / find_numbers on real and damaged forms (design/domain.md §1.5.3, §2.2, §2.4)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vanban.extract.number import find_numbers, parse_number

# (printed, raw, seq, year, type_code, issuer_code, unit_code, party)
ROWS = [
    pytest.param("2680/UBND-KGVX", "2680/UBND-KGVX", "2680", None, None, "UBND", "KGVX", False, id="cong-van"),
    pytest.param("Số: **2680** /UBND-KGVX", "2680/UBND-KGVX", "2680", None, None, "UBND", "KGVX", False, id="seed001-markdown"),
    pytest.param("2680 /UBND-KGVX", "2680/UBND-KGVX", "2680", None, None, "UBND", "KGVX", False, id="space-before-slash"),
    pytest.param("13    /2025/QĐ-UBND", "13/2025/QĐ-UBND", "13", 2025, "QĐ", "UBND", None, False, id="hn-spaces"),
    pytest.param("Số: 13    /2025/QĐ-UBND", "13/2025/QĐ-UBND", "13", 2025, "QĐ", "UBND", None, False, id="with-so-prefix"),
    pytest.param("Luật số: 121/2025/QH15", "121/2025/QH15", "121", 2025, None, "QH15", None, False, id="luat-so"),
    pytest.param("09/2017/NĐ-CP", "09/2017/NĐ-CP", "09", 2017, "NĐ", "CP", None, False, id="vbqppl"),
    pytest.param("3027/QĐUBND", "3027/QĐ-UBND", "3027", None, "QĐ", "UBND", None, False, id="lost-hyphen-qd"),
    pytest.param("63/2010/NĐCP", "63/2010/NĐ-CP", "63", 2010, "NĐ", "CP", None, False, id="lost-hyphen-nd"),
    pytest.param("365/TTrSNV", "365/TTr-SNV", "365", None, "TTr", "SNV", None, False, id="lost-hyphen-ttr"),
    pytest.param("361/2025/ND-CP", "361/2025/ND-CP", "361", 2025, "NĐ", "CP", None, False, id="d-for-dj"),
    pytest.param("102/2017/NÐ-CP", "102/2017/NĐ-CP", "102", 2017, "NĐ", "CP", None, False, id="icelandic-eth"),
    pytest.param("279/2002/qđ-ttg", "279/2002/qđ-ttg", "279", 2002, "QĐ", "ttg", None, False, id="lower-case"),
    pytest.param("18/NQ-TW", "18/NQ-TW", "18", None, "NQ", "TW", None, True, id="party-slash-form"),
    pytest.param("35-NQ/TW", "35-NQ/TW", "35", None, "NQ", "TW", None, True, id="party"),
    pytest.param("08-QĐi/TW", "08-QĐi/TW", "08", None, "QĐi", "TW", None, True, id="party-quy-dinh"),
    pytest.param("3398-CV/BTGTU", "3398-CV/BTGTU", "3398", None, "CV", "BTGTU", None, True, id="party-cong-van"),
    pytest.param("10-TT/TW", "10-TT/TW", "10", None, "TT", "TW", None, True, id="party-thong-tri"),
    pytest.param("/UBND-NC", "/UBND-NC", None, None, None, "UBND", "NC", False, id="draft-blank"),
    pytest.param("/BC-UBND", "/BC-UBND", None, None, "BC", "UBND", None, False, id="draft-blank-typed"),
    pytest.param("…/QĐ-UBND", "…/QĐ-UBND", None, None, "QĐ", "UBND", None, False, id="draft-ellipsis"),
    pytest.param("......./2025/QĐ-UBND", "......./2025/QĐ-UBND", None, 2025, "QĐ", "UBND", None, False, id="draft-dots-year"),
    pytest.param("121/2025/QH15", "121/2025/QH15", "121", 2025, None, "QH15", None, False, id="quoc-hoi"),
    pytest.param("96/2025/UBTVQH15", "96/2025/UBTVQH15", "96", 2025, None, "UBTVQH15", None, False, id="ubtvqh"),
    pytest.param("351/2017/UBTVQH14", "351/2017/UBTVQH14", "351", 2017, None, "UBTVQH14", None, False, id="ubtvqh14"),
    pytest.param("89/2016/TTLT-BTC-BCT", "89/2016/TTLT-BTC-BCT", "89", 2016, "TTLT", "BTC-BCT", None, False, id="joint"),
    pytest.param("29/2025/TTLT-BTP-BCA-BQP-BTC-TANDTC-VKSNDTC", "29/2025/TTLT-BTP-BCA-BQP-BTC-TANDTC-VKSNDTC", "29", 2025, "TTLT", "BTP-BCA-BQP-BTC-TANDTC-VKSNDTC", None, False, id="joint-six"),
    pytest.param("66.3/2025/NQ-CP", "66.3/2025/NQ-CP", "66.3", 2025, "NQ", "CP", None, False, id="dotted-seq"),
    pytest.param("02-02/26/PT-NC", "02-02/26/PT-NC", "02-02", 2026, "PT", "NC", None, False, id="routing-form-short-year"),
    pytest.param("81/2025/TT-", "81/2025/TT-", "81", 2025, "TT", None, None, False, id="truncated"),
    pytest.param("54/VBHN-VPQH", "54/VBHN-VPQH", "54", None, "VBHN", "VPQH", None, False, id="vbhn"),
    pytest.param("20/VBHN-VPQH/2025", "20/VBHN-VPQH/2025", "20", 2025, "VBHN", "VPQH", None, False, id="vbhn-trailing-year"),
    pytest.param("299/TTg", "299/TTg", "299", None, None, "TTg", None, False, id="old-ttg"),
    pytest.param("3722/VPCP-CN", "3722/VPCP-CN", "3722", None, None, "VPCP", "CN", False, id="vpcp"),
    pytest.param("2739/VPCP-ĐMDN", "2739/VPCP-ĐMDN", "2739", None, None, "VPCP", "ĐMDN", False, id="vpcp-dmdn"),
    pytest.param("05/2025/L-CTN", "05/2025/L-CTN", "05", 2025, "L", "CTN", None, False, id="lenh"),
    pytest.param("15/HĐ-UBND", "15/HĐ-UBND", "15", None, "HĐ", "UBND", None, False, id="hop-dong"),
    pytest.param("15/HD-UBND", "15/HD-UBND", "15", None, "HD", "UBND", None, False, id="huong-dan"),
    pytest.param("05/ĐA-UBND", "05/ĐA-UBND", "05", None, "ĐA", "UBND", None, False, id="de-an"),
    pytest.param("05/DA-UBND", "05/DA-UBND", "05", None, "DA", "UBND", None, False, id="du-an"),
    pytest.param("2680/UBND-KGVX.", "2680/UBND-KGVX", "2680", None, None, "UBND", "KGVX", False, id="trailing-dot"),
    pytest.param("12/QĐ-UBND-NC", "12/QĐ-UBND-NC", "12", None, "QĐ", "UBND", "NC", False, id="typed-with-unit"),
    # A công văn of an issuer whose code is also a type code (Cục Thuế "CT") reads as a
    # Chỉ thị: the number alone cannot tell them apart.
    pytest.param("1234/CT-TTHT", "1234/CT-TTHT", "1234", None, None, "CT", "TTHT", False, id="cuc-thue-ambiguous", marks=pytest.mark.xfail(strict=True)),
]  # fmt: skip


@pytest.mark.parametrize(
    ("printed", "raw", "seq", "year", "type_code", "issuer", "unit", "party"), ROWS
)
def test_parse_number(
    printed: str,
    raw: str,
    seq: str | None,
    year: int | None,
    type_code: str | None,
    issuer: str | None,
    unit: str | None,
    party: bool,
) -> None:
    n = parse_number(printed)
    assert n is not None
    got = (n.raw, n.seq, n.year, n.type_code, n.issuer_code, n.unit_code, n.party)
    assert got == (raw, seq, year, type_code, issuer, unit, party)


@pytest.mark.parametrize(
    "printed", ["", "   ", "abc", "ĐI", "14/9/2021", "2021-2025", "Số:", "COVID-19", "1/2"]
)
def test_not_a_number(printed: str) -> None:
    assert parse_number(printed) is None


def test_find_numbers_in_running_text() -> None:
    text = (
        "Căn cứ Nghị định số 09/2017/NĐ-CP ngày 09/02/2017, Nghị quyết số 35-NQ/TW, "
        "văn bản 3027/QĐUBND; COVID-19, giai đoạn 2021-2025, 6 tháng/lần."
    )
    found = find_numbers(text)
    assert [n.raw for _, _, n in found] == ["09/2017/NĐ-CP", "35-NQ/TW", "3027/QĐ-UBND"]
    start, end, _ = found[0]
    assert text[start:end] == "09/2017/NĐ-CP"


def test_find_numbers_window() -> None:
    text = "số 1/UBND-VX và số 2/UBND-VX"
    assert [n.seq for _, _, n in find_numbers(text, 10)] == ["2"]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789/-.… QĐUBNDCPTWHqđ:Số", max_size=40))
def test_parse_number_never_raises(raw: str) -> None:
    n = parse_number(raw)
    assert n is None or (n.raw and "/" in n.raw)
