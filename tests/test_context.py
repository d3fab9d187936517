"""One context per document: every agency is resolved with the same province and date.

The letter below (written for this test) names no province in its header: "SỞ NỘI VỤ"
alone, and its place line "Buôn Ma Thuột" is a city, not a province. The province is
inferred from the text (Buôn Ma Thuột is in Đắk Lắk) before any agency is resolved, so the
Kính gửi entries, the duties' agencies, the Nơi nhận entries and the citations' issuers
all get "Đắk Lắk", whatever order the fields are read in.
"""

from __future__ import annotations

import datetime as dt

import vanban
from vanban.extract.mention import AgencyMention
from vanban.models import Agency
from vanban.resolve import Context, Resolver, build_context
from vanban.rules import load_rules

LETTER = """SỞ NỘI VỤ
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 215/SNV-CCVC
Buôn Ma Thuột, ngày 12 tháng 3 năm 2024
V/v triển khai Kế hoạch cải cách hành chính năm 2024
Kính gửi:
- Công an tỉnh;
- Văn phòng UBND tỉnh.
Thực hiện Kế hoạch số 45/KH-UBND ngày 20/02/2024 của UBND tỉnh về cải cách hành chính \
năm 2024, Sở Nội vụ đề nghị các cơ quan, đơn vị thực hiện một số nội dung sau:
1. Công an tỉnh chủ trì, phối hợp với các cơ quan liên quan rà soát thủ tục hành chính.
2. Văn phòng UBND tỉnh theo dõi, tổng hợp kết quả thực hiện, báo cáo UBND tỉnh trước \
ngày 30/6/2024.
Trân trọng./.
Nơi nhận:
- Như trên;
- UBND tỉnh (b/c);
- Lưu: VT, CCVC.
GIÁM ĐỐC
Nguyễn Văn An
"""


def _named(agencies: list[Agency]) -> dict[str, str | None]:
    return {a.raw: a.province for a in agencies if a.id is not None}


def test_every_agency_gets_the_inferred_province() -> None:
    doc = vanban.parse_text(LETTER)
    assert doc.province == "Đắk Lắk"
    assert doc.place == "Buôn Ma Thuột"
    assert _named(doc.recipients) == {"Công an tỉnh": "Đắk Lắk", "Văn phòng UBND tỉnh": "Đắk Lắk"}
    duty_agencies = [a for d in doc.duties for a in d.agencies]
    assert _named(duty_agencies) == {"Công an tỉnh": "Đắk Lắk", "Văn phòng UBND tỉnh": "Đắk Lắk"}
    assert [r.agency.name for r in doc.distribution if r.agency is not None] == [
        "Ủy ban nhân dân tỉnh Đắk Lắk"
    ]
    (cited,) = doc.citations
    assert cited.issuer is not None
    assert (cited.issuer.name, cited.issuer.province) == ("Ủy ban nhân dân tỉnh Đắk Lắk", "Đắk Lắk")
    assert doc.issuer is not None and doc.issuer.name == "Sở Nội vụ tỉnh Đắk Lắk"


def test_context_is_built_once_from_the_header_first() -> None:
    rules = load_rules()
    on = dt.date(2024, 3, 12)
    # the issuer names its province: the text's towns do not matter
    ctx = build_context(
        rules,
        "Buôn Ma Thuột, Buôn Ma Thuột",
        on=on,
        issuer=AgencyMention("UBND TỈNH LÂM ĐỒNG"),
        place="Buôn Ma Thuột",
    )
    assert ctx == Context("Lâm Đồng", on)
    # no province in the header: the place line, then the text's opening
    assert build_context(rules, "", on=on, place="Đà Lạt, tỉnh Lâm Đồng").province == "Lâm Đồng"
    assert build_context(rules, LETTER, on=on, issuer=AgencyMention("SỞ NỘI VỤ")).province == (
        "Đắk Lắk"
    )
    # a central issuer does not take the province its text names
    central = AgencyMention("BỘ NỘI VỤ")
    assert build_context(rules, LETTER, on=on, issuer=central).province is None


