"""The one place where the stages are wired together.

load → normalise → segment → extract → resolve agencies → build the model.
Every stage is a pure function of its inputs; this module only orders them and
turns what is missing into :class:`~vanban.models.Issue` entries.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import regex

from vanban.extract.agency_list import ListItem
from vanban.extract.article import split_article
from vanban.extract.citations import extract_citations
from vanban.extract.dates import parse_date
from vanban.extract.doctypes import doc_type_by_code, doc_type_by_name
from vanban.extract.duties import DutyDraft, extract_duties
from vanban.extract.header import place_and_date, split_issuer_lines, stamps
from vanban.extract.number import parse_number
from vanban.extract.portal import PortalRecord, read_property_table
from vanban.extract.recipients import distribution_lines, kinh_gui_items
from vanban.extract.reported import Reported, is_reported, issued_by_before, reported_document
from vanban.extract.signer import extract_signer
from vanban.extract.subject import clean_subject
from vanban.limits import DEFAULT_LIMITS, Limits
from vanban.loaders.base import RawDocument
from vanban.models import (
    Agency,
    Article,
    Citation,
    DocNumber,
    DocType,
    Document,
    Duty,
    Issue,
    Recipient,
    Signer,
    Source,
)
from vanban.rules import RuleSet, infer_province, province_of, resolve_agency
from vanban.text.lexicon import lexicon
from vanban.text.normalize import normalize
from vanban.text.segment import Layout, segment, unflatten_header

__all__ = ["run"]

CONG_VAN = DocType(name="Công văn", code=None)
INFER_CHARS = 20_000
_COLLECTIVE_RE = regex.compile(r"(?i)(?:các|những)\s")


@dataclass(slots=True)
class _Context:
    """What agency resolution needs to know about the document."""

    rules: RuleSet
    province: str | None = None
    on: dt.date | None = None
    issues: list[Issue] = field(default_factory=list)

    def agency(self, raw: str, members: list[str] | None = None) -> Agency:
        """The agency seam: every agency in the output goes through here."""
        agency, issues = resolve_agency(raw, province=self.province, on=self.on, rules=self.rules)
        for issue in issues:
            if issue not in self.issues:
                self.issues.append(issue)
        if members and not agency.members:
            agency = agency.model_copy(
                update={"group": True, "members": [self.agency(m) for m in members]}
            )
        elif not agency.group and agency.id is None and _COLLECTIVE_RE.match(raw):
            # "các cơ quan liên quan": a plural names a collective even when unknown.
            agency = agency.model_copy(update={"group": True})
        return agency

    def item(self, item: ListItem) -> Agency:
        agency = self.agency(item.text, item.members)
        return agency.model_copy(update={"raw": item.raw}) if item.raw != item.text else agency


def _issue(code: str, message: str, field_name: str | None) -> Issue:
    return Issue(code=code, message=message, field=field_name)


def _doc_type(layout: Layout, number: DocNumber | None) -> DocType | None:
    overrides = lexicon().type_code_overrides
    if number and number.type_code in overrides:
        return doc_type_by_name(overrides[number.type_code])
    for heading in (layout.type_heading, layout.number_label):
        by_name = doc_type_by_name(heading) if heading else None
        if by_name:
            return by_name
    if number and number.type_code:
        by_code = doc_type_by_code(number.type_code)
        if by_code:
            return by_code
    if layout.vv or (number and number.issuer_code and not number.type_code and not number.year):
        return CONG_VAN
    return None


def _subject(layout: Layout, number: DocNumber | None, issuer: str | None) -> str | None:
    # A văn bản hợp nhất prints the heading of the law it consolidates ("LUẬT THỦY SẢN").
    consolidated = bool(number and number.type_code in lexicon().type_code_overrides)
    return clean_subject(
        " ".join(layout.subject_lines),
        issuer=issuer,
        heading=layout.type_heading if consolidated else None,
    )


def _duties(drafts: list[DutyDraft], ctx: _Context) -> list[Duty]:
    duties: list[Duty] = []
    for d in drafts:
        agencies = [ctx.item(i) for i in d.agencies]
        lead = [a for a, i in zip(agencies, d.agencies, strict=True) if i in d.lead]
        lead += [ctx.item(i) for i in d.lead if i not in d.agencies]
        partners = _dedupe([ctx.item(i) for i in d.partners])
        duties.append(
            Duty(
                label=d.label,
                agencies=agencies,
                tasks=d.tasks,
                lead=lead,
                partners=partners,
                deadline=d.deadline,
            )
        )
    return duties


def _dedupe(agencies: list[Agency]) -> list[Agency]:
    seen: set[str] = set()
    out: list[Agency] = []
    for a in agencies:
        key = a.name or a.raw
        if key not in seen:
            seen.add(key)
            out.append(a)
    return out


def _issuer(raw: str, parent: str | None, ctx: _Context) -> Agency:
    """The issuer, read together with its parent line when alone it names no known body.

    "VĂN PHÒNG" under "UBND TỈNH LÂM ĐỒNG" is the Văn phòng UBND tỉnh Lâm Đồng.
    """
    agency = ctx.agency(raw)
    if agency.id is None and parent:
        joined = ctx.agency(f"{raw} {parent}")
        if joined.id is not None and not joined.group:
            return joined.model_copy(update={"raw": raw})
    return agency


def _document_fields(doc: dict[str, object], layout: Layout, ctx: _Context) -> None:
    """Fill the fields of an administrative document from its layout."""
    issues = ctx.issues
    number = parse_number(layout.number_text) if layout.number_text is not None else None
    if number is None:
        issues.append(_issue("number.missing", "No số, ký hiệu was found.", "number"))
    elif number.seq is None:
        issues.append(_issue("number.blank_draft", "The number is left blank (a draft).", "number"))
    place, date = place_and_date(layout.date_line)
    if date is None:
        issues.append(_issue("date.missing", "No date of issue was found.", "issued_date"))
    elif date.date is None:
        code = "date.blank_draft" if date.blank_day else "date.invalid"
        issues.append(_issue(code, "The date of issue is blank or impossible.", "issued_date"))
    ctx.on = date.date if date else None
    parent_raw, issuer_raw = split_issuer_lines(layout.issuer_lines)
    if issuer_raw is None:
        issues.append(_issue("issuer.missing", "No issuing body was found.", "issuer"))
    doc.update(number=number, place=place, issued_date=ctx.on)
    # The issuer names the province (or the parent does); else the place line.
    for raw in (issuer_raw, parent_raw):
        if raw and ctx.province is None:
            ctx.province = ctx.agency(raw).province
    if ctx.province is None and place:
        ctx.province = province_of(place, rules=ctx.rules)
    doc["issuer"] = _issuer(issuer_raw, parent_raw, ctx) if issuer_raw else None
    doc["issuer_parent"] = ctx.agency(parent_raw) if parent_raw else None
    doc["doc_type"] = _doc_type(layout, number)
    if doc["doc_type"] is None:
        issues.append(_issue("doc_type.missing", "The document type is unclear.", "doc_type"))
    doc["subject"] = _subject(layout, number, issuer_raw)
    if doc["subject"] is None:
        issues.append(_issue("subject.missing", "No trích yếu was found.", "subject"))
    doc["recipients"] = [ctx.agency(item) for item in kinh_gui_items(layout.kinh_gui)]
    entries, archive = distribution_lines(layout.distribution)
    doc["distribution"] = [
        Recipient(
            raw=e.raw, agency=ctx.agency(e.agency_text) if e.agency_text else None, note=e.note
        )
        for e in entries
    ]
    doc["archive"] = archive
    signer = extract_signer(layout.signature)
    if signer is None:
        issues.append(_issue("signer.missing", "No signature block was found.", "signer"))
    doc["signer"] = signer
    doc["urgency"], doc["secrecy"] = stamps(layout.marks)
    after = layout.body[-1].start if layout.body else -1
    tail = [ln.text for ln in layout.lines if ln.start > after]
    doc["duties"] = _duties(extract_duties([ln.text for ln in layout.body], tail), ctx)


def _portal_fields(doc: dict[str, object], record: PortalRecord, ctx: _Context) -> None:
    """Fill the fields from a legal portal's property table (a page without a body)."""
    ctx.issues.append(
        _issue(
            "text.portal_metadata_only",
            "The text holds a portal's attribute table, not the document itself.",
            None,
        )
    )
    number = parse_number(record.number) if record.number else None
    issued = parse_date(record.issued) if record.issued else None
    ctx.on = issued
    doc.update(
        number=number,
        doc_type=doc_type_by_name(record.doc_type) if record.doc_type else None,
        issued_date=issued,
        issuer=ctx.agency(record.issuer) if record.issuer else None,
        subject=record.subject,
    )
    if record.signer_name or record.signer_position:
        position = record.signer_position.upper() if record.signer_position else None
        doc["signer"] = Signer(position=position, name=record.signer_name)


