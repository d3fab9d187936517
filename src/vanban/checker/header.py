"""Rules on the header: Quốc hiệu and Tiêu ngữ, số/ký hiệu, place and date."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from vanban.checker.context import Context
from vanban.checker.diagnostic import Finding
from vanban.extract.doctypes import doc_type_by_name, table
from vanban.rules.provinces import current, find_province, valid_on
from vanban.text.anchors import anchored, fragment, searcher

__all__ = ["date_rules", "motto_rules", "number_rules"]

# The Quốc hiệu as typed, misspellings included: eight words from "CỘNG" to "NAM".
_MOTTO_RE = searcher("quoc_hieu_full")
_TIEU_NGU_RE = searcher("tieu_ngu_full")
_SEQ_RE = regex.compile(r"^\s*(\d+)")
_DATE_WORDS_RE = searcher("date_words")
# A header place/date line in another form: "Lâm Đồng ngày …" (no comma), "Lâm Đồng, 05/01/2026".
_NO_COMMA_RE = regex.compile(
    rf"^(?P<place>[^\d,\n]{{2,40}}?)\s+(?P<rest>{fragment('date_words_with_year')})"
)
_NUMERIC_DATE_RE = regex.compile(rf"^(?P<place>[^\d,\n]{{2,40}}),\s*{fragment('numeric_date')}")


def motto_rules(ctx: Context) -> Iterator[Finding]:
    """Quốc hiệu and Tiêu ngữ: present, worded as Phụ lục I prints them, spaced hyphens."""
    if ctx.layout.party:
        return
    text, params = ctx.text, ctx.params
    head = ctx.head_lines
    motto = next(((ln, m) for ln in head if (m := _MOTTO_RE.search(ln.text))), None)
    if motto is None:
        yield Finding("nd30.motto.missing", span=head[0].span if head else None)
    else:
        ln, m = motto
        found = m.group(0)
        if found not in params.motto:
            yield Finding(
                "nd30.motto.wording",
                span=(ln.start + m.start(), ln.start + m.end()),
                found=found,
                fix=params.motto[0],
            )
    tieu = next(((ln, m) for ln in head if (m := _TIEU_NGU_RE.search(ln.text))), None)
    if tieu is None:
        if motto is not None:
            yield Finding("nd30.motto.tieu_ngu_missing", span=motto[0].span)
        return
    ln, m = tieu
    span = (ln.start + m.start(), ln.start + m.end())
    found = text[span[0] : span[1]]
    words = regex.sub(r"\s*[-–—]\s*|\s+", " ", found)
    if words != regex.sub(r"\s*-\s*", " ", params.tieu_ngu):
        yield Finding("nd30.motto.tieu_ngu_wording", span=span, found=found, fix=params.tieu_ngu)
    elif m.group("s1") != " - " or m.group("s2") != " - ":
        seps = (m.group("s1"), m.group("s2"))
        dashed = [regex.sub(r"[–—]", "-", s) for s in seps]
        code = "nd30.motto.dash" if dashed == [" - ", " - "] else "nd30.motto.hyphen"
        yield Finding(code, span=span, found=found, fix=params.tieu_ngu)


def number_rules(ctx: Context) -> Iterator[Finding]:
    """Số, ký hiệu: present, leading 0, no spaces, capitals, codes agreeing with the text."""
    layout, doc = ctx.layout, ctx.doc
    line = layout.number
    if line is None or doc.number is None:
        dtp = doc.doc_type
        unnumbered = dtp is not None and dtp.name in ctx.params.unnumbered_types
        if not (layout.party or unnumbered):
            yield Finding("nd30.number.missing", span=_first_header_span(ctx))
        return
    number = doc.number
    start = line.span[0]
    printed = line.text
    if number.seq is None:
        yield Finding("nd30.draft.number_blank", span=line.span, found=printed)
    else:
        m = _SEQ_RE.match(printed)
        if m and len(m.group(1)) == 1 and m.group(1) != "0":
            yield Finding(
                "nd30.number.leading_zero",
                span=(start + m.start(1), start + m.end(1)),
                found=m.group(1),
                fix="0" + m.group(1),
            )
    if number.party:
        return
    body = printed.strip()
    if number.seq is None:
        body = body.lstrip("._… ")
    if ctx.doc.source.format == "pdf":
        # A signed PDF stamps the number in at signing: a gap before "/" is the stamp's.
        body = regex.sub(r"^(\d+)\s+/", r"\1/", body)
    if regex.search(r"\S\s+\S", body):
        yield Finding("nd30.number.spaces", span=line.span, found=body, fix="".join(body.split()))
    symbol = number.raw.split("/", 1)[-1] if "/" in number.raw else number.raw
    mixed_ok = _mixed_case_codes(ctx)
    groups = [g for g in regex.split(r"[-/]", symbol) if g]
    if any(g != g.upper() and not _is_mixed_ok(g, mixed_ok) for g in groups):
        fixed = regex.sub(r"[^-/]+", lambda g: _upper_code(g.group(0), mixed_ok), symbol)
        yield Finding(
            "nd30.number.lowercase",
            span=(start + max(0, printed.find("/") + 1), line.span[1]),
            found=symbol,
            fix=fixed,
        )
    yield from _type_code(ctx)
    yield from _year(ctx)
    yield from _issuer_code(ctx)


def _mixed_case_codes(ctx: Context) -> set[str]:
    """Codes Phụ lục III and the issuer table print in mixed case ("TTr", "TTg", "QyĐ")."""
    codes = {c for e in table().types for c in (e.code, *e.aliases) if c}
    codes.update(c.code for c in ctx.rules.data.issuer_codes)
    return {c for c in codes if c != c.upper()}


def _is_mixed_ok(group: str, mixed: set[str]) -> bool:
    # "TTr" also inside a code: "TTrSNV" (a lost hyphen) and QH15 / UBTVQH15.
    if group in mixed:
        return True
    return any(group.startswith(c) and group[len(c) :].isupper() for c in mixed) or bool(
        anchored("code_with_number").fullmatch(group)
    )


def _upper_code(group: str, mixed: set[str]) -> str:
    return group if _is_mixed_ok(group, mixed) else group.upper()


def _first_header_span(ctx: Context) -> tuple[int, int] | None:
    head = ctx.head_lines
    return head[0].span if head else None


def _type_code(ctx: Context) -> Iterator[Finding]:
    layout, number = ctx.layout, ctx.doc.number
    if number is None or layout.type_heading is None or not number.type_code:
        return
    heading = doc_type_by_name(layout.type_heading)
    if heading is None or heading.code is None:
        return
    if heading.code.casefold() != number.type_code.casefold():
        line = layout.number
        assert line is not None
        at = line.text.find(number.type_code)
        span = (line.span[0] + at, line.span[0] + at + len(number.type_code)) if at >= 0 else None
        yield Finding(
            "nd30.number.type_mismatch",
            span=span or line.span,
            found=number.type_code,
            fix=heading.code,
            detail=heading.name,
        )


def _doc_type_label(ctx: Context) -> tuple[str, str | None]:
    dtp = ctx.doc.doc_type
    return (dtp.name if dtp else "văn bản"), (dtp.code if dtp else None)


def _year(ctx: Context) -> Iterator[Finding]:
    number, line, params = ctx.doc.number, ctx.layout.number, ctx.params
    if number is None or line is None or number.party:
        return
    name, code = _doc_type_label(ctx)
    administrative = (ctx.doc.doc_type is not None and code is None and name == "Công văn") or (
        code in params.administrative_codes
    )
    if number.year is not None and administrative:
        fixed = regex.sub(rf"/{number.year}/", "/", number.raw, count=1)
        at = line.text.find(str(number.year))
        span = (line.span[0] + at, line.span[0] + at + 4) if at >= 0 else line.span
        yield Finding(
            "nd30.number.year_in_administrative",
            span=span,
            found=number.raw,
            fix=fixed,
            detail=name.lower(),
        )
    if number.year is None and number.type_code in params.legal_codes:
        yield Finding(
            "nd30.number.no_year_legal", span=line.span, found=number.raw, detail=name.lower()
        )


def _issuer_code(ctx: Context) -> Iterator[Finding]:
    number, line, issuer = ctx.doc.number, ctx.layout.number, ctx.doc.issuer
    if number is None or line is None or issuer is None or issuer.id is None:
        return
    code = number.issuer_code
    if not code:
        return
    body = ctx.rules.issuer(code)
    if body is None:
        return
    kind = issuer.id.split(":", 1)[0]
    parent = ctx.doc.issuer_parent
    parent_kind = parent.id.split(":", 1)[0] if parent is not None and parent.id else None
    if body in (kind, parent_kind):
        return
    at = line.text.find(code)
    span = (line.span[0] + at, line.span[0] + at + len(code)) if at >= 0 else line.span
    yield Finding(
        "nd30.number.issuer_mismatch", span=span, found=code, detail=issuer.name or issuer.raw
    )


def date_rules(ctx: Context) -> Iterator[Finding]:
    """Place and date: present, in full words, a comma after the place, zero-padding, the
    place still a unit on that date."""
    layout, text = ctx.layout, ctx.text
    date = layout.date
    if date is None:
        yield from _odd_date_line(ctx)
        return
    m = _DATE_WORDS_RE.search(text, date.span[0], date.span[1])
    if m is None:
        yield Finding("nd30.date.form", span=date.span, found=text[date.span[0] : date.span[1]])
        return
    yield from _date_words(m)
    yield from _place(ctx)


def _date_words(m: regex.Match[str]) -> Iterator[Finding]:
    """Zero-padding of the day and month of a matched "ngày … tháng … năm …"."""
    day, month = m.group("d"), m.group("m")
    if not day.isdigit():
        if regex.fullmatch(r"[._…]*", day):
            yield Finding("nd30.draft.day_blank", span=(m.start(), m.end()))
    elif len(day) == 1 and day != "0":
        yield Finding("nd30.date.day_leading_zero", span=m.span("d"), found=day, fix="0" + day)
    if month.isdigit():
        value = int(month)
        if value in (1, 2) and len(month) == 1:
            yield Finding(
                "nd30.date.month_leading_zero", span=m.span("m"), found=month, fix="0" + month
            )
        elif 3 <= value <= 12 and month.startswith("0"):
            yield Finding(
                "nd30.date.month_extra_zero", span=m.span("m"), found=month, fix=str(value)
            )


def _odd_date_line(ctx: Context) -> Iterator[Finding]:
    """No "<place>, ngày … tháng … năm …" line: one written another way, or none at all."""
    for ln in ctx.head_lines:
        m = _NO_COMMA_RE.match(ln.text)
        if m and not searcher("not_a_place").search(m.group("place")):
            place = m.group("place").strip()
            yield Finding(
                "nd30.date.comma",
                span=(ln.start, ln.start + len(place)),
                found=ln.text,
                fix=f"{place}, {m.group('rest')}",
            )
            words = _DATE_WORDS_RE.search(ctx.text, ln.start, ln.end)
            if words is not None:
                yield from _date_words(words)
            return
        m = _NUMERIC_DATE_RE.match(ln.text)
        if m:
            yield Finding("nd30.date.form", span=ln.span, found=ln.text)
            return
    if not (ctx.layout.party or ctx.legislative):
        yield Finding("nd30.date.missing", span=_first_header_span(ctx))


def _place(ctx: Context) -> Iterator[Finding]:
    date, on = ctx.layout.date, ctx.on
    if date is None or date.place is None or on is None:
        return
    province = find_province(ctx.rules, date.place.text, on)
    if province is None or valid_on(province, on):
        return
    today = current(ctx.rules, province)
    if today is province:
        return
    yield Finding(
        "nd30.date.place_reorganised",
        span=date.place.span,
        found=date.place.text,
        fix=today.name,
        detail=on.strftime("%d/%m/%Y"),
    )
