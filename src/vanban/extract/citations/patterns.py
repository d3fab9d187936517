"""The compiled patterns of the citation finder, built once from data.

Cheap scans (digits after a type word, law heads, group colons) find where a citation may
be; anchored patterns (some run backwards, ``(?r)``) confirm where it starts.
The other patterns are applied with ``match`` at a known
position, over a bounded window, so the work per citation is bounded.
"""

from __future__ import annotations

from functools import cache

import regex

from vanban.extract.doctypes import fold, table, type_name_pattern
from vanban.extract.number import number_pattern
from vanban.text.anchors import fragment as _w

__all__ = [
    "blank_back_re",
    "blank_date_re",
    "blank_re",
    "blank_slash_re",
    "colon_re",
    "date_intro_re",
    "digit_re",
    "group_back_re",
    "group_re",
    "head_last_words",
    "issuer_intro_re",
    "issuer_stop_re",
    "item_re",
    "law_number_re",
    "law_re",
    "law_stop_re",
    "law_tail_re",
    "sibling_re",
    "subject_intro_re",
    "subject_stop_re",
    "type_start_re",
    "typed_back_re",
    "typed_re",
    "word_re",
]

_B = r"(?<![\p{L}\d])"  # word start
_E = r"(?![\p{L}\d])"  # word end
_SP = r"\s{1,10}"


def _alt(words: list[str]) -> str:
    ordered = sorted(set(words), key=len, reverse=True)
    return "|".join(regex.escape(w).replace("\\ ", r"\s+") for w in ordered)


def _num() -> str:
    # The running-text number pattern, without its own look-arounds' flags.
    return number_pattern().pattern


@cache
def _codes() -> str:
    codes = [e.code for e in table().types if e.code]
    return _alt(codes)


@cache
def _types() -> str:
    words = table().citation
    return f"(?i:{type_name_pattern()}|{_alt(words.generic_heads)})"


@cache
def group_re() -> regex.Pattern[str]:
    """A group head, matched at its start: "các Nghị định của Chính phủ: " (before "số")."""
    return regex.compile(
        rf"(?P<group>{_B}{_w('cite_cac')}{_SP}(?P<gtype>{_types()})"
        rf"(?:{_SP}{_w('cite_cua')}{_SP}(?P<giss>[^:;\n]{{1,150}}?))?\s{{0,10}}:\s{{0,10}}"
        rf"(?={_w('cite_so')}\s))"
    )


@cache
def typed_re() -> regex.Pattern[str]:
    """A typed number, matched at the type's start: "Nghị định số 09/2017/NĐ-CP".

    Groups: ``type`` (name, generic head or code), ``so``, and ``num`` (a full
    number) or ``seq`` (a short mention's bare number).
    """
    return regex.compile(
        rf"(?P<typed>{_B}(?P<type>{_types()}|{_codes()})(?:\s{{0,3}},)?{_SP}"
        rf"(?:(?P<so>{_w('cite_so')}){_E}\s{{0,10}})?"
        rf"(?:(?P<num>{_num()})|(?P<seq>\d{{1,5}})(?![\d/\-]|\.\d|\p{{L}})))"
    )


_FILL = r"[\s.…]{0,16}"  # the dots or spaces of a number left blank in a draft
_CODES_TAIL = r"/\p{Lu}[\p{L}\d&]*(?:-[\p{L}\d&]+)*(?![\p{L}\d])"


@cache
def blank_slash_re() -> regex.Pattern[str]:
    """The slash of a number whose sequence is left blank: "Tờ trình số ……/TTr-STP"."""
    return regex.compile(rf"(?<={_w('cite_so')}{_FILL})/(?=\p{{Lu}})")


@cache
def blank_back_re() -> regex.Pattern[str]:
    """Backwards from a blank number's slash: the type and "số" before it."""
    return regex.compile(rf"(?r){_B}(?:{_types()}|{_codes()}){_SP}{_w('cite_so')}{_FILL}\Z")


