"""Duties: which agency is asked to do what.

Two shapes occur (design/domain.md §1.5.6 and the seeds):

* numbered sections whose heading names the agencies ("2. Sở Thông tin và
  Truyền thông", "1. Các Sở, Ban, ngành; …:"), with the tasks as bullets or
  sentences below;
* paragraphs that open with an agency's name ("Sở Thông tin và Truyền thông
  hướng dẫn …", "Đề nghị Ban Tuyên giáo Tỉnh ủy chủ trì …"), after a line such
  as "UBND tỉnh chỉ đạo như sau:".

This module returns drafts with the agencies as written; the pipeline resolves
them through the agency seam.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cache

import regex

from vanban.extract.agency_list import (
    ListItem,
    agency_starts,
    is_body_name,
    split_agency_list,
)
from vanban.extract.dates import find_date
from vanban.extract.duty_lead import agency_lead, asked_lead, heading_agencies
from vanban.text.anchors import fragment
from vanban.text.layout import Line, Span, find_in
from vanban.text.lexicon import alternation, lexicon, spaced_alternation

__all__ = ["DutyDraft", "extract_duties", "split_sentences"]

LABEL_RE = regex.compile(rf"^{fragment('list_label')}\s*(?P<rest>.*)$")
_BULLET_RE = regex.compile(r"^[-–—+•*·]\s*")


@cache
def _sentence_end_re() -> regex.Pattern[str]:
    # ". " + upper case ends a sentence, unless the word before the dot is an
    # abbreviation ("TP. Hồ Chí Minh", "Đ.c Đặng").
    short = alternation(lexicon().duties.sentence_abbreviations)
    return regex.compile(rf"(?<!\b(?:{short}))\.\s+(?=\p{{Lu}})")


@dataclass(slots=True)
class DutyDraft:
    """A duty before agency resolution.

    ``span`` runs from the line that assigns it to its last task's line; every
    agency item carries the span of its name where it could be located.
    """

    label: str | None
    agencies: list[ListItem]
    tasks: list[str] = field(default_factory=list)
    lead: list[ListItem] = field(default_factory=list)
    partners: list[ListItem] = field(default_factory=list)
    deadline: dt.date | None = None
    span: Span | None = None
    task_lines: list[Line] = field(default_factory=list)  # the line each task came from

    def extend_to(self, line: Line) -> None:
        start = self.span[0] if self.span else line.start
        self.span = (start, line.end)

    def extend_to_span(self, span: Span) -> None:
        start = self.span[0] if self.span else span[0]
        self.span = (start, max(span[1], self.span[1] if self.span else span[1]))


def _located(items: list[ListItem], line: Line, pos: int = 0) -> list[ListItem]:
    """``items`` (split from ``line.text[pos:]``, in order) with the spans of their names."""
    out: list[ListItem] = []
    for item in items:
        span = find_in(line, item.raw, pos) or find_in(line, item.text, pos)
        if span is None and item.raw[:1].isupper():
            # A head's title gave way to the body, capitalised: "Trưởng phòng Tư pháp" →
            # "Phòng Tư pháp"; the name as written is "phòng Tư pháp".
            written = item.raw[:1].lower() + item.raw[1:]
            span = find_in(line, written, pos)
            if span is not None:
                item = replace(item, raw=written)
        if span is not None:
            pos = span[1] - line.start
        out.append(replace(item, span=span))
    return out


def split_sentences(text: str) -> list[str]:
    """Split a paragraph into sentences at ". " followed by an upper-case letter.

    >>> split_sentences("Chủ trì tổ chức. Chỉ đạo các cơ quan tại TP. Huế.")
    ['Chủ trì tổ chức.', 'Chỉ đạo các cơ quan tại TP. Huế.']
    """
    parts: list[str] = []
    pos = 0
    for m in _sentence_end_re().finditer(text):
        parts.append(text[pos : m.start() + 1].strip())
        pos = m.end()
    parts.append(text[pos:].strip())
    return [p for p in parts if p]


@cache
def _verb_re() -> regex.Pattern[str]:
    verbs = alternation(lexicon().duties.task_verbs)
    return regex.compile(rf"(?<![\w])(?:{verbs})(?![\w])")


@cache
def _closing_re() -> regex.Pattern[str]:
    return regex.compile(rf"^(?:{alternation(lexicon().duties.closing_cues)})\b")


@cache
def _article_re() -> regex.Pattern[str]:
    words = alternation(lexicon().duties.article_words)
    return regex.compile(rf"^(?P<word>{words})\s+(?P<n>\d{{1,3}})\s*[.:]\s*(?P<rest>.*)$")


@cache
def _partner_re() -> regex.Pattern[str]:
    return regex.compile(rf"(?i)(?:{spaced_alternation(lexicon().duties.partner_cues)})\s+")


@cache
def _deadline_re() -> regex.Pattern[str]:
    cues = alternation(lexicon().duties.deadline_cues)
    return regex.compile(rf"(?i)(?:{cues})\s+(?=(?:{fragment('date_day_word')}\s+)?\d)")


@cache
def _clause_word_re() -> regex.Pattern[str]:
    """A word that starts a new clause inside a task ("để", "nhằm", "trong" …): no name of a
    body runs across one."""
    return regex.compile(rf"\s(?:{spaced_alternation(lexicon().duties.partner_stops)})\s")


@cache
def _partner_stop_re() -> regex.Pattern[str]:
    return regex.compile(rf"[;.:]|{_clause_word_re().pattern}")


@cache
def _name_end_re() -> regex.Pattern[str]:
    # A name that ends in its place word ("Công an tỉnh", "Ban Tuyên giáo Tỉnh ủy") stops
    # before the lower-case verb that follows: "… Công an tỉnh xử lý vi phạm".
    places = alternation(lexicon().duties.name_end_places)
    return regex.compile(rf"(?<=\b(?:{places}))\s+(?=\p{{Ll}})")


def _trim_name(item: ListItem) -> ListItem:
    if item.text.lower().startswith("các ") or " các " in item.text:
        return item
    m = _name_end_re().search(item.text)
    return ListItem(item.text[: m.start()], item.members) if m else item


def _partners(task: str, line: Line | None) -> list[ListItem]:
    items: list[ListItem] = []
    for m in _partner_re().finditer(task):
        tail = task[m.end() :]
        stop = _partner_stop_re().search(tail)
        verb = _verb_re().search(tail)
        ends = [x.start() for x in (stop, verb) if x is not None]
        span = tail[: min(ends)] if ends else tail
        found = [_trim_name(i) for i in split_agency_list(span) if is_body_name(i.text)]
        items.extend(_located(found, line) if line is not None else found)
    return items


@cache
def _leads_re() -> regex.Pattern[str]:
    return regex.compile(rf"(?<=\S)\s+(?:{spaced_alternation(lexicon().duties.lead_verbs)})\b")


@cache
def _leading_verb_re() -> regex.Pattern[str]:
    return regex.compile(rf"(?i)(?:{spaced_alternation(lexicon().duties.lead_verbs)})\b")


_CLAUSE_BREAK_RE = regex.compile(r"[,;:]")


def _named_leads(task: str, line: Line | None) -> list[ListItem]:
    """Bodies named as leading inside a task: "… do Ban Tuyên giáo Tỉnh ủy chủ trì …"."""
    leads: list[ListItem] = []
    for m in _leads_re().finditer(task):
        clause = _CLAUSE_BREAK_RE.split(task[max(0, m.start() - 120) : m.start()])[-1]
        # The earliest head within the last words: "do Ban Tuyên giáo Tỉnh ủy", not "Tỉnh ủy";
        # but never across a clause word: "gửi về Sở Tư pháp trước ngày … để Sở Tư pháp chủ trì".
        starts = [
            k
            for k in agency_starts(clause)
            if len(clause[k:].split()) <= 12 and not _clause_word_re().search(clause[k:])
        ]
        if starts:
            item = ListItem(clause[starts[0] :].strip())
            leads.extend(_located([item], line) if line is not None else [item])
    return leads


def _finish(duty: DutyDraft) -> DutyDraft:
    for k, task in enumerate(duty.tasks):
        line = duty.task_lines[k] if k < len(duty.task_lines) else None
        if _leading_verb_re().match(task):
            duty.lead = list(duty.agencies)
        duty.lead.extend(i for i in _named_leads(task, line) if i not in duty.lead)
        duty.partners.extend(_partners(task, line))
        if duty.deadline is None:
            for m in _deadline_re().finditer(task):
                found = find_date(task, m.end())
                if found and found.date and found.start - m.end() < 8:
                    duty.deadline = found.date
                    break
    _drop_non_tasks(duty)
    return duty


def _drop_non_tasks(duty: DutyDraft) -> None:
    """Leave out of the tasks what only frames them: a list label on its own line ("1.1.")
    and the words of a heading whose colon announces the tasks below it ("Cục Thuế XNK thực
    hiện:", "… kiểm tra hồ sơ và xử lý như sau:", as the labels count them; the lead,
    partners and deadline were read from it)."""
    keep = [
        k
        for k, task in enumerate(duty.tasks)
        if not (m := LABEL_RE.match(task)) or m.group("rest").strip()
    ]
    if len(keep) > 1 and duty.tasks[keep[0]].rstrip().endswith(":"):
        keep = keep[1:]
    duty.tasks = [duty.tasks[k] for k in keep]
    duty.task_lines = [duty.task_lines[k] for k in keep if k < len(duty.task_lines)]


def _add_tasks(duty: DutyDraft, tasks: list[str], line: Line) -> None:
    duty.tasks.extend(tasks)
    duty.task_lines.extend([line] * len(tasks))
    duty.extend_to(line)


def _add_text(duty: DutyDraft, line: Line) -> None:
    text = line.text
    if _BULLET_RE.match(text):
        _add_tasks(duty, [_BULLET_RE.sub("", text, count=1)], line)
        return
    m = LABEL_RE.match(text)
    if m and m.group("letter"):
        _add_tasks(duty, [m.group("rest")], line)
        return
    _add_tasks(duty, split_sentences(text), line)


@dataclass(slots=True)
class _Walk:
    """Where the walk over the paragraphs is: the open duty and the article it is in."""

    duties: list[DutyDraft] = field(default_factory=list)
    current: DutyDraft | None = None
    # The label kind of the paragraph that opened ``current`` ("roman", "arabic",
    # "letter"; None for a bullet or plain paragraph) and whether it was a heading
    # that names bodies only: deeper paragraphs of a heading are its tasks.
    kind: str | None = None
    heading: bool = False
    # Whether that heading assigns its tasks with a verb ("3. Cục Thuế XNK thực hiện:",
    # "UBND tỉnh yêu cầu … thực hiện các nhiệm vụ sau:"): a deeper paragraph that opens
    # with bodies of its own is their duty, not a task of the heading's bodies.
    asks: bool = False
    article: str | None = None
    # The label of the last labelled paragraph: a duty that a plain paragraph or a bullet
    # below it opens is part of that item ("a) Trường hợp …" / "Căn cứ …, Chi cục … thực hiện").
    item: str | None = None

    @property
    def where(self) -> str | None:
        """The label of a duty opened by a plain paragraph here."""
        return self.item or self.article

    def open(self, duty: DutyDraft, kind: str | None, *, heading: bool, asks: bool = False) -> None:
        self.duties.append(duty)
        self.current, self.kind, self.heading, self.asks = duty, kind, heading, asks

    def add(self, duty: DutyDraft) -> DutyDraft:
        """Append a duty opened by a plain paragraph or a bullet, or, when the duty before
        it is of the same item and bodies ("- Chi cục X hướng dẫn …", "- Trên cơ sở …, Chi
        cục X kiểm tra …"), add its tasks to that one. Returns the duty that holds them."""
        last = self.duties[-1] if self.duties else None
        if (
            last is not None
            and last is self.current
            and last.label == duty.label
            and [a.text for a in last.agencies] == [a.text for a in duty.agencies]
        ):
            last.tasks.extend(duty.tasks)
            last.task_lines.extend(duty.task_lines)
            if duty.span is not None:
                last.extend_to_span(duty.span)
            return last
        self.duties.append(duty)
        return duty

    def close(self) -> None:
        self.current, self.kind, self.heading, self.asks = None, None, False, False

    def task_or_duty(self, line: Line, at: int, label: str | None) -> None:
        """A paragraph below a heading (``line.text[at:]``): its task, or, below a heading
        that asks, the duty of the bodies it opens with (the heading stays open)."""
        assert self.current is not None
        duty = _lead_duty(label, line, at) if self.asks else None
        if duty is None:
            _add_text(self.current, line)
        else:
            self.add(duty)


def _label_kind(m: regex.Match[str] | None) -> str | None:
    if m is None:
        return None
    roman, arabic, letter = m.group("roman", "arabic", "letter")
    return "roman" if roman else "arabic" if arabic else "letter" if letter else None


def _deeper(kind: str, than: str | None) -> bool:
    order = {"roman": 0, "arabic": 1, "letter": 2}
    return than is not None and order[kind] > order[than]


def _lead_duty(label: str | None, line: Line, at: int = 0) -> DutyDraft | None:
    """A duty from a paragraph (``line.text[at:]``) that opens with the bodies it assigns."""
    lead = agency_lead(line.text[at:])
    if lead is None:
        return None
    # "các khoản 1, 3, 4 Điều 25" inside a list of bodies is no body.
    items = [i for i in split_agency_list(lead.agencies) if is_body_name(i.text)]
    if not items:
        return None
    duty = DutyDraft(label=label, agencies=_located(items, line, at))
    _add_tasks(duty, split_sentences(lead.task), line)
    return duty


@cache
def _heading_task_re() -> regex.Pattern[str]:
    ends = spaced_alternation(lexicon().duties.heading_task_ends)
    # A note in brackets may stand before the colon: "… như sau (thời gian: 03 ngày):".
    return regex.compile(rf"(?<!\w)(?:{ends})\s*(?:\([^()]*\)\s*)?:\s*$")


def _heading_task(duty: DutyDraft) -> bool:
    """Whether a labelled lead that ends with ":" announces the tasks below ("Cục Thuế
    XNK thực hiện:", "… thực hiện các nhiệm vụ sau:"), not a field of a form ("Phòng
    chuyên môn đề xuất phương án:")."""
    return bool(duty.tasks) and bool(_heading_task_re().search(duty.tasks[-1]))


def _labelled(walk: _Walk, m: regex.Match[str], kind: str, line: Line, at: int) -> None:
    """A paragraph with a list label (``m`` matched ``line.text[at:]``): a task of a
    heading above it, or a new duty."""
    label, rest, at = m.group("label"), m.group("rest"), at + m.start("rest")
    if walk.current is not None and walk.heading and _deeper(kind, walk.kind):
        walk.item = label
        walk.task_or_duty(line, at, label)
        return
    walk.close()
    walk.item = label
    if _is_instruction(rest):
        # "II. MỤC TIÊU, NHIỆM VỤ … Bộ TN&MT yêu cầu các đơn vị … thực hiện … sau:"
        agencies = _instruction_agencies(line)
        if agencies:
            duty = DutyDraft(label=label, agencies=agencies)
            duty.extend_to(line)
            walk.open(duty, kind, heading=True, asks=True)
            return
    ends = rest.rstrip().endswith(":")
    lead = _lead_duty(label, line, at)
    if lead is not None and (not ends or _heading_task(lead)):
        # "3. Cục Thuế xuất nhập khẩu thực hiện:": the bodies, then their tasks below.
        walk.open(lead, kind, heading=ends, asks=ends)
        return
    names = heading_agencies(rest)
    items = [i for i in split_agency_list(names) if is_body_name(i.text)] if names else []
    if names is not None and len(names) < 300 and items:
        duty = DutyDraft(label=label, agencies=_located(items, line, at))
        duty.extend_to(line)
        walk.open(duty, kind, heading=True)


def _plain(walk: _Walk, line: Line, at: int) -> None:
    """A bullet or a paragraph without a label (``line.text[at:]``)."""
    text = line.text[at:]
    if walk.current is not None and walk.heading:
        bullet = _BULLET_RE.match(text)
        walk.task_or_duty(line, at + (bullet.end() if bullet else 0), walk.where)
        return
    if _is_instruction(text):
        agencies = _instruction_agencies(line)
        if agencies:
            asked = DutyDraft(label=walk.where, agencies=agencies)
            asked.extend_to(line)
            walk.open(asked, None, heading=False)
        return
    bullet = _BULLET_RE.match(text)
    duty = _lead_duty(walk.where, line, at + (bullet.end() if bullet else 0))
    if duty is not None:
        held = walk.add(duty)
        walk.current, walk.kind, walk.heading, walk.asks = held, None, False, False
    elif walk.current is not None:
        _add_text(walk.current, line)


def _walk(walk: _Walk, line: Line) -> None:
    at = 0
    a = _article_re().match(line.text)
    if a:
        # "Điều 3. Chánh Văn phòng …": the article's paragraphs carry its label.
        walk.close()
        at = a.start("rest")
        walk.article, walk.item = line.text[:at].strip(), None
        if at >= len(line.text):
            return
    text = line.text[at:]
    if _closing_re().match(text) and not _is_instruction(text):
        # "Yêu cầu Thủ trưởng các cơ quan … nghiêm túc thực hiện": closes the list,
        # and may itself assign the closing task.
        walk.close()
        duty = _lead_duty(walk.article, line, at)
        if duty is not None:
            walk.duties.append(duty)
        return
    m = LABEL_RE.match(text)
    kind = _label_kind(m)
    if m and kind:
        _labelled(walk, m, kind, line, at)
    else:
        _plain(walk, line, at)


def _instruction_agencies(line: Line) -> list[ListItem]:
    """Agencies named in "UBND tỉnh yêu cầu <agencies> thực hiện những nhiệm vụ sau:"."""
    lead = asked_lead(line.text)
    if lead is None:
        return []
    found = [i for i in split_agency_list(lead.agencies) if is_body_name(i.text)]
    return _located(found, line)


def _is_instruction(text: str) -> bool:
    low = text.lower()
    return text.endswith(":") and any(c in low for c in lexicon().duties.instruction_cues)


@cache
def _attachment_re() -> regex.Pattern[str]:
    words = lexicon().duties
    kinds, ends = alternation(words.attachment_types), alternation(words.appendix_headings)
    return regex.compile(rf"(?<![\p{{L}}])(?:(?P<kind>{kinds})|(?P<end>{ends}))(?![\p{{L}}])")


def _attachments(tail: Sequence[Line]) -> list[list[Line]]:
    """The paragraphs of each document attached after the signature that assigns tasks.

    A quyết định "ban hành kèm theo" a Chương trình, Kế hoạch or Quy trình prints it after
    its own signature; its heading may share a line with the signer's name in flattened
    copies ("BỘ TRƯỞNG Đặng Quốc Khánh CHƯƠNG TRÌNH HÀNH ĐỘNG …"). An appendix heading
    ("PHỤ LỤC I DANH MỤC MẪU BIỂU", "MẪU SỐ 01") ends the reading: forms and tables follow.
    """
    parts: list[list[Line]] = []
    reading = False
    for line in tail:
        heads = [
            m
            for m in _attachment_re().finditer(line.text)
            if _mostly_upper_words(_heading_at(line.text, m.start()))
        ]
        if heads and heads[-1].group("end") is not None:
            break  # the forms' own headings ("HƯỚNG DẪN CÁC NỘI DUNG …") are no attachment
        if heads:
            reading = True
            parts.append([])
        elif reading:
            parts[-1].append(line)
    return parts


def _heading_at(text: str, at: int) -> str:
    """The line from ``at`` up to a bracket: "QUY TRÌNH XÁC ĐỊNH … (Ban hành kèm theo …)".

    The signer's name and the Lưu line may stand before it on a flattened line.
    """
    return text[at:].split("(", 1)[0]


def _mostly_upper_words(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.6 * len(letters)


def extract_duties(
    paragraphs: Sequence[Line], tail: Sequence[Line] | None = None
) -> list[DutyDraft]:
    """The duties of a body given as whole lines of the normalised text, in order.

    ``tail`` holds the lines after the body (Nơi nhận, signature and what follows): the
    documents attached there that assign tasks (``attachment_types`` in the lexicon) are
    read too, each from a fresh start.
    """
    duties: list[DutyDraft] = []
    for part in [paragraphs, *_attachments(tail or ())]:
        walk = _Walk()
        for line in part:
            _walk(walk, line)
        duties.extend(walk.duties)
    return [_finish(d) for d in duties]
