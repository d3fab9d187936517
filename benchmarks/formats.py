"""Format loaders over the real archive: speed, robustness and per-field accuracy.

Prints Markdown tables:

1. PDF: pages/s per backend end to end (our loader), and the ratio of our
   loader's time to the backend's bare text extraction of the same pages;
2. DOCX and HTML: documents per second (loader only), with python-docx's own
   paragraph reading for comparison;
3. every file of ``lamdong/``: parsed / clear error (a VanbanError) / crash;
4. per-field accuracy per format against ``lamdong/labels.jsonl``.

Run: ``python benchmarks/formats.py`` (needs ``../shared``, or VANBAN_SHARED).
"""

from __future__ import annotations

import io
import json
import os
import sys
import time
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

import vanban
from vanban.errors import VanbanError
from vanban.loaders import docx as docx_loader
from vanban.loaders import html as html_loader
from vanban.loaders import pdf as pdf_loader
from vanban.loaders.pdf_backends import available_backends, open_backend

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("VANBAN_SHARED", ROOT / ".." / "shared"))
LAMDONG = SHARED / "corpus" / "lamdong"
VBPL_HTML = SHARED / "corpus" / "vbpl" / "html"
FIELDS = ("doc_type", "number", "issued_date", "place", "issuer", "subject", "recipients",
          "signer", "distribution_count")  # fmt: skip


def files(root: Path, pattern: str = "*") -> list[Path]:
    return sorted(p for p in root.rglob(pattern) if p.is_file() and p.suffix != ".jsonl")


