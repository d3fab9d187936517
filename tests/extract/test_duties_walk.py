"""Duties: items whose bodies come below a label, headings that assign with a verb,
attached documents and their appendices, and list items that are no bodies."""

from __future__ import annotations

from vanban.extract.agency_list import is_body_name, split_agency_list
from vanban.extract.duties import DutyDraft, extract_duties
from vanban.extract.duty_lead import agency_lead
from vanban.text.layout import collapse, lines_of


def _check(text: str, duties: list[DutyDraft]) -> list[DutyDraft]:
    for d in duties:
        assert d.span is not None
        for item in [*d.agencies, *d.lead, *d.partners]:
            assert item.span is not None, item
            assert collapse(text[item.span[0] : item.span[1]]) in (item.raw, item.text)
    return duties


def _duties(paragraphs: list[str]) -> list[DutyDraft]:
    text = "\n".join(paragraphs)
    return _check(text, extract_duties(lines_of(text)))


def _names(d: DutyDraft) -> list[str]:
    return [i.text for i in d.agencies]


def test_plain_paragraph_takes_the_label_of_its_item() -> None:
    duties = _duties(
        [
            "1. Công tác triển khai",
            "Sở Nội vụ có trách nhiệm theo dõi, đôn đốc việc thực hiện Kế hoạch.",
            "2. Kinh phí thực hiện",
            "Kinh phí được bố trí từ nguồn ngân sách nhà nước.",
            "- Trên cơ sở dự toán, Sở Tài chính thẩm định và trình cấp có thẩm quyền.",
        ]
    )
    assert [(d.label, _names(d)) for d in duties] == [
        ("1.", ["Sở Nội vụ"]),
        ("2.", ["Sở Tài chính"]),
    ]


def test_an_article_resets_the_item() -> None:
    duties = _duties(
        ["1. Phạm vi", "Điều 8. Công khai thông tin", "Cục Thuế xuất nhập khẩu cập nhật dữ liệu."]
    )
    assert [(d.label, _names(d)) for d in duties] == [("Điều 8.", ["Cục Thuế xuất nhập khẩu"])]


def test_adjacent_paragraphs_of_the_same_body_are_one_duty() -> None:
    duties = _duties(
        [
            "2. Hàng lẻ đóng trong container",
            "- Chi cục Hải quan nơi quản lý kho CFS hướng dẫn doanh nghiệp gửi văn bản.",
            "- Trên cơ sở văn bản, Chi cục Hải quan nơi quản lý kho CFS kiểm tra, đối chiếu.",
            "- Chi cục Hải quan nơi lưu giữ hàng hóa thực hiện giám sát.",
        ]
    )
    assert [(d.label, _names(d), len(d.tasks)) for d in duties] == [
        ("2.", ["Chi cục Hải quan nơi quản lý kho CFS"], 2),
        ("2.", ["Chi cục Hải quan nơi lưu giữ hàng hóa"], 1),
    ]


def test_the_same_body_in_two_items_is_two_duties() -> None:
    duties = _duties(
        [
            "a) Nhiệm vụ",
            "- Giao Sở Tư pháp tham mưu triển khai.",
            "b) Nhiệm vụ",
            "- Giao Sở Tư pháp kiểm tra việc thực hiện.",
        ]
    )
    assert [(d.label, _names(d)) for d in duties] == [
        ("a)", ["Sở Tư pháp"]),
        ("b)", ["Sở Tư pháp"]),
    ]


def test_a_heading_that_assigns_with_a_verb_takes_its_tasks_below() -> None:
    duties = _duties(
        [
            "3. Cục Thuế xuất nhập khẩu thực hiện:",
            "a) Tổng hợp vướng mắc.",
            "b) Phối hợp với Cục Công nghệ thông tin và Thống kê Hải quan cập nhật dữ liệu.",
            "4. Vụ Hợp tác quốc tế thực hiện:",
            "Xác minh thông tin tại cơ quan có thẩm quyền nước ngoài.",
        ]
    )
    assert [(d.label, _names(d)) for d in duties] == [
        ("3.", ["Cục Thuế xuất nhập khẩu"]),
        ("4.", ["Vụ Hợp tác quốc tế"]),
    ]
    # "thực hiện:" only announces the tasks below it.
    assert duties[0].tasks == [
        "Tổng hợp vướng mắc.",
        "Phối hợp với Cục Công nghệ thông tin và Thống kê Hải quan cập nhật dữ liệu.",
    ]
    assert [i.text for i in duties[0].partners] == ["Cục Công nghệ thông tin và Thống kê Hải quan"]


def test_below_an_asking_heading_a_paragraph_with_its_own_body_is_its_duty() -> None:
    duties = _duties(
        [
            "III. Cục Hải quan thành phố hướng dẫn Chi cục Hải quan cửa khẩu thực hiện nội dung sau:",
            "1. Xử lý container tồn đọng.",
            "a) Đối với container thuộc tờ khai vận chuyển độc lập",
            "Chi cục Hải quan cửa khẩu phối hợp Tổng Công ty Tân Cảng rà soát danh sách.",
            "Đôn đốc các công chức thực hiện đúng quy trình.",
        ]
    )
    assert [(d.label, _names(d)) for d in duties] == [
        ("III.", ["Cục Hải quan thành phố"]),
        ("a)", ["Chi cục Hải quan cửa khẩu"]),
    ]
    assert duties[0].tasks[-1] == "Đôn đốc các công chức thực hiện đúng quy trình."