@cache
def blank_re() -> regex.Pattern[str]:
    """A typed number left blank, matched at the type's start (groups as :func:`typed_re`)."""
    return regex.compile(
        rf"(?P<typed>{_B}(?P<type>{_types()}|{_codes()}){_SP}(?P<so>{_w('cite_so')}){_FILL}"
        rf"(?P<num>{_CODES_TAIL}))"
    )


@cache
def blank_date_re() -> regex.Pattern[str]:
    """A date left blank: ", ngày …. /12/2025", " ngày… tháng 11 năm 2025"."""
    return regex.compile(
        rf"(?:\s{{0,3}},)?{_SP}{_w('cite_ngay')}{_FILL}"
        rf"(?:/\s{{0,3}}\d{{1,2}}\s{{0,3}}/\s{{0,3}}\d{{4}}"
        rf"|{_w('cite_thang')}{_FILL}(?:\d{{1,2}}{_FILL})?{_w('cite_nam')}{_FILL}\d{{4}}){_E}"
    )


@cache
def law_re() -> regex.Pattern[str]:
    """A law by name, matched at its head: ``head`` (before a name) or ``alone``."""
    words = table().citation
    heads = _alt([h for h in words.law_heads if h not in words.standalone_law_heads])
    return regex.compile(
        rf"{_B}(?:(?P<head>{heads}){_SP}(?=\p{{L}})"
        rf"|(?P<alone>{_alt(words.standalone_law_heads)}){_E})"
    )


@cache
def named_re() -> regex.Pattern[str]:
    """Documents cited by name alone (``data/doc_types.toml``: ``named_documents``)."""
    return regex.compile("|".join(f"(?:{x})" for x in table().citation.named_documents))


# Cheap scans that find where a citation may be (each starts with a literal or a
# digit, which the regex engine looks for fast); the patterns above then confirm.
@cache
def digit_re() -> regex.Pattern[str]:
    """A number's first digit right after "số" or a type's last word.

    The engine looks for digits fast; the look-behind (checked only at a digit)
    spares most numbers the backward match of the whole type name.
    """
    words = "|".join(regex.escape(w) for w in sorted(head_last_words(), key=len, reverse=True))
    return regex.compile(rf"\d(?<=(?<![\p{{L}}\d])(?i:{words})[\s,]{{1,12}}\d)")


@cache
def colon_re() -> regex.Pattern[str]:
    """The colon of a group head, before "số"."""
    return regex.compile(rf":(?=\s{{0,10}}{_w('cite_so')}\s)")


@cache
def head_last_words() -> frozenset[str]:
    """The last word (lower case) of every type name, generic head and code, and "số".

    A number whose previous word is not one of these is no typed citation,
    which spares most numbers the backward match.
    """
    words = {"số"}
    for entry in table().types:
        for name in (entry.name, *entry.names, entry.code or ""):
            if name:
                words.add(fold(name).split()[-1])
                words.add(name.split()[-1].lower())
    words.update(h.split()[-1].lower() for h in table().citation.generic_heads)
    return frozenset(words)


@cache
def typed_back_re() -> regex.Pattern[str]:
    """Backwards from a number: the type (and "số") right before it."""
    return regex.compile(
        rf"(?r){_B}(?:{_types()}|{_codes()})(?:\s{{0,3}},)?{_SP}"
        rf"(?:{_w('cite_so')}{_E}\s{{0,10}})?\Z"
    )


@cache
def group_back_re() -> regex.Pattern[str]:
    """Backwards from a group's colon: "các Nghị định của Chính phủ"."""
    return regex.compile(
        rf"(?r){_B}{_w('cite_cac')}{_SP}(?:{_types()})"
        rf"(?:{_SP}{_w('cite_cua')}{_SP}[^:;\n]{{1,150}}?)?\s{{0,10}}\Z"
    )


@cache
def type_start_re() -> regex.Pattern[str]:
    """A type name, law head or generic head at a position (ends an issuer or name)."""
    words = table().citation
    return regex.compile(
        rf"(?i:{type_name_pattern()}|{_alt(words.generic_heads)}){_E}|{_alt(words.law_heads)}{_E}"
    )


