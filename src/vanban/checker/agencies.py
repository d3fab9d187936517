"""Anachronisms: bodies named in the header and the recipients that did not exist under
that name on the document's date (the 2025 reorganisation), with their successors."""

from __future__ import annotations

from collections.abc import Iterator

from vanban.checker.context import Context
from vanban.checker.diagnostic import Finding
from vanban.models import Agency

__all__ = ["agency_rules"]


def _named(ctx: Context) -> Iterator[Agency]:
    doc = ctx.doc
    for agency in (doc.issuer_parent, doc.issuer):
        if agency is not None:
            yield agency
    yield from doc.recipients
    for entry in doc.distribution:
        if entry.agency is not None:
            yield entry.agency


def agency_rules(ctx: Context) -> Iterator[Finding]:
    """One finding per body whose validity ended before the document's date."""
    on = ctx.on
    if on is None:
        return
    seen: set[str] = set()
    for agency in _named(ctx):
        for body in (agency, *agency.members):
            if body.valid_to is None or on <= body.valid_to:
                continue
            key = body.name or body.raw
            if key in seen:
                continue
            seen.add(key)
            until = body.valid_to.strftime("%d/%m/%Y")
            detail = f"{on.strftime('%d/%m/%Y')}, tên này dùng đến {until}"
            if body.successors:
                detail += "; nay là " + ", ".join(body.successors)
            yield Finding(
                "nd30.agency.reorganised",
                span=body.span or agency.span,
                found=body.raw if body.raw else key,
                fix=body.successors[0] if len(body.successors) == 1 else None,
                detail=detail,
            )
