"""DOCX: document order, header tables, numbering, text boxes, tracked changes, fonts."""

from __future__ import annotations

import pytest

from vanban.errors import CorruptDocument, LimitExceeded, UnsupportedFormat
from vanban.limits import Limits
from vanban.loaders.docx import load_bytes

from .conftest import FORMATS, make_docx, p


def cell(*paras: str, merge: str | None = None) -> str:
    pr = f'<w:tcPr><w:vMerge w:val="{merge}"/></w:tcPr>' if merge else ""
    return f"<w:tc>{pr}{''.join(p(x) for x in paras) or '<w:p/>'}</w:tc>"


def row(*cells: str) -> str:
    return f"<w:tr>{''.join(cells)}</w:tr>"


def test_header_table_row_by_row_cell_by_cell_and_split_number() -> None:
    table = (
        "<w:tbl>"
        + row(
            cell("ỦY BAN NHÂN DÂN", "TỈNH LÂM ĐỒNG"),
            cell("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"),
        )
        + row(cell("Số: 18"), cell("/2025/QĐ-UBND"), cell("Lâm Đồng, ngày 2 tháng 3 năm 2025"))
        + "</w:tbl>"
    )
    text = load_bytes(make_docx(p("trước") + table + p("sau"))).text
    assert text.splitlines() == [
        "trước",
        "ỦY BAN NHÂN DÂN",
        "TỈNH LÂM ĐỒNG",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 18/2025/QĐ-UBND",
        "Lâm Đồng, ngày 2 tháng 3 năm 2025",
        "sau",
    ]


def test_vertically_merged_continuation_cells_are_skipped() -> None:
    table = (
        "<w:tbl>"
        + row(cell("A", merge="restart"), cell("B"))
        + row(cell(merge="continue"), cell("C"))
        + "</w:tbl>"
    )
    assert load_bytes(make_docx(table)).text.splitlines() == ["A", "B", "C"]


NUMBERING = """
<w:abstractNum w:abstractNumId="0">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2)"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="1">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
"""


def num(num_id: int, ilvl: int = 0) -> str:
    return f'<w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'


def test_automatic_numbering_is_put_back() -> None:
    body = (
        p("MỤC ĐÍCH", num(2))
        + p("Sở Nội vụ", num(1))
        + p("chủ trì", num(1, 1))
        + p("phối hợp", num(1, 1))
        + p("Sở Tài chính", num(1))
        + p("kinh phí", num(1, 1))
        + p("NHIỆM VỤ", num(2))
    )
    text = load_bytes(make_docx(body, numbering=NUMBERING)).text
    assert text.splitlines() == [
        "I. MỤC ĐÍCH",
        "1. Sở Nội vụ",
        "a) chủ trì",
        "b) phối hợp",
        "2. Sở Tài chính",
        "a) kinh phí",
        "II. NHIỆM VỤ",
    ]


def test_numbering_by_paragraph_style() -> None:
    styles = f'<w:style w:type="paragraph" w:styleId="Dieu"><w:pPr>{num(1)}</w:pPr></w:style>'
    body = p("Phạm vi", '<w:pStyle w:val="Dieu"/>') + p("Đối tượng", '<w:pStyle w:val="Dieu"/>')
    text = load_bytes(make_docx(body, numbering=NUMBERING, styles=styles)).text
    assert text.splitlines() == ["1. Phạm vi", "2. Đối tượng"]


def test_tracked_changes_keep_insertions_and_drop_deletions() -> None:
    body = (
        '<w:p><w:r><w:t xml:space="preserve">Giao </w:t></w:r>'
        '<w:del w:id="1"><w:r><w:delText>Sở Tài chính</w:delText></w:r></w:del>'
        '<w:ins w:id="2"><w:r><w:t>Sở Nội vụ</w:t></w:r></w:ins>'
        '<w:r><w:t xml:space="preserve"> chủ trì</w:t></w:r></w:p>'
    )
    assert load_bytes(make_docx(body)).text == "Giao Sở Nội vụ chủ trì"


