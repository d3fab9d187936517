"""Every span slices out of ``Document.text`` the value it claims.

The contract (docs/output.md, "Spans"): a span is ``[start, end)`` in ``Document.text``;
the slice, with whitespace collapsed (every run of spaces and line breaks read as one
space, :func:`vanban.text.layout.collapse`), is the value as written:

* ``number``: the number as printed after "Số:" (``parse_number`` of the slice gives it back);
* ``issued_date``: the date phrase ("ngày 31 tháng 5 năm 2021"; ``find_date`` gives it back);
* ``place``, ``subject``, ``issuer``, ``issuer_parent``, every Agency, Recipient and
  Citation: the slice is the value's ``raw`` (for ``subject`` and the issuer lines of a
  two-column header, the other column's lines may sit between the value's lines: the
  value is then those of the slice's lines that belong to it, in order);
* ``signer``: the signature lines read, holding the position, on whose behalf and name;
* ``urgency`` / ``secrecy``: the stamp line;
* a Duty: from the line that assigns it to its last task's line (every task is in it).

Checked on the four seeds (always) and on the shared corpus (skipped when absent).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

import vanban
from vanban.extract.dates import find_date
from vanban.extract.number import parse_number
from vanban.models import Agency, Document
from vanban.text.layout import collapse
from vanban.text.lexicon import lexicon

from .conftest import SEEDS_DIR, shared_or_skip

SEEDS = sorted(SEEDS_DIR.glob("*.txt"))


def _as_lines(piece: str, value: str) -> bool:
    """Whether ``value`` is the join of some of ``piece``'s lines, the first and last included."""
    lines = [collapse(x) for x in piece.split("\n") if x.strip()]
    want = collapse(value)
    if not lines or not want.startswith(lines[0]) or not want.endswith(lines[-1]):
        return False
    # Greedy: take each line that continues the value where it has got to.
    got = ""
    for line in lines:
        candidate = f"{got} {line}".strip()
        if want.startswith(candidate):
            got = candidate
    return got == want


def _agencies(doc: Document) -> Iterator[tuple[str, Agency]]:
    for i, a in enumerate(doc.recipients):
        yield f"recipients[{i}]", a
    for i, d in enumerate(doc.duties):
        for key in ("agencies", "lead", "partners"):
            for j, a in enumerate(getattr(d, key)):
                yield f"duties[{i}].{key}[{j}]", a
    for i, r in enumerate(doc.distribution):
        if r.agency is not None:
            yield f"distribution[{i}].agency", r.agency
    for i, c in enumerate(doc.citations):
        if c.issuer is not None:
            yield f"citations[{i}].issuer", c.issuer