def _article_fields(doc: dict[str, object], layout: Layout, ctx: _Context) -> Reported | None:
    """Fill the fields of a portal article and of the document it reports on."""
    parts = split_article(layout.lines)
    doc["article"] = Article(
        title=parts.title, published_at=parts.published_at, author=parts.author, site=None
    )
    ctx.province = infer_province(layout.text[:INFER_CHARS])
    reported = reported_document(parts.prose[0].text, ctx.agency) if parts.prose else None
    if reported is not None:
        ctx.on = reported.issued_date
        doc.update(
            doc_type=reported.doc_type,
            number=reported.number,
            issued_date=reported.issued_date,
            issuer=reported.issuer,
            subject=reported.subject,
        )
    doc["duties"] = _duties(extract_duties([ln.text for ln in parts.prose]), ctx)
    return reported


def _citations(text: str, reported: Reported | None, ctx: _Context) -> list[Citation]:
    """Every other document the text cites (an article's reported document excluded)."""
    found = extract_citations(text, resolve=ctx.agency)
    keep: list[Citation] = []
    index: dict[int, int] = {}
    for k, c in enumerate(found):
        if reported is not None and is_reported(c, reported):
            continue
        index[k] = len(keep)
        update: dict[str, object] = {"raw": " ".join(c.raw.split())}
        if c.issuer is None and c.number is not None:
            # "… tham mưu cho Chủ tịch UBND tỉnh ký ban hành Chỉ thị số 12/CT-UBND …"
            by = issued_by_before(text, c.span[0])
            if by is not None and by.issuer:
                update["issuer"] = ctx.agency(by.issuer)
        keep.append(c.model_copy(update=update))
    return [
        c.model_copy(update={"refers_to": index.get(c.refers_to)}) if c.refers_to is not None else c
        for c in keep
    ]


