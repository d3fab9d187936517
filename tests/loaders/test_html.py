"""HTML: main content only, metadata from meta tags and bylines, encodings, safety."""

from __future__ import annotations

import pytest

from vanban.errors import LimitExceeded
from vanban.limits import Limits
from vanban.loaders.html import load_bytes

from ..conftest import shared_or_skip
from .conftest import FORMATS

ARTICLE = (FORMATS / "article004.html").read_bytes()


def test_portal_article_keeps_the_content_and_drops_the_chrome() -> None:
    raw = load_bytes(ARTICLE)
    lines = raw.text.splitlines()
    assert lines[0] == "Điện Biên tăng cường công tác truyền thông chính sách"
    assert lines[1] == "Chủ nhật, 03/12/2023 10:32"
    assert lines[-1] == "Hà Chi - Sở TT&TT Điện Biên"
    for chrome in (
        "Trang chủ",
        "Facebook",
        "Tin liên quan",
        "Cổng dịch vụ công",
        "Cơ quan chủ quản",
    ):
        assert chrome not in raw.text


def test_portal_article_metadata() -> None:
    raw = load_bytes(ARTICLE)
    assert raw.title == "Điện Biên tăng cường công tác truyền thông chính sách"
    assert raw.published_at == "2023-12-03T10:32:00+07:00"
    assert raw.author == "Hà Chi"
    assert raw.site == "Báo Điện tử Chính phủ"
    assert raw.encoding == "utf-8"


def test_byline_date_when_no_meta() -> None:
    page = (
        "<html><head><title>Tin</title></head><body><h1>Tiêu đề</h1>"
        "<div class='post-date'>Thứ hai, 04/12/2023 08:05</div>"
        "<div class='article-content'><p>Nội dung.</p></div>"
        "<span class='author'>Minh Anh</span></body></html>"
    ).encode()
    raw = load_bytes(page)
    assert raw.published_at == "2023-12-04T08:05:00"
    assert raw.author == "Minh Anh"
    assert raw.text.splitlines() == ["Tiêu đề", "Thứ hai, 04/12/2023 08:05", "Nội dung."]


def test_declared_windows_1258_is_honoured() -> None:
    body = "<p>Quy\u1ebft \u0111\u1ecbnh s\u1ed1 12</p>"
    page = f'<html><head><meta charset="windows-1258"></head><body>{body}</body></html>'
    raw = load_bytes(_cp1258(page))
    assert raw.encoding == "windows-1258"
    assert "Quyết định số 12" in raw.text


def _cp1258(text: str) -> bytes:
    import unicodedata

    tones = "\u0300\u0301\u0303\u0309\u0323"
    out = []
    for ch in text:
        parts = unicodedata.normalize("NFD", ch)
        marks = "".join(c for c in parts if c in tones)
        out.append(
            unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones)) + marks
        )
    return "".join(out).encode("cp1258")


def test_legal_portal_content_root_and_table_cells() -> None:
    page = (
        "<!doctype html><meta charset='utf-8'><div class='menu'>Trang chủ</div>"
        "<div data-vbpl-content-root='true'><table><tr><td><b>BỘ NỘI VỤ</b></td>"
        "<td>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</td></tr><tr><td>Số: 1/2025/TT-BNV</td>"
        "<td><i>Hà Nội, ngày 1 tháng 2 năm 2025</i></td></tr></table><p>THÔNG TƯ</p></div>"
    ).encode()
    assert load_bytes(page).text.splitlines() == [
        "BỘ NỘI VỤ",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Số: 1/2025/TT-BNV",
        "Hà Nội, ngày 1 tháng 2 năm 2025",
        "THÔNG TƯ",
    ]


def test_external_entities_are_not_resolved() -> None:
    page = (
        b'<?xml version="1.0"?><!DOCTYPE html [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b"<html><body><p>a &x; b</p></body></html>"
    )
    assert "root:" not in load_bytes(page).text


def test_scripts_and_styles_are_dropped() -> None:
    page = "<html><body><script>var x='Ban';</script><style>p{}</style><p>Nội dung</p></body></html>".encode()
    assert load_bytes(page).text == "Nội dung"


def test_depth_limit() -> None:
    page = ("<div>" * 60 + "x" + "</div>" * 60).encode()
    with pytest.raises(LimitExceeded):
        load_bytes(page, limits=Limits(max_html_depth=20))


def test_real_legal_portal_pages() -> None:
    folder = shared_or_skip("corpus", "vbpl", "html")
    for path in sorted(folder.glob("*.html"))[:5]:
        raw = load_bytes(path.read_bytes())
        assert "CỘNG HÒA" in raw.text.upper().replace("HOÀ", "HÒA"), path.name
