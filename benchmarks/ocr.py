"""OCR accuracy and speed on the scanned PDFs of ``lamdong/labels.jsonl``.

The rows whose notes say "Scanned PDF" (13 documents, 21 pages: scans without a
text layer, and scans under a scanner's English OCR layer) are parsed with
``vanban.parse(path, ocr="auto")`` and six fields are compared with the hand
labels as :mod:`accuracy_fields` does (strict, and lenient: accents and case
forgiven): number, issued_date, issuer, subject, signer.position, signer.name.
Target: ≥ 0.85 each.

Also printed:

* ``wrong value``: misses where a value was given (not null), for the first
  variant; ``flagged``: of the wrong or missing values, how many carry an Issue
  on that field (``ocr.low_confidence``, ``number.*``, ``date.*``…): a reviewer
  is told to look; ``false alarms``: correct values flagged ``ocr.low_confidence``;
* speed in pages per second per core: OCR'd pages over the CPU seconds of this
  process and its Tesseract children, with the bare libraries (PDFium's render
  at 300 dpi + ``tesseract`` on the image, nothing else) measured in the same run.

Variants (``--variant``; several may be given to compare them in one run):

* ``red``: the red channel as grey (red seals and stamps vanish): the default;
* ``mask``: luminance with the clearly red pixels made white;
* ``grey``: plain luminance.

Usage::

    python benchmarks/ocr.py                      # the table with the default settings
    python benchmarks/ocr.py --variant red --variant mask --variant grey
    python benchmarks/ocr.py --show-errors        # every miss, with its issues
    python benchmarks/ocr.py --json out.json

Exits 0 with a note when the corpus or Tesseract is absent.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from accuracy import load_cases, shared_dir  # siblings: run this file as a script
from accuracy_fields import actual, compare

FIELDS = ("number", "issued_date", "issuer", "subject", "signer.position", "signer.name")
TARGET = 0.85
VARIANTS = ("red", "mask", "grey")


@dataclass
class Run:
    """One variant's results."""

    variant: str
    docs: int = 0
    pages: int = 0
    cpu: float = 0.0
    wall: float = 0.0
    rows: list[dict[str, Any]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def _cpu() -> float:
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def _configure(variant: str) -> None:
    from vanban.loaders import ocr

    ocr.COLOUR = variant  # type: ignore[assignment]


def run_variant(cases: list[Any], variant: str) -> Run:
    """Parse every scan with ``variant`` and compare the six fields."""
    import vanban

    _configure(variant)
    run = Run(variant)
    first = _PAGES[0]
    for case in cases:
        cpu, wall = _cpu(), time.perf_counter()
        try:
            doc = vanban.parse(case.path, ocr="auto")
        except vanban.VanbanError as exc:
            doc = None
            run.errors.append(f"{case.ident}: {type(exc).__name__}: {exc}")
        run.cpu += _cpu() - cpu
        run.wall += time.perf_counter() - wall
        run.docs += 1
        for name in FIELDS:
            expected = case.labels.get(name)
            got = actual(doc, name) if doc is not None else None
            strict, lenient = compare(name, expected, got) if expected is not None else (0, 0)
            issues = [
                f"{i.code}: {i.message}"
                for i in (doc.issues if doc is not None else [])
                if i.field and (i.field == name or name.startswith(i.field + "."))
            ]
            run.rows.append(
                {
                    "doc": case.ident,
                    "field": name,
                    "expected": expected,
                    "got": got,
                    "strict": bool(strict),
                    "lenient": bool(lenient),
                    "issues": issues,
                    "low_confidence": any(x.startswith("ocr.low_confidence") for x in issues),
                }
            )
    run.pages = _PAGES[0] - first
    return run


_PAGES = [0]


def _count_pages() -> None:
    """Count the pages Tesseract reads (a wrapper around the loader's OCR call)."""
    from vanban.loaders import ocr_pdf

    inner = ocr_pdf.ocr_image

    def counted(*args: Any, **kwargs: Any) -> Any:
        _PAGES[0] += 1
        return inner(*args, **kwargs)

    ocr_pdf.ocr_image = counted  # type: ignore[assignment]


def bare(cases: list[Any]) -> tuple[int, float]:
    """PDFium render at 300 dpi + bare ``tesseract -l vie`` per page: pages, CPU seconds."""
    import pypdfium2 as pdfium
    import pytesseract

    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    pages, start = 0, _cpu()
    for case in cases:
        pdf = pdfium.PdfDocument(case.path)
        for i in range(len(pdf)):
            image = pdf[i].render(scale=300 / 72).to_pil().convert("L")
            pytesseract.image_to_string(image, lang="vie")
            pages += 1
        pdf.close()
    return pages, _cpu() - start


def table(runs: list[Run]) -> list[str]:
    """The Markdown accuracy table, one column pair per variant."""
    head = "| field | n |" + "".join(f" {r.variant} | {r.variant} lenient |" for r in runs)
    head += " wrong value | flagged (of misses) | false alarms |"
    lines = [head, "|---|---:|" + "---:|---:|" * len(runs) + "---:|---:|---:|"]
    for name in FIELDS:
        cells = []
        n = 0
        for run in runs:
            rows = [r for r in run.rows if r["field"] == name and r["expected"] is not None]
            n = len(rows)
            strict = sum(r["strict"] for r in rows) / n if n else 0.0
            lenient = sum(r["lenient"] for r in rows) / n if n else 0.0
            cells.append(f" {_mark(strict)} | {lenient:.2f} |")
        first = [r for r in runs[0].rows if r["field"] == name and r["expected"] is not None]
        misses = [r for r in first if not r["strict"]]
        wrong = sum(r["got"] is not None for r in misses)
        flagged = sum(bool(r["issues"]) for r in misses)
        alarms = sum(r["low_confidence"] for r in first if r["strict"])
        lines.append(
            f"| {name} | {n} |"
            + "".join(cells)
            + f" {wrong} | {flagged}/{len(misses)} | {alarms} |"
        )
    return lines


def _mark(value: float) -> str:
    return f"**{value:.2f}**" if value >= TARGET else f"{value:.2f}"


def show_errors(run: Run) -> None:
    """Every miss of one run, with the issues on its field."""
    print(f"\n### misses ({run.variant})\n")
    for r in run.rows:
        if r["expected"] is None or r["strict"]:
            continue
        print(f"- {r['doc']} · {r['field']}: expected {r['expected']!r}, got {r['got']!r}")
        for issue in r["issues"]:
            print(f"    - {issue}")


def main(argv: list[str] | None = None) -> int:
    """Print the OCR accuracy and speed tables."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--variant", action="append", choices=VARIANTS, default=[])
    parser.add_argument("--show-errors", action="store_true")
    parser.add_argument("--no-bare", action="store_true", help="skip the bare-library run")
    parser.add_argument("--json", type=Path, default=None, metavar="FILE")
    args = parser.parse_args(argv)
    corpus = shared_dir() / "corpus"
    if not (corpus / "lamdong" / "labels.jsonl").is_file():
        print(f"corpus not found at {corpus}: nothing measured")
        return 0
    try:
        from vanban.loaders.ocr import require_tesseract

        engine = require_tesseract("benchmarks/ocr.py")
    except Exception as exc:  # MissingDependency: say it and exit 0
        print(f"OCR unavailable: {exc}")
        return 0
    cases = load_cases(corpus, "lamdong_scans")
    _count_pages()
    runs = [run_variant(cases, v) for v in (args.variant or ["red"])]
    print(f"## OCR on {len(cases)} scanned lamdong PDFs ({engine})\n")
    for line in table(runs):
        print(line)
    print()
    timed: list[tuple[str, Callable[[], tuple[int, float]]]] = [
        (f"vanban.parse, ocr=auto ({r.variant})", lambda r=r: (r.pages, r.cpu)) for r in runs
    ]
    if not args.no_bare:
        pages, cpu = bare(cases)
        timed.append(("bare: PDFium render + tesseract", lambda p=pages, c=cpu: (p, c)))
    print("| run | pages | CPU s | pages/s per core | ratio to bare |")
    print("|---|---:|---:|---:|---:|")
    base = timed[-1][1]() if not args.no_bare else None
    for name, get in timed:
        n, cpu = get()
        ratio = f"{cpu / n / (base[1] / base[0]):.2f}" if base and n and base[0] else "–"
        print(f"| {name} | {n} | {cpu:.1f} | {n / cpu if cpu else 0:.2f} | {ratio} |")
    for run in runs:
        for error in run.errors:
            print(f"unreadable: {error}")
        if args.show_errors:
            show_errors(run)
    if args.json:
        args.json.write_text(
            json.dumps([r.__dict__ for r in runs], ensure_ascii=False, indent=1, default=str)
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
