"""The layout lexicon (``data/lexicon.toml``, extended by user rule files), validated."""

from __future__ import annotations

import regex
from pydantic import BaseModel, ConfigDict

from vanban.vocabulary import active

__all__ = ["Lexicon", "lexicon"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SignerWords(_Strict):
    authority_prefixes: list[str]
    titles: list[str]
    signature_placeholders: list[str]
    inline_placeholders: list[str]
    headings: list[str]
    deputies: dict[str, list[str]]
    ranks: list[str]
    name_stops: list[str]
    not_name_starts: list[str]


class AgencyWords(_Strict):
    heads: list[str]
    unit_heads: list[str]
    not_heads: list[str]
    list_continuations: list[str]


class DutyWords(_Strict):
    task_verbs: list[str]
    task_modals: list[str]
    relative_words: list[str]
    intro_words: list[str]
    asking_words: list[str]
    instruction_cues: list[str]
    reporting_verbs: list[str]
    closing_cues: list[str]
    deadline_cues: list[str]
    official_titles: list[tuple[str, str]]
    article_words: list[str]
    leading_clauses: list[str]
    main_clause_words: list[str]
    execution_cues: list[str]
    noun_verbs: dict[str, list[str]]
    non_assigning: list[str]
    person_words: list[str]
    attachment_types: list[str]
    appendix_headings: list[str]
    officials: list[str]
    collectives: list[str]
    fragment_ends: list[str]
    sentence_abbreviations: list[str]
    partner_cues: list[str]
    partner_stops: list[str]
    lead_verbs: list[str]
    name_end_places: list[str]
    list_and: list[str]
    heading_task_ends: list[str]


class HeaderWords(_Strict):
    continuation_starts: list[str]
    open_ends: list[str]
    bare_heads: list[str]
    not_issuer: list[str]


class SubjectWords(_Strict):
    open_ends: list[str]
    binding_words: list[str]


class Marks(_Strict):
    urgency: dict[str, str]
    secrecy: dict[str, str]


class Lexicon(_Strict):
    """Every word list the layout rules use."""

    schema_version: int
    signer: SignerWords
    agency: AgencyWords
    duties: DutyWords
    type_code_overrides: dict[str, str]
    marks: Marks
    header: HeaderWords
    subject: SubjectWords


def alternation(words: list[str]) -> str:
    """A regex alternation of ``words``, longest first, each escaped.

    >>> alternation(["KT.", "K"])
    'KT\\\\.|K'
    """
    return "|".join(regex.escape(w) for w in sorted(set(words), key=len, reverse=True))


def spaced_alternation(words: list[str]) -> str:
    """:func:`alternation` with any run of spaces between the words of a phrase.

    >>> spaced_alternation(["phối hợp", "phối hợp với"])
    'phối\\\\s+hợp\\\\s+với|phối\\\\s+hợp'
    """
    ordered = sorted(set(words), key=len, reverse=True)
    return "|".join(r"\s+".join(regex.escape(p) for p in w.split()) for w in ordered)


def lexicon() -> Lexicon:
    """The lexicon of the active vocabulary (:mod:`vanban.vocabulary`): the package data
    with the ``[lexicon]`` tables of the parse's rule files merged over it."""
    return active().lexicon
