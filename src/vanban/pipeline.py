"""The one place where the stages are wired together.

load → normalise → segment → extract mentions → build context → resolve → Document.
Every stage is a pure function of its inputs; this module only orders them and
turns what is missing into :class:`~vanban.models.Issue` entries. Extraction
(``_read_*``) leaves agencies as mentions; :func:`vanban.resolve.build_context`
fixes the document's province and date once; a :class:`~vanban.resolve.Resolver`
resolves every mention with them while the Document is built (``_document``,
``_portal``, ``_article``: keyword arguments per genre).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cache
from typing import NamedTuple

import regex

from vanban.extract.agency_list import ListItem
from vanban.extract.article import split_article
from vanban.extract.citations import cited_issuer, extract_citations, same_number
from vanban.extract.dates import parse_date
from vanban.extract.doctypes import doc_type_by_code, doc_type_by_name
from vanban.extract.duties import DutyDraft, extract_duties
from vanban.extract.header import split_issuer_lines, stamps
from vanban.extract.mention import AgencyMention, mention_at
from vanban.extract.number import parse_number
from vanban.extract.person_name import without_rank
from vanban.extract.portal import PortalRecord, read_property_table
from vanban.extract.recipients import DistributionLine, distribution_lines, kinh_gui_items
from vanban.extract.reported import (
    IssuedBy,
    Reported,
    is_reported,
    issued_by_before,
    issuing_verb_ends,
    reported_document,
)
from vanban.extract.signer import SignedBlock, lead_signer, read_signers, signer_issues
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
from vanban.resolve import Context, Resolver, build_context, names_a_body
from vanban.rules import RuleSet
from vanban.text.anchors import fragment
from vanban.text.layout import Line, Span, Spanned, find_in, trim_span
from vanban.text.lexicon import lexicon
from vanban.text.normalize import normalize
from vanban.text.segment import Layout, segment, unflatten_header
from vanban.vocabulary import load_vocabulary, using

__all__ = ["run"]

CONG_VAN = DocType(name="Công văn", code=None)


class CitedMention(NamedTuple):
    """A citation as extracted, and the mention of its issuer (named, or the body that
    "ban hành" it) still to resolve."""

    citation: Citation
    issuer: AgencyMention | None
    named: bool = False  # the citation names its issuer (else: the body that "ban hành" it)


@dataclass(slots=True)
class _Read:
    """What extraction read from a document, its agencies still mentions."""

    issues: list[Issue] = field(default_factory=list)
    spans: dict[str, Span] = field(default_factory=dict)
    on: dt.date | None = None
    number: DocNumber | None = None
    doc_type: DocType | None = None
    place: str | None = None
    subject: str | None = None
    issuer: AgencyMention | None = None
    parent: AgencyMention | None = None
    recipients: list[AgencyMention] = field(default_factory=list)
    distribution: list[DistributionLine] = field(default_factory=list)
    archive: str | None = None
    blocks: list[SignedBlock] = field(default_factory=list)
    urgency: str | None = None
    secrecy: str | None = None
    duties: list[DutyDraft] = field(default_factory=list)
    citations: list[CitedMention] = field(default_factory=list)


def _issue(code: str, message: str, field_name: str | None) -> Issue:
    return Issue(code=code, message=message, field=field_name)


@cache
def _date_words_re() -> regex.Pattern[str]:
    words = "|".join(fragment(f"long_date_{w}") for w in ("day", "month", "year"))
    return regex.compile(rf"{words}|[\d\s.…_/,\-]", regex.IGNORECASE)


def _blank_date(line: str) -> bool:
    """Whether a date line that gave no date is only blanks ("ngày … tháng … năm 20…"),
    not a day or a month that cannot be read ("ngày |] tháng 3")."""
    tail = line[line.find(",") + 1 :]
    return not _date_words_re().sub("", tail)


def _no_date(layout: Layout) -> Issue:
    """Why a document has no date: no date line, a blank one, or one that cannot be read."""
    if layout.date is None:
        return _issue("date.missing", "No date of issue was found.", "issued_date")
    if _blank_date(layout.date.text):
        return _issue("date.blank_draft", "The date of issue is left blank.", "issued_date")
    # "Hà Nội, ngày |] tháng 3 năm 2025": a day OCR could not read (handwritten).
    return _issue(
        "date.unreadable",
        f"The date line reads {layout.date.text!r}: its day, month or year cannot be read; "
        "the date is left empty.",
        "issued_date",
    )


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


# ---- extract: every field, agencies as mentions ------------------------------------


def _read_document(layout: Layout, rules: RuleSet) -> _Read:
    """Read the fields of an administrative document from its layout."""
    read = _Read()
    issues, spans = read.issues, read.spans
    number = parse_number(layout.number.text) if layout.number is not None else None
    if number is None:
        issues.append(_issue("number.missing", "No số, ký hiệu was found.", "number"))
    elif number.seq is None:
        issues.append(_issue("number.blank_draft", "The number is left blank (a draft).", "number"))
    if number is not None and layout.number is not None:
        spans["number"] = layout.number.span
    place_at = layout.date.place if layout.date else None
    date = layout.date.date if layout.date else None
    if place_at is not None:
        spans["place"] = place_at.span
    if date is not None and date.date is not None:
        spans["issued_date"] = (date.start, date.end)
    if date is None:
        issues.append(_no_date(layout))
    elif date.date is None:
        code = "date.blank_draft" if date.blank_day else "date.invalid"
        issues.append(_issue(code, "The date of issue is blank or impossible.", "issued_date"))
    read.number, read.on = number, date.date if date else None
    read.place = place_at.text if place_at else None
    on = read.on
    parent, issuer = split_issuer_lines(layout.issuer, lambda raw: names_a_body(raw, on, rules))
    if issuer is None:
        issues.append(_issue("issuer.missing", "No issuing body was found.", "issuer"))
    read.issuer = mention_at(issuer) if issuer else None
    read.parent = mention_at(parent) if parent else None
    for key, mention in (("issuer", issuer), ("issuer_parent", parent)):
        if mention is not None:
            spans[key] = mention.span
    read.doc_type = _doc_type(layout, number)
    if read.doc_type is None:
        issues.append(_issue("doc_type.missing", "The document type is unclear.", "doc_type"))
    subject = _subject(layout, number, issuer.text if issuer else None)
    if subject is None:
        issues.append(_issue("subject.missing", "No trích yếu was found.", "subject"))
    else:
        read.subject, spans["subject"] = subject.text, subject.span
    read.recipients = [mention_at(item) for item in kinh_gui_items(layout.kinh_gui)]
    listed = distribution_lines(layout.distribution)
    read.distribution = listed.entries
    read.archive = listed.archive.text if listed.archive else None
    read.blocks = read_signers(layout.signature)
    issues.extend(signer_issues([b.signer for b in read.blocks], found=bool(layout.signature)))
    urgency, secrecy = stamps(layout.marks)
    if urgency is not None:
        read.urgency, spans["urgency"] = urgency.text, urgency.span
    if secrecy is not None:
        read.secrecy, spans["secrecy"] = secrecy.text, secrecy.span
    body = layout.body.lines
    # What follows the body (Nơi nhận, signature, attached programmes) may assign tasks too.
    tail = [ln for ln in layout.lines if not body or ln.start > body[-1].start]
    read.duties = extract_duties(body, tail)
    return read


def _only_a_header(layout: Layout) -> bool:
    """A text of a few lines that holds a number anchor ("Số: 12/UBND-VP"): a document
    whose other parts are missing (each then gets its Issue), not an article."""
    if layout.number is None or len(layout.lines) > 3:
        return False
    number = parse_number(layout.number.text)
    return number is not None and number.seq is not None


def _read_portal(record: PortalRecord) -> _Read:
    """Read the fields from a legal portal's property table (a page without a body)."""
    read = _Read()
    read.issues.append(
        _issue(
            "text.portal_metadata_only",
            "The text holds a portal's attribute table, not the document itself.",
            None,
        )
    )
    read.number = parse_number(record.number) if record.number else None
    read.doc_type = doc_type_by_name(record.doc_type) if record.doc_type else None
    read.on = parse_date(record.issued) if record.issued else None
    read.issuer = AgencyMention(record.issuer) if record.issuer else None
    read.subject = record.subject
    return read


