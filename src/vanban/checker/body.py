"""Rules on a công văn's own parts, the Nơi nhận and the signature block."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import regex

from vanban.checker.context import Context
from vanban.checker.diagnostic import Finding
from vanban.extract.doctypes import fold
from vanban.text.anchors import fragment, searcher
from vanban.text.layout import Line, Span

__all__ = ["cong_van_rules", "noi_nhan_rules", "signature_rules"]

_VV_RE = regex.compile(r"^V/v(?:\s|$)")
_VE_VIEC_RE = regex.compile(rf"^{fragment('vv_other_form')}\b\s*:?\s*")
_E_SIGNED_RE = searcher("e_signed")
_STAMP_CHARS = 300
_NOI_NHAN_RE = regex.compile(rf"^{fragment('noi_nhan')}\s*:?")
_LIST_LINES = 40
_LUU_RE = regex.compile(rf"^[-–—+•*·]?\s*{fragment('luu')}\b")
_LUU_VT_RE = regex.compile(rf"^[-–—+•*·]?\s*{fragment('luu_vt')}\b")
_AUTHORITY_RE = regex.compile(
    r"^(?P<prefix>TM|T/M|KT|K/T|TL|T/L|TUQ|Q)\s*[.:]?\s+(?P<target>\S.*)$"
)
_PREFIX = {"T/M": "TM", "K/T": "KT", "T/L": "TL"}


def _is_cong_van(ctx: Context) -> bool:
    dtp = ctx.doc.doc_type
    return dtp is not None and dtp.name == "Công văn"


def _line_at(ctx: Context, offset: int) -> Line | None:
    for ln in ctx.layout.lines:
        if ln.start <= offset < max(ln.end, ln.start + 1):
            return ln
    return None


def _after_header(ctx: Context) -> Span | None:
    """Where a missing header part would stand: the line after the number or date line."""
    anchors = [a.span for a in (ctx.layout.number, ctx.layout.date) if a is not None]
    if not anchors:
        return None
    end = max(s[1] for s in anchors)
    nxt = next((ln for ln in ctx.layout.lines if ln.start > end), None)
    return nxt.span if nxt else None


def cong_van_rules(ctx: Context) -> Iterator[Finding]:
    """A công văn: trích yếu opened by "V/v", no "CÔNG VĂN" heading, a "Kính gửi"."""
    if not _is_cong_van(ctx):
        return
    layout = ctx.layout
    heading = layout.type_heading
    if heading is not None and fold(heading) == fold("Công văn"):
        ln = next((x for x in ctx.head_lines if fold(x.text) == fold("Công văn")), None)
        yield Finding("nd30.cv.heading", span=ln.span if ln else None, found=heading)
    subject = layout.subject.lines
    line = _line_at(ctx, subject[0].start) if subject else None
    if line is None:
        if (ctx.doc.number is not None and ctx.doc.number.seq is not None) or subject:
            yield Finding("nd30.cv.no_vv", span=_after_header(ctx))
    elif not _VV_RE.match(line.text):
        m = _VE_VIEC_RE.match(line.text)
        fix = "V/v " + line.text[m.end() :] if m else None
        yield Finding("nd30.cv.no_vv", span=line.span, found=line.text, fix=fix)
    if not layout.kinh_gui:
        span = subject[-1].span if subject else _after_header(ctx)
        yield Finding("nd30.cv.no_kinh_gui", span=span)


def noi_nhan_rules(ctx: Context) -> Iterator[Finding]:
    """A "Nơi nhận:" whose list ends with "Lưu: VT, …"."""
    if ctx.legislative:
        return
    layout = ctx.layout
    lines = list(layout.distribution.lines)
    label = next((i for i, ln in enumerate(layout.lines) if _NOI_NHAN_RE.match(ln.text)), None)
    if label is not None:
        # The list may run past what segmentation kept (a second column, the next page).
        after = list(layout.lines[label + 1 : label + 1 + _LIST_LINES])
        if not any(_LUU_RE.match(ln.text) for ln in lines):
            lines += [ln for ln in after if not lines or ln.start > lines[-1].start]
    if not lines:
        if label is None and (layout.signature or layout.body) and not ctx.transcribed:
            where = layout.signature.span or layout.body.span
            yield Finding("nd30.noi_nhan.missing", span=where)
        return
    luu = [ln for ln in lines if _LUU_RE.match(ln.text)]
    if not luu:
        last = layout.distribution.lines[-1] if layout.distribution else lines[-1]
        yield Finding("nd30.noi_nhan.luu", span=last.span, found='không có dòng "Lưu: VT, …"')
    elif not _LUU_VT_RE.match(luu[0].text):
        yield Finding("nd30.noi_nhan.luu", span=luu[0].span, found=f'"{luu[0].text}"')


@dataclass(slots=True)
class _Block:
    chain: list[tuple[str, str, Line]]
    position: Line | None = None


def _blocks(ctx: Context) -> list[_Block]:
    """The signature region's authority chains, each with the signer's own title line."""
    blocks: list[_Block] = []
    for ln in ctx.layout.signature.lines:
        m = _AUTHORITY_RE.match(ln.text)
        if m:
            prefix = _PREFIX.get(m.group("prefix"), m.group("prefix"))
            if not blocks or blocks[-1].position is not None:
                blocks.append(_Block([]))
            blocks[-1].chain.append((prefix, m.group("target").strip(), ln))
        elif blocks and blocks[-1].position is None and _title_like(ln.text):
            blocks[-1].position = ln
    return [b for b in blocks if b.chain]


def _title_like(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def _starts(text: str, words: list[str]) -> bool:
    key = fold(text)
    return any(key == fold(w) or key.startswith(fold(w) + " ") for w in words)


def signature_rules(ctx: Context) -> Iterator[Finding]:
    """KT. by a deputy, TM. for a collective body, TL./TUQ. not by the head; a name."""
    params = ctx.params
    blocks = _blocks(ctx)
    for block in blocks:
        for prefix, target, ln in block.chain:
            if prefix == "TM" and _starts(target, params.individual_titles):
                yield Finding("nd30.sign.tm_not_collective", span=ln.span, found=ln.text)
        prefix, target, _ = block.chain[-1]
        pos = block.position
        if pos is None:
            continue
        if prefix == "KT" and not _starts(pos.text, params.deputy_titles):
            yield Finding("nd30.sign.kt_not_deputy", span=pos.span, found=pos.text)
        if prefix in ("TL", "TUQ") and fold(pos.text) == fold(target):
            yield Finding("nd30.sign.tl_head_title", span=pos.span, found=pos.text)
    signers = ctx.doc.signers or ([ctx.doc.signer] if ctx.doc.signer else [])
    region = ctx.layout.signature
    number, date = ctx.doc.number, ctx.layout.date
    draft = (number is not None and number.seq is None) or (date is not None and date.date is None)
    end = region.lines[-1].end if region else 0
    stamped = bool(_E_SIGNED_RE.search(ctx.text, end, end + _STAMP_CHARS))
    if region and signers and all(s.name is None for s in signers) and not (draft or stamped):
        # A draft leaves the name to the signer; an issued document prints it (a digital
        # signature's stamp may carry it as an image).
        # Placed on the signer's title, the line the name should follow.
        title = next((b.position for b in blocks if b.position is not None), None)
        yield Finding("nd30.sign.no_name", span=(title or region.lines[0]).span)
