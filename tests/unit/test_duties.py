"""Duties: numbered sections and paragraph-led assignments."""

from __future__ import annotations

import pytest

import vanban
from vanban.extract.duties import DutyDraft, extract_duties, split_sentences
from vanban.extract.duty_lead import agency_lead
from vanban.text.layout import collapse, lines_of


def _duties(paragraphs: list[str]) -> list[DutyDraft]:
    """The duties of the paragraphs as lines of one text; every span is checked against it."""
    text = "\n".join(paragraphs)
    duties = extract_duties(lines_of(text))
    for d in duties:
        assert d.span is not None
        for item in [*d.agencies, *d.lead, *d.partners]:
            assert item.span is not None, item
            assert collapse(text[item.span[0] : item.span[1]]) in (item.raw, item.text)
    return duties


NUMBERED = [
    "Ủy ban nhân dân tỉnh chỉ đạo như sau:",
    "1. Các Sở, Ban, ngành; UBND các huyện, thành phố và các cơ quan báo chí của tỉnh (Báo A, Đài B):",
    "- Tăng cường các hoạt động thông tin.",
    "- Phối hợp chặt chẽ giữa các cơ quan.",
    "2. Sở Thông tin và Truyền thông",
    "- Phối hợp với Ban Tuyên giáo Tỉnh ủy, Hội Nhà báo tỉnh cùng các Sở, Ban, ngành chủ động cung cấp thông tin.",
    "- Chủ trì, phối hợp với Công an tỉnh xử lý vi phạm; hoàn thành trước ngày 30/6/2021.",
    "3. UBND các huyện, thành phố",
    "Chủ trì, tổ chức triển khai thực hiện. Chỉ đạo các cơ quan tăng cường tuyên truyền.",
    "Nhận được văn bản này, các đơn vị triển khai thực hiện.",
]


def test_numbered_sections() -> None:
    duties = _duties(NUMBERED)
    assert [d.label for d in duties] == ["1.", "2.", "3."]
    assert [i.text for i in duties[0].agencies] == [
        "Các Sở, Ban, ngành",
        "UBND các huyện, thành phố",
        "các cơ quan báo chí của tỉnh",
    ]
    assert duties[0].agencies[2].members == ["Báo A", "Đài B"]
    assert duties[0].tasks == [
        "Tăng cường các hoạt động thông tin.",
        "Phối hợp chặt chẽ giữa các cơ quan.",
    ]
    assert len(duties[1].tasks) == 2
    assert [i.text for i in duties[1].partners] == [
        "Ban Tuyên giáo Tỉnh ủy",
        "Hội Nhà báo tỉnh",
        "các Sở, Ban, ngành",
        "Công an tỉnh",
    ]
    assert [i.text for i in duties[1].lead] == ["Sở Thông tin và Truyền thông"]
    # the closing paragraph is not a task of the last duty
    assert duties[2].tasks == [
        "Chủ trì, tổ chức triển khai thực hiện.",
        "Chỉ đạo các cơ quan tăng cường tuyên truyền.",
    ]


def test_heading_that_names_no_agency_ends_duties() -> None:
    duties = _duties(
        ["1. Sở Nội vụ", "- Rà soát hồ sơ.", "2. Tổ chức thực hiện", "- Nội dung khác."]
    )
    assert len(duties) == 1
    assert duties[0].tasks == ["Rà soát hồ sơ."]


PARAGRAPHS = [
    "Ủy ban nhân dân tỉnh vừa ban hành Công văn số 8792/UBND-KGVX về việc nâng cao hiệu quả.",
    "UBND tỉnh chỉ đạo như sau:",
    "Đề nghị Ban Tuyên giáo Tỉnh ủy chủ trì định hướng hoạt động báo chí; Phối hợp với Sở Thông tin và Truyền thông định hướng công tác.",
    "Sở Thông tin và Truyền thông hướng dẫn các cơ quan báo chí.",
    "Chỉ đạo, hướng dẫn các cơ quan báo chí địa phương. Thường xuyên kiểm tra, giám sát.",
    "Công an tỉnh Chủ trì, phối hợp với Ban Tuyên giáo Tỉnh ủy cung cấp thông tin.",
]


