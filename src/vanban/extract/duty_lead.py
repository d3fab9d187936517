"""The bodies that open a duty paragraph, and where their task begins.

"Giao Sở Nội vụ chủ trì, phối hợp …", "Trong thời hạn 60 ngày, Ban Chủ nhiệm … có
trách nhiệm …", "Chánh Văn phòng UBND tỉnh, Giám đốc Sở Tư pháp … chịu trách nhiệm
thi hành Quyết định này": the words before the bodies (intro words, a leading clause),
the titles of their heads ("Chánh", "Giám đốc": the body is what is assigned) and the
verb that starts the task all come from ``data/lexicon.toml`` (``[duties]``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

import regex

from vanban.extract.agency_list import agency_starts, starts_with_agency
from vanban.text.lexicon import alternation, lexicon

__all__ = ["Lead", "agency_lead", "asked_lead", "heading_agencies", "strip_officials"]

MAX_NAME_WORDS = 80  # an execution article lists every body; other leads stop at 18


@dataclass(frozen=True, slots=True)
class Lead:
    """The bodies a paragraph opens with (as text, heads' titles replaced) and its task."""

    agencies: str
    task: str


@cache
def _official_re() -> regex.Pattern[str]:
    titles = alternation([t for t, _ in lexicon().duties.official_titles])
    # At the start of a list item: the text's start, after "," / ";" / ":" or "và".
    conj = alternation(lexicon().duties.list_and)
    return regex.compile(
        rf"(?:^|(?<=[,;:]\s*)|(?<=\s(?:{conj})\s))(?P<title>{titles})\s+(?=\S)", regex.IGNORECASE
    )


@cache
def _replacements() -> dict[str, str]:
    return {t.casefold(): r for t, r in lexicon().duties.official_titles}


@cache
def _folded_titles() -> tuple[str, ...]:
    """The titles, case folded, without those that hold a shorter one ("thủ trưởng" holds
    "trưởng"): a text names a title only if it holds one of these."""
    titles = {t.casefold() for t, _ in lexicon().duties.official_titles}
    return tuple(sorted(t for t in titles if not any(o != t and o in t for o in titles)))


@lru_cache(maxsize=4096)
def strip_officials(text: str) -> str:
    """Replace the titles of bodies' heads by the bodies they head.

    Called on the same paragraphs several times over (the opening, the heading, the
    lead); most name no title at all, which a plain substring test tells first.

    >>> strip_officials("Chánh Văn phòng UBND tỉnh, Giám đốc Sở Nội vụ và Thủ trưởng các cơ quan")
    'Văn phòng UBND tỉnh, Sở Nội vụ và các cơ quan'
    >>> strip_officials("Chánh văn phòng UBND tỉnh, Trưởng phòng Phòng Tư pháp")
    'Văn phòng UBND tỉnh, Phòng Tư pháp'
    >>> strip_officials("Chủ tịch: Ông Nguyễn Văn A")
    'Chủ tịch: Ông Nguyễn Văn A'
    """

    folded = text.casefold()
    if not any(t in folded for t in _folded_titles()):
        return text

    def repl(m: regex.Match[str]) -> str:
        title = m.group("title")
        new = _replacements()[title.casefold()]
        rest = text[m.end() :]
        if new:
            if rest.casefold().startswith(new.casefold() + " "):
                # "Trưởng phòng Phòng Thi hành án": the body's own word follows.
                return "" if starts_with_agency(rest) else m.group(0)
            # "Chánh văn phòng UBND tỉnh" → "Văn phòng UBND tỉnh": the title's own last
            # words as written ("BAN" stays upper case), capitalised as a body's name is.
            keep = title[len(title) - len(new) :]
            keep = keep[:1].upper() + keep[1:]
            return keep + " " if starts_with_agency(f"{new} {rest}") else m.group(0)
        return "" if starts_with_agency(rest) else m.group(0)

    return _official_re().sub(repl, text)


@cache
def _intro_re() -> regex.Pattern[str]:
    return regex.compile(rf"^(?:{alternation(lexicon().duties.intro_words)})\s+")


@cache
def _asking_re() -> regex.Pattern[str]:
    return regex.compile(rf"\s(?:{alternation(lexicon().duties.asking_words)})\s+")


@cache
def _clause_re() -> regex.Pattern[str]:
    return regex.compile(rf"^(?:{alternation(lexicon().duties.leading_clauses)})(?!\w)")


MAX_CLAUSE_CHARS = 300


_LEADING_NOTE_RE = regex.compile(r"^\([^()]{1,200}\)\s*")
_COMMA_RE = regex.compile(r",\s+")


def _after_clause(text: str) -> str:
    """``text`` after a leading clause, at the first comma that a body's name follows
    (a bracketed note before the clause, "(thời gian thực hiện: 05 ngày) Khi …", left out)."""
    note = _LEADING_NOTE_RE.match(text)
    if note and _clause_re().match(text[note.end() :]):
        text = text[note.end() :]
    if not _clause_re().match(text):
        return text
    for m in _COMMA_RE.finditer(text, 0, MAX_CLAUSE_CHARS):
        rest = text[m.end() :]
        if starts_with_agency(strip_officials(_intro_re().sub("", rest, count=1))):
            return rest
    return _after_clause_without_comma(text)


MAX_UNMARKED_NAME_WORDS = 10  # a body read after a clause with no comma before it


@cache
def _main_clause_re() -> regex.Pattern[str]:
    return regex.compile(rf"(?<!\w)(?:{alternation(lexicon().duties.main_clause_words)})$")


def _after_clause_without_comma(text: str) -> str:
    """``text`` from the body a leading clause with no comma before its main part goes on
    with: "Trường hợp … (không đưa container chứa hàng qua KVGS hải quan) Chi cục Hải
    quan nơi lưu giữ hàng hóa hướng dẫn …", "Nếu … thì Chi cục Hải quan … thực hiện …":
    a body whose name a task verb follows within a few words. The body right after the
    clause word is the clause's own subject ("Trường hợp Sở Y tế không thống nhất …")."""
    clause = _clause_re().match(text)
    assert clause is not None
    subject_at = clause.end() + 1
    for at in agency_starts(text[:MAX_CLAUSE_CHARS]):
        before = text[:at].rstrip()
        if at <= subject_at or not (before.endswith(")") or _main_clause_re().search(before)):
            continue
        rest = text[at:]
        verb = _first_verb(rest)
        if verb is None or verb.start() == 0:
            continue
        name = rest[: verb.start()]
        if "," not in name and len(name.split()) <= MAX_UNMARKED_NAME_WORDS:
            return rest
    return text


@cache
def _verb_re() -> regex.Pattern[str]:
    words = lexicon().duties
    verbs = alternation(words.task_verbs + words.execution_cues)
    return regex.compile(rf"(?<![\w])(?:{verbs})(?![\w])")


@cache
def _execution_re() -> regex.Pattern[str]:
    return regex.compile(rf"(?<![\w])(?:{alternation(lexicon().duties.execution_cues)})\b")


@cache
def _noun_context_res() -> dict[str, regex.Pattern[str]]:
    def ends_with(words: list[str]) -> regex.Pattern[str]:
        marks = [w for w in words if not w[:1].isalpha()]
        names = [w for w in words if w[:1].isalpha()]
        parts = [rf"(?<!\w)(?:{alternation(names)})"] if names else []
        parts += [alternation(marks)] if marks else []
        return regex.compile(rf"(?:{'|'.join(parts)})\s*$")

    return {verb: ends_with(words) for verb, words in lexicon().duties.noun_verbs.items()}


@cache
def _non_assigning_re() -> regex.Pattern[str]:
    return regex.compile(rf"(?<!\w)(?:{alternation(lexicon().duties.non_assigning)})(?!\w)")


_BRACKETED_RE = regex.compile(r"\([^()]*\)")


@cache
def _reporting_re() -> regex.Pattern[str]:
    return regex.compile(rf"^(?:{alternation(lexicon().duties.reporting_verbs)})")


@cache
def _person_re() -> regex.Pattern[str]:
    return regex.compile(rf"(?:^|[\s:,])(?:{alternation(lexicon().duties.person_words)})\s")


@cache
def _relative_re() -> regex.Pattern[str]:
    return regex.compile(rf"(?<!\w)(?:{alternation(lexicon().duties.relative_words)})\s+$")


def _first_verb(body: str) -> regex.Match[str] | None:
    """The verb that starts the task, skipping verbs used as nouns in the list of bodies."""
    contexts = _noun_context_res()
    for m in _verb_re().finditer(body):
        noun = contexts.get(m.group(0))
        if noun is not None and noun.search(body[: m.start()]):
            continue
        if _relative_re().search(body[: m.start()]):
            continue  # "Chi cục Hải quan nơi quản lý kho CFS": part of the name
        if _in_name(body, m.start()):
            continue  # "Ban Chỉ đạo 138 tỉnh ban hành …": a capitalised word of the name
        return m
    return None


MAX_HEAD_WORDS = 2  # "Ban", "Hội đồng": a bare head that a capitalised word goes on naming


def _in_name(body: str, at: int) -> bool:
    """Whether the verb at ``at`` is capitalised and follows a bare body head with only
    spaces between: a word of the body's name ("Ban Chỉ đạo", "Hội đồng Tư vấn"), not a
    task after "Sở Y tế: Thực hiện …" or "Bộ Công an sớm có Hướng dẫn …"."""
    if not body[at : at + 1].isupper():
        return False
    before = body[:at].rstrip(" ")
    if len(before) == at or not before[-1:].isalnum():
        return False
    words = before.split()
    # The last body of a list counts too: "…, thành viên Ban Chỉ đạo tỉnh".
    return any(starts_with_agency(" ".join(words[-k:])) for k in range(1, MAX_HEAD_WORDS + 1))


@lru_cache(maxsize=4096)
def _opening(text: str) -> str:
    """``text`` without its intro word and leading clause (heads' titles kept)."""
    return _intro_re().sub("", _after_clause(text), count=1)


_FIRST_WORD_RE = regex.compile(r"\w+")
# A full stop after a word of three lower-case letters or more, then a capital: a
# sentence ends there (not "TP. Hồ Chí Minh", "Tp. Đà Lạt").
_SENTENCE_BREAK_RE = regex.compile(r"(?<=\p{Ll}{3})\.\s+(?=\p{Lu})")


@cache
def _lead_words() -> tuple[frozenset[str], frozenset[str]]:
    """The first words a paragraph that names bodies first can open with: of a body's
    head, an intro word or a leading clause (as written), and of a head's title (case
    folded: titles are matched in any case)."""

    def first(phrase: str) -> str:
        m = _FIRST_WORD_RE.match(phrase)
        return m.group(0) if m else ""

    words = lexicon()
    written = {first(w) for w in [*words.agency.heads, *words.duties.intro_words]}
    written |= {first(w) for w in words.duties.leading_clauses}
    folded = {first(t).casefold() for t, _ in words.duties.official_titles}
    return frozenset(written), frozenset(folded)


def _may_lead(text: str) -> bool:
    """False when ``text`` cannot open with a body: its first word starts no head, intro
    word, leading clause or title. Most paragraphs are told apart here, before the
    clause, intro and title rewriting that :func:`agency_lead` does on the others."""
    m = _FIRST_WORD_RE.match(text)
    if m is None:
        return True  # "(thời gian thực hiện: …) Khi …", a bullet: read in full
    written, folded = _lead_words()
    word = m.group(0)
    return word in written or word.casefold() in folded


MAX_ASKING_DEPTH = 2  # "A đề nghị B đề nghị C …" is read at most this many asks deep


def agency_lead(text: str, depth: int = 0) -> Lead | None:
    """The bodies a paragraph assigns a task to, and the task; None when it assigns none.

    >>> agency_lead("Giao Sở Nội vụ chủ trì, phối hợp với các cơ quan tham mưu.")
    Lead(agencies='Sở Nội vụ', task='chủ trì, phối hợp với các cơ quan tham mưu.')
    >>> agency_lead("Hội đã tổ chức Đại hội nhiệm kỳ 2025 - 2030.") is None
    True
    """
    if not _may_lead(text):
        return None
    body = _opening(text)
    if not starts_with_agency(strip_officials(body)):
        return None
    named = _named_then_task(body)
    if named is not None:
        return named
    execution = _execution_re().search(body)
    m = execution or _first_verb(body)
    if m is None or m.start() == 0:
        return None
    # The task as written (with the modal words before its verb: "phải gửi …"); the
    # bodies with their heads' titles given way to them.
    start = m.start()
    while (modal := _modal_end_re().search(body, 0, start)) is not None:
        start = modal.start()
    written = body[:start].strip(" ,")
    if not _one_list(written):
        # The verb is in a later sentence: "… tiếp công dân. Các tổ chức … có trách nhiệm".
        return None
    agencies = strip_officials(written)
    task = body[start:]
    asking = _asking_re().match(f" {task}")
    if (
        asking is not None
        and depth < MAX_ASKING_DEPTH
        and len(written.split()) <= 12
        and not _listed_re().search(written)
    ):
        # "Sở Tư pháp đề nghị Ban Chấp hành Hội … khẩn trương hoàn thiện …": the body asked.
        inner = agency_lead(task[asking.end() - 1 :], depth + 1)
        if inner is not None:
            return inner
    asked = _asking_re().search(agencies)
    if asked:
        # "UBND tỉnh yêu cầu Thủ trưởng các cơ quan … thực hiện": the bodies asked.
        agencies = strip_officials(agencies[asked.end() :])
        if not starts_with_agency(agencies):
            return None
    if _form_field(task):
        return None
    person = _person_re().search(agencies)
    if person is not None:
        # "…, Giám đốc Sở Nội vụ và các ông (bà) có tên tại Điều 1 chịu trách nhiệm thi
        # hành": the bodies before the persons are assigned; persons are no bodies.
        agencies = _before_persons(agencies, person.start())
        if not agencies:
            return None
    words = len(agencies.split())
    listed = bool(_listed_re().search(agencies))
    if (
        words > MAX_NAME_WORDS
        or (execution is None and words > (MAX_NAME_WORDS // 2 if listed else 18))
        or _non_assigning_re().search(_BRACKETED_RE.sub("", agencies))
        or _reporting_re().match(task)
    ):
        return None
    return Lead(agencies, task)


_FIELD_RE = regex.compile(r"^\S+(?:\s+\S+){0,2}\s*(?:\([^()]{0,60}\)\s*)?:\s*")


def _form_field(task: str) -> bool:
    """Whether a "task" is the value of a form's field: a verb or two, maybe a note, a
    colon and then the name of a body ("Các sở, ban, ngành … trình (kết quả đề nghị): Sở
    Nội vụ.", "Cơ quan nhận báo cáo: Bộ Tài chính, …"), not a task ("có trách nhiệm: Chủ
    trì, phối hợp …")."""
    m = _FIELD_RE.match(task)
    return m is not None and starts_with_agency(strip_officials(task[m.end() :]))


def _one_list(written: str) -> bool:
    """Whether the text before a lead's verb is one list of bodies: a full stop inside it
    only where a list with no verb goes on with a body ("… các tỉnh, thành phố trực thuộc
    Trung ương. Thủ trưởng các đơn vị …", a slip of the pen), not where a sentence ended
    ("Hội đồng nhân dân thảo luận. Trước khi thảo luận, …")."""
    at = 0
    for brk in _SENTENCE_BREAK_RE.finditer(written):
        before, after = written[at : brk.start()], written[brk.end() :]
        if _first_verb(strip_officials(before)) is not None:
            return False
        if not starts_with_agency(strip_officials(after)):
            return False
        at = brk.end()
    return True


def _before_persons(agencies: str, at: int) -> str:
    """The list items of ``agencies`` before the one that names persons at ``at``
    (empty when the list opens with persons: "Ông Nguyễn Văn A, …")."""
    breaks = list(_listed_re().finditer(agencies, 0, at + 1))
    return agencies[: breaks[-1].start()].rstrip(" ,;") if breaks else ""


@cache
def _modal_end_re() -> regex.Pattern[str]:
    """A modal word ending the text before a task verb ("Tòa án phải" | "gửi …")."""
    return regex.compile(rf"(?<=\S\s+)(?:{alternation(lexicon().duties.task_modals)})\s+$")


@cache
def _listed_re() -> regex.Pattern[str]:
    return regex.compile(rf"[,;]|\s(?:{alternation(lexicon().duties.list_and)})\s")


_COLON_RE = regex.compile(r":\s+")


def _named_then_task(body: str) -> Lead | None:
    """ "Chi cục Hải quan nơi vận chuyển đi: công chức hải quan căn cứ …" (bodies, a colon,
    the task), when what stands before the colon is names only and after it a task."""
    m = _COLON_RE.search(body, 0, 160)
    if m is None:
        return None
    names, task = strip_officials(body[: m.start()]), body[m.end() :]
    if (
        _first_verb(names) is not None
        or _lists_members(names)
        or _person_re().search(f" {task[:20]}")
        or _first_verb(task) is None
        or _non_assigning_re().search(_BRACKETED_RE.sub("", names))
    ):
        return None
    return Lead(names.strip(), task)


def _lists_members(names: str) -> bool:
    """Whether ``names`` ends with a bare head ("…, các Sở", "Bộ") whose members the colon
    introduces ("các Sở: Nội vụ, Tư pháp"), rather than the task."""
    words = names[max(names.rfind(","), names.rfind(";")) + 1 :].split()
    # "các Sở", "Bộ", and "các sở" (whose last word alone is no head in lower case)
    return 0 < len(words) <= MAX_HEAD_WORDS and any(
        starts_with_agency(" ".join(words[k:])) for k in range(len(words))
    )


def asked_lead(text: str) -> Lead | None:
    """The bodies asked in "UBND tỉnh yêu cầu <bodies> thực hiện …", and their task."""
    m = _asking_re().search(text)
    return agency_lead(text[m.end() :]) if m else None


def heading_agencies(text: str) -> str | None:
    """The bodies a section heading names ("2. Giao Văn phòng UBND tỉnh"), if it names any."""
    if not _may_lead(text):
        return None
    body = strip_officials(_opening(text))
    if (
        not starts_with_agency(body)
        or ":" in body.rstrip().rstrip(":")  # "… Ban Quản lý …: Tại Phụ lục I": no heading
        or _person_re().search(body)
        or _first_verb(body)
        or _non_assigning_re().search(_BRACKETED_RE.sub("", body))
    ):
        return None
    return body