def test_text_box_once_after_its_paragraph_and_breaks() -> None:
    box = f"<w:txbxContent>{p('DỰ THẢO')}</w:txbxContent>"
    body = (
        "<w:p><w:r><w:t>ỦY BAN NHÂN DÂN</w:t><w:br/><w:t>TỈNH X</w:t></w:r>"
        '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx>'
        f"{box}</wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox>{box}"
        "</v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"
    )
    assert load_bytes(make_docx(body)).text.splitlines() == ["ỦY BAN NHÂN DÂN", "TỈNH X", "DỰ THẢO"]


def test_legacy_font_runs_are_converted() -> None:
    tcvn = "Ch\xad\xacng tr\xd7nh"
    body = (
        p(tcvn, rpr='<w:rFonts w:ascii=".VnTime" w:hAnsi=".VnTime"/>')
        + p("Coäng hoøa", rpr='<w:rFonts w:ascii="VNI-Times"/>')
        + p("Unicode thường", rpr='<w:rFonts w:ascii="Times New Roman"/>')
    )
    assert load_bytes(make_docx(body)).text.splitlines() == [
        "Chương trình",
        "Cộng hòa",
        "Unicode thường",
    ]


def test_first_page_header_with_text_comes_first_page_numbers_do_not() -> None:
    rels = (
        '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId9" Type="header" Target="header1.xml"/></Relationships>'
    )
    sect = '<w:sectPr><w:headerReference w:type="default" r:id="rId9"/></w:sectPr>'
    header = f'<w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">{p("ĐẢNG BỘ TỈNH")}{p("12")}</w:hdr>'
    data = make_docx(p("Thân"), rels=rels, sect=sect, extra={"word/header1.xml": header})
    assert load_bytes(data).text.splitlines() == ["ĐẢNG BỘ TỈNH", "Thân"]


def test_fixture_docx_header_and_numbered_sections() -> None:
    lines = load_bytes((FORMATS / "cv001.docx").read_bytes()).text.splitlines()
    assert lines[:5] == [
        "ỦY BAN NHÂN DÂN",
        "TỈNH ĐẮK NÔNG",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 2680/UBND-KGVX",
    ]
    numbered = [x.split(".")[0] for x in lines if x[:1].isdigit() and x[1:3] == ". "]
    assert numbered == ["1", "2", "3", "4", "5", "6", "7"]  # List Number, not typed


def test_not_a_zip_is_corrupt() -> None:
    with pytest.raises(CorruptDocument):
        load_bytes(b"PK\x03\x04 this is not really a zip")


def test_truncated_docx_is_corrupt() -> None:
    data = (FORMATS / "cv001.docx").read_bytes()
    with pytest.raises(CorruptDocument):
        load_bytes(data[: len(data) // 2])


def test_xlsx_under_a_word_name_is_unsupported() -> None:
    data = make_docx("")
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(UnsupportedFormat, match="Excel"):
        load_bytes(buf.getvalue())
    assert load_bytes(data).text == ""


def test_broken_xml_is_corrupt() -> None:
    data = make_docx("<w:p><w:r><w:t>unclosed</w:r></w:p>")
    with pytest.raises(CorruptDocument, match="well-formed"):
        load_bytes(data)


def test_entities_are_not_expanded() -> None:
    import io
    import zipfile

    evil = (
        '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>'
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("word/document.xml", evil)
    try:
        text = load_bytes(buf.getvalue()).text
    except CorruptDocument:
        return
    assert "root:" not in text


def test_part_limits() -> None:
    data = (FORMATS / "cv001.docx").read_bytes()
    with pytest.raises(LimitExceeded):
        load_bytes(data, limits=Limits(max_docx_parts=3))
    with pytest.raises(LimitExceeded):
        load_bytes(data, limits=Limits(max_docx_uncompressed_bytes=1000))
