"""DOCX: the body in document order, read straight from the XML with lxml.

python-docx parses every style and part before giving back a paragraph; on
the real archive that costs more than the rest of the loading, and it adds
nothing here, so the loader walks ``word/document.xml`` itself:

* paragraphs and tables interleaved as in the document, tables row by row and
  cell by cell, each cell's paragraphs on their own lines; a number split
  across two cells ("Số: 18" | "/2025/QĐ-UBND") is joined again;
* Word's automatic numbering put back ("1.", "a)");
* text boxes after the paragraph that anchors them;
* tracked changes: insertions kept, deletions dropped;
* the first section's page header in front when it holds text (footers and
  page-number fields are dropped);
* runs in legacy ``.VnTime`` / ``VNI-Times`` fonts converted to Unicode.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, TypeVar

import regex

from vanban.errors import CorruptDocument, LimitExceeded, UnsupportedFormat
from vanban.limits import DEFAULT_LIMITS, Limits, check_deadline
from vanban.loaders.base import RawDocument
from vanban.loaders.docx_numbering import Numbering, W, safe_int
from vanban.loaders.encodings import from_tcvn3, from_vni, legacy_font_encoding
from vanban.loaders.zipread import ZIP_ERRORS, ZipParts

__all__ = ["load_bytes"]

_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
# Inside these, text is not shown (deleted, moved away, field codes, the VML
# copy of a text box that Word keeps beside the DrawingML one).
_SKIP = {f"{W}del", f"{W}moveFrom", f"{W}instrText", f"{W}delText", f"{_MC}Fallback"}
_SPLIT_NUMBER = regex.compile(r"(?:^|\s)S[ốố]\s*:?\s*\d*\s*$")
_PAGE_FIELD = regex.compile(r"^[\s\d\-–/|Page Trang]*$", regex.IGNORECASE)


@dataclass(slots=True)
class _Ctx:
    numbering: Numbering
    style_num: dict[str, tuple[str, int]] = field(default_factory=dict)
    style_font: dict[str, str] = field(default_factory=dict)
    default_font: str | None = None
    legacy: bool = False
    boxes: bool = True  # the body may hold text boxes or moved text


_local = threading.local()


def _parser() -> Any:
    """A safe XML parser (no entities, no network, no DTD), one per thread."""
    parser = getattr(_local, "parser", None)
    if parser is None:
        from lxml import etree

        parser = etree.XMLParser(
            resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
        )
        _local.parser = parser
    return parser


def _xml(zf: ZipParts, name: str, *, needs: tuple[bytes, ...] = ()) -> Any | None:
    """Parse one part; None when absent, or when it holds none of ``needs``."""
    data = zf.read(name, max_bytes=zf.limits.max_docx_xml_bytes)
    if data is None:
        return None
    if needs and not any(n in data for n in needs):
        return None  # parsing styles.xml costs more than the body: skip when useless
    return _parse(data, name, zf.limits)


def _parse(data: bytes, name: str, limits: Limits) -> Any:
    from lxml import etree

    if len(data) > limits.max_docx_xml_bytes:
        raise LimitExceeded(
            f"DOCX part {name} is {len(data):,} bytes of XML, over the limit of "
            f"{limits.max_docx_xml_bytes:,} (Limits.max_docx_xml_bytes)"
        )
    try:
        return etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        raise CorruptDocument(f"DOCX part {name} is not well-formed XML ({exc})") from exc


def _open(data: bytes, limits: Limits) -> ZipParts:
    zf = ZipParts(data, limits, what="DOCX")
    names = zf.names
    if "word/document.xml" not in names:
        zf.close()
        if any(n.startswith("xl/") for n in names):
            raise UnsupportedFormat("this is an Excel workbook (.xlsx), not a Word document")
        if any(n.startswith("ppt/") for n in names):
            raise UnsupportedFormat("this is a PowerPoint file (.pptx), not a Word document")
        raise CorruptDocument("zip file without word/document.xml: not a DOCX document")
    return zf


def load_bytes(
    data: bytes,
    *,
    name: str | None = None,
    format: str = "docx",
    limits: Limits = DEFAULT_LIMITS,
) -> RawDocument:
    """Load a DOCX file into text following the :class:`RawDocument` conventions.

    Raises:
        CorruptDocument: not a zip, no ``word/document.xml``, broken XML, or
            a part that cannot be unpacked (any zipfile or decompressor error).
        UnsupportedFormat: an Excel or PowerPoint file under a Word name.
        LimitExceeded: too many parts, too large once unpacked (checked while
            inflating, whatever the headers claim), or over ``max_seconds``.
    """
    with _open(data, limits) as zf:
        try:
            raw_doc = zf.read("word/document.xml", max_bytes=limits.max_docx_xml_bytes) or b""
            doc = _parse(raw_doc, "word/document.xml", limits)
            ctx = _Ctx(numbering=Numbering.from_xml(_xml(zf, "word/numbering.xml")))
            ctx.boxes = b"txbxContent" in raw_doc or b"moveFrom" in raw_doc
            del raw_doc
            _read_styles(_xml(zf, "word/styles.xml", needs=(b"numPr", b".Vn", b"VNI")), ctx)
            ctx.legacy = ctx.legacy or _has_legacy_font(doc)
            body = doc.find(f"{W}body") if doc is not None else None
            if body is None:
                raise CorruptDocument("DOCX document.xml has no body")
            lines = _header_lines(zf, body, ctx)
            for i, line in enumerate(_block(body, ctx)):
                lines.append(line)
                if i % 2048 == 0:
                    check_deadline("reading DOCX paragraphs")
        except ZIP_ERRORS as exc:  # raised by lxml or our own code on odd values
            raise CorruptDocument(f"DOCX file is damaged: {exc}") from exc
    text = "\n".join(line for line in lines if line.strip())
    return RawDocument(text=text, format="docx")


def _read_styles(root: Any | None, ctx: _Ctx) -> None:
    """Style numbering (headings numbered by style) and legacy fonts."""
    if root is None:
        return
    based: dict[str, str] = {}
    for st in root.iter(f"{W}style"):
        sid = st.get(f"{W}styleId", "")
        b = st.find(f"{W}basedOn")
        if b is not None:
            based[sid] = b.get(f"{W}val", "")
        num = st.find(f"{W}pPr/{W}numPr")
        if num is not None:
            ctx.style_num[sid] = _num_pr(num)
        font = st.find(f"{W}rPr/{W}rFonts")
        if font is not None and font.get(f"{W}ascii"):
            ctx.style_font[sid] = font.get(f"{W}ascii", "")
    # a style without its own numbering or font takes its nearest ancestor's
    ctx.style_num = _inherit(ctx.style_num, based)
    ctx.style_font = _inherit(ctx.style_font, based)
    ctx.style_num = {k: v for k, v in ctx.style_num.items() if v[1] >= 0}
    default = root.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}rFonts")
    if default is not None:
        ctx.default_font = default.get(f"{W}ascii")
    fonts = [*ctx.style_font.values(), ctx.default_font]
    ctx.legacy = ctx.legacy or any(legacy_font_encoding(f) for f in fonts)


_NONE: Any = object()
_T = TypeVar("_T")


def _inherit(own: dict[str, _T], based: dict[str, str]) -> dict[str, _T]:
    """``own`` extended along ``w:basedOn`` chains: each style gets its nearest
    ancestor's value. Every style is walked once (memoised), and a cycle ends
    the chain, so 20,000 chained or cyclic styles take linear time.

    >>> _inherit({"a": 1}, {"b": "a", "c": "b", "x": "y", "y": "x"})
    {'a': 1, 'b': 1, 'c': 1}
    """
    found: dict[str, Any] = dict(own)
    for sid in based:
        if sid in found:
            continue
        path: list[str] = []
        on_path: set[str] = set()
        cur: str | None = sid
        value: Any = _NONE
        while cur is not None:
            if cur in found:
                value = found[cur]
                break
            if cur in on_path:  # a cycle: nothing to inherit from
                break
            path.append(cur)
            on_path.add(cur)
            cur = based.get(cur)
        for step in path:
            found[step] = value
    return {k: v for k, v in found.items() if v is not _NONE}


def _has_legacy_font(doc: Any) -> bool:
    return any(
        legacy_font_encoding(f.get(f"{W}ascii") or f.get(f"{W}hAnsi"))
        for f in doc.iter(f"{W}rFonts")
    )


def _num_pr(num: Any) -> tuple[str, int]:
    nid = num.find(f"{W}numId")
    lvl = num.find(f"{W}ilvl")
    return (
        nid.get(f"{W}val", "") if nid is not None else "",
        safe_int(lvl.get(f"{W}val"), 0) if lvl is not None else 0,
    )


def _header_lines(zf: ZipParts, body: Any, ctx: _Ctx) -> list[str]:
    """Text of the first section's first-page (or default) header, when it has letters."""
    sect = next(body.iter(f"{W}sectPr"), None)
    if sect is None:
        return []
    refs = {
        r.get(f"{W}type", "default"): r.get(f"{_R}id") for r in sect.findall(f"{W}headerReference")
    }
    rid = refs.get("first") if sect.find(f"{W}titlePg") is not None else None
    rid = rid or refs.get("default")
    rels = _xml(zf, "word/_rels/document.xml.rels")
    if not rid or rels is None:
        return []
    target = next(
        (r.get("Target") for r in rels.iter(f"{_REL}Relationship") if r.get("Id") == rid), None
    )
    if not target:
        return []
    header = _xml(zf, "word/" + target.lstrip("/").removeprefix("word/"))
    if header is None:
        return []
    lines = [line for line in _block(header, ctx) if not _PAGE_FIELD.match(line)]
    return lines if any(any(c.isalpha() for c in line) for line in lines) else []


