"""``vanban.check``: run every rule over a document and locate what they find."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from vanban.checker.agencies import agency_rules
from vanban.checker.body import cong_van_rules, noi_nhan_rules, signature_rules
from vanban.checker.catalog import Catalog, catalog
from vanban.checker.context import Context
from vanban.checker.diagnostic import Diagnostic, Finding
from vanban.checker.header import date_rules, motto_rules, number_rules
from vanban.checker.positions import Locator
from vanban.checker.source import load_for_check
from vanban.models import Document
from vanban.rules import RuleSet, load_rules
from vanban.text.segment import segment
from vanban.vocabulary import load_vocabulary, using

__all__ = ["RULES", "check", "check_document", "check_text"]

RuleFunction = Callable[[Context], Iterator[Finding]]

# In the order of the document: header, number, date, công văn parts, signature, Nơi nhận.
RULES: tuple[RuleFunction, ...] = (
    motto_rules,
    number_rules,
    date_rules,
    cong_van_rules,
    agency_rules,
    signature_rules,
    noi_nhan_rules,
)

_SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


def check(
    source: str | Path | Document,
    *,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    rules: RuleSet | None = None,
) -> list[Diagnostic]:
    """Check a file (a path) or a parsed :class:`Document` against Nghị định 30/2020.

    A path is read and parsed, and each diagnostic gets the line and column of the
    input as given (the file's line for text and Markdown, the paragraph for DOCX,
    the page and its line for PDF). A :class:`Document` is located in its own
    ``Document.text`` (lines of the normalised text); it must keep its text.

    ``select`` / ``ignore``: rule codes or code prefixes ("nd30.number") to keep or drop.

    Raises:
        vanban.VanbanError: the file cannot be read (a subclass says why).
        ValueError: a Document parsed with ``keep_text=False`` (nothing to locate in).
    """
    ruleset = rules or load_rules()
    if isinstance(source, Document) and source.text is None:
        raise ValueError("vanban.check needs the Document's text: parse with keep_text=True")
    with using(load_vocabulary(ruleset.user_files)):
        if isinstance(source, Document):
            return check_document(source, select=select, ignore=ignore, rules=ruleset)
        doc, locator = load_for_check(source, ruleset)
        return check_document(doc, locator=locator, select=select, ignore=ignore, rules=ruleset)


def check_text(
    text: str, *, select: Iterable[str] = (), ignore: Iterable[str] = ()
) -> list[Diagnostic]:
    """Check text in memory; lines and columns are those of ``text``."""
    from vanban.api import parse_text

    doc = parse_text(text)
    locator = Locator.of_text(doc.text or "", text)
    return check_document(doc, locator=locator, select=select, ignore=ignore)


def check_document(
    doc: Document,
    *,
    locator: Locator | None = None,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    rules: RuleSet | None = None,
    table: Catalog | None = None,
) -> list[Diagnostic]:
    """The diagnostics of a parsed document (located by ``locator``, else in its text)."""
    table = table or catalog()
    text = doc.text or ""
    locator = locator or Locator.of_text(text, text)
    findings = _findings(doc, text, table, rules)
    out: list[Diagnostic] = []
    keep = list(select)
    drop = list(ignore)
    for f in findings:
        if (keep and not _matches(f.code, keep)) or _matches(f.code, drop):
            continue
        rule = table.get(f.code)
        pos = locator.locate(f.span[0]) if f.span is not None else None
        out.append(
            Diagnostic(
                code=f.code,
                severity=rule.severity,
                message=rule.render(found=f.found, fix=f.fix or "", detail=f.detail),
                line=pos.line if pos else None,
                column=pos.column if pos else None,
                page=pos.page if pos else None,
                fix=f.fix,
                path=doc.source.path,
            )
        )
    out.sort(key=lambda d: (d.page or 0, d.line or 0, d.column or 0, _SEVERITY_ORDER[d.severity]))
    return out


def _findings(doc: Document, text: str, table: Catalog, rules: RuleSet | None) -> list[Finding]:
    """What the rules find; one note instead when the text cannot be judged."""
    if doc.source.ocr or any(i.code in _UNRELIABLE for i in doc.issues):
        return [Finding("nd30.text.unreliable")]
    exempt = doc.doc_type is not None and doc.doc_type.name in table.params.exempt_types
    if doc.genre == "article" or exempt or not text.strip():
        return [Finding("nd30.not_a_document")]
    layout = segment(text)
    if not (layout.motto or layout.party or layout.date or layout.issuer):
        # No Quốc hiệu, issuer or date line: an attachment or a fragment, not a document.
        return [Finding("nd30.not_a_document")]
    if _no_diacritics(text):
        return [Finding("nd30.text.no_diacritics", span=layout.lines[0].span)]
    ctx = Context(doc=doc, layout=layout, params=table.params, rules=rules or load_rules())
    return _unique(f for rule in RULES for f in rule(ctx))


_UNRELIABLE = frozenset(
    {"text.ocr", "text.no_text_layer", "text.damaged_layer", "text.needs_ocr", "text.ocr_failed"}
)
_MIN_LETTERS = 200


def _no_diacritics(text: str) -> bool:
    """Whether a text of some length has (almost) no letter outside ASCII."""
    letters = [c for c in text if c.isalpha()]
    if len(letters) < _MIN_LETTERS:
        return False
    return sum(not c.isascii() for c in letters) < 0.01 * len(letters)


def _unique(findings: Iterable[Finding]) -> list[Finding]:
    seen: set[tuple[str, tuple[int, int] | None]] = set()
    out: list[Finding] = []
    for f in findings:
        key = (f.code, f.span)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def _matches(code: str, patterns: Sequence[str]) -> bool:
    return any(code == p or code.startswith(p.rstrip(".") + ".") for p in patterns)
