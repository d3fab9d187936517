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

import functools
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
from vanban.text.anchors import fragment

__all__ = ["load_bytes"]

_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
# Inside these, text is not shown (deleted, moved away, field codes, the VML
# copy of a text box that Word keeps beside the DrawingML one).
_SKIP = {f"{W}del", f"{W}moveFrom", f"{W}instrText", f"{W}delText", f"{_MC}Fallback"}
_SPLIT_NUMBER = regex.compile(rf"(?:^|\s){fragment('so_word')}\s*$")
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
_V = TypeVar("_V")


def _inherit(own: dict[str, _V], based: dict[str, str]) -> dict[str, _V]:
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
    return any(_font_encoding(f.get(_ASCII) or f.get(_HANSI)) for f in doc.iter(_RFONTS))


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


# Tags compared in the walk, built once (an f-string per element adds up).
_P, _TBL, _TR, _TC, _T = f"{W}p", f"{W}tbl", f"{W}tr", f"{W}tc", f"{W}t"
_R_TAG, _PPR, _RPR, _TCPR = f"{W}r", f"{W}pPr", f"{W}rPr", f"{W}tcPr"
_CONTAINERS = {f"{W}sdt", f"{W}customXml", f"{W}ins", f"{W}smartTag"}
_SDT_CONTENT, _ALTERNATE, _CHOICE = f"{W}sdtContent", f"{_MC}AlternateContent", f"{_MC}Choice"
_VMERGE, _VAL, _NUMPR, _PSTYLE = f"{W}vMerge", f"{W}val", f"{W}numPr", f"{W}pStyle"
_RFONTS, _RSTYLE, _ASCII, _HANSI = f"{W}rFonts", f"{W}rStyle", f"{W}ascii", f"{W}hAnsi"
_TXBX, _MOVE_FROM = f"{W}txbxContent", f"{W}moveFrom"
_TABS, _BREAKS, _NB_HYPHEN = {f"{W}tab", f"{W}ptab"}, {f"{W}br", f"{W}cr"}, f"{W}noBreakHyphen"


def _find2(el: Any, outer: str, inner: str) -> Any | None:
    """``el.find("outer/inner")`` without lxml's Python path machinery."""
    for x in el.iterchildren(outer):
        for y in x.iterchildren(inner):
            return y
    return None


def _block(parent: Any, ctx: _Ctx) -> Iterator[str]:
    """Paragraphs and tables under ``parent``, in order (yielded per top-level element)."""
    out: list[str] = []
    for child in parent:
        _element(child, ctx, out)
        if out:
            yield from out
            out.clear()


def _blocks_into(parent: Any, ctx: _Ctx, out: list[str]) -> None:
    for child in parent:
        _element(child, ctx, out)


def _element(child: Any, ctx: _Ctx, out: list[str]) -> None:
    tag = child.tag
    if tag == _P:
        _paragraph(child, ctx, out)
    elif tag == _TBL:
        _table(child, ctx, out)
    elif tag in _CONTAINERS:
        content = next(child.iterchildren(_SDT_CONTENT), None)
        _blocks_into(content if content is not None else child, ctx, out)
    elif tag == _ALTERNATE:
        choice = next(child.iterchildren(_CHOICE), None)
        if choice is not None:
            _blocks_into(choice, ctx, out)


def _table(tbl: Any, ctx: _Ctx, out: list[str]) -> None:
    for row in tbl.iterchildren(_TR):
        cells: list[list[str]] = []
        for tc in row.iterchildren(_TC):
            merge = _find2(tc, _TCPR, _VMERGE)
            if merge is not None and merge.get(_VAL) != "restart":
                continue  # continuation of a vertically merged cell
            lines: list[str] = []
            _blocks_into(tc, ctx, lines)
            cells.append([line for line in lines if line.strip()])
        out.extend(_join_cells(cells))


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


_FAST_TAGS = (_T, f"{W}tab", f"{W}ptab", f"{W}br", f"{W}cr", _NB_HYPHEN)
_FAST_TEXT = {f"{W}tab": " ", f"{W}ptab": " ", f"{W}br": "\n", f"{W}cr": "\n"}


def _paragraph(p: Any, ctx: _Ctx, out: list[str]) -> None:
    parts: list[str] = []
    boxes: list[Any] = []
    if _needs_runs(p, ctx):
        _runs(p, ctx, p, parts, boxes)
    else:  # the common case, filtered in C: no text box, no run in a legacy font
        add, fast = parts.append, _FAST_TEXT.get
        for el in p.iter(*_FAST_TAGS):
            tag = el.tag
            add((el.text or "") if tag == _T else fast(tag, "-"))
    text = "".join(parts)
    label = _label(p, ctx) if ctx.numbering.levels else ""
    if "\n" in text:
        lines = text.split("\n")
        if label and lines[0].strip():
            lines[0] = f"{label} {lines[0].lstrip()}"
        out.extend(line.strip() for line in lines)
    elif label and text.strip():
        out.append(f"{label} {text.lstrip()}".strip())
    else:
        out.append(text.strip())
    for box in boxes:
        _blocks_into(box, ctx, out)


