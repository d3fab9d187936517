"""Shared fixtures for the agency rule engine tests."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from vanban.rules import RuleSet, load_rules

REPO = Path(__file__).resolve().parents[2]


def shared_dir() -> Path:
    """The ``shared`` directory beside the repository (``VANBAN_SHARED`` overrides)."""
    env = os.environ.get("VANBAN_SHARED")
    return Path(env) if env else REPO / ".." / "shared"


@pytest.fixture(scope="session")
def rules() -> RuleSet:
    return load_rules()
