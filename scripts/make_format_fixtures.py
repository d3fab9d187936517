"""Build fixtures/formats/ from the seeds: the same documents as DOCX, PDF, HTML.

* seed 001 (a Markdown công văn) as a DOCX with the usual borderless two-column
  header table, Word auto-numbered sections and a signature table, and as a
  PDF (reportlab) with the two-column header, justified wrapped paragraphs,
  page numbers on later pages and a digital-signature stamp;
* seed 004 (a portal article) as a portal-style HTML page with menus, share
  buttons, related links, a footer and meta tags;
* small text fixtures of one line of seed 001 in UTF-16, Windows-1258, TCVN3
  and VNI.

Run: ``python scripts/make_format_fixtures.py`` (needs the dev extra: python-docx, reportlab,
and a TrueType font with Vietnamese glyphs: Debian ``fonts-dejavu-core``).
The seeds are read from ``fixtures/seeds`` (byte-for-byte copies of ``../shared/seeds``).
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "fixtures" / "seeds"
OUT = ROOT / "fixtures" / "formats"
SEED_CV = SEEDS / "001_7b35b2f0ac248429.txt"
SEED_ARTICLE = SEEDS / "004_00a75b5ffeab22b2.txt"
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")


@dataclass
class CongVan:
    """The parts of a công văn, from its Markdown."""

    issuer: list[str] = field(default_factory=list)
    motto: list[str] = field(default_factory=list)
    number: str = ""
    place_date: str = ""
    subject: list[str] = field(default_factory=list)
    kinh_gui: list[str] = field(default_factory=list)
    body: list[str] = field(default_factory=list)
    noi_nhan: list[str] = field(default_factory=list)
    signature: list[str] = field(default_factory=list)


def _plain(line: str) -> str:
    line = re.sub(r"^#{1,6}\s+", "", line)
    line = line.replace("**", "").replace("*", "")
    return " ".join(line.split())


def read_cong_van(path: Path) -> CongVan:
    """Split the seed's Markdown into header, body, recipients and signature."""
    lines = [_plain(x) for x in path.read_text("utf-8").splitlines()]
    lines = [x for x in lines if x and not x.isdigit()]  # "17": a stray page number
    cv = CongVan()
    i = 0
    while not lines[i].upper().startswith("CỘNG HÒA"):
        cv.issuer.append(lines[i])
        i += 1
    cv.motto = [lines[i], lines[i + 1]]
    i += 2
    cv.number = lines[i]
    cv.place_date = lines[i + 1]
    i += 2
    while not lines[i].startswith("Kính gửi"):
        cv.subject.append(lines[i])
        i += 1
    i += 1
    while lines[i].startswith("- "):
        cv.kinh_gui.append(lines[i])
        i += 1
    while not lines[i].startswith("Nơi nhận"):
        cv.body.append(lines[i])
        i += 1
    i += 1
    while lines[i].startswith("- "):
        cv.noi_nhan.append(lines[i])
        i += 1
    cv.signature = lines[i:]
    return cv


def _numbered(body: list[str]) -> list[tuple[bool, str]]:
    """(auto-numbered?, text): "1." … "7." become Word list numbers when consecutive."""
    nums = [int(m.group(1)) for x in body if (m := re.match(r"(\d+)\.\s", x))]
    auto = nums == list(range(1, len(nums) + 1))
    out = []
    for x in body:
        m = re.match(r"\d+\.\s+", x)
        out.append((True, x[m.end() :]) if auto and m else (False, x))
    return out


