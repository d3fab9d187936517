"""User rule files extend the vocabulary (lexicon, document types, chrome) per parse."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

import vanban
from vanban.errors import RuleDataError
from vanban.rules import load_rules
from vanban.text.normalize import strip_chrome
from vanban.vocabulary import load_vocabulary, using

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "rules"
IN_HOUSE = FIXTURES / "in-house-vocabulary.toml"
AGENCIES_ONLY = FIXTURES / "khanh-hoa-units.toml"

SLIP = """CÔNG TY CỔ PHẦN ABC
Số: 12/PXL-VP
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Hà Nội, ngày 3 tháng 12 năm 2026

PHIẾU XỬ LÝ VĂN BẢN
Về việc mua sắm thiết bị văn phòng

1. Khối Kỹ thuật chủ trì rà soát nhu cầu thiết bị, báo cáo trước ngày 15/12/2026.
2. Phòng Tài chính phối hợp với Khối Kỹ thuật lập dự toán.

Nơi nhận:
- Như trên;
- Lưu: VT.
TỔNG GIÁM ĐỐC
Nguyễn Văn An
"""

PORTAL = """Công ty ABC tổ chức hội nghị tổng kết năm 2026
Sáng 3/12, Công ty ABC tổ chức hội nghị tổng kết công tác năm 2026.
Cổng thông tin nội bộ Công ty ABC
Đường dây nóng nội bộ 1234
"""


def _duty_heads(doc: vanban.Document) -> list[str | None]:
    return [d.agencies[0].name if d.agencies else None for d in doc.duties]


def test_a_user_document_type_is_read_only_with_its_file() -> None:
    plain = vanban.parse_text(SLIP)
    assert plain.doc_type is not None and plain.doc_type.name == "Công văn"
    extended = vanban.parse_text(SLIP, rules=[IN_HOUSE])
    assert extended.doc_type is not None
    assert (extended.doc_type.name, extended.doc_type.code) == ("Phiếu xử lý văn bản", "PXL")
    assert extended.number is not None and extended.number.type_code == "PXL"
    # The built-in words are back for the next parse without the file.
    again = vanban.parse_text(SLIP)
    assert again.doc_type == plain.doc_type and again.number == plain.number


def test_a_user_agency_head_opens_duties() -> None:
    assert _duty_heads(vanban.parse_text(SLIP)) == ["Phòng Tài chính"]
    assert _duty_heads(vanban.parse_text(SLIP, rules=[IN_HOUSE])) == [
        "Khối Kỹ thuật",
        "Phòng Tài chính",
    ]


def test_a_user_chrome_pattern_cuts_the_portal_footer() -> None:
    # A stage function called outside a parse sees the last parse's words: say which.
    with using(load_vocabulary()):
        assert "Đường dây nóng" in strip_chrome(PORTAL)
    with using(load_vocabulary([IN_HOUSE])):
        assert strip_chrome(PORTAL).endswith("tổng kết công tác năm 2026.")
    with using(load_vocabulary()):
        assert "Đường dây nóng" in strip_chrome(PORTAL)
    doc = vanban.parse_text(PORTAL, rules=[IN_HOUSE])
    assert doc.text is not None and "Đường dây nóng" not in doc.text


def test_the_user_file_still_serves_the_agency_rules() -> None:
    assert load_rules([IN_HOUSE]).user_files == (IN_HOUSE.resolve(),)


def test_agency_only_files_share_the_built_in_vocabulary() -> None:
    assert load_vocabulary([AGENCIES_ONLY]) is load_vocabulary()
    assert load_vocabulary([IN_HOUSE]) is not load_vocabulary()


def test_threads_with_two_vocabularies_each_get_their_own() -> None:
    expected = {
        (): vanban.parse_text(SLIP).doc_type,
        (IN_HOUSE,): vanban.parse_text(SLIP, rules=[IN_HOUSE]).doc_type,
    }
    seen: list[bool] = []

    def work(rules: tuple[Path, ...]) -> None:
        for _ in range(8):
            seen.append(vanban.parse_text(SLIP, rules=rules).doc_type == expected[rules])

    threads = [threading.Thread(target=work, args=(r,)) for r in ((), (IN_HOUSE,)) * 2]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert len(seen) == 32 and all(seen)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[lexicon.signer]\ntittles = ["X"]\n', "lexicon.signer.tittles"),
        ('[[doc_types.types]]\nname = "Phiếu A"\nkind = "other"\n', "doc_types.types"),
        (
            '[[chrome.pattern]]\nid = "x"\nkind = "line"\nregex = "(["\nexamples = ["x"]\n',
            "chrome pattern x: bad regex",
        ),
        ('lexicon = ["Khối"]\n', "lexicon must be a table"),
    ],
)
def test_bad_vocabulary_tables_are_rule_data_errors(
    tmp_path: Path, text: str, message: str
) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RuleDataError, match=message) as caught:
        vanban.parse_text(SLIP, rules=[path])
    assert "bad.toml" in str(caught.value) or "chrome pattern" in str(caught.value)


def test_a_parse_inside_a_parse_with_other_words_is_refused() -> None:
    with (
        using(load_vocabulary([IN_HOUSE])),
        pytest.raises(RuntimeError, match="other rule files"),
    ):
        vanban.parse_text(SLIP)
    assert vanban.parse_text(SLIP).doc_type is not None  # nothing left held


def _chrome_examples() -> list[tuple[str, str, str]]:
    rules = load_vocabulary([IN_HOUSE]).chrome.pattern
    return [(rule.id, rule.kind, example) for rule in rules for example in rule.examples]


@pytest.mark.parametrize(("rule_id", "kind", "example"), _chrome_examples())
def test_every_chrome_example_is_dropped(rule_id: str, kind: str, example: str) -> None:
    text = f"Nội dung bài.\n{example}\nDòng sau."
    expected = "Nội dung bài." if kind == "tail" else "Nội dung bài.\nDòng sau."
    with using(load_vocabulary([IN_HOUSE])):
        assert strip_chrome(text) == expected, rule_id
