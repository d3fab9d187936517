"""The same document gives the same JSON as Markdown, DOCX, PDF and HTML.

The parser is shared by every format, so these tests pin down the loaders'
text: a difference here means a loader put a line out of place.
"""

from __future__ import annotations

from typing import Any

import pytest

import vanban

from ..conftest import SEEDS_DIR
from .conftest import FORMATS

_DIFFERS = ("source", "span", "spans", "text")


def _seed(name: str) -> Any:
    return SEEDS_DIR / name


def _comparable(data: Any) -> Any:
    """The JSON without what must differ: the source block, the text and offsets into it."""
    if isinstance(data, dict):
        return {k: _comparable(v) for k, v in data.items() if k not in _DIFFERS}
    if isinstance(data, list):
        return [_comparable(x) for x in data]
    return data


def _key_fields(doc: vanban.Document) -> dict[str, Any]:
    return {
        "number": doc.number.raw if doc.number else None,
        "issued_date": doc.issued_date,
        "place": doc.place,
        "issuer": doc.issuer.name if doc.issuer else None,
        "subject": doc.subject,
        "signer": doc.signer.model_dump() if doc.signer else None,
        "recipients": [r.raw for r in doc.recipients],
        "distribution": [r.raw for r in doc.distribution],
    }


@pytest.mark.parametrize("name", ["cv001.docx", "cv001.pdf"])
def test_cong_van_key_fields_match_the_markdown_seed(name: str) -> None:
    seed = vanban.parse(_seed("001_7b35b2f0ac248429.txt"))
    other = vanban.parse(FORMATS / name)
    assert seed.number is not None and seed.signer is not None  # the seed itself parses
    assert _key_fields(other) == _key_fields(seed)


@pytest.mark.parametrize("name", ["cv001.docx", "cv001.pdf"])
def test_cong_van_whole_json_matches_the_markdown_seed(name: str) -> None:
    seed = vanban.parse(_seed("001_7b35b2f0ac248429.txt")).model_dump(mode="json")
    other = vanban.parse(FORMATS / name).model_dump(mode="json")
    assert other["source"]["format"] == name.rsplit(".", 1)[1]
    assert _comparable(other) == _comparable(seed)


def test_portal_article_html_matches_the_text_seed() -> None:
    seed = vanban.parse(_seed("004_00a75b5ffeab22b2.txt")).model_dump(mode="json")
    page = vanban.parse(FORMATS / "article004.html").model_dump(mode="json")
    assert page["source"]["format"] == "html"
    assert page["citations"], "the article cites documents"
    assert _comparable(page) == _comparable(seed)


@pytest.mark.skipif(
    len(__import__("vanban.loaders.pdf_backends", fromlist=["x"]).available_backends()) < 2,
    reason="pypdfium2 not installed",
)
def test_both_pdf_backends_give_the_same_document() -> None:
    from vanban.loaders.pdf import load_bytes

    data = (FORMATS / "cv001.pdf").read_bytes()
    a = load_bytes(data, backend="pdfium")
    b = load_bytes(data, backend="pdfplumber")
    assert a.text == b.text and a.pages == b.pages
