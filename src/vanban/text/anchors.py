"""The layout vocabulary (``data/layout.toml``), compiled once.

Every fixed word of the document frame (Quốc hiệu, "Số:", the date line,
"Kính gửi", "Nơi nhận", a signing tool's stamp…) is a named regex fragment in
the data file; this module is the one place that turns them into patterns.
Code composes a fragment into its own pattern (``rf"^(?:{fragment('noi_nhan')})"``)
or takes a compiled one (``anchored("kinh_gui").match(line)``), so a new form of
an anchor is a data change.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

import regex
from pydantic import BaseModel, ConfigDict, Field

from vanban.datafiles import load_data_model

__all__ = ["Anchor", "Anchors", "anchored", "anchors", "fragment", "searcher"]


class Anchor(BaseModel):
    """One entry of ``data/layout.toml``.

    The pattern is compiled where it is used, on first use, and not when the file is
    read: a start-up that reads every anchor compiles none of them twice
    (tests/unit/test_anchors.py compiles each one).
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    about: str
    source: str
    pattern: str
    ignore_case: bool = False
    valid_from: dt.date | None = None
    match: list[str] = Field(min_length=1)
    no_match: list[str] = Field(default_factory=list)

    @property
    def fragment(self) -> str:
        """The pattern as a group that carries its own case flag."""
        return f"(?i:{self.pattern})" if self.ignore_case else f"(?:{self.pattern})"


class Anchors(BaseModel):
    """``data/layout.toml``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    schema_version: int
    anchors: dict[str, Anchor]


@cache
def anchors() -> Anchors:
    """The layout vocabulary, read from the package data on first use."""
    return load_data_model("layout.toml", Anchors)


def fragment(name: str) -> str:
    """The named anchor as a regex group to compose into a larger pattern.

    >>> fragment("noi_nhan")
    '(?i:Nơi\\\\s*nhận)'
    """
    return anchors().anchors[name].fragment


@cache
def searcher(name: str) -> regex.Pattern[str]:
    """The named anchor compiled as it is, to search for anywhere."""
    return regex.compile(fragment(name))


@cache
def anchored(name: str) -> regex.Pattern[str]:
    """The named anchor compiled to match at the start of a line or word."""
    return regex.compile(rf"^{fragment(name)}")
