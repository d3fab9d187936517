"""Every rule's ``examples`` in the data files is a check."""

from __future__ import annotations

import pytest

from vanban.rules import load_rules, normalize_agency
from vanban.rules.schema import Example


def _examples() -> list[tuple[str, Example]]:
    data = load_rules().data
    out: list[tuple[str, Example]] = []
    tables = (data.central, data.local, data.groups, data.distributive, data.attached)
    for table in tables:
        for rule in table:
            out.extend((rule.id, ex) for ex in rule.examples)
    return out


EXAMPLES = _examples()


def test_there_are_many_examples() -> None:
    assert len(EXAMPLES) >= 80


@pytest.mark.parametrize(
    ("rule_id", "example"), EXAMPLES, ids=[f"{r}:{e.raw}" for r, e in EXAMPLES]
)
def test_example(rule_id: str, example: Example) -> None:
    agency = normalize_agency(example.raw, province=example.province, on=example.on)
    if example.name is not None:
        assert agency.name == example.name
        assert agency.id is not None or agency.group, "resolved to no rule"
    if example.group:
        assert agency.group
    if example.level is not None:
        assert agency.level == example.level
    if example.members:
        assert [m.name for m in agency.members] == example.members
    if not example.group and example.name is not None:
        assert agency.rule is not None