def build_docx(cv: CongVan, path: Path) -> None:
    """The công văn as a DOCX: header table, numbered list, signature table."""
    from docx import Document
    from docx.shared import Pt

    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)
    header = doc.add_table(rows=2, cols=2)  # the default table style has no borders
    _cell(header.cell(0, 0), cv.issuer, bold=True)
    _cell(header.cell(0, 1), cv.motto, bold=True)
    number, _, code = cv.number.partition("/")
    _cell(header.cell(1, 0), [f"{number.strip()}/{code.strip()}", *cv.subject])
    _cell(header.cell(1, 1), [cv.place_date], italic=True)
    doc.add_paragraph("Kính gửi:")
    for item in cv.kinh_gui:
        doc.add_paragraph(item)
    for auto, text in _numbered(cv.body):
        doc.add_paragraph(text, style="List Number" if auto else None)
    sig = doc.add_table(rows=1, cols=2)
    _cell(sig.cell(0, 0), ["Nơi nhận:", *cv.noi_nhan])
    _cell(sig.cell(0, 1), cv.signature, bold=True)
    doc.core_properties.author = "vanban fixtures"
    doc.save(str(path))


def _cell(cell: object, lines: list[str], *, bold: bool = False, italic: bool = False) -> None:
    paragraphs = cell.paragraphs  # type: ignore[attr-defined]
    first = True
    for line in lines:
        p = paragraphs[0] if first else cell.add_paragraph()  # type: ignore[attr-defined]
        first = False
        run = p.add_run(line)
        run.bold, run.italic = bold, italic


def build_pdf(cv: CongVan, path: Path) -> None:
    """The công văn as a PDF with the usual two-column header."""
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    pdfmetrics.registerFont(TTFont("Serif", str(FONT_DIR / "DejaVuSerif.ttf")))
    pdfmetrics.registerFont(TTFont("Serif-Bold", str(FONT_DIR / "DejaVuSerif-Bold.ttf")))
    base = ParagraphStyle("base", fontName="Serif", fontSize=11, leading=15)
    centre = ParagraphStyle("centre", parent=base, alignment=TA_CENTER)
    bold_centre = ParagraphStyle("bc", parent=centre, fontName="Serif-Bold")
    body = ParagraphStyle("body", parent=base, alignment=TA_JUSTIFY, firstLineIndent=10 * mm)

    def paras(lines: list[str], style: ParagraphStyle) -> list[Paragraph]:
        return [Paragraph(html.escape(x), style) for x in lines]

    number = cv.number.replace(" /", "/")
    head = Table(
        [
            [paras(cv.issuer, bold_centre), paras(cv.motto, bold_centre)],
            [paras([number, *cv.subject], centre), paras([cv.place_date], centre)],
        ],
        colWidths=[70 * mm, 100 * mm],
    )
    head.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    story: list[object] = [head, Spacer(1, 6 * mm), Paragraph("Kính gửi:", centre)]
    story += paras(cv.kinh_gui, ParagraphStyle("kg", parent=base, leftIndent=40 * mm))
    story += paras(cv.body, body)
    sig = Table(
        [[paras(["Nơi nhận:", *cv.noi_nhan], base), paras(cv.signature, bold_centre)]],
        colWidths=[85 * mm, 85 * mm],
    )
    sig.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    story += [Spacer(1, 4 * mm), sig]

    def later(canvas: object, doc: object) -> None:
        canvas.setFont("Serif", 10)  # type: ignore[attr-defined]
        canvas.drawCentredString(A4[0] / 2, A4[1] - 12 * mm, str(doc.page))  # type: ignore[attr-defined]

    def stamp(canvas: object, doc: object) -> None:
        later(canvas, doc)
        canvas.setFont("Serif", 7)  # type: ignore[attr-defined]
        for i, text in enumerate(
            [
                "Ký bởi: Ủy ban nhân dân tỉnh Đắk Nông",
                "Email: ubnd@daknong.gov.vn",
                "Thời gian ký: 31.05.2021 16:20:05 +07:00",
            ]
        ):
            canvas.drawString(A4[0] - 70 * mm, 20 * mm - i * 9, text)  # type: ignore[attr-defined]

    pdf = SimpleDocTemplate(
        str(path),
        pagesize=A4,
        leftMargin=25 * mm,
        rightMargin=15 * mm,
        topMargin=20 * mm,
        bottomMargin=20 * mm,
        invariant=1,
    )
    pdf.build(story, onFirstPage=lambda c, d: None, onLaterPages=stamp)


