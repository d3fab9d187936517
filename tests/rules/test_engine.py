"""Behaviour of the resolution engine: context, time, issues, user rules, errors."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vanban.errors import RuleDataError
from vanban.rules import (
    infer_province,
    load_rules,
    normalize_agency,
    province_of,
    resolve_agency,
)

from ..conftest import SEEDS_DIR
from .conftest import REPO

FIXTURE = REPO / "fixtures" / "rules" / "khanh-hoa-units.toml"
D2021 = dt.date(2021, 5, 31)
D2026 = dt.date(2026, 3, 1)


def test_bare_tinh_takes_the_document_province() -> None:
    agency = normalize_agency("Sở TT&TT", province="Đắk Nông", on=D2021)
    assert agency.name == "Sở Thông tin và Truyền thông tỉnh Đắk Nông"
    assert (agency.id, agency.level, agency.province) == (
        "so-tttt:dak-nong",
        "province",
        "Đắk Nông",
    )
    assert agency.rule == "local:so-tttt"
    assert agency.valid_to == dt.date(2025, 2, 28)


def test_successors_follow_the_whole_2025_chain() -> None:
    agency = normalize_agency("Sở TT&TT", province="Đắk Nông", on=D2021)
    assert agency.successors[0] == "Sở Khoa học và Công nghệ tỉnh Lâm Đồng"
    assert "Sở Văn hóa, Thể thao và Du lịch tỉnh Lâm Đồng" in agency.successors
    ministry = normalize_agency("Bộ TT&TT")
    assert ministry.successors == ["Bộ Khoa học và Công nghệ", "Bộ Văn hóa, Thể thao và Du lịch"]
    assert normalize_agency("Bộ Tài chính").successors == []
    ubnd = normalize_agency("UBND tỉnh", province="Bình Thuận", on=D2021)
    assert ubnd.successors == ["Ủy ban nhân dân tỉnh Lâm Đồng"]


def test_without_province_the_place_stays_open() -> None:
    agency = normalize_agency("SỞ NỘI VỤ")
    assert (agency.name, agency.id, agency.province) == ("Sở Nội vụ", "so-noi-vu", None)
    assert normalize_agency("UBND tỉnh").name == "Ủy ban nhân dân tỉnh"


def test_on_picks_the_unit_valid_that_day() -> None:
    old = normalize_agency("Ủy ban nhân dân tỉnh Lâm Đồng", on=D2021)
    new = normalize_agency("Ủy ban nhân dân tỉnh Lâm Đồng", on=D2026)
    assert old.valid_to == dt.date(2025, 6, 30) and old.valid_from is None
    assert new.valid_from == dt.date(2025, 7, 1) and new.valid_to is None
    assert old.successors == ["Ủy ban nhân dân tỉnh Lâm Đồng"] and new.successors == []


def test_district_body_after_july_2025_gets_an_issue() -> None:
    agency, issues = resolve_agency("UBND huyện Krông Nô", province="Đắk Nông", on=D2026)
    assert agency.level == "district"
    assert agency.name == "Ủy ban nhân dân huyện Krông Nô"
    assert [i.code for i in issues] == ["agency.district_after_2025"]
    _agency, before = resolve_agency("UBND huyện Krông Nô", province="Đắk Nông", on=D2021)
    assert before == []
    group, issues = resolve_agency("UBND các huyện, thị xã, thành phố", on=D2026)
    assert group.group and [i.code for i in issues] == ["agency.district_after_2025"]


def test_body_that_no_longer_exists_gets_an_issue() -> None:
    _agency, issues = resolve_agency("Sở TT&TT", province="Lâm Đồng", on=D2026)
    assert [i.code for i in issues] == ["agency.not_valid_on"]


def test_two_equal_fits_stay_unresolved_with_an_issue(tmp_path: Path) -> None:
    extra = tmp_path / "dup.toml"
    extra.write_text(
        '[[central]]\nid = "ban-a"\nname = "Ban Alpha"\naliases = ["Ban Chung"]\n'
        '[[central]]\nid = "ban-b"\nname = "Ban Beta"\naliases = ["Ban Chung"]\n',
        encoding="utf-8",
    )
    rules = load_rules([extra])
    agency, issues = resolve_agency("BAN CHUNG", rules=rules)
    assert agency.id is None and agency.name == "BAN CHUNG"
    assert [i.code for i in issues] == ["agency.ambiguous"]
    assert "Ban Alpha" in issues[0].message and "Ban Beta" in issues[0].message


def test_date_settles_an_otherwise_equal_fit(tmp_path: Path) -> None:
    extra = tmp_path / "dated.toml"
    extra.write_text(
        '[[central]]\nid = "ban-old"\nname = "Ban Cũ"\naliases = ["Ban Chung"]\n'
        'valid_to = 2020-12-31\nsuccessors = ["ban-new"]\n'
        '[[central]]\nid = "ban-new"\nname = "Ban Mới"\naliases = ["Ban Chung"]\n'
        "valid_from = 2021-01-01\n",
        encoding="utf-8",
    )
    rules = load_rules([extra])
    assert normalize_agency("Ban Chung", on=dt.date(2019, 1, 1), rules=rules).name == "Ban Cũ"
    assert normalize_agency("Ban Chung", on=D2021, rules=rules).name == "Ban Mới"


def test_unknown_name_is_never_invented() -> None:
    agency = normalize_agency("  Tạp chí   Năm Nung ;", province="Đắk Nông")
    assert (agency.name, agency.id, agency.rule) == ("Tạp chí Năm Nung", None, None)
    assert agency.raw == "  Tạp chí   Năm Nung ;"


def test_distributive_list_is_expanded() -> None:
    agency = normalize_agency("Các Bộ: Công an, Tư pháp, Tài chính")
    assert agency.group
    assert [m.id for m in agency.members] == ["bo-cong-an", "bo-tu-phap", "bo-tai-chinh"]


def test_user_rules_merge_over_builtins() -> None:
    rules = load_rules([FIXTURE])
    assert rules.unit_name("KGVX") == "Khoa giáo - Văn xã"
    assert rules.unit_name("NC") == "Nội chính"
    assert normalize_agency("Phòng KGVX", province="Khánh Hòa").id is None
    for local in rules.data.local:
        for ex in local.examples if local.id.startswith("phong-") else []:
            got = normalize_agency(ex.raw, province=ex.province, on=ex.on, rules=rules)
            assert got.name == ex.name
    assert normalize_agency("Sở Nội vụ", province="Khánh Hòa", rules=rules).id is not None


def test_user_rule_replaces_a_builtin_by_id(tmp_path: Path) -> None:
    extra = tmp_path / "rename.toml"
    extra.write_text(
        '[[central]]\nid = "cong-bao"\nname = "Công báo Chính phủ"\naliases = ["Công báo"]\n',
        encoding="utf-8",
    )
    rules = load_rules([extra])
    assert normalize_agency("Công báo", rules=rules).name == "Công báo Chính phủ"
    assert len([b for b in rules.data.central if b.id == "cong-bao"]) == 1


def test_bad_rule_file_names_file_rule_and_field(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('[[central]]\nid = "x-1"\nname = "X"\nvalid_from = "soon"\n', encoding="utf-8")
    with pytest.raises(RuleDataError) as err:
        load_rules([bad])
    text = str(err.value)
    assert "bad.toml" in text and "x-1" in text and "central.0.valid_from" in text


def test_unknown_key_and_broken_toml_are_rule_errors(tmp_path: Path) -> None:
    typo = tmp_path / "typo.toml"
    typo.write_text('[[central]]\nid = "x"\nname = "X"\nalias = ["Y"]\n', encoding="utf-8")
    with pytest.raises(RuleDataError, match="alias"):
        load_rules([typo])
    broken = tmp_path / "broken.toml"
    broken.write_text("[[central]\n", encoding="utf-8")
    with pytest.raises(RuleDataError, match="not valid TOML"):
        load_rules([broken])
    with pytest.raises(RuleDataError, match="cannot read"):
        load_rules([tmp_path / "missing.toml"])


def test_rules_are_cached_and_not_read_at_import() -> None:
    assert load_rules() is load_rules()
    assert load_rules([FIXTURE]) is load_rules([str(FIXTURE)])
    code = (
        "import vanban, vanban.rules, sys\n"
        "mod = sys.modules.get('vanban.rules.load')\n"
        "print(mod is None or mod._load.cache_info().currsize == 0)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "True"


def test_province_of() -> None:
    assert province_of("TP. Hồ Chí Minh") == "Hồ Chí Minh"
    assert province_of("Đắk Nông, ngày 31 tháng 5 năm 2021") == "Đắk Nông"
    assert province_of("Hà Nội") == "Hà Nội"
    assert province_of("Sở Nội vụ") is None


def test_infer_province_needs_a_clear_winner() -> None:
    text = "UBND tỉnh chỉ đạo. Nghị quyết Đảng bộ tỉnh Đắk Lắk. Ngã sáu Buôn Ma Thuột."
    assert infer_province(text) == "Đắk Lắk"
    assert infer_province("Hợp tác giữa Cao Bằng và Lạng Sơn.") is None
    assert infer_province("vì hòa bình và phát triển") is None


@pytest.mark.parametrize(
    ("seed", "province"),
    [("000_f41c505c87e54982.txt", "Đắk Lắk"), ("001_7b35b2f0ac248429.txt", "Đắk Nông")],
)
def test_infer_province_on_seeds(seed: str, province: str) -> None:
    path = SEEDS_DIR / seed
    assert infer_province(path.read_text(encoding="utf-8")) == province


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_never_raises_on_content(raw: str) -> None:
    agency, issues = resolve_agency(raw, province="Đắk Nông", on=D2021)
    assert agency.raw == raw
    assert isinstance(issues, list)


@pytest.mark.perf
def test_warm_cache_is_fast() -> None:
    names = ["Sở TT&TT", "UBND tỉnh", "Các Sở, Ban, ngành", "Bộ Tài chính", "Tạp chí Năm Nung"]
    for name in names:
        resolve_agency(name, province="Đắk Nông", on=D2021)
    start = time.perf_counter()
    for _ in range(4000):
        for name in names:
            resolve_agency(name, province="Đắk Nông", on=D2021)
    rate = 20000 / (time.perf_counter() - start)
    assert rate > 50_000


@pytest.mark.parametrize(
    ("code", "province", "name"),
    [
        ("BTTTT", None, "Bộ Thông tin và Truyền thông"),
        ("BNNMT", None, "Bộ Nông nghiệp và Môi trường"),
        ("SXD", "Lâm Đồng", "Sở Xây dựng tỉnh Lâm Đồng"),
        ("STTTT", "Đắk Nông", "Sở Thông tin và Truyền thông tỉnh Đắk Nông"),
    ],
)
def test_issuer_codes_resolve(code: str, province: str | None, name: str) -> None:
    agency = normalize_agency(code, province=province)
    assert agency.name == name
    assert agency.rule is not None and agency.rule.startswith(f"issuer-code:{code}")