def _portal_signer(record: PortalRecord) -> Signer | None:
    if not (record.signer_name or record.signer_position):
        return None
    position = record.signer_position.upper() if record.signer_position else None
    name = without_rank(record.signer_name) if record.signer_name else None
    return Signer(position=position, name=name)


def _issuer_mention(c: Citation, by: IssuedBy | None) -> AgencyMention | None:
    """A citation's issuer: the one it names, else the body that "ban hành" it."""
    if c.issuer is not None:
        return AgencyMention(c.issuer.name or c.issuer.raw, c.issuer.span)
    if by is not None and by.issuer:
        return AgencyMention(by.issuer, by.span)
    return None


def _read_article(layout: Layout, cited: list[Citation]) -> tuple[_Read, Article, Reported | None]:
    """Read a portal article and the document it reports on."""
    read = _Read()
    parts = split_article(list(layout.lines))
    article = Article(
        title=parts.title, published_at=parts.published_at, author=parts.author, site=None
    )
    reported = reported_document(layout.text, parts.prose[0], cited) if parts.prose else None
    if reported is not None:
        read.on = reported.issued_date
        read.issuer = _issuer_mention(reported.citation, reported.issued_by)
        read.doc_type, read.number = reported.doc_type, reported.number
        read.subject = reported.subject
        if read.issuer is not None and read.issuer.span is not None:
            read.spans["issuer"] = read.issuer.span
    read.duties = extract_duties(parts.prose)
    return read, article, reported


