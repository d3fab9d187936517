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
from vanban.extract.citations import cited_issuer, extract_citations, same_number
from vanban.extract.dates import parse_date
from vanban.extract.doctypes import doc_type_by_code, doc_type_by_name
from vanban.extract.duties import DutyDraft, extract_duties
from vanban.extract.header import split_issuer_lines, stamps
from vanban.extract.number import parse_number
from vanban.extract.person_name import without_rank
from vanban.extract.portal import PortalRecord, read_property_table
from vanban.extract.recipients import distribution_lines, kinh_gui_items
from vanban.extract.reported import (
    IssuedBy,
    Reported,
    is_reported,
    issued_by_before,
    issuing_verb_ends,
    reported_document,
)
from vanban.extract.signer import lead_signer, read_signers, signer_issues
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
from vanban.text.layout import Line, Span, Spanned, find_in, trim_span
from vanban.text.lexicon import lexicon
from vanban.text.normalize import normalize
from vanban.text.rejoin import split_glued_syllables
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
    spans: dict[str, Span] = field(default_factory=dict)

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

    def known(self, raw: str) -> bool:
        """Whether ``raw`` names one known body (a probe: no issue is recorded)."""
        agency, _ = resolve_agency(raw, province=self.province, on=self.on, rules=self.rules)
        return agency.id is not None and not agency.group

    def item(self, item: ListItem) -> Agency:
        agency = self.agency(item.text, item.members)
        update: dict[str, object] = {"span": item.span}
        if item.raw != item.text:
            update["raw"] = item.raw
        return agency.model_copy(update=update)

    def at(self, mention: Line) -> Agency:
        """The agency named by ``mention``, with its span."""
        return self.agency(mention.text).model_copy(update={"span": mention.span})


def _issue(code: str, message: str, field_name: str | None) -> Issue:
    return Issue(code=code, message=message, field=field_name)


def _doc_type(layout: Layout, number: DocNumber | None) -> DocType | None:
    overrides = lexicon().type_code_overrides
    if number and number.type_code in overrides:
        return doc_type_by_name(overrides[number.type_code])
    for heading in (layout.type_heading, layout.number.label if layout.number else None):
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


def _subject(layout: Layout, number: DocNumber | None, issuer: str | None) -> Spanned | None:
    """The trích yếu, without what a flattened header ran into it, and where it stands."""
    span = layout.subject.span
    # A văn bản hợp nhất prints the heading of the law it consolidates ("LUẬT THỦY SẢN").
    consolidated = bool(number and number.type_code in lexicon().type_code_overrides)
    text = clean_subject(
        " ".join(layout.subject.texts),
        issuer=issuer,
        heading=layout.type_heading if consolidated else None,
    )
    if not text or span is None:
        return None
    return Spanned(text, _locate(layout.text, span, text) or trim_span(layout.text, span, ".;"))


_LOCATE_BEFORE = 200  # how far before the region a value may start (a type heading)


def _locate(text: str, span: Span, value: str) -> Span | None:
    """Where ``value`` (whitespace collapsed) stands in ``text`` around ``span``."""
    lo, hi = max(0, span[0] - _LOCATE_BEFORE), span[1]
    return find_in(Line(text[lo:hi], lo, hi), value)


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
                span=d.span,
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


def _issuer(raw: Line, parent: Line | None, ctx: _Context) -> Agency:
    """The issuer, read together with its parent line when alone it names no known body.

    "VĂN PHÒNG" under "UBND TỈNH LÂM ĐỒNG" is the Văn phòng UBND tỉnh Lâm Đồng.
    """
    agency = ctx.at(raw)
    if agency.id is None and (spaced := split_glued_syllables(raw.text)) != raw.text:
        # A PDF's text layer lost a space: "SỞ NÔNG NGHIỆP VÀ MÔITRƯỜNG".
        again = ctx.agency(spaced)
        if again.id is not None:
            return again.model_copy(update={"raw": raw.text, "span": raw.span})
    if agency.id is None and parent:
        joined = ctx.agency(f"{raw.text} {parent.text}")
        if joined.id is not None and not joined.group:
            return joined.model_copy(update={"raw": raw.text, "span": raw.span})
    return agency


