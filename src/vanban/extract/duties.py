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
    split_agency_list,
    starts_with_agency,
)
from vanban.extract.dates import find_date
from vanban.text.layout import Line, Span, find_in
from vanban.text.lexicon import alternation, lexicon

__all__ = ["DutyDraft", "extract_duties", "split_sentences"]

LABEL_RE = regex.compile(
    r"^(?P<label>(?P<roman>[IVXLC]{1,6}\.)|(?P<arabic>\d{1,2}(?:\.\d{1,2})*[.)])|(?P<letter>[a-zđ]\)))"
    r"\s*(?P<rest>.*)$"
)
_BULLET_RE = regex.compile(r"^[-–—+•*·]\s*")
# ". " + upper case ends a sentence, unless the word before the dot is an
# abbreviation ("TP. Hồ Chí Minh", "Đ.c Đặng").
_SENTENCE_END_RE = regex.compile(
    r"(?<!\b(?:TP|Tp|TT|ThS|TS|PGS|GS|Đ\.c|đ\.c|Ô|B|St|TX|Q|P))\.\s+(?=[A-ZĐÀ-Ỹ])"
)


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


def _located(items: list[ListItem], line: Line, pos: int = 0) -> list[ListItem]:
    """``items`` (split from ``line.text[pos:]``, in order) with the spans of their names."""
    out: list[ListItem] = []
    for item in items:
        span = find_in(line, item.raw, pos) or find_in(line, item.text, pos)
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
    for m in _SENTENCE_END_RE.finditer(text):
        parts.append(text[pos : m.start() + 1].strip())
        pos = m.end()
    parts.append(text[pos:].strip())
    return [p for p in parts if p]


@cache
def _verb_re() -> regex.Pattern[str]:
    verbs = alternation(lexicon().duties.task_verbs)
    return regex.compile(rf"(?<![\w])(?:{verbs})(?![\w])")


@cache
def _intro_re() -> regex.Pattern[str]:
    return regex.compile(rf"^(?:{alternation(lexicon().duties.intro_words)})\s+")


@cache
def _closing_re() -> regex.Pattern[str]:
    return regex.compile(rf"^(?:{alternation(lexicon().duties.closing_cues)})\b")


@cache
def _reporting_re() -> regex.Pattern[str]:
    return regex.compile(
        rf"^(?:vừa\s+|đã\s+|mới\s+)?(?:{alternation(lexicon().duties.reporting_verbs)})"
    )


@cache
def _partner_re() -> regex.Pattern[str]:
    return regex.compile(r"(?i)phối\s+hợp(?:\s+chặt\s+chẽ)?(?:\s+với|\s+cùng)\s+")


@cache
def _deadline_re() -> regex.Pattern[str]:
    cues = alternation(lexicon().duties.deadline_cues)
    return regex.compile(rf"(?i)(?:{cues})\s+(?=(?:ngày\s+)?\d)")


_PARTNER_STOP_RE = regex.compile(r"[;.:]|\s(?:để|nhằm|trong|theo|tại|về|khi|cho)\s")


def _agency_and_rest(text: str) -> tuple[str, str] | None:
    """Split "Sở X hướng dẫn …" into ("Sở X", "hướng dẫn …") at the first task verb."""
    body = _intro_re().sub("", text, count=1)
    if not starts_with_agency(body):
        return None
    m = _verb_re().search(body)
    if m is None or m.start() == 0:
        return None
    agency = body[: m.start()].strip(" ,")
    if len(agency.split()) > 18:
        return None
    rest = body[m.start() :]
    if _reporting_re().match(rest):
        return None
    return agency, rest


# A name that ends in its place word ("Công an tỉnh", "Ban Tuyên giáo Tỉnh ủy") stops
# before the lower-case verb that follows: "… Công an tỉnh xử lý vi phạm".
_NAME_END_RE = regex.compile(
    r"(?<=\b(?:tỉnh|Tỉnh ủy|Tỉnh uỷ|Thành ủy|thành phố|Trung ương|huyện|xã))\s+(?=[a-zđà-ỹ])"
)


def _trim_name(item: ListItem) -> ListItem:
    if item.text.lower().startswith("các ") or " các " in item.text:
        return item
    m = _NAME_END_RE.search(item.text)
    return ListItem(item.text[: m.start()], item.members) if m else item


def _partners(task: str, line: Line | None) -> list[ListItem]:
    items: list[ListItem] = []
    for m in _partner_re().finditer(task):
        tail = task[m.end() :]
        stop = _PARTNER_STOP_RE.search(tail)
        verb = _verb_re().search(tail)
        ends = [x.start() for x in (stop, verb) if x is not None]
        span = tail[: min(ends)] if ends else tail
        found = [_trim_name(i) for i in split_agency_list(span) if starts_with_agency(i.text)]
        items.extend(_located(found, line) if line is not None else found)
    return items


