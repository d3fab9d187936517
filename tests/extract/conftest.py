"""Fixtures of the references tests: the shared corpus, when it is there."""

from __future__ import annotations

import os
from pathlib import Path

import pytest


def shared_dir() -> Path:
    """The ``shared`` directory beside the repository (``VANBAN_SHARED`` overrides)."""
    env = os.environ.get("VANBAN_SHARED")
    return Path(env) if env else Path(__file__).resolve().parents[2] / ".." / "shared"


@pytest.fixture(scope="session")
def shared() -> Path:
    """The shared directory; skips the test when it is absent."""
    path = shared_dir()
    if not path.is_dir():
        pytest.skip(f"shared corpus not found at {path} (set VANBAN_SHARED)")
    return path
