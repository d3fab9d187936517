"""Shared fixtures for the agency rule engine tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from vanban.rules import RuleSet, load_rules

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def rules() -> RuleSet:
    return load_rules()