def _document_fields(doc: dict[str, object], layout: Layout, ctx: _Context) -> None:
    """Fill the fields of an administrative document from its layout."""
    issues, spans = ctx.issues, ctx.spans
    number = parse_number(layout.number.text) if layout.number is not None else None
    if number is None:
        issues.append(_issue("number.missing", "No số, ký hiệu was found.", "number"))
    elif number.seq is None:
        issues.append(_issue("number.blank_draft", "The number is left blank (a draft).", "number"))
    if number is not None and layout.number is not None:
        spans["number"] = layout.number.span
    place_at = layout.date.place if layout.date else None
    place = place_at.text if place_at else None
    date = layout.date.date if layout.date else None
    if place_at is not None:
        spans["place"] = place_at.span
    if date is not None and date.date is not None:
        spans["issued_date"] = (date.start, date.end)
    if date is None:
        issues.append(_issue("date.missing", "No date of issue was found.", "issued_date"))
    elif date.date is None:
        code = "date.blank_draft" if date.blank_day else "date.invalid"
        issues.append(_issue(code, "The date of issue is blank or impossible.", "issued_date"))
    ctx.on = date.date if date else None
    parent_raw, issuer_raw = split_issuer_lines(layout.issuer, ctx.known)
    if issuer_raw is None:
        issues.append(_issue("issuer.missing", "No issuing body was found.", "issuer"))
    doc.update(number=number, place=place, issued_date=ctx.on)
    # The issuer names the province (or the parent does); else the place line.
    for raw in (issuer_raw, parent_raw):
        if raw and ctx.province is None:
            ctx.province = ctx.agency(raw.text).province
    if ctx.province is None and place:
        ctx.province = province_of(place, rules=ctx.rules)
    doc["issuer"] = _issuer(issuer_raw, parent_raw, ctx) if issuer_raw else None
    doc["issuer_parent"] = ctx.at(parent_raw) if parent_raw else None
    for key, mention in (("issuer", issuer_raw), ("issuer_parent", parent_raw)):
        if mention is not None:
            spans[key] = mention.span
    doc["doc_type"] = _doc_type(layout, number)
    if doc["doc_type"] is None:
        issues.append(_issue("doc_type.missing", "The document type is unclear.", "doc_type"))
    subject = _subject(layout, number, issuer_raw.text if issuer_raw else None)
    if subject is None:
        issues.append(_issue("subject.missing", "No trích yếu was found.", "subject"))
    else:
        doc["subject"], spans["subject"] = subject.text, subject.span
    doc["recipients"] = [ctx.at(item) for item in kinh_gui_items(layout.kinh_gui)]
    read = distribution_lines(layout.distribution)
    doc["distribution"] = [
        Recipient(
            raw=e.raw,
            agency=ctx.agency(e.agency_text).model_copy(update={"span": e.agency_span})
            if e.agency_text
            else None,
            note=e.note,
            span=e.span,
        )
        for e in read.entries
    ]
    doc["archive"] = read.archive.text if read.archive else None
    blocks = read_signers(layout.signature)
    signers = [b.signer for b in blocks]
    lead = lead_signer(signers, _issuer_names(doc))
    doc.update(signers=signers, signer=lead)
    for b in blocks:
        if b.signer is lead:
            spans["signer"] = b.span
            break
    issues.extend(signer_issues(signers, found=bool(layout.signature)))
    urgency, secrecy = stamps(layout.marks)
    for key, mark in (("urgency", urgency), ("secrecy", secrecy)):
        if mark is not None:
            doc[key], spans[key] = mark.text, mark.span
    body = layout.body.lines
    # What follows the body (Nơi nhận, signature, attached programmes) may assign tasks too.
    tail = [ln for ln in layout.lines if not body or ln.start > body[-1].start]
    doc["duties"] = _duties(extract_duties(body, tail), ctx)


def _issuer_names(doc: dict[str, object]) -> list[str]:
    """The issuer as printed and as resolved: what a joint document's lead block names."""
    issuer = doc.get("issuer")
    if not isinstance(issuer, Agency):
        return []
    return [n for n in (issuer.raw, issuer.name) if n]


def _only_a_header(layout: Layout) -> bool:
    """A text of a few lines that holds a number anchor ("Số: 12/UBND-VP"): a document
    whose other parts are missing (each then gets its Issue), not an article."""
    if layout.number is None or len(layout.lines) > 3:
        return False
    number = parse_number(layout.number.text)
    return number is not None and number.seq is not None


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
        name = without_rank(record.signer_name) if record.signer_name else None
        doc["signer"] = Signer(position=position, name=name)


