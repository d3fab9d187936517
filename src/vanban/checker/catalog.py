"""The rules of ``vanban check``, read from ``data/check_rules.toml``."""

from __future__ import annotations

from functools import cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from vanban.datafiles import load_data_model

__all__ = ["Catalog", "Params", "Rule", "Severity", "catalog"]

Severity = Literal["error", "warning", "info"]


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Rule(_Data):
    """One rule: its code, severity, source, message template and examples."""

    code: str
    severity: Severity
    article: str
    title: str
    message: str
    passing: list[dict[str, str]] = Field(default_factory=list, alias="pass")
    failing: list[dict[str, str]] = Field(default_factory=list, alias="fail")

    def render(self, found: str = "", fix: str = "", detail: str = "") -> str:
        """The message with its values filled in, and the rule's article after it."""
        text = self.message.format(found=found, fix=fix, detail=detail)
        return f"{text} [{self.article}]"


class Params(_Data):
    """Word lists the rules read."""

    exempt_types: list[str]
    legislative_types: list[str]
    unnumbered_types: list[str]
    motto: list[str]
    tieu_ngu: str
    administrative_codes: list[str]
    legal_codes: list[str]
    deputy_titles: list[str]
    individual_titles: list[str]


class Catalog(_Data):
    """Every rule, in the order of the data file, and the parameters."""

    rule: list[Rule]
    params: Params

    def get(self, code: str) -> Rule:
        for r in self.rule:
            if r.code == code:
                return r
        raise KeyError(code)

    @property
    def codes(self) -> list[str]:
        return [r.code for r in self.rule]


@cache
def catalog() -> Catalog:
    """The built-in rules (read once).

    Raises:
        RuleDataError: the data file is malformed.
    """
    return load_data_model("check_rules.toml", Catalog)