def test_attached_document_is_read_up_to_its_appendix() -> None:
    body = "Điều 1. Ban hành kèm theo Quyết định này Quy trình xác định trước mã số."
    tail = [
        "- Lưu: VT. KT. TỔNG CỤC TRƯỞNG Nguyễn Văn A QUY TRÌNH XÁC ĐỊNH TRƯỚC MÃ SỐ"
        " (Ban hành kèm theo Quyết định số 1/QĐ-TCHQ) Phần I",
        "1. Văn phòng Tổng cục Hải quan tiếp nhận hồ sơ.",
        "SƠ ĐỒ TIẾP NHẬN HỒ SƠ PHỤ LỤC I DANH MỤC MẪU BIỂU (Quy trình ban hành kèm theo)",
        "Mẫu số 06 Đề nghị Trung tâm Phân tích thông báo kết quả.",
        "HƯỚNG DẪN CÁC NỘI DUNG TẠI MỤC 3 PHIẾU ĐỀ XUẤT",
        "1. Trung tâm Phân tích gửi kết quả.",
    ]
    text = "\n".join([body, *tail])
    lines = lines_of(text)
    duties = _check(text, extract_duties(lines[:1], lines[1:]))
    assert [(d.label, _names(d)) for d in duties] == [("1.", ["Văn phòng Tổng cục Hải quan"])]


def test_execution_article_leaves_out_officials_and_inner_doi_voi() -> None:
    lead = agency_lead(
        "Cục trưởng Cục Thuế xuất nhập khẩu, Thủ trưởng các đơn vị thuộc Tổng cục Hải quan,"
        " công chức hải quan có liên quan đến việc xác định mã số đối với hàng hóa xuất khẩu"
        " chịu trách nhiệm thi hành Quyết định này."
    )
    assert lead is not None
    items = [i.text for i in split_agency_list(lead.agencies) if is_body_name(i.text)]
    assert items == ["Cục Thuế xuất nhập khẩu", "các đơn vị thuộc Tổng cục Hải quan"]


def test_leaders_give_way_to_their_body() -> None:
    lead = agency_lead("Lãnh đạo Phòng Phân loại kiểm tra hồ sơ và xử lý như sau:")
    assert lead is not None and lead.agencies == "Phòng Phân loại"


def test_fragments_are_no_bodies() -> None:
    assert not is_body_name("các đơn vị trong việc")
    assert not is_body_name("Cục Hải quan các tỉnh (để")
    assert is_body_name("Sở Văn hóa, Thể thao và Du lịch")


def test_a_form_field_with_a_colon_is_no_heading() -> None:
    duties = _duties(
        [
            "4. Phòng chuyên môn của Văn phòng UBND tỉnh đề xuất phương án:",
            "- Thống nhất trình Chủ tịch UBND tỉnh ký ban hành.",
        ]
    )
    assert duties == []


def test_a_heading_may_carry_a_note_before_its_colon() -> None:
    duties = _duties(
        [
            "3. Lãnh đạo Tổng cục kiểm tra hồ sơ và xử lý như sau (thời gian: 03 ngày):",
            "a) Trường hợp đồng ý thì ký văn bản.",
        ]
    )
    # The heading's words announce the task below them: one task.
    assert [(d.label, _names(d), d.tasks) for d in duties] == [
        ("3.", ["Tổng cục"], ["Trường hợp đồng ý thì ký văn bản."])
    ]


def test_a_statement_of_intent_is_no_duty() -> None:
    duties = _duties(["Khi có đề nghị, Sở Nội vụ sẽ phối hợp với Sở Tài chính hướng dẫn hồ sơ."])
    assert duties == []


def test_a_note_before_a_leading_clause_is_skipped() -> None:
    lead = agency_lead(
        "(thời gian thực hiện không quá 05 ngày) Khi văn bản có thay đổi,"
        " Phòng Phân loại phân công công chức kiểm tra."
    )
    assert lead is not None and lead.agencies == "Phòng Phân loại"


def test_a_heads_title_without_a_body_after_it_is_no_item() -> None:
    items = split_agency_list(
        "các cơ quan Trung ương đóng trên địa bàn tỉnh, thủ trưởng cơ quan, đơn vị"
    )
    assert [i.text for i in items if is_body_name(i.text)] == [
        "các cơ quan Trung ương đóng trên địa bàn tỉnh"
    ]


def test_organisations_and_persons_concerned_are_assigned() -> None:
    lead = agency_lead(
        "Chánh Văn phòng UBND tỉnh, Giám đốc Sở Tư pháp và các tổ chức, cá nhân có liên quan"
        " chịu trách nhiệm thi hành Quyết định này."
    )
    assert lead is not None
    names = [i.text for i in split_agency_list(lead.agencies) if is_body_name(i.text)]
    assert names == ["Văn phòng UBND tỉnh", "Sở Tư pháp", "các tổ chức, cá nhân có liên quan"]
