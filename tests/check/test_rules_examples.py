"""Every rule's examples from data/check_rules.toml: passing ones do not report it,
failing ones do; and the template with its defaults (a conformant công văn) has no error."""

from __future__ import annotations

import pytest

from tests.check.conftest import DEFAULTS, HERE, render
from vanban.checker import catalog, check_text

RULES = catalog().rule
CASES = [
    pytest.param(rule.code, slots, kind, id=f"{rule.code}-{kind}{i}")
    for rule in RULES
    for kind, examples in (("pass", rule.passing), ("fail", rule.failing))
    for i, slots in enumerate(examples)
]


@pytest.mark.parametrize(("code", "slots", "kind"), CASES)
def test_example(code: str, slots: dict[str, str], kind: str) -> None:
    codes = [d.code for d in check_text(render(slots))]
    if kind == "pass":
        assert code not in codes
    else:
        assert code in codes


# Rules whose failing case a template cannot hold; tests/check/test_check.py has them.
NO_TEMPLATE_FAIL = {"nd30.text.no_diacritics", "nd30.text.unreliable"}


def test_every_rule_has_examples_both_ways() -> None:
    for rule in RULES:
        assert rule.passing, rule.code
        assert bool(rule.failing) != (rule.code in NO_TEMPLATE_FAIL), rule.code


def test_slots_are_known() -> None:
    for rule in RULES:
        for slots in (*rule.passing, *rule.failing):
            assert set(slots) <= set(DEFAULTS), rule.code


def test_conformant_cong_van_has_no_diagnostic() -> None:
    text = render({})
    assert text.rstrip("\n") == (HERE / "conformant_cv.txt").read_text("utf-8").rstrip("\n")
    assert check_text(text) == []
