"""extract_citations on the shapes of design/domain.md §2.5 and the seeds."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vanban.extract.citations import cited_issuer, extract_citations
from vanban.models import Agency, Citation

D = dt.date


def _view(c: Citation) -> dict[str, Any]:
    """The fields a row states, without the ones left unset."""
    view = {
        "type": c.doc_type.name if c.doc_type else None,
        "number": c.number.raw if c.number else None,
        "date": c.issued_date,
        "issuer": c.issuer.name if c.issuer else None,
        "subject": c.subject,
        "name": c.name,
        "year": c.year,
        "refers_to": c.refers_to,
    }
    return {k: v for k, v in view.items() if v is not None}


# (text, expected citations as _view dicts)
SHAPES = [
    pytest.param(
        "Tờ trình số 252/TTr-BNV ngày 17 tháng 4 năm 2026 của Bộ Nội vụ",
        [{"type": "Tờ trình", "number": "252/TTr-BNV", "date": D(2026, 4, 17), "issuer": "Bộ Nội vụ"}],
        id="long-date",
    ),
    pytest.param(
        "Kế hoạch số 325/KH-UBND ngày 03/12/2025 của UBND Thành phố về tổ chức Tết.",
        [{"type": "Kế hoạch", "number": "325/KH-UBND", "date": D(2025, 12, 3), "issuer": "UBND Thành phố", "subject": "tổ chức Tết"}],
        id="numeric-date-issuer-subject",
    ),
    pytest.param(
        "Công văn số 2573/UBND-KGVX, ngày 05/7/2021 của UBND tỉnh Nghệ An",
        [{"type": "Công văn", "number": "2573/UBND-KGVX", "date": D(2021, 7, 5), "issuer": "UBND tỉnh Nghệ An"}],
        id="comma-before-ngay",
    ),
    pytest.param(
        "theo Nghị quyết 202/2025/QH15 và NQ 203/2025/QH15, Quyết định 2229/QĐ-BTC",
        [{"type": "Nghị quyết", "number": "202/2025/QH15"}, {"type": "Nghị quyết", "number": "203/2025/QH15"}, {"type": "Quyết định", "number": "2229/QĐ-BTC"}],
        id="type-without-so-and-code",
    ),
    pytest.param(
        "Căn cứ các Nghị định của Chính phủ: số 63/2010/NĐ-CP ngày 08/6/2010 về kiểm soát thủ tục hành chính; số 92/2017/NĐ-CP ngày 07/8/2017 sửa đổi, bổ sung một số điều;",
        [
            {"type": "Nghị định", "number": "63/2010/NĐ-CP", "date": D(2010, 6, 8), "issuer": "Chính phủ", "subject": "kiểm soát thủ tục hành chính"},
            {"type": "Nghị định", "number": "92/2017/NĐ-CP", "date": D(2017, 8, 7), "issuer": "Chính phủ", "subject": "sửa đổi, bổ sung một số điều"},
        ],
        id="group-with-colon",
    ),
    pytest.param(
        "các văn bản số 1407/UBND-NNMT ngày 05 tháng 4 năm 2026 và số 1446/UBND-NNMT ngày 07 tháng 4 năm 2026",
        [{"type": "Công văn", "number": "1407/UBND-NNMT", "date": D(2026, 4, 5)}, {"type": "Công văn", "number": "1446/UBND-NNMT", "date": D(2026, 4, 7)}],
        id="group-generic-va-so",
    ),
    pytest.param(
        "Căn cứ Luật Ban hành văn bản quy phạm pháp luật số 64/2025/QH15 được sửa đổi, bổ sung bởi Luật số 87/2025/QH15;",
        [{"type": "Luật", "number": "64/2025/QH15", "name": "Luật Ban hành văn bản quy phạm pháp luật"}, {"type": "Luật", "number": "87/2025/QH15"}],
        id="amendment-chain-laws",
    ),
    pytest.param(
        "Căn cứ Nghị định số 40/2025/NĐ-CP của Chính phủ, được sửa đổi, bổ sung bởi Nghị định số 109/2025/NĐ-CP và Nghị định số 193/2025/NĐ-CP;",
        [{"type": "Nghị định", "number": "40/2025/NĐ-CP", "issuer": "Chính phủ"}, {"type": "Nghị định", "number": "109/2025/NĐ-CP"}, {"type": "Nghị định", "number": "193/2025/NĐ-CP"}],
        id="amendment-chain-decrees",
    ),
    pytest.param(
        "Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025;",
        [{"type": "Luật", "name": "Luật Tổ chức Chính phủ", "date": D(2025, 2, 18)}],
        id="law-by-name-and-date",
    ),
    pytest.param(
        "theo quy định Luật Tiếp cận thông tin; Luật Báo chí 2016; Hiến pháp năm 2013; Bộ luật Hình sự.",
        [{"type": "Luật", "name": "Luật Tiếp cận thông tin"}, {"type": "Luật", "name": "Luật Báo chí", "year": 2016}, {"type": "Hiến pháp", "name": "Hiến pháp", "year": 2013}, {"type": "Bộ luật", "name": "Bộ luật Hình sự"}],
        id="laws-by-name",
    ),
    pytest.param(
        "Luật Hoạt động giám sát của Quốc hội và Hội đồng nhân dân số 121/2025/QH15; Luật Khám bệnh, chữa bệnh số 15/2023/QH15",
        [{"type": "Luật", "name": "Luật Hoạt động giám sát của Quốc hội và Hội đồng nhân dân", "number": "121/2025/QH15"}, {"type": "Luật", "name": "Luật Khám bệnh, chữa bệnh", "number": "15/2023/QH15"}],
        id="law-names-with-cua-va-comma",
    ),
    pytest.param(
        "theo Bộ luật Dân sự, luật khác liên quan",
        [{"type": "Bộ luật", "name": "Bộ luật Dân sự"}],
        id="law-name-stops-at-comma-luat",
    ),
    pytest.param(
        "Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Giá số 140/2025/QH15;",
        [{"type": "Luật", "name": "Luật sửa đổi, bổ sung một số điều của Luật Giá", "number": "140/2025/QH15"}],
        id="amending-law-name",
    ),
    pytest.param(
        "theo điểm a khoản 1 Điều 24 Tiểu mục 1 Mục 1 Chương III của Nghị quyết số 351/2017/UBTVQH14",
        [{"type": "Nghị quyết", "number": "351/2017/UBTVQH14"}],
        id="pinpoint",
    ),
    pytest.param(
        "Nghị quyết số 35-NQ/TW ngày 22/10/2018 của Bộ Chính trị Ban Chấp hành Trung ương Đảng khóa XII về tăng cường bảo vệ nền tảng tư tưởng của Đảng.",
        [{"type": "Nghị quyết", "number": "35-NQ/TW", "date": D(2018, 10, 22), "issuer": "Bộ Chính trị", "subject": "tăng cường bảo vệ nền tảng tư tưởng của Đảng"}],
        id="party-issuer-qualified",
    ),
    pytest.param(
        "Quy định số 08-QĐi/TW ngày 25/10/2018 của Ban Chấp hành Trung ương về trách nhiệm nêu gương",
        [{"type": "Quy định", "number": "08-QĐi/TW", "date": D(2018, 10, 25), "issuer": "Ban Chấp hành Trung ương", "subject": "trách nhiệm nêu gương"}],
        id="party-qdi",
    ),
    pytest.param(
        "Thông tư số 06/2019/TT-BVHTTDL ngày 1/1/2019 của Bộ Văn hóa, Thể thao và Du lịch về quản lý",
        [{"type": "Thông tư", "number": "06/2019/TT-BVHTTDL", "date": D(2019, 1, 1), "issuer": "Bộ Văn hóa, Thể thao và Du lịch", "subject": "quản lý"}],
        id="issuer-with-comma-and-va",
    ),
    pytest.param(
        "Căn cứ Nghị định số\n78/2025/NĐ-CP\nngày 01 tháng 4 năm 2025 của Chính phủ về việc quy định chi tiết một số điều;",
        [{"type": "Nghị định", "number": "78/2025/NĐ-CP", "date": D(2025, 4, 1), "issuer": "Chính phủ", "subject": "quy định chi tiết một số điều"}],
        id="line-breaks-inside",
    ),
    pytest.param(
        "Chỉ thị số 12/CT-TTg ngày 12/5/2021. Sau đó Chỉ thị 12 được quán triệt.",
        [{"type": "Chỉ thị", "number": "12/CT-TTg", "date": D(2021, 5, 12)}, {"type": "Chỉ thị", "number": "12", "refers_to": 0}],
        id="short-without-so",
    ),
    pytest.param(
        "Nghị định này quy định; khoản 2 Điều 5; các nội dung của Chỉ thị; Công văn về thực hiện quy hoạch; Kế hoạch 5 năm; pháp luật Việt Nam; Luật này.",
        [],
        id="not-citations",
    ),
    pytest.param(
        "Chỉ thị số 07/CT-TTg ngày 21/3/2023 của Thủ tướng Chính phủ về việc Tăng cường công tác Truyền thông chính sách và Chỉ thị số 09/CT-TTg ngày 31/3/2021",
        [{"type": "Chỉ thị", "number": "07/CT-TTg", "date": D(2023, 3, 21), "issuer": "Thủ tướng Chính phủ", "subject": "Tăng cường công tác Truyền thông chính sách"}, {"type": "Chỉ thị", "number": "09/CT-TTg", "date": D(2021, 3, 31)}],
        id="subject-stops-at-next-citation",
    ),
    pytest.param(
        "Quyết định số 407/QĐ-TTg ngày 30/3/2022 của Thủ tướng Chính phủ phê duyệt Đề án “Tổ chức Truyền thông chính sách, giai đoạn 2022 - 2027”. Tiếp theo",
        [{"type": "Quyết định", "number": "407/QĐ-TTg", "date": D(2022, 3, 30), "issuer": "Thủ tướng Chính phủ", "subject": "phê duyệt Đề án “Tổ chức Truyền thông chính sách, giai đoạn 2022 - 2027”"}],
        id="verb-subject-with-quote",
    ),
    # Two bodies issue a joint text; only the first is kept as the issuer.
    pytest.param(
        "Thông tư liên tịch số 89/2016/TTLT-BTC-BCT của Bộ Tài chính và Bộ Công Thương",
        [{"type": "Thông tư liên tịch", "number": "89/2016/TTLT-BTC-BCT", "issuer": "Bộ Tài chính và Bộ Công Thương"}],
        id="joint-issuers", marks=pytest.mark.xfail(strict=True),
    ),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), SHAPES)
def test_citation_shapes(text: str, expected: list[dict[str, Any]]) -> None:
    assert [_view(c) for c in extract_citations(text)] == expected


def test_span_and_raw() -> None:
    text = "Căn cứ Nghị định số 09/2017/NĐ-CP ngày 09/02/2017 của Chính phủ; tiếp theo"
    (c,) = extract_citations(text)
    assert text[c.span[0] : c.span[1]] == c.raw
    assert c.raw == "Nghị định số 09/2017/NĐ-CP ngày 09/02/2017 của Chính phủ"
    assert c.number is not None and c.number.year == 2017 and c.number.type_code == "NĐ"


def test_twice_mentioned_gives_two_entries() -> None:
    text = "Quyết định số 1/QĐ-UBND; và lại Quyết định số 1/QĐ-UBND."
    cits = extract_citations(text)
    assert [c.span[0] for c in cits] == [0, text.rindex("Quyết định")]


def test_short_mention_before_full_refers_forward() -> None:
    text = "Nghị quyết số 35 của Bộ Chính trị. Sau đó, Nghị quyết số 35-NQ/TW ngày 22/10/2018."
    cits = extract_citations(text)
    assert [c.refers_to for c in cits] == [1, None]


def test_short_mention_prefers_nearest_earlier() -> None:
    text = "Chỉ thị số 12/CT-TTg; Chỉ thị số 12/CT-UBND; theo Chỉ thị số 12 nêu trên."
    cits = extract_citations(text)
    assert cits[2].refers_to == 1


def test_unlinked_short_without_so_is_dropped() -> None:
    assert extract_citations("Chỉ thị 12 được quán triệt") == []
    (kept,) = extract_citations("Chỉ thị số 12 được quán triệt")
    assert kept.refers_to is None and kept.number is not None and kept.number.seq == "12"


def test_issuer_is_left_unresolved() -> None:
    (c,) = extract_citations("Chỉ thị số 12/CT-TTg của Thủ tướng Chính phủ về việc X")
    assert c.issuer is not None
    assert (c.issuer.name, c.issuer.id, c.issuer.rule) == ("Thủ tướng Chính phủ", None, None)


def test_issuer_raw_keeps_the_qualifier() -> None:
    (c,) = extract_citations("Nghị quyết số 35-NQ/TW của Bộ Chính trị khoá XII về X")
    assert c.issuer is not None
    assert (c.issuer.raw, c.issuer.name) == ("Bộ Chính trị khoá XII", "Bộ Chính trị")


def test_header_number_is_no_citation() -> None:
    text = "QUỐC HỘI\nLuật số: 121/2025/QH15\nHà Nội, ngày 10 tháng 12 năm 2025\nLUẬT\nHOẠT ĐỘNG"
    assert extract_citations(text) == []


_PIECES = [
    "Nghị định", "số", "09/2017/NĐ-CP", "35-NQ/TW", "ngày", "12/5/2021", "tháng", "năm 2025",
    "của", "Chính phủ", "về", "việc", "Luật", "Báo chí", "2016", "các", ":", ";", ",", ".", "“",
    "”", "\n", "và", "Chỉ thị", "12", "Hiến pháp", "sửa đổi, bổ sung", "văn bản", "khóa XII",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40))
def test_never_raises_and_spans_are_exact(words: list[str]) -> None:
    text = " ".join(words)
    cits = extract_citations(text)
    starts = [c.span[0] for c in cits]
    assert starts == sorted(starts)
    for c in cits:
        # docs/citations.md: raw is the span's text with its whitespace runs collapsed
        assert " ".join(text[c.span[0] : c.span[1]].split()) == c.raw
        assert c.refers_to is None or 0 <= c.refers_to < len(cits)


def test_a_document_cited_again_is_one_citation_with_mentions() -> None:
    text = (
        "Thực hiện Quyết định số 1441/QĐ-UBND ngày 25/9/2025 của Chủ tịch UBND tỉnh về việc "
        "công bố Danh mục thủ tục hành chính.\n"
        "Các sở tập trung thực hiện Quyết định số 1441/QĐ-UBND ngày 25/9/2025 của Chủ tịch "
        "UBND tỉnh.\n"
        "Báo cáo kết quả thực hiện Quyết định số 1441 trước ngày 30/11/2025."
    )
    found = extract_citations(text)
    numbers = [(c.number.raw if c.number else None, c.refers_to) for c in found]
    # the repeat and the short mention point at the first citation
    assert numbers == [("1441/QĐ-UBND", None), ("1441/QĐ-UBND", 0), ("1441", 0)]
    assert text[found[2].span[0] : found[2].span[1]] == found[2].raw


# --------------------------------------------------------------------------- issue #9 shapes


def test_issuer_named_before_tai() -> None:
    text = (
        "Theo đề nghị của Hội Cựu giáo chức tỉnh Lâm Đồng tại Báo cáo số 34/BC-CGC ngày "
        "29/12/2025 và Giám đốc Sở Tư pháp tại Tờ trình số 14/TTr-STP ngày 09/01/2026."
    )
    cits = extract_citations(text)

    def issuer(c: Citation) -> str | None:
        if c.issuer is None or c.issuer.name is None:
            return None
        return cited_issuer(c.issuer.name, c.doc_type, lambda raw: Agency(raw=raw, name=raw)).name

    assert [(c.number.raw if c.number else None, issuer(c)) for c in cits] == [
        ("34/BC-CGC", "Hội Cựu giáo chức tỉnh Lâm Đồng"),
        ("14/TTr-STP", "Sở Tư pháp"),  # a Tờ trình is the body's, not its head's
    ]


def test_no_issuer_before_tai_without_cua() -> None:
    text = "được quy định tại Nghị định số 09/2017/NĐ-CP ngày 01/01/2017."
    (c,) = extract_citations(text)
    assert c.issuer is None


def test_head_issues_a_quyet_dinh_in_person() -> None:
    def resolve(raw: str) -> Agency:
        body = raw.removeprefix("Chủ tịch ")
        return Agency(raw=raw, name="Ủy ban nhân dân tỉnh Lâm Đồng" if "UBND" in body else body)

    text = "Quyết định số 820/QĐ-UBND ngày 27/8/2025 của Chủ tịch UBND tỉnh về việc X."
    (c,) = extract_citations(text)
    assert c.issuer is not None and c.issuer.name is not None
    agency = cited_issuer(c.issuer.name, c.doc_type, resolve)  # as the pipeline resolves it
    assert (agency.raw, agency.name) == (
        "Chủ tịch UBND tỉnh",
        "Chủ tịch Ủy ban nhân dân tỉnh Lâm Đồng",
    )


def test_blank_number_of_a_draft() -> None:
    text = "ý kiến của Sở Nội vụ tại Tờ trình số ……/TTr-SNV ngày …. /5/2025 về việc X."
    (c,) = extract_citations(text)
    assert c.number is not None and c.number.raw == "/TTr-SNV" and c.number.seq is None
    assert c.issued_date is None
    assert c.issuer is not None and c.issuer.name == "Sở Nội vụ"


def test_number_with_a_space_after_the_hyphen() -> None:
    (c,) = extract_citations("Nghị quyết số 40/NQ- CP ngày 27/3/2023 của Chính phủ về X")
    assert c.number is not None and c.number.raw == "40/NQ-CP"
    assert c.issued_date == D(2023, 3, 27)


def test_amending_law_keeps_the_amended_name() -> None:
    text = "Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Luật sư ngày 20 tháng 11 năm 2012;"
    (c,) = extract_citations(text)
    assert c.name == "Luật sửa đổi, bổ sung một số điều của Luật Luật sư"
    assert c.issued_date == D(2012, 11, 20)


def test_yearless_law_name_is_the_one_year_cited() -> None:
    one = extract_citations("theo Luật Doanh nghiệp 2014. Điều 162 Luật Doanh nghiệp quy định")
    assert [(c.name, c.year, c.refers_to) for c in one] == [
        ("Luật Doanh nghiệp", 2014, None),
        ("Luật Doanh nghiệp", None, 0),
    ]
    many = extract_citations(
        "Luật Doanh nghiệp 2005. Luật Doanh nghiệp 2014. điều lệ mẫu trong Luật Doanh nghiệp."
    )
    assert [c.refers_to for c in many] == [None, None, None]


def test_issuer_ends_after_a_place_name() -> None:
    text = "Tờ trình số 01/TT-HH ngày 02/4/2025 của Hiệp hội Vận tải ô tô tỉnh Bình Thuận kết quả"
    (c,) = extract_citations(text)
    assert c.issuer is not None and c.issuer.name == "Hiệp hội Vận tải ô tô tỉnh Bình Thuận"


def _names(text: str) -> list[tuple[str | None, int | None, int | None]]:
    return [(c.name, c.year, c.refers_to) for c in extract_citations(text)]


def test_a_year_list_names_one_law_per_year() -> None:
    text = (
        "Trong Luật Doanh nghiệp năm 2000, 2005 và 2014, phần này ít thay đổi; Luật Doanh nghiệp."
    )
    assert _names(text) == [
        ("Luật Doanh nghiệp", 2000, None),
        ("Luật Doanh nghiệp", 2005, None),
        ("Luật Doanh nghiệp", 2014, None),
        ("Luật Doanh nghiệp", None, None),  # three years: which one is not said
    ]
    spans = [text[slice(*c.span)] for c in extract_citations(text)]
    assert spans[:3] == ["Luật Doanh nghiệp năm 2000", "2005", "2014"]


def test_issuer_of_a_passive_clause_before_the_citation() -> None:
    text = (
        "Nhiệm vụ đã được Thủ tướng Chính phủ phê duyệt tại Quyết định số 12/QĐ-TTg ngày 10/6/2023."
    )
    (c,) = extract_citations(text)
    assert c.issuer is not None and c.issuer.name == "Thủ tướng Chính phủ"
    assert text[slice(*c.issuer.span)] == "Thủ tướng Chính phủ"  # type: ignore[misc]
    (c,) = extract_citations("Nhiệm vụ đã được phê duyệt tại Quyết định số 12/QĐ-TTg.")
    assert c.issuer is None


def test_the_fullest_citation_heads_its_chain() -> None:
    text = (
        "theo khoản 3 Điều 51 Thông tư 15/2016/TT-BTC; mẫu ban hành kèm Thông tư "
        "15/2016/TT-BTC ngày 25/3/2016 của Bộ Tài chính; Điều 20 Thông tư 15/2016/TT-BTC."
    )
    cites = extract_citations(text)
    assert [c.refers_to for c in cites] == [1, None, 1]
    assert cites[1].issued_date == D(2016, 3, 25)


def test_no_issuer_after_a_comma_right_after_the_number() -> None:
    (c,) = extract_citations("yêu cầu của Tổ công tác triển khai Đề án 07/CP, của Ban Chỉ đạo.")
    assert c.issuer is None
    (c,) = extract_citations("Công văn số 25/UBND-VX, ngày 05/7/2021, của UBND tỉnh Nghệ An")
    assert c.issuer is not None and c.issuer.name == "UBND tỉnh Nghệ An"


def test_an_abbreviated_law_takes_the_name_cited_in_full() -> None:
    text = (
        "V/v thực hiện Điều 41 Luật HQ năm 2014. Theo Điều 41 Luật Hải quan thì cơ quan hải quan …"
    )
    cites = extract_citations(text)
    assert [(c.name, c.year, c.refers_to) for c in cites] == [
        ("Luật Hải quan", 2014, None),
        ("Luật Hải quan", None, 0),
    ]
    assert cites[0].raw == "Luật HQ năm 2014"
    # Two laws the letters could stand for: the abbreviation stays.
    assert _names("Luật HQ; Luật Hải quan; Luật Hộ quyền")[0][0] == "Luật HQ"


def test_a_law_named_alone_is_its_one_numbered_citation() -> None:
    text = "Căn cứ Luật Hải quan số 54/2014/QH13; biện pháp thi hành Luật hải quan về thủ tục."
    cites = extract_citations(text)
    assert [c.refers_to for c in cites] == [None, 0]
    assert cites[1].name == "Luật hải quan"


def test_lower_case_law_names() -> None:
    # Kept when the text cites the same law in capitals, or after "Bộ luật".
    text = "Luật Phòng, chống tham nhũng; nhất là Luật phòng, chống tham nhũng 2018, các kết luận."
    assert _names(text) == [
        ("Luật Phòng, chống tham nhũng", None, 1),
        ("Luật phòng, chống tham nhũng", 2018, None),
    ]
    assert _names("theo quy định của Bộ Luật dân sự, quy định của pháp luật về hội") == [
        ("Bộ Luật dân sự", None, None)
    ]
    # Otherwise no law: a profession, a verb after "Luật".
    assert _names("Đoàn Luật sư tỉnh Lâm Đồng; các văn bản dưới Luật giải quyết vướng mắc") == []


def test_a_revised_law_is_a_document_of_its_own() -> None:
    text = "Tổng kết thi hành Luật Đất đai; trình dự án Luật Đất đai (sửa đổi) trong năm."
    assert _names(text) == [("Luật Đất đai", None, None), ("Luật Đất đai (sửa đổi)", None, None)]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("theo Luật Đầu tư, trừ các trường hợp sau đây", "Luật Đầu tư"),
        ("theo Bộ luật Lao động, các khoản trợ cấp khác", "Bộ luật Lao động"),
        ("tại Điều 41 Luật Hải quan Đối với các Chi cục Hải quan", "Luật Hải quan"),
        ("theo Luật Khám bệnh, chữa bệnh năm 2023", "Luật Khám bệnh, chữa bệnh"),
        ("thi hành Luật Phí và lệ phí; các văn bản", "Luật Phí và lệ phí"),
        ("Luật Bảo vệ và phát triển rừng năm 2004", "Luật Bảo vệ và phát triển rừng"),
        ("Luật Biển và hải đảo và các văn bản hướng dẫn", "Luật Biển và hải đảo"),
        ("theo quy định của Luật Quy hoạch và đáp ứng các yêu cầu sau", "Luật Quy hoạch"),
        ("theo quy định của Luật Đất đai và tổ chức thực hiện", "Luật Đất đai"),
        ("Điều 5 Luật Đấu thầu và điểm c khoản 2 Điều 6", "Luật Đấu thầu"),
    ],
)
def test_law_name_ends(text: str, name: str) -> None:
    assert [c.name for c in extract_citations(text)] == [name]


def test_a_short_mention_by_code_needs_its_full_citation() -> None:
    text = "Căn cứ Nghị quyết số 01/NQ-CP ngày 05/01/2024 của Chính phủ; theo NQ 01, thời hạn là tháng 7."
    assert [c.refers_to for c in extract_citations(text)] == [None, 0]
    assert extract_citations("theo NQ 01, thời hạn là tháng 7; TT 5 và QĐ 12 số lượng") == []


def test_a_body_named_before_tai_may_hold_so() -> None:
    text = (
        "Theo đề nghị của Chủ tịch Hội đồng đánh giá Chỉ số hài lòng tỉnh tại Tờ trình số 9/TTr-HĐ."
    )
    (c,) = extract_citations(text)
    assert (
        c.issuer is not None and c.issuer.name == "Chủ tịch Hội đồng đánh giá Chỉ số hài lòng tỉnh"
    )
    (c,) = extract_citations("Theo đề nghị của Sở Y tế đã trình tại Tờ trình số 9/TTr-SYT.")
    assert c.issuer is None


def test_a_lower_case_no_law_does_not_cut_a_subject() -> None:
    (c,) = extract_citations(
        "Công văn số 16/STP-BTTP về việc cho ý kiến đối với hồ sơ hợp nhất Đoàn Luật sư tỉnh A."
    )
    assert c.subject == "cho ý kiến đối với hồ sơ hợp nhất Đoàn Luật sư tỉnh A"
