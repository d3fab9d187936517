"""Hostile inputs, built in memory (shared by the tests and their child processes)."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

__all__ = [
    "W_NS",
    "damage_member",
    "docx",
    "lying_zip",
    "numbered_docx",
    "patch_member",
    "recompress",
    "styles_docx",
]

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_CT = (
    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    'content-types"><Default Extension="xml" ContentType="application/xml"/></Types>'
)


def docx(body: str, *, parts: dict[str, str | bytes] | None = None, method: int = 8) -> bytes:
    """A minimal DOCX: ``body`` is the WordprocessingML inside ``w:body``."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as zf:
        zf.writestr("[Content_Types].xml", _CT)
        zf.writestr(
            "word/document.xml",
            f'<w:document xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>',
        )
        for name, data in (parts or {}).items():
            zf.writestr(name, data)
    return buf.getvalue()


def numbered_docx(fmt: str, start: str, paragraphs: int, *, ilvl: str = "0") -> bytes:
    """``paragraphs`` numbered paragraphs of a list in ``fmt`` starting at ``start``."""
    numbering = (
        f'<w:numbering xmlns:w="{W_NS}"><w:abstractNum w:abstractNumId="1">'
        f'<w:lvl w:ilvl="0"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
        '<w:lvlText w:val="%1)"/></w:lvl></w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num></w:numbering>'
    )
    para = (
        f'<w:p><w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="1"/></w:numPr></w:pPr>'
        "<w:r><w:t>Sở Nội vụ thực hiện.</w:t></w:r></w:p>"
    )
    return docx(para * paragraphs, parts={"word/numbering.xml": numbering})


def styles_docx(count: int, *, cycle: bool) -> bytes:
    """``count`` styles, each ``w:basedOn`` the next (the last on the first when ``cycle``)."""
    styles = []
    for i in range(count):
        parent = (i + 1) % count if cycle else i + 1
        based = f'<w:basedOn w:val="s{parent}"/>' if cycle or i + 1 < count else ""
        num = (
            '<w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr>'
            if i == count - 1 and not cycle
            else ""
        )
        styles.append(f'<w:style w:type="paragraph" w:styleId="s{i}">{based}{num}</w:style>')
    # a numbered style outside the chain, so that styles.xml is read at all
    styles.append(
        '<w:style w:type="paragraph" w:styleId="numbered"><w:pPr><w:numPr>'
        '<w:numId w:val="1"/></w:numPr></w:pPr></w:style>'
    )
    xml = f'<w:styles xmlns:w="{W_NS}">{"".join(styles)}</w:styles>'
    body = '<w:p><w:pPr><w:pStyle w:val="s0"/></w:pPr><w:r><w:t>Một.</w:t></w:r></w:p>'
    return docx(body, parts={"word/styles.xml": xml})


def recompress(data: bytes, method: int) -> bytes:
    """The same DOCX with every member compressed by ``method`` (zipfile.ZIP_*)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", method) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, src.read(info.filename))
    return out.getvalue()


def _zeros_deflate(mib: int) -> bytes:
    """A raw deflate stream of ``mib`` MiB of zeros, built fast from one flushed block."""
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = comp.compress(b"\0" * 2**20) + comp.flush(zlib.Z_FULL_FLUSH)
    final = zlib.compressobj(9, zlib.DEFLATED, -15).flush()  # an empty last block
    return block * mib + final


def lying_zip(claimed: int = 1000, mib: int = 2048) -> bytes:
    """A DOCX whose document.xml headers claim ``claimed`` bytes; it inflates to ``mib`` MiB."""
    stream = _zeros_deflate(mib)
    name = b"word/document.xml"
    crc = 0x12345678
    local = struct.pack(
        "<4s5H3L2H", b"PK\x03\x04", 20, 0, 8, 0, 0, crc, len(stream), claimed, len(name), 0
    )
    ct_name = b"[Content_Types].xml"
    ct = _CT.encode()
    ct_local = struct.pack(
        "<4s5H3L2H", b"PK\x03\x04", 20, 0, 0, 0, 0, zlib.crc32(ct), len(ct), len(ct),
        len(ct_name), 0,
    )  # fmt: skip
    body = ct_local + ct_name + ct
    doc_offset = len(body)
    body += local + name + stream
    central = b""
    for fname, method, fcrc, csize, usize, offset in (
        (ct_name, 0, zlib.crc32(ct), len(ct), len(ct), 0),
        (name, 8, crc, len(stream), claimed, doc_offset),
    ):
        central += struct.pack(
            "<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0, method, 0, 0, fcrc, csize, usize,
            len(fname), 0, 0, 0, 0, 0, offset,
        ) + fname  # fmt: skip
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, 2, 2, len(central), len(body), 0)
    return body + central + end


def patch_member(
    data: bytes, name: str, *, method: int | None = None, flags: int = 0, version: int = 0
) -> bytes:
    """Rewrite member ``name``'s compression method, OR ``flags`` into its flag bits and
    set its "version needed to extract" (local header and central directory)."""
    out = bytearray(data)
    raw = name.encode()
    for sig, flag_at, method_at, name_at in ((b"PK\x03\x04", 6, 8, 30), (b"PK\x01\x02", 8, 10, 46)):
        k = 0
        while (k := out.find(sig, k)) >= 0:
            if out[k + name_at : k + name_at + len(raw)] == raw:
                out[k + flag_at] |= flags
                if method is not None:
                    out[k + method_at : k + method_at + 2] = method.to_bytes(2, "little")
                if version:
                    at = k + flag_at - 2
                    out[at : at + 2] = version.to_bytes(2, "little")
            k += 4
    return bytes(out)


def damage_member(data: bytes, name: str, *, at: int = 10, size: int = 20) -> bytes:
    """Overwrite ``size`` bytes of member ``name``'s compressed stream."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        info = zf.getinfo(name)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    out = bytearray(data)
    out[start + at : start + at + size] = b"\xff" * size
    return bytes(out)
