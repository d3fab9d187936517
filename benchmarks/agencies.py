"""Benchmark the agency rule engine over the real corpus.

Collects every "Kính gửi" and "Nơi nhận" entry of the corpus texts (vbpl
``documents.jsonl``, tvpl ``*.txt``, lamdong ``*.docx``), resolves each one and
prints a Markdown table of how many resolve to a body, to a group, or stay
unresolved, then the warm-cache resolution rate.

Run: ``python benchmarks/agencies.py`` (``VANBAN_SHARED`` overrides the corpus
location). Exits 0 with a note when the corpus is absent.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import regex

_BULLET = regex.compile(r"^\s*[-–—+•*]\s*")
_KINH_GUI = regex.compile(r"^\s*[-*_ ]*K[íi]nh\s+g[ửu]i\s*[:：]?\s*(.*)$", regex.IGNORECASE)
_NOI_NHAN = regex.compile(r"^\s*[#*_ ]*N[ơo]i\s+nh[ậa]n\s*[:：]?[*_ ]*(.*)$", regex.IGNORECASE)
_STOP = regex.compile(r"^\s*[-+]?\s*(Lưu|Như\s+trên)\b", regex.IGNORECASE)
# Not agencies (the parser never asks): "Như Điều 3", "Như kính gửi", "Lưu: VT", blanks of a
# form ("……(2)", "<Người nộp thuế>"), footnote marks.
_NOT_AGENCY = regex.compile(
    r"^(?:Như\b|Lưu\b|[<(/]|[.…\s]*$|[.…\s]*\(\d+\)|TL\.|TM\.|KT\.)", regex.IGNORECASE
)


def shared_dir() -> Path:
    """The ``shared`` directory beside the repository root (``VANBAN_SHARED`` overrides)."""
    env = os.environ.get("VANBAN_SHARED")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[1] / ".." / "shared"


def _clean(entry: str) -> str:
    entry = _BULLET.sub("", entry.replace("*", "").replace("_", " "))
    return " ".join(entry.split()).strip(" ;.,")


def _split(line: str) -> list[str]:
    parts = (_clean(p) for p in line.replace("\u00ad", "").split(";"))
    return [e for e in parts if e and not _NOT_AGENCY.match(e)]


def entries(text: str) -> Iterator[tuple[str, str]]:
    """Yield ``(kind, entry)`` for the Kính gửi / Nơi nhận entries of one text."""
    lines = text.splitlines()
    for i, line in enumerate(lines):
        for kind, pattern in (("kinh_gui", _KINH_GUI), ("noi_nhan", _NOI_NHAN)):
            m = pattern.match(line)
            if not m:
                continue
            rest = m.group(1).strip()
            if rest and not _BULLET.match(rest) and kind == "kinh_gui":
                yield from ((kind, e) for e in _split(rest))
                if not rest.endswith(":"):
                    break
            elif rest:
                yield from ((kind, e) for e in _split(rest))
            yield from _following(lines[i + 1 : i + 40], kind)


def _following(lines: list[str], kind: str) -> Iterator[tuple[str, str]]:
    seen_bullet = False
    for line in lines:
        if not line.strip():
            if seen_bullet:
                return
            continue
        if _STOP.match(line):
            if line.lstrip("-+ ").lower().startswith("lưu"):
                return
            continue
        if not _BULLET.match(line):
            return
        seen_bullet = True
        for e in _split(line):
            yield kind, e


def corpus_texts(shared: Path) -> Iterator[tuple[str, str]]:
    """Yield ``(source, text)`` for every readable corpus document."""
    corpus = shared / "corpus"
    docs = corpus / "vbpl" / "documents.jsonl"
    if docs.is_file():
        with docs.open(encoding="utf-8") as fh:
            for line in fh:
                rec = json.loads(line)
                yield f"vbpl/{rec.get('file')}", str(rec.get("text") or "")
    for path in sorted((corpus / "tvpl").rglob("*.txt")):
        yield f"tvpl/{path.name}", path.read_text(encoding="utf-8", errors="replace")
    for path in sorted((corpus / "lamdong").rglob("*.docx")):
        text = _docx_text(path)
        if text:
            yield f"lamdong/{path.name}", text


def _docx_text(path: Path) -> str:
    try:
        import docx
    except ImportError:  # pragma: no cover - python-docx comes with the dev extra
        return ""
    try:
        document = docx.Document(str(path))
    except Exception:  # a damaged docx in the corpus is skipped, not fatal
        return ""
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                parts.extend(p.text for p in cell.paragraphs)
    return "\n".join(parts)


def collect(shared: Path) -> list[tuple[str, str]]:
    """Every ``(kind, entry)`` of the corpus."""
    return [e for _src, text in corpus_texts(shared) for e in entries(text)]


def main() -> int:
    """Print the resolution table and the warm-cache rate."""
    shared = shared_dir()
    if not (shared / "corpus").is_dir():
        print(f"corpus not found under {shared}; skipped")
        return 0
    from vanban.rules import infer_province, load_rules, resolve_agency

    rules = load_rules()
    items: list[tuple[str, str, str | None]] = []
    for _src, text in corpus_texts(shared):
        province = infer_province(text[:3000])
        items.extend((kind, e, province) for kind, e in entries(text))
    unique = list(dict.fromkeys((entry, province) for _kind, entry, province in items))
    start = time.perf_counter()
    for entry, province in unique:
        resolve_agency(entry, province=province, rules=rules)
    cold = len(unique) / (time.perf_counter() - start)
    counts: Counter[tuple[str, str]] = Counter()
    for kind, entry, province in items:
        agency, _issues = resolve_agency(entry, province=province, rules=rules)
        outcome = "group" if agency.group else ("body" if agency.id else "unresolved")
        counts[kind, outcome] += 1
    print("| list | entries | body | group | unresolved |")
    print("|---|---:|---:|---:|---:|")
    for kind, label in (("kinh_gui", "Kính gửi"), ("noi_nhan", "Nơi nhận")):
        row = [counts[kind, o] for o in ("body", "group", "unresolved")]
        total = sum(row)
        cells = " | ".join(f"{n} ({100 * n / max(total, 1):.0f}%)" for n in row)
        print(f"| {label} | {total} | {cells} |")
    rounds = max(1, 100_000 // max(len(items), 1))
    start = time.perf_counter()
    for _ in range(rounds):
        for _kind, entry, province in items:
            resolve_agency(entry, province=province, rules=rules)
    elapsed = time.perf_counter() - start
    rate = rounds * len(items) / elapsed if elapsed else float("inf")
    print(f"\ncold: {cold:,.0f} resolutions/s over {len(unique):,} distinct entries")
    print(f"warm cache: {rate:,.0f} resolutions/s over {rounds * len(items):,} calls")
    return 0


if __name__ == "__main__":
    sys.exit(main())