def test_resolution_does_not_depend_on_order() -> None:
    rules = load_rules()
    ctx = Context("Đắk Lắk", dt.date(2024, 3, 12))
    names = [AgencyMention("Công an tỉnh"), AgencyMention("UBND tỉnh"), AgencyMention("Sở Y tế")]
    forward = [Resolver(rules, ctx).agency(m, "recipients") for m in names]
    r = Resolver(rules, ctx)
    backward = [r.agency(m, "recipients") for m in reversed(names)]
    assert forward == list(reversed(backward))
    assert {a.province for a in forward} == {"Đắk Lắk"}


def test_unknown_names_get_one_issue_each() -> None:
    r = Resolver(load_rules(), Context("Đắk Lắk", None))
    for _ in range(3):
        agency = r.agency(AgencyMention("Hội Những người yêu chim cảnh"), "recipients")
        assert agency.id is None
    assert [(i.code, i.field) for i in r.issues] == [("agency.unknown", "recipients")]
    assert "Hội Những người yêu chim cảnh" in r.issues[0].message
    # a collective is a group, not an unknown body; a known body raises nothing
    r.agency(AgencyMention("các cơ quan liên quan"), "duties")
    r.agency(AgencyMention("Sở Y tế"), "duties")
    assert len(r.issues) == 1


def test_many_unknown_names_are_counted_not_listed() -> None:
    r = Resolver(load_rules(), Context(None, None))
    for k in range(25):
        r.agency(AgencyMention(f"Tổ công tác số {k}"), "duties")
    codes = [i.code for i in r.issues]
    assert codes == ["agency.unknown"] * 11
    assert r.issues[-1].message.startswith("15 more names in duties")


def test_unknown_issue_in_a_parsed_document() -> None:
    text = LETTER.replace("- Công an tỉnh;", "- Hội Những người yêu chim cảnh;")
    doc = vanban.parse_text(text)
    unknown = [i for i in doc.issues if i.code == "agency.unknown"]
    assert any("Hội Những người yêu chim cảnh" in i.message for i in unknown)
    assert not any("Công an tỉnh" in i.message for i in unknown)


def test_an_unknown_issuer_takes_the_full_name_its_text_writes() -> None:
    """ "LIÊN ĐOÀN KARATE" under "UBND TỈNH ĐẮK NÔNG": the body writes "Liên đoàn Karate
    tỉnh Đắk Nông" (and names another province's Liên đoàn first)."""
    text = (
        "UBND TỈNH ĐẮK NÔNG\nLIÊN ĐOÀN KARATE\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Độc lập - Tự do - Hạnh phúc\nSố: 02/NQ-LĐKRT\nĐắk Nông, ngày 30 tháng 6 năm 2025\n"
        "NGHỊ QUYẾT\nVề việc sáp nhập vào Liên đoàn Karate tỉnh Lâm Đồng\n"
        "Ban Chấp hành Liên đoàn Karate tỉnh Đắk Nông đã họp.\n"
    )
    doc = vanban.parse_text(text)
    assert doc.issuer is not None
    assert (doc.issuer.name, doc.issuer.raw) == (
        "Liên đoàn Karate tỉnh Đắk Nông",
        "LIÊN ĐOÀN KARATE",
    )
    alone = vanban.parse_text(
        text.replace("Ban Chấp hành Liên đoàn Karate tỉnh Đắk Nông", "Ban Chấp hành")
    )
    assert alone.issuer is not None and alone.issuer.name == "LIÊN ĐOÀN KARATE"


def test_a_parent_line_whose_spaces_ocr_lost_is_still_resolved() -> None:
    text = "UBND TỈNHLÂMĐÒNG\nSỞ TƯ PHÁP\nSố: 62/TTr-STP\nTỜ TRÌNH\nVề việc hợp nhất Hội\n"
    doc = vanban.parse_text(text)
    assert doc.issuer_parent is not None
    assert (doc.issuer_parent.id, doc.issuer_parent.raw) == ("ubnd:lam-dong", "UBND TỈNHLÂMĐÒNG")
