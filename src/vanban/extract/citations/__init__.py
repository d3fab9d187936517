"""Citations: every other document a text refers to, in the eyecite spirit.

One pass of a combined pattern finds where citations start (a typed number,
a group "các Nghị định của Chính phủ: số …; số …", a law by name); bounded
readers then take the date, issuer and subject that follow
(:mod:`~vanban.extract.citations.parts`); short mentions ("Nghị quyết số 35")
are linked to their full citation last. The shapes are listed, with
examples, in ``docs/citations.md``.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

import regex

from vanban.extract.citations import parts
from vanban.extract.citations import patterns as p
from vanban.extract.citations.chains import expand_abbreviations, link_repeats, same_number
from vanban.extract.citations.offices import cited_issuer
from vanban.extract.doctypes import doc_type_by_code, doc_type_by_name, fold, table
from vanban.extract.number import parse_number
from vanban.models import Agency, Citation, DocNumber, DocType
from vanban.text.anchors import searcher
from vanban.text.layout import collapse, match_collapsed

__all__ = ["cited_issuer", "extract_citations", "same_number"]

_MAX_LAW_NAME = 400
_QH_RE = regex.compile(r"(?:UBTV)?QH\d{1,2}")


@dataclass(slots=True)
class _Found:
    """A citation being read (positions in the searched text)."""

    start: int
    end: int
    doc_type: DocType | None = None
    number: DocNumber | None = None
    date: dt.date | None = None
    issuer: parts.IssuerText | None = None
    subject: str | None = None
    name: str | None = None
    year: int | None = None
    short: bool = False
    keep_unresolved: bool = True
    lower: bool = False  # a law's name in lower case: kept when the text cites it in capitals


class _Scanner:
    """Reads the citations of one text, anchor by anchor."""

    def __init__(self, text: str, anchors: list[regex.Match[str]]) -> None:
        self.text = text
        self.anchors = anchors
        self.starts = [m.start() for m in self.anchors]

    def limit(self, pos: int) -> int:
        """The start of the first anchor at or after ``pos`` (or the text's end)."""
        i = bisect.bisect_left(self.starts, pos)
        return self.starts[i] if i < len(self.starts) else len(self.text)

    def scan(self) -> Iterator[_Found]:
        last_end = 0
        for m in self.anchors:
            if m.start() < last_end:
                continue
            groups = m.re.groupindex
            if m.re is p.named_re():
                found = self.named(m)
            elif "group" in groups:
                found = self.group(m)
            elif "typed" in groups:
                found = self.typed(m)
            else:
                found = self.law(m)
            for f in found:
                last_end = max(last_end, f.end)
                yield f

    def tail(self, f: _Found, *, subject: bool = True) -> None:
        """Read the date, issuer and subject after ``f.end`` into ``f``."""
        text, stop = self.text, self.limit(f.end + 1)
        if (d := parts.read_date(text, f.end, stop)) is not None:
            f.date, f.end = d
        elif (blank := p.blank_date_re().match(text, f.end, stop)) is not None:
            f.end = blank.end()  # "ngày …. /12/2025" of a draft: no date
        if (iss := parts.read_issuer(text, f.end, stop, comma=f.date is not None)) is not None:
            f.issuer, f.end = iss, iss.end
            if f.date is None and (d := parts.read_date(text, f.end, stop)) is not None:
                f.date, f.end = d
        if subject and (s := parts.read_subject(text, f.end, stop)) is not None:
            f.subject, f.end = s

    def chain(self, first: _Found) -> list[_Found]:
        """``first`` and the numbers that follow it ("…; số 92/2017/NĐ-CP …")."""
        items = [first]
        self.tail(first)
        while True:
            cur = items[-1]
            m = p.sibling_re().match(self.text, cur.end, self.limit(cur.end + 1))
            number = parse_number(m.group("num")) if m is not None else None
            if m is None or number is None:
                break
            item = _Found(m.start("num"), m.end(), first.doc_type, number)
            if first.doc_type is None:
                item.doc_type = _type_from_number(number)
            self.tail(item)
            items.append(item)
        # "các văn bản số 1407/… và số 1446/… của UBND": one issuer for all.
        issuer = next((i.issuer for i in reversed(items) if i.issuer is not None), None)
        if issuer is None:
            # "ý kiến của Sở Nội vụ tại Tờ trình số …": the body is named before.
            issuer = parts.read_issuer_before(self.text, first.start)
        for item in items:
            item.issuer = item.issuer or issuer
        return items

    def typed(self, m: regex.Match[str]) -> list[_Found]:
        type_text = m.group("type")
        is_code = doc_type_by_code(type_text) is not None and type_text.isupper()
        generic = type_text in table().citation.generic_heads
        if m.group("num") is None:
            return self.short(m, type_text, generic=generic, code=is_code)
        number = parse_number(m.group("num"))
        if number is None:
            return []
        doc_type = doc_type_by_code(type_text) if is_code else doc_type_by_name(type_text)
        if generic:
            doc_type = _type_from_number(number)
        return self.chain(_Found(m.start(), m.end(), doc_type, number))

    def short(
        self, m: regex.Match[str], type_text: str, *, generic: bool, code: bool
    ) -> list[_Found]:
        """ "Nghị quyết số 35", "Chỉ thị 12", "NQ 01": linked to a full citation later.

        One by a type's code ("Theo NQ 01, …") is kept only when it matches a full citation.
        """
        if generic or not type_text[0].isupper():
            return []
        seq = m.group("seq")
        doc_type = doc_type_by_code(type_text) if code else doc_type_by_name(type_text)
        f = _Found(m.start(), m.end(), doc_type, DocNumber(raw=seq, seq=seq))
        f.short, f.keep_unresolved = True, m.group("so") is not None and not code
        self.tail(f)
        return [f]

    def group(self, m: regex.Match[str]) -> list[_Found]:
        """ "các Nghị định của Chính phủ: số 63/2010/NĐ-CP …; số 92/2017/NĐ-CP …"."""
        item = p.item_re().match(self.text, m.end(), self.limit(m.end() + 1))
        number = parse_number(item.group("num")) if item is not None else None
        if item is None or number is None:
            return []
        type_text = m.group("gtype")
        generic = type_text in table().citation.generic_heads
        doc_type = _type_from_number(number) if generic else doc_type_by_name(type_text)
        items = self.chain(_Found(item.start("num"), item.end(), doc_type, number))
        if m.group("giss"):
            stated = parts.read_issuer(" của " + m.group("giss"), 0, len(m.group("giss")) + 5)
            if stated is not None:  # offsets back in the text ("của " + the group's issuer)
                shift = m.start("giss") - 5
                stated = dataclasses.replace(
                    stated, start=stated.start + shift, end=stated.end + shift
                )
            for it in items:
                it.issuer = stated or it.issuer
        return items

    def named(self, m: regex.Match[str]) -> list[_Found]:
        """A document cited by its name alone ("Nghị quyết Đại hội … lần thứ XIII")."""
        name = " ".join(m.group(0).split())
        words = name.split()
        doc_type = next(
            (t for n in (3, 2, 1) if (t := doc_type_by_name(" ".join(words[:n]))) is not None),
            None,
        )
        f = _Found(m.start(), m.end(), doc_type)
        f.name = name
        return [f]

    def law(self, m: regex.Match[str]) -> list[_Found]:
        """A law by name: "Luật Báo chí 2016", "Luật Đấu thầu số 22/2023/QH15"."""
        text = self.text
        head = m.group("head") or m.group("alone")
        head_end = m.end("head") if m.group("head") else m.end("alone")
        hard = min(len(text), m.start() + _MAX_LAW_NAME)
        lower = False
        if m.group("head"):
            law_name = parts.read_law_name(text, head_end, hard)
            name_end, year, end, lower = (
                law_name.name_end,
                law_name.year,
                law_name.end,
                law_name.lower,
            )
            if name_end == head_end:
                return []
        else:
            name_end, year, end = head_end, None, head_end
            if (y := p.law_tail_re().match(text, head_end, hard)) is not None:
                year, end = int(y.group("year")), y.end()
        f = _Found(m.start(), end, doc_type_by_name(head))
        f.name, f.year = " ".join(text[m.start() : name_end].split()), year
        f.lower = lower
        num = p.law_number_re().match(text, end, self.limit(end + 1))
        if num is not None and (number := parse_number(num.group("num"))) is not None:
            f.number, f.end = number, num.end()
        self.tail(f, subject=False)
        return [f, *self.more_years(f)]

    def more_years(self, f: _Found) -> list[_Found]:
        """ "Luật Doanh nghiệp năm 2000, 2005, 2014": one law per year, each its own."""
        more: list[_Found] = []
        if f.year is None or f.number is not None or f.date is not None or f.issuer is not None:
            return more
        end = f.end
        while (
            y := searcher("cite_year_list").match(self.text, end, self.limit(end + 1))
        ) is not None:
            item = _Found(y.start("year"), y.end(), f.doc_type)
            item.name, item.year = f.name, int(y.group("year"))
            more.append(item)
            end = y.end()
        return more


def _anchors(text: str) -> list[regex.Match[str]]:
    """Where citations start, in order and not overlapping."""
    found: list[regex.Match[str]] = []
    for d in p.digit_re().finditer(text):
        back = p.typed_back_re().match(text, max(0, d.start() - 80), d.start())
        if back is not None and (m := p.typed_re().match(text, back.start())) is not None:
            found.append(m)
    for s in p.blank_slash_re().finditer(text):
        back = p.blank_back_re().match(text, max(0, s.start() - 80), s.start())
        if back is not None and (m := p.blank_re().match(text, back.start())) is not None:
            found.append(m)
    for head in table().citation.law_heads:
        # A plain substring search is three times faster than a regex scan here.
        at = text.find(head)
        while at >= 0:
            if (m := p.law_re().match(text, at)) is not None:
                found.append(m)
            at = text.find(head, at + 1)
    if table().citation.named_documents:
        found.extend(p.named_re().finditer(text))
    for c in p.colon_re().finditer(text):
        back = p.group_back_re().match(text, max(0, c.start() - 250), c.start())
        if back is not None and (m := p.group_re().match(text, back.start())) is not None:
            found.append(m)
    found.sort(key=lambda m: (m.start(), -m.end()))
    anchors: list[regex.Match[str]] = []
    for m in found:
        if not anchors or m.start() >= anchors[-1].end():
            anchors.append(m)
    return anchors


def _type_from_number(number: DocNumber) -> DocType | None:
    """The type a number tells ("1407/UBND-NNMT" is a công văn, §1.5.5)."""
    if number.type_code:
        return doc_type_by_code(number.type_code, party=number.party)
    if number.issuer_code is None or _QH_RE.fullmatch(number.issuer_code):
        return None
    return doc_type_by_name("Công văn")


def _agency(text: str, issuer: parts.IssuerText) -> Agency:
    """The issuer as written and the name read from it, unresolved (the pipeline resolves it)."""
    agency = Agency(raw=issuer.raw, name=issuer.name)
    start = issuer.start
    while start < len(text) and text[start].isspace():
        start += 1
    end = match_collapsed(text, start, issuer.name)
    return agency.model_copy(update={"span": (start, end)}) if end is not None else agency


def _scan(text: str) -> list[_Found]:
    """The citations of ``text``; a law named in lower case only where it may be one.

    Every anchor bounds the parts read before it, so a lower-case "Luật …" that is no law
    ("Đoàn Luật sư tỉnh …") must not be an anchor: the text is read without them first,
    and again with those that start the name of a law it cites in capitals (or that
    follow "Bộ luật").
    """
    anchors = _anchors(text)
    upper = [m for m in anchors if not _lower_law(text, m)]
    found = list(_Scanner(text, upper).scan())
    if len(upper) == len(anchors):
        return found
    names = {_base_name(f.name) for f in found if f.name and not f.lower}
    lower = [m for m in anchors if _lower_law(text, m) and _may_be_law(text, m, names)]
    if not lower:
        return found
    return list(_Scanner(text, sorted(upper + lower, key=lambda m: m.start())).scan())


def _lower_law(text: str, m: regex.Match[str]) -> bool:
    """Whether ``m`` is a law head before a lower-case word ("Luật hải quan", "Luật sư")."""
    if m.re is not p.law_re() or m.group("head") is None or not text[m.end()].islower():
        return False
    # "Luật sửa đổi, bổ sung một số điều của Luật …" is an amending law, read as ever.
    return not parts.is_amending(text, m.end("head"))


def _may_be_law(text: str, m: regex.Match[str], names: set[str]) -> bool:
    if searcher("cite_lower_name_head").match(text, m.start()) is not None:
        return True
    if not names:
        return False
    longest = max(len(name) for name in names)
    window = fold(" ".join(text[m.start() : m.start() + 2 * longest].split()))
    return any(window.startswith(name) for name in names)


def _lower_case_laws(found: list[_Found]) -> list[_Found]:
    """Keep a law named in lower case ("thi hành Luật hải quan") only when the text cites
    the same law in capitals too ("Luật Hải quan số 54/2014/QH13") or its head is one
    whose names are often written in lower case ("Bộ Luật dân sự"); "Luật sư", "Luật giải
    quyết …" are no laws."""
    cited = {_base_name(f.name) for f in found if f.name and not f.lower}
    return [
        f
        for f in found
        if not f.lower
        or (f.name is not None and _base_name(f.name) in cited)
        or (f.name is not None and searcher("cite_lower_name_head").match(f.name) is not None)
    ]


def _base_name(name: str) -> str:
    revised = searcher("cite_law_revised").search(name)
    return fold(name[: revised.start()] if revised is not None else name)


def _key(f: _Found) -> tuple[str, str] | None:
    if f.doc_type is None or f.number is None or f.number.seq is None:
        return None
    return f.doc_type.name, f.number.seq


def _link(found: list[_Found]) -> tuple[list[_Found], list[int | None]]:
    """Drop unlinked bare short mentions; link the others to their full citation."""
    full_keys = {_key(f) for f in found if not f.short}
    kept = [f for f in found if not f.short or f.keep_unresolved or _key(f) in full_keys]
    by_key: dict[tuple[str, str] | None, list[int]] = {}
    for i, f in enumerate(kept):
        if not f.short:
            by_key.setdefault(_key(f), []).append(i)
    links: list[int | None] = []
    for i, f in enumerate(kept):
        targets = by_key.get(_key(f), []) if f.short else []
        # The nearest full citation before the mention, else the first after it.
        at = bisect.bisect_left(targets, i)
        links.append(targets[at - 1] if at else (targets[0] if targets else None))
    return kept, links


def extract_citations(text: str) -> list[Citation]:
    """Every document cited in ``text`` (normalised text), in order of appearance.

    A citation's ``issuer`` is the mention as extracted, not yet resolved: ``raw`` as
    written, ``name`` without its qualifiers ("khoá XII"), ``span`` that of ``name``, no
    ``id``. The pipeline resolves it with the document's context.

    Args:
        text: the normalised text (NFC, no Markdown, whitespace collapsed in lines).

    >>> [c.number.raw for c in extract_citations("Căn cứ Nghị định số 09/2017/NĐ-CP;")]
    ['09/2017/NĐ-CP']
    """
    kept, links = _link(_lower_case_laws(_scan(text)))
    found = [
        Citation(
            raw=collapse(text[f.start : f.end]),
            span=(f.start, f.end),
            doc_type=f.doc_type,
            number=f.number,
            issued_date=f.date,
            issuer=_agency(text, f.issuer) if f.issuer is not None else None,
            subject=f.subject,
            name=f.name,
            year=f.year,
            refers_to=link,
        )
        for f, link in zip(kept, links, strict=True)
    ]
    return link_repeats(expand_abbreviations(found))