def _cited(
    text: str, found: list[Citation], reported: Reported | None, own: DocNumber | None
) -> list[CitedMention]:
    """Every other document the text cites (an article's reported document and the
    document's own number, as a portal's title line or an appendix repeats it, excluded)."""
    verb_ends = issuing_verb_ends(text) if any(c.issuer is None for c in found) else frozenset()
    keep: list[CitedMention] = []
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
        keep.append(CitedMention(c, _issuer_mention(c, by), c.issuer is not None))
    return [
        m._replace(citation=m.citation.model_copy(update={"refers_to": index.get(r)}))
        if (r := m.citation.refers_to) is not None
        else m
        for m in keep
    ]


# ---- resolve: every mention with the document's one context ------------------------


def _duties(drafts: list[DutyDraft], r: Resolver) -> list[Duty]:
    def agency(item: ListItem) -> Agency:
        return r.agency(item.as_mention(), "duties")

    duties: list[Duty] = []
    for d in drafts:
        agencies = [agency(i) for i in d.agencies]
        lead = [a for a, i in zip(agencies, d.agencies, strict=True) if i in d.lead]
        lead += [agency(i) for i in d.lead if i not in d.agencies]
        partners = _dedupe([agency(i) for i in d.partners])
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


def _distribution(entries: list[DistributionLine], r: Resolver) -> list[Recipient]:
    return [
        Recipient(
            raw=e.raw,
            agency=r.agency(e.agency, "distribution") if e.agency is not None else None,
            note=e.note,
            span=e.span,
        )
        for e in entries
    ]


def _citations(cited: list[CitedMention], r: Resolver) -> list[Citation]:
    def issuer(m: CitedMention) -> Agency | None:
        if m.issuer is None:
            return None
        if not m.named:
            return r.agency(m.issuer, "citations")
        # A named issuer: the office ("Chủ tịch UBND tỉnh") or the body, raw as written.
        resolve = lambda name: r.agency(AgencyMention(name), "citations")  # noqa: E731
        agency = cited_issuer(m.issuer.name, m.citation.doc_type, resolve)
        return agency.model_copy(update={"span": m.issuer.span})

    return [
        m.citation if m.issuer is None else m.citation.model_copy(update={"issuer": issuer(m)})
        for m in cited
    ]


def _lead_block(blocks: list[SignedBlock], issuer: Agency | None) -> SignedBlock | None:
    """The issuing (lead) agency's signature block of a joint document, else the first."""
    names = [n for n in (issuer.raw, issuer.name) if n] if issuer is not None else []
    lead = lead_signer([b.signer for b in blocks], names)
    return next((b for b in blocks if b.signer is lead), None)


def _document(read: _Read, r: Resolver, source: Source, text: str | None) -> Document:
    """A document (or a portal's attribute table), every mention resolved."""
    issuer = r.issuer(read.issuer, read.parent) if read.issuer is not None else None
    parent = r.agency(read.parent, "issuer_parent") if read.parent is not None else None
    recipients = [r.agency(m, "recipients") for m in read.recipients]
    distribution = _distribution(read.distribution, r)
    lead = _lead_block(read.blocks, issuer)
    if lead is not None:
        read.spans["signer"] = lead.span
    duties = _duties(read.duties, r)
    citations = _citations(read.citations, r)
    return Document(
        source=source,
        genre="document",
        doc_type=read.doc_type,
        number=read.number,
        issued_date=read.on,
        place=read.place,
        issuer=issuer,
        issuer_parent=parent,
        subject=read.subject,
        recipients=recipients,
        duties=duties,
        signer=lead.signer if lead is not None else None,
        signers=[b.signer for b in read.blocks],
        distribution=distribution,
        archive=read.archive,
        citations=citations,
        urgency=read.urgency,
        secrecy=read.secrecy,
        province=r.ctx.province,
        issues=[*read.issues, *r.issues],
        spans=read.spans,
        text=text,
    )


