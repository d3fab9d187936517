"""The output contract: pydantic v2 models of a parsed document.

Field names follow ``design/schema.md`` and are public: add fields, never
rename them. Dates are ISO strings in JSON, text values are NFC with collapsed
whitespace, and anything a document does not state is ``None``.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "SCHEMA_VERSION",
    "Agency",
    "Article",
    "Citation",
    "DocNumber",
    "DocType",
    "Document",
    "Duty",
    "Issue",
    "Recipient",
    "Signer",
    "Source",
]

SCHEMA_VERSION = "1.0"

Level = Literal["central", "province", "district", "commune"]
Genre = Literal["document", "article"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Issue(_Model):
    """Something that could not be extracted, or looks wrong, and why."""

    code: str = Field(description='A stable dotted code, e.g. "number.missing".')
    message: str = Field(description="A sentence a person understands.")
    field: str | None = Field(default=None, description="The Document field concerned.")


class Source(_Model):
    """Where the text came from."""

    path: str | None = None
    format: str = Field(description='"text", "markdown", "pdf", "docx", "html", "doc", "rtf".')
    sha256: str | None = Field(default=None, description="SHA-256 of the input bytes.")
    encoding: str | None = Field(default=None, description='Detected encoding, e.g. "utf-8".')
    pages: int | None = None
    ocr: bool = Field(
        default=False,
        description="Some or all of the text was read by OCR from page images (Tesseract).",
    )


class DocType(_Model):
    """A document type: its name and its Nghị định 30 Phụ lục III code."""

    name: str = Field(description='"Công văn", "Quyết định", "Kế hoạch", …')
    code: str | None = Field(default=None, description='"QĐ", "KH", …; null for a công văn.')


class DocNumber(_Model):
    """Số, ký hiệu: "2680/UBND-KGVX", "09/2017/NĐ-CP", "35-NQ/TW"."""

    raw: str = Field(description='As printed without "Số:" and spaces.')
    seq: str | None = Field(default=None, description="The running number; null when blank.")
    year: int | None = None
    type_code: str | None = None
    issuer_code: str | None = None
    unit_code: str | None = None
    party: bool = Field(default=False, description='Party form "35-NQ/TW".')


class Agency(_Model):
    """A body, as written and as resolved by the agency rule engine."""

    raw: str = Field(description="As written in the document.")
    name: str | None = Field(default=None, description="Canonical full name.")
    id: str | None = Field(default=None, description="Stable slug; null when unknown.")
    level: Level | None = None
    province: str | None = None
    group: bool = Field(default=False, description='A collective, e.g. "Các Sở, Ban, ngành".')
    members: list[Agency] = Field(default_factory=list)
    rule: str | None = Field(default=None, description="Which rule resolved it.")
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    successors: list[str] = Field(
        default_factory=list,
        description="Canonical names of the bodies that carry its functions today.",
    )
    span: tuple[int, int] | None = Field(
        default=None, description="[start, end) of where it is written in Document.text."
    )


class Duty(_Model):
    """One assignment of tasks to one or more agencies."""

    label: str | None = Field(default=None, description='"2.", "II.", "a)" or null.')
    agencies: list[Agency] = Field(default_factory=list)
    tasks: list[str] = Field(
        default_factory=list,
        description=(
            "One entry per bullet or sentence, its bullet mark removed; a list"
            " label alone on its line and a heading's words that announce the tasks below it"
            ' ("… thực hiện các nhiệm vụ sau:") are not tasks.'
        ),
    )
    lead: list[Agency] = Field(default_factory=list)
    partners: list[Agency] = Field(default_factory=list)
    deadline: dt.date | None = None
    span: tuple[int, int] | None = Field(
        default=None,
        description="[start, end) in Document.text, from the line assigning it to its last task.",
    )


class Signer(_Model):
    """The signature block."""

    authority: list[str] = Field(default_factory=list, description='e.g. ["TM.", "KT."]')
    on_behalf_of: str | None = None
    position: str | None = None
    name: str | None = None


class Recipient(_Model):
    """One "Nơi nhận" entry."""

    raw: str
    agency: Agency | None = None
    note: str | None = Field(default=None, description='"b/c", "để ph/h", …')
    span: tuple[int, int] | None = Field(
        default=None, description="[start, end) of where it is written in Document.text."
    )


class Citation(_Model):
    """Another document the text refers to."""

    raw: str
    doc_type: DocType | None = None
    number: DocNumber | None = None
    issued_date: dt.date | None = None
    issuer: Agency | None = None
    subject: str | None = None
    span: tuple[int, int] = Field(
        description="[start, end) in Document.text; raw is that slice, whitespace collapsed."
    )
    name: str | None = Field(default=None, description='A law cited by name: "Luật Báo chí".')
    year: int | None = Field(default=None, description='"Luật Báo chí 2016" → 2016.')
    refers_to: int | None = Field(
        default=None,
        description=(
            "For a short mention or a repeated citation of a document already cited, the "
            "index of that document's first citation in this list."
        ),
    )


class Article(_Model):
    """A news or portal article that reports on a document."""

    title: str | None = None
    published_at: dt.datetime | None = None
    author: str | None = None
    site: str | None = None


class Document(_Model):
    """A parsed Vietnamese administrative document (or an article about one)."""

    schema_version: str = SCHEMA_VERSION
    source: Source
    genre: Genre = "document"
    doc_type: DocType | None = None
    number: DocNumber | None = None
    issued_date: dt.date | None = None
    place: str | None = None
    issuer: Agency | None = None
    issuer_parent: Agency | None = None
    subject: str | None = None
    recipients: list[Agency] = Field(default_factory=list)
    duties: list[Duty] = Field(default_factory=list)
    signer: Signer | None = None
    signers: list[Signer] = Field(
        default_factory=list,
        description="Every signature block in the order printed (a joint document has one per "
        "agency); `signer` is the issuing (lead) agency's block, the first when none matches.",
    )
    distribution: list[Recipient] = Field(default_factory=list)
    archive: str | None = None
    citations: list[Citation] = Field(default_factory=list)
    urgency: str | None = None
    secrecy: str | None = None
    article: Article | None = None
    province: str | None = Field(
        default=None, description="The province the document belongs to (context for agencies)."
    )
    issues: list[Issue] = Field(default_factory=list)
    spans: dict[str, tuple[int, int]] = Field(
        default_factory=dict,
        description=(
            "[start, end) in Document.text of each scalar field that has a value: number, "
            "issued_date, place, issuer, issuer_parent, subject, signer, urgency, secrecy."
        ),
    )
    text: str | None = Field(
        default=None,
        description=(
            "The normalised text every span points into; null when parsed with keep_text=False."
        ),
    )