def test_paragraph_led() -> None:
    duties = _duties(PARAGRAPHS)
    assert [[i.text for i in d.agencies] for d in duties] == [
        ["Ban Tuyên giáo Tỉnh ủy"],
        ["Sở Thông tin và Truyền thông"],
        ["Công an tỉnh"],
    ]
    assert duties[0].tasks[0].startswith("chủ trì định hướng")
    assert [i.text for i in duties[0].lead] == ["Ban Tuyên giáo Tỉnh ủy"]
    assert duties[1].tasks == [
        "hướng dẫn các cơ quan báo chí.",
        "Chỉ đạo, hướng dẫn các cơ quan báo chí địa phương.",
        "Thường xuyên kiểm tra, giám sát.",
    ]
    assert [i.text for i in duties[2].partners] == ["Ban Tuyên giáo Tỉnh ủy"]


def test_instruction_line_names_the_agencies() -> None:
    duties = _duties(
        [
            "UBND tỉnh yêu cầu các sở, ban, ngành; UBND các huyện, thị xã, thành phố thực hiện những nhiệm vụ sau:",
            "Xây dựng kế hoạch truyền thông hằng năm.",
            "Tăng cường công tác truyền thông. Nâng cao hiệu quả định hướng.",
        ]
    )
    assert len(duties) == 1
    assert [i.text for i in duties[0].agencies] == [
        "các sở, ban, ngành",
        "UBND các huyện, thị xã, thành phố",
    ]
    assert len(duties[0].tasks) == 3


def test_no_duties_in_plain_text() -> None:
    assert _duties(["Luật này quy định về hoạt động giám sát.", "Điều 1. Phạm vi"]) == []


def test_split_sentences_keeps_abbreviations() -> None:
    assert split_sentences("Họp tại TP. Hồ Chí Minh. Báo cáo kết quả.") == [
        "Họp tại TP. Hồ Chí Minh.",
        "Báo cáo kết quả.",
    ]


def test_verb_after_noi_belongs_to_the_name() -> None:
    (duty,) = _duties(["Chi cục Hải quan nơi quản lý kho CFS hướng dẫn doanh nghiệp kê khai."])
    assert [a.text for a in duty.agencies] == ["Chi cục Hải quan nơi quản lý kho CFS"]


def test_partner_without_voi() -> None:
    (duty,) = _duties(["Chi cục Hải quan cửa khẩu phối hợp Tổng Công ty Tân Cảng Sài Gòn rà soát."])
    assert [p.text for p in duty.partners] == ["Tổng Công ty Tân Cảng Sài Gòn"]


def test_list_item_with_text_after_its_colon_names_no_bodies() -> None:
    duties = _duties(
        ["Công bố kết quả đối với:", "1. Các cơ quan chuyên môn thuộc UBND tỉnh: Tại Phụ lục I."]
    )
    assert duties == []


def test_body_that_asks_is_not_the_one_assigned() -> None:
    (duty,) = _duties(
        [
            "Bộ Nội vụ đề nghị các bộ, cơ quan ngang bộ; Ủy ban nhân dân các tỉnh quan tâm"
            " chỉ đạo, gửi báo cáo trước ngày 30/9/2025."
        ]
    )
    assert [a.text for a in duty.agencies] == [
        "các bộ, cơ quan ngang bộ",
        "Ủy ban nhân dân các tỉnh",
    ]
    assert duty.tasks[0].startswith("quan tâm chỉ đạo")


def test_named_lead_stops_at_a_clause_word() -> None:
    (duty,) = _duties(
        [
            "Sở Tư pháp đề nghị Đoàn Luật sư khẩn trương gửi hồ sơ về Sở Tư pháp chậm nhất"
            " ngày 20/10/2025 để Sở Tư pháp chủ trì phối hợp với Sở Nội vụ tham mưu."
        ]
    )
    assert [a.text for a in duty.agencies] == ["Đoàn Luật sư"]
    assert [a.text for a in duty.lead] == ["Sở Tư pháp"]
    assert [a.text for a in duty.partners] == ["Sở Nội vụ"]