def _portal(
    read: _Read, record: PortalRecord, r: Resolver, source: Source, text: str | None
) -> Document:
    """A legal portal's attribute table: the fields it states, every mention resolved."""
    issuer = r.agency(read.issuer, "issuer") if read.issuer is not None else None
    citations = _citations(read.citations, r)
    return Document(
        source=source,
        genre="document",
        doc_type=read.doc_type,
        number=read.number,
        issued_date=read.on,
        issuer=issuer,
        subject=read.subject,
        signer=_portal_signer(record),
        citations=citations,
        province=r.ctx.province,
        issues=[*read.issues, *r.issues],
        spans=read.spans,
        text=text,
    )


def _article(
    read: _Read, article: Article, r: Resolver, source: Source, text: str | None
) -> Document:
    """An article and the document it reports on, every mention resolved."""
    issuer = r.agency(read.issuer, "issuer") if read.issuer is not None else None
    duties = _duties(read.duties, r)
    citations = _citations(read.citations, r)
    unread = {"text.no_text_layer", "text.damaged_layer"} & {i.code for i in read.issues}
    if not (
        read.doc_type or read.number or issuer or read.subject or duties or citations or unread
    ):
        # (a scan already says why: its pages were not read)
        read.issues.append(
            _issue(
                "text.no_document",
                "No document was found in the text: it has no Quốc hiệu, số, type heading, "
                "Kính gửi or signature block and names no document it reports on (a "
                "programme, a speech, an appendix, a fragment?); it is read as an article "
                "whose title is its opening line.",
                None,
            )
        )
    return Document(
        source=source,
        genre="article",
        doc_type=read.doc_type,
        number=read.number,
        issued_date=read.on,
        issuer=issuer,
        subject=read.subject,
        duties=duties,
        citations=citations,
        article=article,
        province=r.ctx.province,
        issues=[*read.issues, *r.issues],
        spans=read.spans,
        text=text,
    )


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
    """Turn a loaded document into a :class:`Document` (``keep_text``: ship ``Document.text``),
    with the vocabulary of the rule set's user files (:mod:`vanban.vocabulary`).

    load → normalise → segment → extract mentions → build context → resolve → Document.
    """
    with using(load_vocabulary(rules.user_files)):
        return _run(raw, path=path, sha256=sha256, rules=rules, limits=limits, keep_text=keep_text)


def _run(
    raw: RawDocument,
    *,
    path: str | None,
    sha256: str | None,
    rules: RuleSet,
    limits: Limits,
    keep_text: bool,
) -> Document:
    source = Source(
        path=path, format=raw.format, sha256=sha256, encoding=raw.encoding, pages=raw.pages
    )
    bounded: list[Issue] = []
    text = _bounded(raw.text, limits, bounded)
    text = unflatten_header(normalize(text, markdown=raw.format == "markdown"))
    layout = segment(text)
    found = extract_citations(text)
    record = None
    article: Article | None = None
    reported: Reported | None = None
    if layout.is_document or _only_a_header(layout):
        read = _read_document(layout, rules)
    elif (record := read_property_table(layout.lines)) is not None:
        read = _read_portal(record)
    else:
        read, article, reported = _read_article(layout, found)
    read.citations = _cited(text, found, reported, read.number)
    read.issues[:0] = [*raw.issues, *bounded]
    ctx: Context = build_context(
        rules,
        text,
        on=read.on,
        issuer=read.issuer,
        parent=read.parent,
        place=read.place,
        article=article is not None,
    )
    resolver = Resolver(rules, ctx, text)
    shipped = text if keep_text else None
    if article is not None:
        result = _article(read, article, resolver, source, shipped)
    elif record is not None:
        result = _portal(read, record, resolver, source, shipped)
    else:
        result = _document(read, resolver, source, shipped)
    if getattr(raw, "ocr", None) is not None:  # read by OCR: source.ocr, text.ocr, confidence
        from vanban.loaders.ocr_report import annotate

        result = annotate(result, raw)
        # A value OCR could not read is null: so is its span.
        kept = {k: v for k, v in result.spans.items() if getattr(result, k, None) is not None}
        if kept != result.spans:
            result = result.model_copy(update={"spans": kept})
    return result
