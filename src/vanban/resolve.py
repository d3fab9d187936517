"""The document's context, built once, and the one pass that resolves its agency mentions.

Extraction leaves every agency as an :class:`~vanban.extract.mention.AgencyMention`.
:func:`build_context` then fixes the province and date the document is read in (from its
header's issuer, the parent line, the place line, or what the text's opening names),
and a :class:`Resolver` turns each mention into an :class:`~vanban.models.Agency` with
that same context, so the province an agency gets never depends on the order in which
the fields are read.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import regex

from vanban.extract.mention import AgencyMention
from vanban.models import Agency, Issue
from vanban.rules import RuleSet, infer_province, province_of, resolve_agency
from vanban.text.anchors import fragment
from vanban.text.rejoin import collapse_stutter, split_glued_syllables

__all__ = ["INFER_CHARS", "Context", "Resolver", "build_context", "names_a_body"]

UNKNOWN_PER_FIELD = 10  # distinct unknown names reported one by one per field; then a count
_MAX_WRITTEN_WORDS = 12  # an issuer name longer than this is not looked for in the text
INFER_CHARS = 20_000  # a reader infers the province from a text's opening, not its appendices
_COLLECTIVE_RE = regex.compile(rf"{fragment('collective')}\s")  # "các", "những"


@dataclass(frozen=True, slots=True)
class Context:
    """What agency resolution needs to know about the document: its province and date."""

    province: str | None = None
    on: dt.date | None = None


def names_a_body(raw: str, on: dt.date | None, rules: RuleSet) -> bool:
    """Whether ``raw`` names one known body (a probe for extraction: no province, no Issue)."""
    agency, _ = resolve_agency(raw, on=on, rules=rules)
    return agency.id is not None and not agency.group


def build_context(
    rules: RuleSet,
    text: str,
    *,
    on: dt.date | None,
    issuer: AgencyMention | None = None,
    parent: AgencyMention | None = None,
    place: str | None = None,
    article: bool = False,
) -> Context:
    """The province and date every agency of the document is resolved with.

    A document's province is the one its issuer names, else its parent line's, else its
    place line's; an article's is the one its text names. Failing those (and unless the
    issuer is a central body), the province the text's opening names.
    """
    province: str | None = None
    if article:
        province = infer_province(text[:INFER_CHARS], rules=rules)
    else:
        for mention in (issuer, parent):
            if mention is not None and province is None:
                province = resolve_agency(mention.name, on=on, rules=rules)[0].province
        if province is None and place:
            province = province_of(place, rules=rules)
    if province is None:
        # the issuer as the resolve pass will read it, without a province (issues dropped)
        head = Resolver(rules, Context(None, on)).issuer(issuer, parent) if issuer else None
        if head is None or head.level != "central":
            province = infer_province(text[:INFER_CHARS], on=on, rules=rules)
    return Context(province, on)


@dataclass(slots=True)
class Resolver:
    """Resolves mentions with one context and gathers the issues they raise.

    A name the registry does not know gets one ``agency.unknown`` Issue, however often
    the document names it; past :data:`UNKNOWN_PER_FIELD` names in one field, the rest
    are counted in one more Issue for that field (a law's duties name many bodies).
    """

    rules: RuleSet
    ctx: Context
    text: str = ""  # the document's text: where an unknown issuer's full name is written
    _issues: list[Issue] = field(default_factory=list)
    _unknown: dict[str, str] = field(default_factory=dict)  # name → field
    _more: dict[str, int] = field(default_factory=dict)  # field → names not listed

    @property
    def issues(self) -> list[Issue]:
        """What resolution raised, in order, with the count of unknown names not listed."""
        counted = [
            Issue(
                code="agency.unknown",
                message=f"{n} more names in {where} are not bodies the agency registry knows.",
                field=where,
            )
            for where, n in self._more.items()
        ]
        return [*self._issues, *counted]

    def _add(self, issues: list[Issue]) -> None:
        for issue in issues:
            if issue not in self._issues:
                self._issues.append(issue)

    def _resolve(self, name: str) -> tuple[Agency, bool]:
        """The registry's answer for ``name`` in the context, and whether it raised issues."""
        ctx = self.ctx
        agency, issues = resolve_agency(name, province=ctx.province, on=ctx.on, rules=self.rules)
        self._add(issues)
        return agency, bool(issues)

    def _resolve_spaced(self, name: str) -> tuple[Agency, bool]:
        """:meth:`_resolve`, and, when the name is unknown, again with the spaces a text
        layer or OCR lost put back ("SỞ NÔNG NGHIỆP VÀ MÔITRƯỜNG", "UBND TỈNHLÂMĐÒNG")
        or a word OCR read twice read once ("BỘ BỘ Y TẾ")."""
        agency, flagged = self._resolve(name)
        if agency.id is not None:
            return agency, flagged
        for repaired in dict.fromkeys((split_glued_syllables(name), collapse_stutter(name))):
            if repaired == name:
                continue
            again, again_flagged = self._resolve(repaired)
            if again.id is not None:
                return again.model_copy(update={"raw": name}), again_flagged
        return agency, flagged

    def _lookup(self, name: str, members: tuple[str, ...], where: str) -> Agency:
        agency, flagged = self._resolve_spaced(name)
        if members and not agency.members:
            resolved = [self._lookup(m, (), where) for m in members]
            return agency.model_copy(update={"group": True, "members": resolved})
        return self._finish(name, agency, flagged, where)

    def _finish(self, name: str, agency: Agency, flagged: bool, where: str) -> Agency:
        if agency.group or agency.id is not None:
            return agency
        if _COLLECTIVE_RE.match(name):
            # "các cơ quan liên quan": a plural names a collective even when unknown.
            return agency.model_copy(update={"group": True})
        if agency.name and not flagged:  # an ambiguous name has its own Issue
            self._note_unknown(agency.name, where)
        return agency

    def _note_unknown(self, name: str, where: str) -> None:
        if name in self._unknown:
            return
        self._unknown[name] = where
        if sum(1 for w in self._unknown.values() if w == where) > UNKNOWN_PER_FIELD:
            self._more[where] = self._more.get(where, 0) + 1
            return
        self._issues.append(
            Issue(
                code="agency.unknown",
                message=f"“{name}” is not a body the agency registry knows; left unresolved.",
                field=where,
            )
        )

    def agency(self, mention: AgencyMention, where: str) -> Agency:
        """The agency ``mention`` names, with its span (``where``: the Document field)."""
        agency = self._lookup(mention.name, mention.members, where)
        update: dict[str, object] = {"span": mention.span}
        if mention.raw is not None and mention.raw != mention.name:
            update["raw"] = mention.raw
        return agency.model_copy(update=update)

    def issuer(self, issuer: AgencyMention, parent: AgencyMention | None) -> Agency:
        """The document's issuer, read together with its parent line when alone it names
        no known body ("VĂN PHÒNG" under "UBND TỈNH LÂM ĐỒNG")."""
        agency, flagged = self._resolve_spaced(issuer.name)
        if agency.id is None and parent is not None:
            joined, _ = self._resolve(f"{issuer.name} {parent.name}")
            if joined.id is not None and not joined.group:
                return joined.model_copy(update={"raw": issuer.name, "span": issuer.span})
        if agency.id is None and not agency.group and (written := self._written(issuer.name)):
            # "LIÊN ĐOÀN KARATE" under "UBND TỈNH ĐẮK NÔNG", written "Liên đoàn Karate
            # tỉnh Đắk Nông" in the text: the name the body goes by.
            agency = agency.model_copy(update={"name": written, "raw": issuer.name})
        agency = self._finish(issuer.name, agency, flagged, "issuer")
        return agency.model_copy(update={"span": issuer.span})

    def _written(self, name: str) -> str | None:
        """``name`` with the document's province after it, as the text writes it
        (mixed case preferred), when the name alone names no place; else ``None``."""
        province = self.ctx.province
        if not province or not self.text or province_of(name, rules=self.rules) is not None:
            return None
        words = name.split()
        if not words or len(words) > _MAX_WRITTEN_WORDS:
            return None
        units = sorted({p.type or "" for p in self.rules.provinces.values()} - {""})
        pattern = regex.compile(
            r"(?<!\p{L})"
            + r"\s+".join(regex.escape(w) for w in words)
            + rf"\s+(?:{'|'.join(regex.escape(u) for u in units)})\s+{regex.escape(province)}"
            + r"(?!\p{L})",
            regex.IGNORECASE,
        )
        found = [" ".join(m.group(0).split()) for m in pattern.finditer(self.text[:INFER_CHARS])]
        mixed = [f for f in found if not f.isupper()]
        return (mixed or found)[0] if found else None