_DEL, _FALLBACK = f"{W}del", f"{_MC}Fallback"


def _needs_runs(p: Any, ctx: _Ctx) -> bool:
    """Whether ``p`` needs the run-by-run walk rather than the fast one.

    It does when it holds a text box or moved text, and, in a document that
    names a legacy font, when one of its runs may be in such a font (its own,
    its character style's, its paragraph style's or the default) or it holds
    deleted text or a fallback copy (which the walk drops). Most paragraphs of
    such documents are in Unicode fonts: the fast walk gives them the same text.
    """
    if ctx.boxes and next(p.iter(_TXBX, _MOVE_FROM), None) is not None:
        return True
    if not ctx.legacy:
        return False
    if _font_encoding(ctx.default_font):
        return True
    if ctx.style_font and _font_encoding(ctx.style_font.get(_style_of(p))):
        return True
    for el in p.iter(_RFONTS, _RSTYLE, _DEL, _FALLBACK):
        tag = el.tag
        if tag == _RFONTS:
            if _font_encoding(el.get(_ASCII) or el.get(_HANSI)):
                return True
        elif tag == _RSTYLE:
            if _font_encoding(ctx.style_font.get(el.get(_VAL, ""))):
                return True
        else:
            return True
    return False


def _style_of(p: Any) -> str:
    st = _find2(p, _PPR, _PSTYLE)
    return st.get(_VAL, "") if st is not None else ""


def _label(p: Any, ctx: _Ctx) -> str:
    if not ctx.numbering.levels:
        return ""
    num = _find2(p, _PPR, _NUMPR)
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


def _runs(node: Any, ctx: _Ctx, p: Any, parts: list[str], boxes: list[Any]) -> None:
    """The runs under ``node``, in paragraph ``p`` (whose style a run may take its font from)."""
    for child in node:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIP:
            continue
        if tag == _R_TAG:
            _run(child, ctx, p, parts, boxes)
        elif tag == _PPR:
            continue
        else:  # hyperlinks, insertions, smart tags, fields, content controls
            _runs(child, ctx, p, parts, boxes)


def _run(r: Any, ctx: _Ctx, p: Any, parts: list[str], boxes: list[Any]) -> None:
    encoding = _run_encoding(r, ctx, p) if ctx.legacy else None
    _walk_run(r, encoding, parts, boxes)


def _walk_run(node: Any, encoding: str | None, parts: list[str], boxes: list[Any]) -> None:
    for el in node:
        tag = el.tag
        if not isinstance(tag, str) or tag in _SKIP or tag == _RPR:
            continue
        if tag == _T:
            text = el.text or ""
            if encoding == "vni":
                text = from_vni(text)
            elif encoding:
                text = from_tcvn3(text, upper=encoding == "tcvn3-upper")
            parts.append(text)
        elif tag in _TABS:
            parts.append(" ")
        elif tag in _BREAKS:
            parts.append("\n")
        elif tag == _NB_HYPHEN:
            parts.append("-")
        elif tag == _TXBX:
            boxes.append(el)
        elif len(el):
            _walk_run(el, encoding, parts, boxes)


@functools.lru_cache(maxsize=512)
def _short_font_encoding(font: str) -> str | None:
    return legacy_font_encoding(font)


def _font_encoding(font: str | None) -> str | None:
    """:func:`legacy_font_encoding`, remembered for the few names a document uses."""
    if font is None or len(font) > 64:  # a hostile name is not kept in the cache
        return legacy_font_encoding(font)
    return _short_font_encoding(font)


def _run_encoding(r: Any, ctx: _Ctx, p: Any) -> str | None:
    """The run's own font, else its character style's, its paragraph style's, the default."""
    fonts = _find2(r, _RPR, _RFONTS)
    font = None
    if fonts is not None:
        font = fonts.get(_ASCII) or fonts.get(_HANSI)
    if font is None:
        rstyle = _find2(r, _RPR, _RSTYLE)
        if rstyle is not None:
            font = ctx.style_font.get(rstyle.get(_VAL, ""))
    if not font and ctx.style_font:
        font = ctx.style_font.get(_style_of(p))
    return _font_encoding(font or ctx.default_font)