@cache
def sibling_re() -> regex.Pattern[str]:
    """Another number in the same citation: "…, số 92/2017/NĐ-CP", "và số 1446/UBND-NNMT"."""
    return regex.compile(
        rf"(?:\s{{0,3}}[,;]\s{{0,10}}(?:{_w('cite_va')}{_SP})?|{_SP}{_w('cite_va')}{_SP})"
        rf"(?:{_w('cite_so')}{_SP})?(?P<num>{_num()})"
    )


@cache
def date_intro_re() -> regex.Pattern[str]:
    """Before a cited date: ", ngày …", " ban hành ngày …"."""
    return regex.compile(
        rf"(?:\s{{0,3}},)?{_SP}(?:{_w('cite_issued')}{_SP})?(?={_w('cite_ngay')}{_E})"
    )


@cache
def issuer_intro_re() -> regex.Pattern[str]:
    """Before a cited issuer: " của "."""
    return regex.compile(rf"(?:\s{{0,3}},)?{_SP}{_w('cite_cua')}(?=[ \t])")


@cache
def word_re() -> regex.Pattern[str]:
    """One word of an issuer or a law name, with what separates it from the last."""
    return regex.compile(
        r"(?P<sep>\s{0,3},[ \t]{1,3}|[ \t]{1,3}|[ \t]{0,3}-[ \t]{0,3})"
        r"(?P<w>[\p{L}\d][\p{L}\d&.]*(?<!\.))"
    )


@cache
def issuer_stop_re() -> regex.Pattern[str]:
    """A lower-case word or phrase that ends an issuer (or a subject verb)."""
    words = table().citation
    return regex.compile(rf"(?:{_alt(words.issuer_stops + words.subject_verbs)}){_E}")


@cache
def law_stop_re() -> regex.Pattern[str]:
    """A word that ends a law's name ("số", "ngày", "năm", "được", …)."""
    return regex.compile(rf"(?:{_alt(table().citation.law_name_stops)}){_E}")


@cache
def law_tail_re() -> regex.Pattern[str]:
    """After a law's name: its year ("Luật Báo chí 2016", "… năm 2016")."""
    return regex.compile(rf"{_SP}(?:{_w('cite_year_word')}{_SP})?(?P<year>(?:19|20)\d\d){_E}")


@cache
def subject_intro_re() -> regex.Pattern[str]:
    """Where a subject starts: "về việc", "về", a verb naming the act, or a quote."""
    verbs = _alt(table().citation.subject_verbs)
    return regex.compile(
        rf"(?:\s{{0,3}},)?(?:{_SP}(?:(?P<ve>{_w('cite_subject_intro')}){_SP}|(?=(?:{verbs}){_E}))"
        rf"|\s{{0,3}}(?P<q>[“\"«])\s{{0,3}}{_w('cite_quoted_subject_intro')}?)"
    )


@cache
def subject_stop_re() -> regex.Pattern[str]:
    """What may end a subject (the caller decides for quotes and line breaks)."""
    return regex.compile(
        r"(?P<q>[“\"«])|(?P<colon>:)|(?P<dot>[.!?])(?=\s|$)"
        r"|(?P<comma>,)(?=\s{1,10}\p{Lu})|(?P<punct>[;.])(?=\s{1,10}\p{Lu})"
        r"|(?P<semi>;)(?=\s{1,10}\p{Ll})|(?P<nl>\n)"
        # ", công tác này được …": a clause that points back (cite_anaphor) is new.
        rf"|(?P<anaphor>,)(?=\s{{1,3}}(?:\S+\s+){{0,2}}{_w('cite_anaphor')}\b)"
    )


@cache
def item_re() -> regex.Pattern[str]:
    """The first number of a group: "số 63/2010/NĐ-CP" after "các Nghị định …:"."""
    return regex.compile(rf"(?:{_w('cite_so')}{_SP})?(?P<num>{_num()})")


@cache
def law_number_re() -> regex.Pattern[str]:
    """The number after a law's name: "Luật Đấu thầu số 22/2023/QH15"."""
    return regex.compile(rf"{_SP}(?:{_w('cite_so')}{_SP})?(?P<num>{_num()})")