def test_heading_words_and_bare_labels_are_no_tasks() -> None:
    (duty,) = _duties(
        [
            "3. Cục Thuế xuất nhập khẩu thực hiện:",
            "a) Tiếp nhận, kiểm tra hồ sơ.",
            "b) Trình Tổng cục trưởng ban hành thông báo.",
        ]
    )
    assert duty.tasks == ["Tiếp nhận, kiểm tra hồ sơ.", "Trình Tổng cục trưởng ban hành thông báo."]


def test_a_heading_with_no_task_below_keeps_its_words() -> None:
    (duty,) = _duties(["2. Sở Tài chính thực hiện các nhiệm vụ sau:"])
    assert duty.tasks == ["thực hiện các nhiệm vụ sau:"]


def test_a_chain_of_asks_is_read_to_a_bounded_depth() -> None:
    # A hostile paragraph of thousands of asks reads in bounded depth (no RecursionError).
    text = "Sở Nội vụ đề nghị " * 5000 + "Sở Tư pháp thực hiện."
    assert len(_duties([text])) <= 1


@pytest.mark.parametrize(
    ("text", "body", "task"),
    [
        ("Tòa án phải gửi quyết định đó cho Viện kiểm sát.", "Tòa án", "phải gửi"),
        (
            "Thành đoàn Hải Phòng cũng phối hợp với Công an thành phố.",
            "Thành đoàn Hải Phòng",
            "cũng phối hợp",
        ),
        ("Sở Nội vụ kính trình Chủ tịch UBND tỉnh xem xét.", "Sở Nội vụ", "kính trình"),
        (
            "Cơ quan đăng ký không phải chịu trách nhiệm về hợp đồng.",
            "Cơ quan đăng ký",
            "không phải chịu",
        ),
    ],
)
def test_a_modal_before_the_verb_belongs_to_the_task(text: str, body: str, task: str) -> None:
    lead = agency_lead(text)
    assert lead is not None and (lead.agencies, lead.task.startswith(task)) == (body, True)


def test_a_statement_of_intent_stays_no_duty() -> None:
    """ "sẽ" is no modal of a task: "Văn phòng UBND tỉnh sẽ không …" assigns nothing."""
    doc = vanban.parse_text(
        "ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG\nSố: 12/UBND-NC\nV/v công bố thủ tục\n"
        "Kính gửi: Sở Nội vụ\nVăn phòng UBND tỉnh sẽ không thực hiện việc chuyển Quyết định.\n"
    )
    assert all("sẽ" not in (a.raw or a.name or "") for d in doc.duties for a in d.agencies)


@pytest.mark.parametrize(
    "text",
    [
        "Trường hợp cần thiết, Bộ Tài chính chủ trì tổ chức kiểm tra.",
        "Nếu sai sót do doanh nghiệp cảng, Bộ Tài chính hướng dẫn xử lý.",
    ],
)
def test_a_conditional_clause_before_the_body_is_passed_over(text: str) -> None:
    lead = agency_lead(text)
    assert lead is not None and lead.agencies == "Bộ Tài chính"


@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("Bộ phận Một cửa tiếp nhận hồ sơ và trả kết quả.", "Bộ phận Một cửa"),
        ("Tổ Công tác có trách nhiệm theo dõi, đôn đốc.", "Tổ Công tác"),
    ],
)
def test_a_unit_inside_a_body_and_a_working_group_are_actors(text: str, body: str) -> None:
    lead = agency_lead(text)
    assert lead is not None and lead.agencies == body


@pytest.mark.parametrize(
    ("text", "body", "task"),
    [
        (
            "Ban Chỉ đạo các huyện, thành viên Ban Chỉ đạo tỉnh thường xuyên lồng ghép tuyên truyền.",
            "Ban Chỉ đạo các huyện, thành viên Ban Chỉ đạo tỉnh",
            "thường xuyên lồng ghép tuyên truyền.",
        ),
        ("Sở Y tế: Thực hiện truyền thông.", "Sở Y tế", "Thực hiện truyền thông."),
        ("Sở Tư pháp Chủ trì soạn thảo.", "Sở Tư pháp", "Chủ trì soạn thảo."),
    ],
)
def test_a_capitalised_verb_after_a_bare_head_names_the_body(
    text: str, body: str, task: str
) -> None:
    # "Ban Chỉ đạo" is a steering committee, not "Ban" told to direct.
    lead = agency_lead(text)
    assert lead is not None and (lead.agencies, lead.task) == (body, task)