def _bounded(text: str, limits: Limits, issues: list[Issue]) -> str:
    """Cut text that breaks the size limits, saying so in an Issue."""
    if len(text) > limits.max_text_chars:
        text = text[: limits.max_text_chars]
        issues.append(
            _issue(
                "text.truncated",
                f"Only the first {limits.max_text_chars:,} characters were read.",
                None,
            )
        )
    if any(len(line) > limits.max_line_chars for line in text.split("\n")):
        text = "\n".join(line[: limits.max_line_chars] for line in text.split("\n"))
        issues.append(
            _issue(
                "text.long_line", f"Lines were cut at {limits.max_line_chars:,} characters.", None
            )
        )
    return text


def run(
    raw: RawDocument,
    *,
    path: str | None,
    sha256: str | None,
    rules: RuleSet,
    limits: Limits = DEFAULT_LIMITS,
) -> Document:
    """Turn a loaded document into a :class:`Document`."""
    source = Source(
        path=path, format=raw.format, sha256=sha256, encoding=raw.encoding, pages=raw.pages
    )
    ctx = _Context(rules=rules)
    text = _bounded(raw.text, limits, ctx.issues)
    text = unflatten_header(normalize(text, markdown=raw.format == "markdown"))
    layout = segment(text)
    doc: dict[str, object] = {}
    reported: Reported | None = None
    if layout.is_document:
        _document_fields(doc, layout, ctx)
        genre = "document"
    elif (record := read_property_table(layout.lines)) is not None:
        _portal_fields(doc, record, ctx)
        genre = "document"
    else:
        reported = _article_fields(doc, layout, ctx)
        genre = "article"
    issuer = doc.get("issuer")
    central = isinstance(issuer, Agency) and issuer.level == "central"
    if ctx.province is None and not central:
        # A reader infers the province from the opening of a text, not its appendices.
        ctx.province = infer_province(text[:INFER_CHARS], on=ctx.on)
    doc["citations"] = _citations(text, reported, ctx)
    return Document.model_validate(
        {
            **doc,
            "source": source,
            "genre": genre,
            "province": ctx.province,
            "issues": [*raw.issues, *ctx.issues],
        }
    )