_LEADS_RE = regex.compile(r"(?<=\S)\s+chủ\s+trì\b")


def _named_leads(task: str, line: Line | None) -> list[ListItem]:
    """Bodies named as leading inside a task: "… do Ban Tuyên giáo Tỉnh ủy chủ trì …"."""
    leads: list[ListItem] = []
    for m in _LEADS_RE.finditer(task):
        clause = regex.split(r"[,;:]", task[max(0, m.start() - 120) : m.start()])[-1]
        # The earliest head within the last words: "do Ban Tuyên giáo Tỉnh ủy", not "Tỉnh ủy".
        starts = [k for k in agency_starts(clause) if len(clause[k:].split()) <= 12]
        if starts:
            item = ListItem(clause[starts[0] :].strip())
            leads.extend(_located([item], line) if line is not None else [item])
    return leads


def _finish(duty: DutyDraft) -> DutyDraft:
    for k, task in enumerate(duty.tasks):
        line = duty.task_lines[k] if k < len(duty.task_lines) else None
        if regex.match(r"(?i)chủ\s+trì\b", task):
            duty.lead = list(duty.agencies)
        duty.lead.extend(i for i in _named_leads(task, line) if i not in duty.lead)
        duty.partners.extend(_partners(task, line))
        if duty.deadline is None:
            for m in _deadline_re().finditer(task):
                found = find_date(task, m.end())
                if found and found.date and found.start - m.end() < 8:
                    duty.deadline = found.date
                    break
    return duty


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


def _numbered(paragraphs: Sequence[Line]) -> list[DutyDraft]:
    duties: list[DutyDraft] = []
    level: str | None = None
    current: DutyDraft | None = None
    for line in paragraphs:
        text = line.text
        m = LABEL_RE.match(text)
        kind = next((k for k in ("roman", "arabic", "letter") if m and m.group(k)), None)
        if m and kind and (level is None or kind == level) and starts_with_agency(m.group("rest")):
            level = kind
            current = _heading_duty(m.group("label"), m.group("rest"), line, m.start("rest"))
            duties.append(current)
            continue
        if m and kind and level and (kind == level or _outranks(kind, level)):
            current = None  # a sibling or higher heading that names no agency
            continue
        if current is not None and _closing_re().match(text):
            current = None
            continue
        if current is not None:
            _add_text(current, line)
    return [_finish(d) for d in duties]


def _outranks(kind: str, level: str) -> bool:
    order = {"roman": 0, "arabic": 1, "letter": 2}
    return order[kind] < order[level]


def _heading_duty(label: str, rest: str, line: Line, at: int) -> DutyDraft:
    split = _agency_and_rest(rest)
    if split and not rest.rstrip().endswith(":"):
        agency, task = split
        duty = DutyDraft(label=label, agencies=_located(split_agency_list(agency), line, at))
        _add_tasks(duty, split_sentences(task), line)
        return duty
    duty = DutyDraft(label=label, agencies=_located(split_agency_list(rest), line, at))
    duty.extend_to(line)
    return duty


def _instruction_agencies(line: Line) -> list[ListItem]:
    """Agencies named in "UBND tỉnh yêu cầu <agencies> thực hiện những nhiệm vụ sau:"."""
    m = regex.search(
        r"(?:yêu cầu|đề nghị|giao)\s+(?P<who>.+?)\s+(?:thực hiện|triển khai)\b", line.text
    )
    if not m:
        return []
    found = [i for i in split_agency_list(m.group("who")) if starts_with_agency(i.text)]
    return _located(found, line, m.start("who"))


def _is_instruction(text: str) -> bool:
    low = text.lower()
    return text.endswith(":") and any(c in low for c in lexicon().duties.instruction_cues)


def _paragraph_led(paragraphs: Sequence[Line]) -> list[DutyDraft]:
    duties: list[DutyDraft] = []
    current: DutyDraft | None = None
    started = False
    for line in paragraphs:
        text = line.text
        if not started:
            if _is_instruction(text):
                started = True
                agencies = _instruction_agencies(line)
                if agencies:
                    current = DutyDraft(label=None, agencies=agencies)
                    current.extend_to(line)
                    duties.append(current)
            continue
        if _closing_re().match(text):
            current = None
            continue
        split = _agency_and_rest(text)
        if split:
            agency, rest = split
            current = DutyDraft(label=None, agencies=_located(split_agency_list(agency), line))
            _add_tasks(current, split_sentences(rest), line)
            duties.append(current)
        elif current is not None:
            _add_text(current, line)
    return [_finish(d) for d in duties]


def extract_duties(paragraphs: Sequence[Line]) -> list[DutyDraft]:
    """The duties of a body given as whole lines of the normalised text, in order."""
    numbered = _numbered(paragraphs)
    if numbered:
        return numbered
    return _paragraph_led(paragraphs)