def _block(parent: Any, ctx: _Ctx) -> Iterator[str]:
    """Paragraphs and tables under ``parent``, in order."""
    for child in parent:
        tag = child.tag
        if tag == f"{W}p":
            yield from _paragraph(child, ctx)
        elif tag == f"{W}tbl":
            yield from _table(child, ctx)
        elif tag in (f"{W}sdt", f"{W}customXml", f"{W}ins", f"{W}smartTag"):
            content = child.find(f"{W}sdtContent")
            yield from _block(content if content is not None else child, ctx)
        elif tag == f"{_MC}AlternateContent":
            choice = child.find(f"{_MC}Choice")
            if choice is not None:
                yield from _block(choice, ctx)


def _table(tbl: Any, ctx: _Ctx) -> Iterator[str]:
    for row in tbl.iterchildren(f"{W}tr"):
        cells: list[list[str]] = []
        for tc in row.iterchildren(f"{W}tc"):
            merge = tc.find(f"{W}tcPr/{W}vMerge")
            if merge is not None and merge.get(f"{W}val") != "restart":
                continue  # continuation of a vertically merged cell
            cells.append([line for line in _block(tc, ctx) if line.strip()])
        yield from _join_cells(cells)


def _join_cells(cells: list[list[str]]) -> Iterator[str]:
    """Cell after cell; "Số: 18" | "/2025/QĐ-UBND" become one line again."""
    pending: list[str] = []
    for cell in cells:
        if not cell:
            continue
        if pending and _SPLIT_NUMBER.search(pending[-1]) and cell[0].lstrip().startswith("/"):
            pending[-1] = pending[-1].rstrip() + cell[0].strip()
            pending.extend(cell[1:])
        else:
            pending.extend(cell)
    yield from pending


