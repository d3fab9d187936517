"""A cited document's issuer when the text names the head of a body ("của Chủ tịch UBND tỉnh").

A head issues some types in person (``office_types`` in ``data/doc_types.toml``): a quyết
định "của Chủ tịch UBND tỉnh" is the office's, "Chủ tịch Ủy ban nhân dân tỉnh Lâm Đồng",
not the People's Committee's. Any other document is its body's: "Giám đốc Sở Tư pháp tại Tờ
trình số …" cites a Tờ trình of the Sở Tư pháp. The extractor keeps or drops the title
(:func:`as_written`); after resolution, which yields the body, :func:`office_issuer` puts the
title back in front of the body's canonical name.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

import regex

from vanban.extract.agency_list import starts_with_agency
from vanban.extract.doctypes import table
from vanban.models import Agency, DocType

__all__ = ["as_written", "cited_issuer", "office_issuer", "office_title"]


@cache
def _title_re() -> regex.Pattern[str]:
    titles = sorted(table().citation.office_titles, key=len, reverse=True)
    alt = "|".join(regex.escape(t).replace("\\ ", r"\s+") for t in titles)
    return regex.compile(rf"^(?P<title>{alt})\s+(?=\S)")


def office_title(issuer: str) -> str | None:
    """The head's title that ``issuer`` opens with, when a body's name follows it.

    >>> office_title("Chủ tịch UBND tỉnh")
    'Chủ tịch'
    >>> office_title("Chủ tịch nước") is None
    True
    """
    m = _title_re().match(issuer)
    if m is None or not starts_with_agency(issuer[m.end() :]):
        return None
    return " ".join(m.group("title").split())


def _in_person(doc_type: DocType | None) -> bool:
    return doc_type is not None and doc_type.name in table().citation.office_types


def as_written(issuer: str, doc_type: DocType | None) -> str:
    """``issuer`` with a head's title dropped unless the head issues ``doc_type`` in person.

    >>> as_written("Giám đốc Sở Tư pháp", DocType(name="Tờ trình", code="TTr"))
    'Sở Tư pháp'
    >>> as_written("Chủ tịch UBND tỉnh", DocType(name="Quyết định", code="QĐ"))
    'Chủ tịch UBND tỉnh'
    """
    m = _title_re().match(issuer)
    if m is None or _in_person(doc_type) or not starts_with_agency(issuer[m.end() :]):
        return issuer
    return issuer[m.end() :]


def office_issuer(written: str, agency: Agency) -> Agency:
    """The resolved ``agency`` of an issuer written ``written``, as the office it names.

    Resolution turns "Chủ tịch UBND tỉnh" into the body, "Ủy ban nhân dân tỉnh Lâm Đồng";
    the office is "Chủ tịch Ủy ban nhân dân tỉnh Lâm Đồng" (its id stays the body's).
    """
    title = office_title(written)
    if title is None or agency.name is None or agency.name.startswith(title):
        return agency
    rule = f"office+{agency.rule}" if agency.rule else agency.rule
    return agency.model_copy(update={"name": f"{title} {agency.name}", "rule": rule})


def cited_issuer(
    written: str, doc_type: DocType | None, resolve: Callable[[str], Agency]
) -> Agency:
    """The issuer written ``written`` of a cited ``doc_type``, resolved: the office or the
    body (see the module); ``raw`` stays as written."""
    name = as_written(written, doc_type)
    agency = office_issuer(name, resolve(name))
    return agency.model_copy(update={"raw": written})
