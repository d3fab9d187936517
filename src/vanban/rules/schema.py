"""Pydantic models of the agency data files (``src/vanban/data/agencies/*.toml``).

Every table forbids unknown keys, so a typo in a data file or a user rule file
fails loudly with the file, the rule id and the field path.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

__all__ = [
    "Abbreviation",
    "Attached",
    "Body",
    "DataFile",
    "Distributive",
    "Example",
    "Group",
    "IssuerCode",
    "LocalBody",
    "Province",
    "TypeChange",
    "UnitCode",
]

Level = Literal["central", "province", "district", "commune"]
ProvinceType = Literal["tỉnh", "thành phố"]
PlaceUnit = Literal["province", "city", "district", "commune"]


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Example(_Data):
    """One input and what it must resolve to (``name=None``: stays unresolved)."""

    raw: str
    name: str | None = None
    province: str | None = None
    on: dt.date | None = None
    group: bool = False
    level: Level | None = None
    members: list[str] = Field(default_factory=list)


class _Dated(_Data):
    id: str
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    source: str | None = None
    verified: bool = True
    note: str | None = None
    examples: list[Example] = Field(default_factory=list)

    @model_validator(mode="after")
    def _dates_in_order(self) -> _Dated:
        if self.valid_from and self.valid_to and self.valid_from > self.valid_to:
            raise ValueError(f"valid_from {self.valid_from} is after valid_to {self.valid_to}")
        return self


class Body(_Dated):
    """A central body: Quốc hội, Chính phủ, a ministry, a central Party organ…"""

    name: str
    level: Level = "central"
    aliases: list[str] = Field(default_factory=list)
    successors: list[str] = Field(default_factory=list, description="ids, after valid_to")
    change: str | None = Field(default=None, description="the text behind the change")


class LocalBody(_Dated):
    """A body that exists once per place: "Sở Nội vụ {unit}", "Báo {place}"."""

    name: str = Field(description="template: {unit} tỉnh X, {place} X, {uy} Tỉnh ủy")
    aliases: list[str] = Field(default_factory=list, description="the name without the place")
    levels: list[Level] = Field(default_factory=lambda: list[Level](["province"]))
    successors: list[str] = Field(default_factory=list)
    change: str | None = None


class TypeChange(_Data):
    """A province's type (tỉnh / thành phố) from a date on."""

    type: ProvinceType
    valid_from: dt.date
    source: str | None = None
    verified: bool = True


class Province(_Dated):
    """A province-level unit over an interval of time."""

    name: str
    slug: str
    type: ProvinceType
    unit_name: str | None = Field(default=None, description='e.g. "Thành phố Hồ Chí Minh"')
    aliases: list[str] = Field(default_factory=list)
    cities: list[str] = Field(default_factory=list, description="well-known towns in it")
    merged_into: str | None = None
    type_changes: list[TypeChange] = Field(default_factory=list)


class Abbreviation(_Data):
    """An abbreviation with its written variants and what it stands for."""

    expansion: str
    variants: list[str]
    source: str | None = None
    verified: bool = True


class Group(_Dated):
    """A collective recipient: "Các Sở, Ban, ngành", "UBND các huyện, thị xã, thành phố"."""

    name: str
    level: Level | None = None
    patterns: list[str] = Field(description="regex over folded words (see rules-guide)")


class Distributive(_Data):
    """A head that distributes over a list: "Các Bộ: Công an, Tư pháp"."""

    id: str
    heads: list[str]
    member_prefix: str
    examples: list[Example] = Field(default_factory=list)


class Attached(_Data):
    """A prefix attached to another body: "Cổng TTĐT {parent}", "Bộ trưởng {parent}"."""

    id: str
    prefixes: list[str]
    name: str | None = Field(default=None, description="template with {parent}; None: parent")
    prepend: str | None = Field(default=None, description='words put before the rest: "Văn phòng"')
    group: bool = False
    examples: list[Example] = Field(default_factory=list)


class IssuerCode(_Data):
    """An issuer code of a số hiệu ("BTTTT") and the body id it stands for."""

    code: str
    body: str
    source: str | None = None
    verified: bool = True


class UnitCode(_Data):
    """A unit code of the second segment of a công văn number ("KGVX")."""

    code: str
    name: str
    source: str | None = None
    verified: bool = True


class DataFile(_Data):
    """One data file; every table is optional so user files can add to any."""

    central: list[Body] = Field(default_factory=list)
    local: list[LocalBody] = Field(default_factory=list)
    provinces: list[Province] = Field(default_factory=list)
    collective_places: list[str] = Field(default_factory=list)
    place_units: dict[str, PlaceUnit] = Field(default_factory=dict)
    district_level_end: dt.date | None = Field(default=None, description="last day of cấp huyện")
    abbreviations: list[Abbreviation] = Field(default_factory=list)
    stopwords: list[str] = Field(default_factory=list)
    suffixes: list[str] = Field(default_factory=list, description="patterns cut off the end")
    subunit_heads: list[str] = Field(default_factory=list, description='"Cục", "Vụ" of a parent')
    groups: list[Group] = Field(default_factory=list)
    macros: dict[str, str] = Field(default_factory=dict)
    distributive: list[Distributive] = Field(default_factory=list)
    attached: list[Attached] = Field(default_factory=list)
    issuer_codes: list[IssuerCode] = Field(default_factory=list)
    unit_codes: list[UnitCode] = Field(default_factory=list)