def timed(fn: Callable[[], Any]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def bench_pdf() -> None:
    datas = [p.read_bytes() for p in files(LAMDONG, "*.pdf")]
    print(
        "| PDF backend | text-layer PDFs | pages | bare extraction (s) | our loader (s) "
        "| pages/s end to end | our time / bare time |"
    )
    print("|---|---|---|---|---|---|---|")
    for name in available_backends():
        bare = ours = 0.0
        pages = docs = 0
        for data in datas:
            start = time.perf_counter()
            doc = open_backend(data, name)  # opening counts on both sides
            count = doc.page_count()
            text = "".join(doc.plain_text(i) for i in range(count))
            doc.close()
            elapsed = time.perf_counter() - start
            if not text.strip():
                continue  # scans: nothing to extract
            bare += elapsed
            ours += timed(lambda d=data, n=name: pdf_loader.load_bytes(d, backend=n))  # type: ignore[misc]
            pages += count
            docs += 1
        print(
            f"| {name} | {docs} | {pages} | {bare:.2f} | {ours:.2f} | {pages / ours:.0f} "
            f"| {ours / bare:.2f} |"
        )


def bench_docs() -> None:
    print("| format | files | loader docs/s | comparison |")
    print("|---|---|---|---|")
    datas = [p.read_bytes() for p in files(LAMDONG, "*.docx")]
    for data in datas[:3]:
        docx_loader.load_bytes(data)  # warm up imports
    ours = min(timed(lambda: [docx_loader.load_bytes(d) for d in datas]) for _ in range(3))
    try:
        import docx

        def python_docx() -> None:
            for d in datas:
                document = docx.Document(io.BytesIO(d))
                _ = [p.text for p in document.paragraphs]

        ref = f"python-docx paragraphs only: {len(datas) / timed(python_docx):.0f} docs/s"
    except ImportError:  # pragma: no cover
        ref = "python-docx not installed"
    print(f"| DOCX (lamdong) | {len(datas)} | {len(datas) / ours:.0f} | {ref} |")
    pages = [p.read_bytes() for p in files(VBPL_HTML, "*.html")]
    pages.append((ROOT / "fixtures" / "formats" / "article004.html").read_bytes())
    html_loader.load_bytes(pages[-1])
    ours = min(timed(lambda: [html_loader.load_bytes(d) for d in pages]) for _ in range(3))
    size = sum(map(len, pages)) / len(pages) / 1024
    print(
        f"| HTML (vbpl portal + fixture) | {len(pages)} | {len(pages) / ours:.0f} "
        f"| mean page {size:.0f} KB |"
    )


def sweep() -> dict[str, vanban.Document]:
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    errors: Counter[str] = Counter()
    docs: dict[str, vanban.Document] = {}
    for path in files(LAMDONG):
        ext = path.suffix.lower().lstrip(".") or "(none)"
        try:
            docs[str(path.relative_to(LAMDONG))] = vanban.parse(path)
            counts[ext]["parsed"] += 1
        except VanbanError as exc:
            counts[ext]["clear error"] += 1
            errors[f"{ext}: {type(exc).__name__}"] += 1
        except Exception as exc:
            counts[ext]["crash"] += 1
            print(f"CRASH {path}: {type(exc).__name__}: {exc}", file=sys.stderr)
    print("| format | files | parsed | clear error | crash |")
    print("|---|---|---|---|---|")
    for ext, c in sorted(counts.items()):
        total = sum(c.values())
        print(f"| {ext} | {total} | {c['parsed']} | {c['clear error']} | {c['crash']} |")
    if errors:
        print("\nClear errors: " + ", ".join(f"{k} ×{v}" for k, v in errors.items()))
    return docs


def norm(value: Any) -> Any:
    if isinstance(value, str):
        return " ".join(unicodedata.normalize("NFC", value).casefold().split()).strip(" .;")
    if isinstance(value, list):
        return sorted(norm(v) for v in value)
    return value


def predicted(doc: vanban.Document, field: str) -> Any:
    return {
        "doc_type": doc.doc_type.name if doc.doc_type else None,
        "number": doc.number.raw if doc.number else None,
        "issued_date": doc.issued_date.isoformat() if doc.issued_date else None,
        "place": doc.place,
        "issuer": doc.issuer.name if doc.issuer else None,
        "subject": doc.subject,
        "recipients": [r.raw for r in doc.recipients],
        "signer": doc.signer.name if doc.signer else None,
        # the labels count the "Lưu: …" line, which the Document keeps apart
        "distribution_count": len(doc.distribution) + (1 if doc.archive else 0),
    }[field]


def expected(label: dict[str, Any], field: str) -> Any:
    if field == "signer":
        return (label.get("signer") or {}).get("name")
    return label.get(field)


def accuracy(docs: dict[str, vanban.Document]) -> None:
    labels = [
        json.loads(x) for x in (LAMDONG / "labels.jsonl").read_text("utf-8").splitlines() if x
    ]
    hits: dict[str, Counter[str]] = defaultdict(Counter)
    totals: Counter[str] = Counter()
    for label in labels:
        key = unicodedata.normalize("NFC", label["file"])
        doc = next((d for k, d in docs.items() if unicodedata.normalize("NFC", k) == key), None)
        ext = key.rsplit(".", 1)[-1].lower()
        totals[ext] += 1
        for field in FIELDS:
            if doc is not None and norm(predicted(doc, field)) == norm(expected(label, field)):
                hits[ext][field] += 1
    print("| format | labelled | " + " | ".join(FIELDS) + " |")
    print("|---|---|" + "---|" * len(FIELDS))
    for ext in sorted(totals):
        row = " | ".join(f"{hits[ext][f] / totals[ext]:.0%}" for f in FIELDS)
        print(f"| {ext} | {totals[ext]} | {row} |")


def main() -> None:
    if not LAMDONG.is_dir():
        sys.exit(f"corpus not found at {LAMDONG} (set VANBAN_SHARED)")
    print("## PDF backends\n")
    bench_pdf()
    print("\n## DOCX and HTML\n")
    bench_docs()
    print("\n## Every file of lamdong/\n")
    docs = sweep()
    print("\n## Per-field accuracy against lamdong/labels.jsonl\n")
    accuracy(docs)


if __name__ == "__main__":
    main()
