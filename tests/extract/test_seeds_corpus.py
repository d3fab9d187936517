"""The references layer on the seeds (``fixtures/seeds``) and on the shared corpus (the
corpus tests skip without it)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from vanban.extract.citations import extract_citations
from vanban.extract.doctypes import doc_type_by_code, doc_type_by_name
from vanban.extract.number import parse_number
from vanban.models import Citation
from vanban.text.normalize import normalize

from ..conftest import SEEDS_DIR


def _seed(prefix: str) -> str:
    (path,) = SEEDS_DIR.glob(f"{prefix}_*.txt")
    raw = path.read_text("utf-8")
    return normalize(raw, markdown="**" in raw)


def _numbers(cits: list[Citation]) -> list[str | None]:
    return [c.number.raw if c.number else c.name for c in cits]


def test_seed_000() -> None:
    c, congress, party = extract_citations(_seed("000"))
    # the two congress resolutions are cited by name (data: named_documents)
    assert congress.name == "Nghị quyết Đại hội toàn quốc lần thứ XIII của Đảng"
    assert party.name == "Nghị quyết Đại hội đại biểu Đảng bộ tỉnh Đắk Lắk lần thứ XVII"
    assert c.doc_type is not None and c.doc_type.name == "Công văn"
    assert c.issued_date == dt.date(2021, 9, 14)
    assert c.subject is not None and c.subject.startswith("nâng cao hiệu quả")
    assert c.subject.endswith("bảo vệ Tổ quốc")


def test_seed_001() -> None:
    cits = extract_citations(_seed("001"))
    assert _numbers(cits) == ["12/CT-TTg", "12/CT-TTg"]
    for c in cits:
        assert c.issuer is not None and c.issuer.name == "Thủ tướng Chính phủ"
        assert c.issued_date == dt.date(2021, 5, 12)
    subject = cits[1].subject
    assert subject is not None and subject.startswith("tăng cường công tác tuyên truyền")
    assert subject.endswith(
        "kịp thời chấn chỉnh và xử lý các vi phạm trong hoạt động báo chí, truyền thông"
    )


def test_seed_002() -> None:
    cits = extract_citations(_seed("002"))
    assert _numbers(cits) == ["35", "35-NQ/TW", "12/CT-UBND", "78/NQ-CP", "35"]
    assert [c.refers_to for c in cits] == [1, None, None, None, 1]
    full = cits[1]
    assert full.issuer is not None and full.issuer.name == "Bộ Chính trị"
    assert full.issued_date == dt.date(2018, 10, 22)
    assert cits[0].issuer is not None and cits[0].issuer.name == "Bộ Chính trị"
    assert cits[0].subject is not None and cits[0].subject.startswith("bảo vệ nền tảng")
    assert cits[2].issued_date == dt.date(2021, 7, 30)
    assert cits[2].subject is not None and cits[2].subject.startswith("tăng cường công tác")
    assert cits[3].subject is None


def test_seed_002_subject_of_35() -> None:
    subject = extract_citations(_seed("002"))[1].subject
    assert subject is not None and subject.endswith("trong tình hình mới")


def test_seed_004() -> None:
    cits = extract_citations(_seed("004"))
    assert _numbers(cits) == [
        "5547/KH-UBND", "07/CT-TTg", "09/CT-TTg", "Luật Tiếp cận thông tin", "Luật Báo chí",
        "09/2017/NĐ-CP", "407/QĐ-TTg",
    ]  # fmt: skip
    assert cits[1].subject == "Tăng cường công tác Truyền thông chính sách"
    assert cits[4].year == 2016
    assert cits[5].issuer is not None and cits[5].issuer.name == "Chính phủ"
    assert cits[5].subject is None
    assert cits[6].subject is not None and cits[6].subject.startswith("phê duyệt Đề án “Tổ chức")
    assert cits[6].subject.endswith("giai đoạn 2022 - 2027”")


def _labels(shared: Path) -> list[dict[str, str]]:
    rows = []
    for name in ("vbpl/labels.jsonl", "tvpl/labels_from_title_line.jsonl"):
        with (shared / "corpus" / name).open(encoding="utf-8") as fh:
            rows += [json.loads(line) for line in fh]
    return [r for r in rows if r.get("so_hieu") and "/" in r["so_hieu"]]


def test_corpus_labelled_numbers_parse(shared: Path) -> None:
    """Every labelled số hiệu parses to itself; its type code agrees with the label."""
    rows = _labels(shared)
    assert len(rows) > 300
    agree = total = 0
    for row in rows:
        number = parse_number(row["so_hieu"])
        assert number is not None, row["so_hieu"]
        assert number.raw.replace("-", "") == row["so_hieu"].replace("Ð", "Đ").replace("-", "")
        label = doc_type_by_name(row.get("loai_van_ban") or "")
        if label is None or number.type_code in (None, "VBHN"):
            continue
        total += 1
        found = doc_type_by_code(number.type_code, party=number.party)
        agree += found is not None and found.name == label.name
    assert total > 250 and agree == total


def test_corpus_citations(shared: Path) -> None:
    """Citations over the vbpl texts: raw is the span's text (whitespace collapsed), most
    carry a number or a name."""
    path = shared / "corpus" / "vbpl" / "documents.jsonl"
    count = numbered = 0
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            text = normalize(json.loads(line)["text"])
            for c in extract_citations(text):
                assert " ".join(text[c.span[0] : c.span[1]].split()) == c.raw
                assert c.number is not None or c.name is not None
                count += 1
                numbered += c.number is not None
    # Floors measured on the corpus of 2026-11 (7,099 citations, 5,203 with a number).
    assert count >= 6500 and numbered >= 4500
