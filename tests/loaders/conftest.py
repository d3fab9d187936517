"""Shared helpers for the loader tests: fixture paths, the corpus, tiny DOCX files."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from ..conftest import shared_or_skip

ROOT = Path(__file__).resolve().parents[2]
FORMATS = ROOT / "fixtures" / "formats"

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="xml" ContentType="application/xml"/></Types>'
)


@pytest.fixture(scope="session")
def lamdong() -> Path:
    """The real provincial folder, or skip."""
    return shared_or_skip("corpus", "lamdong")


def make_docx(
    body: str,
    *,
    numbering: str | None = None,
    styles: str | None = None,
    extra: dict[str, str] | None = None,
    rels: str | None = None,
    sect: str = "",
) -> bytes:
    """A minimal DOCX whose body is ``body`` (WordprocessingML, ``w:`` prefix)."""
    ns = (
        f'xmlns:w="{W_NS}" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
        'xmlns:v="urn:schemas-microsoft-com:vml"'
    )
    doc = f'<?xml version="1.0" encoding="UTF-8"?><w:document {ns}><w:body>{body}{sect}</w:body></w:document>'
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("[Content_Types].xml", _CONTENT_TYPES)
        zf.writestr("word/document.xml", doc)
        if numbering:
            zf.writestr(
                "word/numbering.xml", f'<w:numbering xmlns:w="{W_NS}">{numbering}</w:numbering>'
            )
        if styles:
            zf.writestr("word/styles.xml", f'<w:styles xmlns:w="{W_NS}">{styles}</w:styles>')
        if rels:
            zf.writestr("word/_rels/document.xml.rels", rels)
        for name, data in (extra or {}).items():
            zf.writestr(name, data)
    return buf.getvalue()


def p(text: str, ppr: str = "", rpr: str = "") -> str:
    """One paragraph with one run."""
    return f'<w:p>{f"<w:pPr>{ppr}</w:pPr>" if ppr else ""}<w:r>{f"<w:rPr>{rpr}</w:rPr>" if rpr else ""}<w:t xml:space="preserve">{text}</w:t></w:r></w:p>'