def test_a_colon_after_a_bare_head_lists_its_members_not_the_task() -> None:
    # "các Sở: Nội vụ, Y tế" names the Sở; the task is the execution clause at the end.
    lead = agency_lead(
        "Chánh Văn phòng UBND tỉnh; Giám đốc các Sở: Nội vụ, Y tế; Chủ tịch Hội Điều dưỡng "
        "tỉnh Lâm Đồng chịu trách nhiệm thi hành Quyết định này./."
    )
    assert lead is not None
    assert lead.task == "chịu trách nhiệm thi hành Quyết định này./."
    assert lead.agencies.startswith("Văn phòng UBND tỉnh; các Sở: Nội vụ, Y tế;")
    # A body named before a colon still takes the task after it.
    named = agency_lead("Chi cục Hải quan nơi vận chuyển đi: công chức hải quan căn cứ hồ sơ.")
    assert named is not None and named.agencies == "Chi cục Hải quan nơi vận chuyển đi"


def test_the_first_word_test_turns_away_only_what_would_assign_nothing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """agency_lead and heading_agencies skip a paragraph whose first word opens no head,
    intro word, clause or title: on every line of the seeds (with and without its list
    label) the answers are those of the full reading."""
    from pathlib import Path

    from vanban.extract import duty_lead
    from vanban.extract.duties import LABEL_RE

    seeds = Path(__file__).parents[2] / "fixtures" / "seeds"
    texts: list[str] = []
    for path in sorted(seeds.glob("*.txt")):
        for line in lines_of(vanban.parse_text(path.read_text(encoding="utf-8")).text or ""):
            m = LABEL_RE.match(line.text)
            texts += [line.text, m.group("rest")] if m else [line.text]
    texts += ["giám đốc Sở Y tế chủ trì thực hiện", "Khi có yêu cầu, Sở Y tế báo cáo", "(ghi chú)"]
    fast = [(agency_lead(t), duty_lead.heading_agencies(t)) for t in texts]
    turned_away = sum(1 for t in texts if not duty_lead._may_lead(t))
    monkeypatch.setattr(duty_lead, "_may_lead", lambda text: True)
    assert fast == [(agency_lead(t), duty_lead.heading_agencies(t)) for t in texts]
    assert turned_away > len(texts) // 3  # the test is there to spare work
    assert any(lead is not None for lead, _ in fast)


def test_persons_named_after_the_bodies_are_left_out_of_the_lead() -> None:
    """A Quyết định's closing article names the bodies and then the persons appointed:
    the bodies keep their duty; a lead that opens with a person is none."""
    lead = agency_lead(
        "Chánh Văn phòng UBND tỉnh, Giám đốc Sở Nội vụ, Thủ trưởng các cơ quan có liên quan"
        " và các ông (bà) có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này."
    )
    assert lead is not None
    assert lead.agencies == "Văn phòng UBND tỉnh, Sở Nội vụ, các cơ quan có liên quan"
    assert lead.task == "chịu trách nhiệm thi hành Quyết định này."
    lead = agency_lead(
        "Giám đốc Sở Y tế và bà Nguyễn Thị B chịu trách nhiệm thi hành Quyết định này."
    )
    assert lead is not None and lead.agencies == "Sở Y tế"
    assert agency_lead("Ông Nguyễn Văn A, Giám đốc Sở Nội vụ chịu trách nhiệm thi hành.") is None