def _cited_issuer(c: Citation, by: IssuedBy | None, ctx: _Context) -> Agency | None:
    """A citation's issuer, resolved: the one it names, else the body that "ban hành" it."""
    if c.issuer is not None:
        name = c.issuer.name or c.issuer.raw
        agency = cited_issuer(name, c.doc_type, ctx.agency)
        return agency.model_copy(update={"span": c.issuer.span})
    if by is not None and by.issuer:
        return ctx.agency(by.issuer).model_copy(update={"span": by.span})
    return None


def _article_fields(
    doc: dict[str, object], layout: Layout, cited: list[Citation], ctx: _Context
) -> Reported | None:
    """Fill the fields of a portal article and of the document it reports on."""
    parts = split_article(list(layout.lines))
    doc["article"] = Article(
        title=parts.title, published_at=parts.published_at, author=parts.author, site=None
    )
    ctx.province = infer_province(layout.text[:INFER_CHARS])
    reported = reported_document(layout.text, parts.prose[0], cited) if parts.prose else None
    if reported is not None:
        ctx.on = reported.issued_date
        issuer = _cited_issuer(reported.citation, reported.issued_by, ctx)
        doc.update(
            doc_type=reported.doc_type,
            number=reported.number,
            issued_date=reported.issued_date,
            issuer=issuer,
            subject=reported.subject,
        )
        if issuer is not None and issuer.span is not None:
            ctx.spans["issuer"] = issuer.span
    doc["duties"] = _duties(extract_duties(parts.prose), ctx)
    return reported


def _citations(
    text: str,
    found: list[Citation],
    reported: Reported | None,
    ctx: _Context,
    own: DocNumber | None = None,
) -> list[Citation]:
    """Every other document the text cites (an article's reported document and the
    document's own number, as a portal's title line or an appendix repeats it, excluded)."""
    verb_ends = issuing_verb_ends(text) if any(c.issuer is None for c in found) else frozenset()
    keep: list[Citation] = []
    index: dict[int, int] = {}
    for k, c in enumerate(found):
        if reported is not None and is_reported(c, reported):
            continue
        if own is not None and c.number is not None and same_number(c.number, own):
            continue
        index[k] = len(keep)
        by = None
        if c.issuer is None and c.number is not None and c.span[0] in verb_ends:
            # "… tham mưu cho Chủ tịch UBND tỉnh ký ban hành Chỉ thị số 12/CT-UBND …"
            by = issued_by_before(text, c.span[0])
        issuer = _cited_issuer(c, by, ctx)
        keep.append(c.model_copy(update={"issuer": issuer}) if issuer is not c.issuer else c)
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
    keep_text: bool = True,
) -> Document:
    """Turn a loaded document into a :class:`Document` (``keep_text``: ship ``Document.text``)."""
    source = Source(
        path=path, format=raw.format, sha256=sha256, encoding=raw.encoding, pages=raw.pages
    )
    ctx = _Context(rules=rules)
    text = _bounded(raw.text, limits, ctx.issues)
    text = unflatten_header(normalize(text, markdown=raw.format == "markdown"))
    layout = segment(text)
    cited = extract_citations(text)
    doc: dict[str, object] = {}
    reported: Reported | None = None
    if layout.is_document or _only_a_header(layout):
        _document_fields(doc, layout, ctx)
        genre = "document"
    elif (record := read_property_table(layout.lines)) is not None:
        _portal_fields(doc, record, ctx)
        genre = "document"
    else:
        reported = _article_fields(doc, layout, cited, ctx)
        genre = "article"
    issuer = doc.get("issuer")
    central = isinstance(issuer, Agency) and issuer.level == "central"
    if ctx.province is None and not central:
        # A reader infers the province from the opening of a text, not its appendices.
        ctx.province = infer_province(text[:INFER_CHARS], on=ctx.on)
    own = doc.get("number")
    doc["citations"] = _citations(
        text, cited, reported, ctx, own if isinstance(own, DocNumber) else None
    )
    result = Document.model_validate(
        {
            **doc,
            "source": source,
            "genre": genre,
            "province": ctx.province,
            "issues": [*raw.issues, *ctx.issues],
            "spans": ctx.spans,
            "text": text if keep_text else None,
        }
    )
    if getattr(raw, "ocr", None) is not None:  # read by OCR: source.ocr, text.ocr, confidence
        from vanban.loaders.ocr_report import annotate

        annotate(result, raw)
        # A value OCR could not read is null: so is its span.
        kept = {k: v for k, v in result.spans.items() if getattr(result, k, None) is not None}
        if kept != result.spans:
            result = result.model_copy(update={"spans": kept})
    return result
