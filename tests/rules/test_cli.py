"""``vanban agency``."""

from __future__ import annotations

import json

import pytest

from vanban.cli import main

from .conftest import REPO


def test_agency_command_prints_resolution(capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["agency", "Sở TT&TT", "--province", "Đắk Nông", "--on", "2021-05-31"])
    out = json.loads(capsys.readouterr().out)
    assert status == 0
    assert out["name"] == "Sở Thông tin và Truyền thông tỉnh Đắk Nông"
    assert out["rule"] == "local:so-tttt"
    assert "Sở Khoa học và Công nghệ tỉnh Lâm Đồng" in out["successors"]
    assert out["issues"] == []


def test_agency_command_with_user_rules(capsys: pytest.CaptureFixture[str]) -> None:
    rules = str(REPO / "fixtures" / "rules" / "khanh-hoa-units.toml")
    main(["agency", "Phòng NC", "--province", "Khánh Hòa", "--rules", rules])
    out = json.loads(capsys.readouterr().out)
    assert out["name"] == "Phòng Nội chính Văn phòng Ủy ban nhân dân tỉnh Khánh Hòa"


def test_agency_command_bad_rules_file(tmp_path, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "bad.toml"
    bad.write_text("nonsense = 1\n", encoding="utf-8")
    assert main(["agency", "Sở Nội vụ", "--rules", str(bad)]) == 2
    assert "bad.toml" in capsys.readouterr().err


def test_agency_command_rejects_bad_date() -> None:
    with pytest.raises(SystemExit) as exc:
        main(["agency", "Sở Nội vụ", "--on", "31/05/2021"])
    assert exc.value.code == 2