def test_a_lead_does_not_run_across_a_sentence() -> None:
    """The bodies before a lead's verb are in its sentence: a verb found in the next one
    makes no lead, unless what follows the full stop goes on listing bodies."""
    assert (
        agency_lead(
            "Hội đồng nhân dân thảo luận. Trước khi thảo luận, Thường trực Hội đồng nhân dân"
            " có trách nhiệm gửi tài liệu."
        )
        is None
    )
    lead = agency_lead(
        "Các Bộ, Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương. Thủ trưởng các"
        " đơn vị thuộc Bộ chịu trách nhiệm thi hành Thông tư này."
    )
    assert lead is not None and lead.task == "chịu trách nhiệm thi hành Thông tư này."


def test_the_units_of_a_department_or_a_ministry_are_bodies() -> None:
    """ "Thủ trưởng các phòng, ban có liên quan" of a Sở, "Cục trưởng các Cục thuộc Bộ";
    "các Vụ trưởng" are persons."""
    lead = agency_lead(
        "Chánh Văn phòng Sở, Thủ trưởng các phòng, ban có liên quan chịu trách nhiệm thi hành."
    )
    assert lead is not None and lead.agencies == "Văn phòng Sở, các phòng, ban có liên quan"
    lead = agency_lead("Cục trưởng các Cục thuộc Bộ có trách nhiệm hướng dẫn thực hiện.")
    assert lead is not None and lead.agencies == "các Cục thuộc Bộ"
    assert agency_lead("các Vụ trưởng có trách nhiệm báo cáo Bộ trưởng.") is None


def test_a_form_field_that_names_a_body_is_no_duty() -> None:
    """A routing form's "2. Các sở, ban, ngành … trình (kết quả đề nghị): Sở Nội vụ." and a
    table's "Cơ quan phối hợp: Vụ Pháp chế" give a field's value, not a task; a colon
    after the verb before a task still leads one."""
    assert (
        agency_lead("Các sở, ban, ngành, đơn vị, địa phương trình (kết quả đề nghị): Sở Nội vụ.")
        is None
    )
    assert agency_lead("Cơ quan phối hợp: Vụ Pháp chế, Văn phòng Bộ.") is None
    lead = agency_lead("Bộ Công an có trách nhiệm: Chỉ định đầu mối phối hợp với Bộ Tài chính.")
    assert lead is not None and lead.agencies == "Bộ Công an"


def test_a_lower_case_distributive_head_lists_its_members_before_the_task() -> None:
    """ "Giao các sở: A, B, C đôn đốc …": the bodies are the members after the colon, the
    task starts at the verb after them (as with "các Sở:")."""
    text = (
        "Giao các sở: Nông nghiệp và Phát triển nông thôn, Thông tin và Truyền thông,"
        " Xây dựng đôn đốc, hướng dẫn các hội."
    )
    lead = agency_lead(text)
    assert lead is not None
    assert lead.agencies.endswith("Thông tin và Truyền thông, Xây dựng")
    assert lead.task == "đôn đốc, hướng dẫn các hội."
    members = vanban.normalize_agency(lead.agencies, province="Bình Thuận").members
    assert [m.name for m in members] == [
        "Sở Nông nghiệp và Phát triển nông thôn tỉnh Bình Thuận",
        "Sở Thông tin và Truyền thông tỉnh Bình Thuận",
        "Sở Xây dựng tỉnh Bình Thuận",
    ]


def test_a_conditional_without_a_comma_leads_with_the_body_of_its_main_part() -> None:
    """ "Trường hợp … thì <body> <verb>", "Trường hợp … (…) <body> <verb>": the body after
    "thì" or the bracket is assigned; the conditional's own subject is not."""
    lead = agency_lead("Trường hợp hòa giải không thành thì Tòa án thông báo cho các bên.")
    assert lead is not None and lead.agencies == "Tòa án"
    lead = agency_lead(
        "Trường hợp người khai hải quan muốn rút hàng ngay tại cảng (không đưa container qua"
        " KVGS hải quan) Chi cục Hải quan nơi lưu giữ hàng hóa hướng dẫn doanh nghiệp cảng."
    )
    assert lead is not None and lead.agencies == "Chi cục Hải quan nơi lưu giữ hàng hóa"
    assert lead.task == "hướng dẫn doanh nghiệp cảng."
    assert agency_lead("Trường hợp Sở Y tế không thống nhất với đề xuất của các huyện.") is None