_FAST_TAGS = (f"{W}t", f"{W}tab", f"{W}ptab", f"{W}br", f"{W}cr", f"{W}noBreakHyphen")
_FAST_TEXT = {f"{W}tab": " ", f"{W}ptab": " ", f"{W}br": "\n", f"{W}cr": "\n"}


def _paragraph(p: Any, ctx: _Ctx) -> Iterator[str]:
    parts: list[str] = []
    boxes: list[Any] = []
    if ctx.legacy or (
        ctx.boxes and next(p.iter(f"{W}txbxContent", f"{W}moveFrom"), None) is not None
    ):
        _runs(p, ctx, _style_of(p), parts, boxes)
    else:  # the common case, filtered in C: no text box, no legacy font
        t_tag = f"{W}t"
        for el in p.iter(*_FAST_TAGS):
            tag = el.tag
            parts.append((el.text or "") if tag == t_tag else _FAST_TEXT.get(tag, "-"))
    text = "".join(parts)
    label = _label(p, ctx)
    lines = text.split("\n")
    if label and lines and lines[0].strip():
        lines[0] = f"{label} {lines[0].lstrip()}"
    yield from (line.strip() for line in lines)
    for box in boxes:
        yield from _block(box, ctx)


def _style_of(p: Any) -> str:
    st = p.find(f"{W}pPr/{W}pStyle")
    return st.get(f"{W}val", "") if st is not None else ""