def span_problems(doc: Document) -> list[str]:
    """What breaks the span contract in ``doc`` (empty when every span holds)."""
    text = doc.text
    assert text is not None
    out: list[str] = []

    def piece(span: tuple[int, int]) -> str:
        start, end = span
        assert 0 <= start <= end <= len(text), span
        return text[start:end]

    for key, span in doc.spans.items():
        got = piece(span)
        value = getattr(doc, key)
        ok: bool
        if value is None:
            ok = False
        elif key == "number":
            # A number pieced from fragments ("90" / "/20" / "25" / "/TT-BNNM" / "T")
            # spans them all: read without its line breaks.
            ok = parse_number(got) == value or parse_number("".join(got.split())) == value
        elif key == "issued_date":
            found = find_date(got)
            ok = found is not None and found.date == value
        elif key in ("issuer", "issuer_parent"):
            ok = collapse(got) == collapse(value.raw) or _as_lines(got, value.raw)
        elif key == "subject":
            ok = collapse(got) == value or _as_lines(got, value)
        elif key == "signer":
            parts = [value.position, value.on_behalf_of, value.name]
            ok = all(collapse(p) in collapse(got) for p in parts if p)
        elif key in ("urgency", "secrecy"):
            table = getattr(lexicon().marks, key)
            ok = table.get(collapse(got).upper()) == value
        else:
            ok = collapse(got) == value
        if not ok:
            out.append(f"spans[{key}] = {span} slices {got!r}, the value is {value!r}")
    for where, agency in _agencies(doc):
        if agency.span is None:
            out.append(f"{where} {agency.raw!r} has no span")
        elif collapse(piece(agency.span)) != collapse(agency.raw):
            out.append(f"{where}: {piece(agency.span)!r} is not {agency.raw!r}")
    for i, r in enumerate(doc.distribution):
        if r.span is None or collapse(piece(r.span)) != collapse(r.raw):
            out.append(f"distribution[{i}]: span {r.span} is not {r.raw!r}")
    for i, d in enumerate(doc.duties):
        if d.span is None:
            out.append(f"duties[{i}] has no span")
            continue
        got = collapse(piece(d.span))
        missing = [t for t in d.tasks if collapse(t) not in got]
        # An article's label ("Điều 2.") may stand on a line before the paragraph that
        # assigns the duty: then it opens a line above the span.
        before = text[: d.span[0]]
        inherited = bool(d.label) and f"\n{d.label}" in f"\n{before}"
        if missing or (d.label and not got.startswith(d.label) and not inherited):
            out.append(f"duties[{i}]: {got[:80]!r}… lacks {missing or d.label!r}")
    for i, c in enumerate(doc.citations):
        if collapse(piece(c.span)) != c.raw:
            out.append(f"citations[{i}]: {piece(c.span)!r} is not {c.raw!r}")
    return out


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name[:3])
def test_seed_spans(path: Path) -> None:
    doc = vanban.parse(path)
    assert doc.text is not None
    assert doc.spans or doc.genre == "article"
    assert span_problems(doc) == []


def test_seed_001_spans_by_hand() -> None:
    """The công văn seed, field by field, against the printed text."""
    (path,) = SEEDS_DIR.glob("001_*.txt")
    doc = vanban.parse(path)
    text = doc.text
    assert text is not None

    def at(key: str) -> str:
        start, end = doc.spans[key]
        return collapse(text[start:end])

    assert at("number") == "2680 /UBND-KGVX"
    assert at("issued_date") == "ngày 31 tháng 5 năm 2021"
    assert at("place") == "Đắk Nông"
    assert at("issuer") == "ỦY BAN NHÂN DÂN TỈNH ĐẮK NÔNG"
    assert at("subject").startswith("triển khai thực hiện Chỉ thị")
    assert at("signer").startswith("KT. CHỦ TỊCH")
    assert set(doc.spans) == {"number", "issued_date", "place", "issuer", "subject", "signer"}


def test_keep_text_false_omits_the_text() -> None:
    (path,) = SEEDS_DIR.glob("001_*.txt")
    doc = vanban.parse(path, keep_text=False)
    assert doc.text is None
    assert doc.spans == vanban.parse(path).spans


def _corpus_docs(shared: Path) -> Iterator[tuple[str, Document]]:
    corpus = shared / "corpus"
    for path in sorted((corpus / "lamdong").rglob("*")):
        if path.suffix.lower() in (".docx", ".pdf", ".doc", ".txt") and path.is_file():
            try:
                yield path.name, vanban.parse(path)
            except vanban.VanbanError:
                continue
    with (corpus / "vbpl" / "documents.jsonl").open(encoding="utf-8") as fh:
        for k, line in enumerate(fh):
            if line.strip() and (text := json.loads(line).get("text")):
                yield f"vbpl[{k}]", vanban.parse_text(text)
    for path in sorted((corpus / "tvpl").rglob("*.txt")):
        yield path.name, vanban.parse_text(path.read_text("utf-8", errors="replace"))


def test_corpus_spans() -> None:
    shared = shared_or_skip("corpus").parent
    problems: list[str] = []
    count = 0
    for name, doc in _corpus_docs(shared):
        count += 1
        problems += [f"{name}: {p}" for p in span_problems(doc)]
    assert count > 400
    assert problems == [], f"{len(problems)} problems:\n" + "\n".join(problems[:40])
