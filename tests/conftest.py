"""Helpers shared by every test package: the repository's fixtures and ``../shared``."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
SEEDS_DIR = FIXTURES / "seeds"


def shared_dir() -> Path:
    """The ``shared`` directory beside the repository (``VANBAN_SHARED`` overrides)."""
    env = os.environ.get("VANBAN_SHARED")
    return Path(env) if env else ROOT / ".." / "shared"


def shared_or_skip(*parts: str) -> Path:
    """``shared_dir() / parts``, or skip the test when it is absent."""
    path = shared_dir().joinpath(*parts)
    if not path.exists():
        pytest.skip(f"shared corpus not found at {path} (set VANBAN_SHARED)")
    return path


@pytest.fixture(scope="session")
def shared() -> Path:
    """The shared directory; skips the test when it is absent."""
    return shared_or_skip()