def _label(p: Any, ctx: _Ctx) -> str:
    if not ctx.numbering.levels:
        return ""
    num = p.find(f"{W}pPr/{W}numPr")
    if num is not None:
        num_id, ilvl = _num_pr(num)
        if not num_id:
            style_num = ctx.style_num.get(_style_of(p))
            num_id = style_num[0] if style_num else ""
    else:
        style_num = ctx.style_num.get(_style_of(p))
        if not style_num:
            return ""
        num_id, ilvl = style_num
    return ctx.numbering.label(num_id, ilvl) if num_id else ""


def _runs(node: Any, ctx: _Ctx, pstyle: str, parts: list[str], boxes: list[Any]) -> None:
    for child in node:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIP:
            continue
        if tag == f"{W}r":
            _run(child, ctx, pstyle, parts, boxes)
        elif tag == f"{W}pPr":
            continue
        else:  # hyperlinks, insertions, smart tags, fields, content controls
            _runs(child, ctx, pstyle, parts, boxes)


def _run(r: Any, ctx: _Ctx, pstyle: str, parts: list[str], boxes: list[Any]) -> None:
    encoding = _run_encoding(r, ctx, pstyle) if ctx.legacy else None
    _walk_run(r, encoding, parts, boxes)


def _walk_run(node: Any, encoding: str | None, parts: list[str], boxes: list[Any]) -> None:
    for el in node:
        tag = el.tag
        if not isinstance(tag, str) or tag in _SKIP or tag == f"{W}rPr":
            continue
        if tag == f"{W}t":
            text = el.text or ""
            if encoding == "vni":
                text = from_vni(text)
            elif encoding:
                text = from_tcvn3(text, upper=encoding == "tcvn3-upper")
            parts.append(text)
        elif tag in (f"{W}tab", f"{W}ptab"):
            parts.append(" ")
        elif tag in (f"{W}br", f"{W}cr"):
            parts.append("\n")
        elif tag == f"{W}noBreakHyphen":
            parts.append("-")
        elif tag == f"{W}txbxContent":
            boxes.append(el)
        elif len(el):
            _walk_run(el, encoding, parts, boxes)


def _run_encoding(r: Any, ctx: _Ctx, pstyle: str) -> str | None:
    fonts = r.find(f"{W}rPr/{W}rFonts")
    font = None
    if fonts is not None:
        font = fonts.get(f"{W}ascii") or fonts.get(f"{W}hAnsi")
    if font is None:
        rstyle = r.find(f"{W}rPr/{W}rStyle")
        if rstyle is not None:
            font = ctx.style_font.get(rstyle.get(f"{W}val", ""))
    font = font or ctx.style_font.get(pstyle) or ctx.default_font
    return legacy_font_encoding(font)
