"""Helpers shared by every test package: the repository's fixtures, ``../shared`` and timing.

``../shared`` (the corpus and the design notes) is not part of the repository: every
test that reads it goes through :func:`shared_or_skip` (or the ``shared`` fixture) and
skips cleanly in a bare clone. The seed documents live in ``fixtures/seeds``.

Timing: a test that bounds wall-clock or CPU time takes the ``timing`` fixture. It runs
once in the default run, with ``timing.perf`` false and only a loose bound (a hang or a
quadratic blow-up still fails), and once under ``pytest -m perf`` with the tight bound.
A test that is nothing but a measurement is marked ``@pytest.mark.perf`` outright.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
SEEDS_DIR = FIXTURES / "seeds"

# Where ``shared`` is looked for when VANBAN_SHARED is unset: beside the checkout, then
# the project machines' common copy (a worktree may sit elsewhere than the main clone).
_SHARED_CANDIDATES = (ROOT / ".." / "shared", Path("/work/shared"))


def shared_dir() -> Path:
    """The ``shared`` directory: ``VANBAN_SHARED``, else ``../shared``, else ``/work/shared``.

    The path may not exist; :func:`shared_or_skip` skips the test then.
    """
    env = os.environ.get("VANBAN_SHARED")
    if env:
        return Path(env)
    for candidate in _SHARED_CANDIDATES:
        if candidate.is_dir():
            return candidate
    return _SHARED_CANDIDATES[0]


def shared_or_skip(*parts: str) -> Path:
    """``shared_dir() / parts``, or skip the test when it is absent."""
    path = shared_dir().joinpath(*parts)
    if not path.exists():
        pytest.skip(f"shared corpus not found at {path} (set VANBAN_SHARED)")
    return path


def has_shared(*parts: str) -> bool:
    """Whether ``shared_dir() / parts`` exists (for ``skipif`` and parametrize lists)."""
    return shared_dir().joinpath(*parts).exists()


@pytest.fixture(scope="session")
def shared() -> Path:
    """The shared directory; skips the test when it is absent."""
    return shared_or_skip()


@dataclass(frozen=True)
class Timing:
    """Which run a timed test is in: the default one, or ``-m perf``."""

    perf: bool

    def bound(self, tight: float, loose: float) -> float:
        """``tight`` under ``-m perf``; ``loose`` (a hang or blow-up, not a slow core) otherwise."""
        return tight if self.perf else loose


@pytest.fixture(
    params=[
        pytest.param(False, id="loose"),
        pytest.param(True, id="perf", marks=pytest.mark.perf),
    ]
)
def timing(request: pytest.FixtureRequest) -> Timing:
    """The test twice: loose bounds by default, tight ones under ``-m perf``."""
    return Timing(perf=bool(request.param))
