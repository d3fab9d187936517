"""doc_type_by_name / doc_type_by_code and the integrity of data/doc_types.toml."""

from __future__ import annotations

import pytest
import regex

from vanban.extract.doctypes import (
    doc_type_by_code,
    doc_type_by_name,
    fold,
    table,
    type_name_pattern,
)
from vanban.extract.number import parse_number

NAMES = [
    pytest.param("QUYẾT ĐỊNH", "Quyết định", "QĐ", id="qd-heading"),
    pytest.param("Kế hoạch", "Kế hoạch", "KH", id="kh"),
    pytest.param("CÔNG VĂN", "Công văn", None, id="cong-van-no-code"),
    pytest.param("công văn", "Công văn", None, id="cong-van-lower"),
    pytest.param("Nghị định", "Nghị định", "NĐ", id="nd"),
    pytest.param("THÔNG TƯ LIÊN TỊCH", "Thông tư liên tịch", "TTLT", id="ttlt-longest"),
    pytest.param("THÔNG TƯ", "Thông tư", "TT", id="tt"),
    pytest.param("Luật", "Luật", None, id="luat"),
    pytest.param("Chỉ thị", "Chỉ thị", "CT", id="ct"),
    pytest.param("Tờ trình", "Tờ trình", "TTr", id="ttr"),
    pytest.param("Báo cáo", "Báo cáo", "BC", id="bc"),
    pytest.param("Thông báo", "Thông báo", "TB", id="tb"),
    pytest.param("Giấy mời", "Giấy mời", "GM", id="gm"),
    pytest.param("Hướng dẫn", "Hướng dẫn", "HD", id="hd"),
    pytest.param("Công điện", "Công điện", "CĐ", id="cd"),
    pytest.param("Kết luận", "Kết luận", "KL", id="party-kl"),
    pytest.param("Văn bản hợp nhất", "Văn bản hợp nhất", None, id="vbhn"),
    pytest.param("BẢN THOẢ THUẬN", "Bản thỏa thuận", "BTT", id="tone-new-style"),
    pytest.param("BẢN THỎA THUẬN", "Bản thỏa thuận", "BTT", id="tone-old-style"),
    pytest.param("Giấy uỷ quyền", "Giấy ủy quyền", "GUQ", id="uy-new-style"),
    pytest.param("Hợp đồng", "Hợp đồng", "HĐ", id="hop-dong"),
    pytest.param("Luật Báo chí", "Luật", None, id="prefix-luat"),
    pytest.param("Bộ luật Hình sự", "Bộ luật", None, id="prefix-bo-luat"),
    pytest.param("QUYẾT ĐỊNH:", "Quyết định", "QĐ", id="trailing-colon"),
    pytest.param("Chương trình hành động", "Chương trình", "CTr", id="party-ctr"),
]


@pytest.mark.parametrize(("text", "name", "code"), NAMES)
def test_doc_type_by_name(text: str, name: str, code: str | None) -> None:
    found = doc_type_by_name(text)
    assert found is not None
    assert (found.name, found.code) == (name, code)


@pytest.mark.parametrize("text", ["", "Điều 5", "Ủy ban nhân dân", "Quyết", "Nghị", "Thông"])
def test_not_a_type_name(text: str) -> None:
    assert doc_type_by_name(text) is None


CODES = [
    ("QĐ", "Quyết định", "QĐ"), ("KH", "Kế hoạch", "KH"), ("NĐ", "Nghị định", "NĐ"),
    ("TT", "Thông tư", "TT"), ("TTLT", "Thông tư liên tịch", "TTLT"), ("NQ", "Nghị quyết", "NQ"),
    ("CT", "Chỉ thị", "CT"), ("TTr", "Tờ trình", "TTr"), ("BC", "Báo cáo", "BC"),
    ("TB", "Thông báo", "TB"), ("GM", "Giấy mời", "GM"), ("HD", "Hướng dẫn", "HD"),
    ("HĐ", "Hợp đồng", "HĐ"), ("ĐA", "Đề án", "ĐA"), ("DA", "Dự án", "DA"),
    ("CĐ", "Công điện", "CĐ"), ("KL", "Kết luận", "KL"), ("QĐi", "Quy định", "QĐi"),
    ("ND", "Nghị định", "NĐ"), ("QD", "Quyết định", "QĐ"), ("qđ", "Quyết định", "QĐ"),
    ("GN", "Bản ghi nhớ", "BGN"), ("TTh", "Bản thỏa thuận", "BTT"), ("NP", "Giấy nghỉ phép", "GNP"),
    ("QyĐ", "Quy định", "QyĐ"), ("CTr", "Chương trình", "CTr"),
]  # fmt: skip


@pytest.mark.parametrize(("code", "name", "canonical"), CODES, ids=[c[0] for c in CODES])
def test_doc_type_by_code(code: str, name: str, canonical: str) -> None:
    found = doc_type_by_code(code)
    assert found is not None
    assert (found.name, found.code) == (name, canonical)


@pytest.mark.parametrize(
    "code", ["QH15", "UBTVQH14", "CTN", "L", "VBHN", "UBND", "CP", "TTg", "BNV", "TW", "", "X"]
)
def test_not_a_type_code(code: str) -> None:
    assert doc_type_by_code(code) is None


def test_party_codes() -> None:
    thong_tri = doc_type_by_code("TT", party=True)
    assert thong_tri is not None and thong_tri.name == "Thông tri"
    assert doc_type_by_code("QĐ", party=True) == doc_type_by_code("QĐ")


def test_type_name_pattern_longest_first() -> None:
    pattern = regex.compile(rf"(?i:{type_name_pattern()})")
    m = pattern.match("THÔNG TƯ LIÊN TỊCH số 89/2016/TTLT-BTC-BCT")
    assert m is not None and m.group(0) == "THÔNG TƯ LIÊN TỊCH"
    assert pattern.match("Bản thoả thuận") is not None
    assert pattern.match("Giấy uỷ quyền") is not None


# --- data integrity ------------------------------------------------------------------


def test_names_unique() -> None:
    keys = [fold(n) for e in table().types for n in (e.name, *e.names)]
    assert len(keys) == len(set(keys))


def test_state_codes_unique_and_case_distinct() -> None:
    codes = [c for e in table().types for c in ([e.code] if e.code else []) + e.aliases]
    assert len(codes) == len(set(codes))
    assert {"HĐ", "HD", "ĐA", "DA"} <= set(codes)


def test_party_codes_unique() -> None:
    codes = [e.party_code for e in table().types if e.party_code]
    assert len(codes) == len(set(codes))


def test_type_slot_codes_are_no_types() -> None:
    for code in table().type_slot_codes:
        assert doc_type_by_code(code) is None


@pytest.mark.parametrize("entry", table().types, ids=lambda e: e.name)
def test_every_example_parses_to_its_type(entry: object) -> None:
    from vanban.extract.doctypes import DocTypeEntry

    assert isinstance(entry, DocTypeEntry)
    for example in entry.examples:
        found = doc_type_by_name(example)
        assert found is not None and found.name == entry.name, example
        m = regex.search(r"\d[\d.]*[-/]\S+", example)
        if m is None:
            continue
        number = parse_number(m.group(0).rstrip(","))
        assert number is not None, example
        if number.type_code and number.type_code not in table().type_slot_codes:
            by_code = doc_type_by_code(number.type_code, party=number.party)
            assert by_code is not None and by_code.name == entry.name, example
