"""Results are frozen: nothing a caller does to one reaches the next parse or look-up."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

import vanban
from tests.test_context import LETTER
from vanban.models import Agency


def test_a_resolved_agency_cannot_be_edited() -> None:
    a = vanban.normalize_agency("Sở TT&TT", province="Đắk Nông")
    before = a.model_dump()
    with pytest.raises(ValidationError):
        a.name = "X"
    again = vanban.normalize_agency("Sở TT&TT", province="Đắk Nông")
    assert again.model_dump() == before
    assert again.name == "Sở Thông tin và Truyền thông tỉnh Đắk Nông"


def test_a_results_lists_are_its_own() -> None:
    group = vanban.normalize_agency("VP Quốc hội, VP Chủ tịch nước, VPCP")
    assert group.group and len(group.members) == 3
    group.members.clear()
    group.successors.append("X")
    again = vanban.normalize_agency("VP Quốc hội, VP Chủ tịch nước, VPCP")
    assert len(again.members) == 3 and "X" not in again.successors


def test_an_edited_document_leaves_the_next_parse_alone() -> None:
    doc = vanban.parse_text(LETTER)
    before = doc.model_dump_json()
    with pytest.raises(ValidationError):
        doc.recipients[0].name = "X"
    first = doc.recipients[0]
    renamed = first.model_copy(update={"name": "X", "members": [Agency(raw="Y")]})
    edited = doc.model_copy(update={"recipients": [renamed], "province": "Lâm Đồng"})
    edited.distribution.clear()
    doc.issues.clear()
    assert edited.recipients[0].name == "X"
    assert vanban.parse_text(LETTER).model_dump_json() == before