def build_html(path: Path, seed: Path) -> None:
    """The article as a news-portal page: menus, share buttons, related links, footer."""
    lines = [x.strip() for x in seed.read_text("utf-8").splitlines() if x.strip()]
    title, when = lines[0], lines[1]
    end = next(i for i, x in enumerate(lines) if x.startswith("Từ khoá"))
    body = lines[2:end]
    junk = lines[end:]
    paragraphs = "\n".join(f"<p>{html.escape(x)}</p>" for x in body[:-1])
    related = "\n".join(f"<li><a href='#'>{html.escape(x)}</a></li>" for x in junk)
    page = f"""<!DOCTYPE html>
<html lang="vi"><head>
<meta charset="utf-8">
<title>{html.escape(title)} - Cổng thông tin điện tử</title>
<meta property="og:title" content="{html.escape(title)}">
<meta property="og:site_name" content="Báo Điện tử Chính phủ">
<meta property="article:published_time" content="2023-12-03T10:32:00+07:00">
<meta name="author" content="{html.escape(body[-1].split(" - ")[0])}">
</head><body>
<header class="site-header"><nav class="main-menu"><ul><li>Trang chủ</li><li>Thời sự</li>
<li>Chính sách</li></ul></nav></header>
<div class="breadcrumb">Trang chủ / Chính sách</div>
<main><article>
<h1 class="detail-title">{html.escape(title)}</h1>
<div class="detail-time"><span class="date">{html.escape(when)}</span></div>
<div class="share-buttons"><a>Facebook</a><a>Zalo</a><a>In bài</a></div>
<div class="detail-content">
{paragraphs}
<p class="detail-author">{html.escape(body[-1])}</p>
</div>
<div class="related-news"><h3>Tin liên quan</h3><ul>{related}</ul></div>
</article></main>
<footer><p>Cơ quan chủ quản: Văn phòng Chính phủ</p></footer>
</body></html>
"""
    path.write_text(page, "utf-8")


def build_texts(cv: CongVan) -> None:
    """One paragraph of seed 001 in each legacy encoding."""
    from vanban.loaders.encodings import _tcvn3_table, _vni_pattern

    text = unicodedata.normalize("NFC", cv.body[0])
    (OUT / "cv001_utf16.txt").write_bytes(text.encode("utf-16"))
    (OUT / "cv001_utf16le_nobom.txt").write_bytes(text.encode("utf-16-le"))
    (OUT / "cv001_cp1258.txt").write_bytes(_cp1258(text))
    back = {ch: i for i, ch in enumerate(_tcvn3_table()) if i >= 0x80}
    # TCVN3 has no codes for capitals with tone marks ("Ủ"): they are typed lower-case.
    (OUT / "cv001_tcvn3.txt").write_bytes(
        bytes(back.get(c, back.get(c.lower(), ord(c))) for c in text)
    )
    _, seqs = _vni_pattern()
    rev = {v: k for k, v in sorted(seqs.items(), key=lambda kv: -len(kv[0]))}
    (OUT / "cv001_vni.txt").write_bytes("".join(rev.get(c, c) for c in text).encode("cp1252"))
    (OUT / "cv001_body.txt").write_text(text + "\n", "utf-8")


def _cp1258(text: str) -> bytes:
    """Windows-1258 keeps ơ, ư, â… whole but types the five tone marks as combining."""
    tones = "\u0300\u0301\u0303\u0309\u0323"
    out = []
    for ch in text:
        parts = unicodedata.normalize("NFD", ch)
        marks = "".join(c for c in parts if c in tones)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
        out.append(base + marks)
    return "".join(out).encode("cp1258")


def main() -> None:
    """Write every fixture."""
    OUT.mkdir(parents=True, exist_ok=True)
    cv = read_cong_van(SEED_CV)
    build_docx(cv, OUT / "cv001.docx")
    build_pdf(cv, OUT / "cv001.pdf")
    build_html(OUT / "article004.html", SEED_ARTICLE)
    build_texts(cv)
    for p in sorted(OUT.iterdir()):
        print(f"{p.relative_to(ROOT)}  {p.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
