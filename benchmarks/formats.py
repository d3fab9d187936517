"""Format loaders over the real archive: speed against the bare libraries, robustness, accuracy.

Prints Markdown tables:

1. speed: for each format, ``vanban.parse`` (and the loader alone) against the
   bare library reading the same files in the same run, as ratios, with
   pages/s or docs/s. The bare readings are
   * PDF: pypdfium2 opens the document and, page by page, loads the page and
     its text page and calls ``PdfTextPage.get_text_range()`` (text-layer PDFs
     only: ``fixtures/formats`` and ``lamdong/``; scans have nothing to read);
   * DOCX: ``zipfile`` + lxml parse ``word/document.xml`` and join the
     ``w:t`` texts of every ``w:p`` (no numbering, styles, headers or tables);
   * HTML: ``lxml.html`` parses the page and takes ``text_content()``.
   Each repetition times every file three ways, interleaved (bare, parse,
   loader), so that load on the machine hits all three alike; the table gives
   the median ratio over the repetitions and its spread (min–max). Times are
   CPU time of this process by default (``--clock wall`` for wall-clock
   time): on a shared machine other jobs inflate wall-clock time unevenly,
   and every reader here is single-threaded;
2. every file of ``lamdong/``: parsed / clear error (a VanbanError) / crash;
3. per-field accuracy per format against ``lamdong/labels.jsonl``.

Run: ``python benchmarks/formats.py`` (needs ``../shared``, or VANBAN_SHARED);
``--repeat N`` (default 5), ``--speed-only``, ``--plumber`` (also the
pdfplumber backend against ``extract_text()``: slow), ``--json FILE``.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import statistics
import sys
import time
import unicodedata
import zipfile
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import vanban
from vanban.errors import VanbanError
from vanban.limits import DEFAULT_LIMITS
from vanban.loaders import docx as docx_loader
from vanban.loaders import html as html_loader
from vanban.loaders import pdf as pdf_loader

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("VANBAN_SHARED", ROOT / ".." / "shared"))
LAMDONG = SHARED / "corpus" / "lamdong"
VBPL_HTML = SHARED / "corpus" / "vbpl" / "html"
FIXTURES = ROOT / "fixtures" / "formats"
FIELDS = ("doc_type", "number", "issued_date", "place", "issuer", "subject", "recipients",
          "signer", "distribution_count")  # fmt: skip
W_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TARGETS = {"pdf": 1.5, "docx": 2.0}  # parse time / bare time (issue #10)


def files(root: Path, pattern: str = "*") -> list[Path]:
    return sorted(p for p in root.rglob(pattern) if p.is_file() and p.suffix != ".jsonl")


# ---------------------------------------------------------------- bare readers


def bare_pdfium(data: bytes) -> tuple[str, int]:
    """pypdfium2's own text of the pages vanban reads, and their count."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    try:
        count = min(len(pdf), DEFAULT_LIMITS.max_pdf_pages)
        out = []
        for i in range(count):
            page = pdf[i]
            textpage = page.get_textpage()
            out.append(textpage.get_text_range())
            textpage.close()
            page.close()
        return "".join(out), count
    finally:
        pdf.close()


def bare_plumber(data: bytes) -> tuple[str, int]:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        pages = pdf.pages[: DEFAULT_LIMITS.max_pdf_pages]
        return "".join(p.extract_text() or "" for p in pages), len(pages)


def bare_docx(data: bytes) -> tuple[str, int]:
    """The ``w:t`` texts of every ``w:p`` of ``word/document.xml``, with lxml."""
    from lxml import etree

    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        root = etree.fromstring(zf.read("word/document.xml"))
    t_tag = W_NS + "t"
    text = "\n".join("".join(t.text or "" for t in p.iter(t_tag)) for p in root.iter(W_NS + "p"))
    return text, 1


def bare_html(data: bytes) -> tuple[str, int]:
    import lxml.html

    return str(lxml.html.fromstring(data).text_content()), 1


# ---------------------------------------------------------------- speed


@dataclass
class Speed:
    """One format's timings: per repetition, seconds for the bare library, parse, loader."""

    name: str
    library: str
    files: int
    units: int  # pages (PDF) or documents
    unit: str
    bare: list[float]
    parse: list[float]
    loader: list[float]
    reference: bool = False  # a non-default backend: only the loader ratio means anything

    def ratios(self, which: list[float]) -> list[float]:
        return [ours / bare for ours, bare in zip(which, self.bare, strict=True)]

    def row(self) -> str:
        parse, loader = self.ratios(self.parse), self.ratios(self.loader)
        rate = self.units / statistics.median(self.parse)
        bare_rate = self.units / statistics.median(self.bare)
        if self.reference:  # vanban.parse uses the default backend: no parse ratio
            return (
                f"| {self.name} | {self.library} | {self.files} | {self.units} "
                f"| {bare_rate:.0f} | — | {_spread(loader)} | — | — |"
            )
        target = TARGETS.get(self.name.split()[0].lower())
        return (
            f"| {self.name} | {self.library} | {self.files} | {self.units} "
            f"| {bare_rate:.0f} | {rate:.0f} | {_spread(loader)} | **{_spread(parse)}** "
            f"| {f'≤ {target}' if target else '—'} |"
        )

    def as_json(self) -> dict[str, Any]:
        return {
            "format": self.name,
            "library": self.library,
            "files": self.files,
            f"{self.unit}": self.units,
            "bare_s": self.bare,
            "parse_s": self.parse,
            "loader_s": self.loader,
            "parse_ratio_median": statistics.median(self.ratios(self.parse)),
            "loader_ratio_median": statistics.median(self.ratios(self.loader)),
        }


def _spread(values: list[float]) -> str:
    return f"{statistics.median(values):.2f} ({min(values):.2f}–{max(values):.2f})"


def measure(
    name: str,
    library: str,
    datas: list[bytes],
    bare: Callable[[bytes], tuple[str, int]],
    loader: Callable[[bytes], Any],
    *,
    unit: str,
    repeat: int,
    clock: Callable[[], float],
) -> Speed:
    """Time ``bare``, ``vanban.parse`` and ``loader`` on every file, interleaved."""
    units = sum(bare(d)[1] for d in datas)  # also warms the imports
    for d in datas[:3]:
        vanban.parse(d, ocr="never")
        loader(d)
    result = Speed(name, library, len(datas), units, unit, [], [], [])
    for _ in range(repeat):
        b = p = lo = 0.0
        for d in datas:
            t0 = clock()
            bare(d)
            t1 = clock()
            vanban.parse(d, ocr="never")
            t2 = clock()
            loader(d)
            t3 = clock()
            b, p, lo = b + t1 - t0, p + t2 - t1, lo + t3 - t2
        result.bare.append(b)
        result.parse.append(p)
        result.loader.append(lo)
    return result


def bench_speed(repeat: int, clock: Callable[[], float], plumber: bool) -> list[Speed]:
    pdfs = [p.read_bytes() for p in [*files(FIXTURES, "*.pdf"), *files(LAMDONG, "*.pdf")]]
    results = []
    try:
        import pypdfium2  # noqa: F401

        text_layer = [d for d in pdfs if bare_pdfium(d)[0].strip()]
        results.append(
            measure(
                "PDF (text layer)",
                "pypdfium2 `get_text_range()`",
                text_layer,
                bare_pdfium,
                lambda d: pdf_loader.load_bytes(d, backend="pdfium", ocr="never"),
                unit="pages",
                repeat=repeat,
                clock=clock,
            )
        )
    except ImportError:
        text_layer = [d for d in pdfs if bare_plumber(d)[0].strip()]
        print("pypdfium2 not installed: the PDF rows use pdfplumber\n")
        plumber = True
    if plumber:
        results.append(
            measure(
                "PDF (text layer), pdfplumber",
                "pdfplumber `extract_text()`",
                text_layer,
                bare_plumber,
                lambda d: pdf_loader.load_bytes(d, backend="pdfplumber", ocr="never"),
                unit="pages",
                repeat=1,
                clock=clock,
            )
        )
        results[-1].reference = True
    docxs = [p.read_bytes() for p in [*files(FIXTURES, "*.docx"), *files(LAMDONG, "*.docx")]]
    results.append(
        measure(
            "DOCX",
            "lxml walk of `word/document.xml`",
            docxs,
            bare_docx,
            docx_loader.load_bytes,
            unit="docs",
            repeat=repeat,
            clock=clock,
        )
    )
    pages = [p.read_bytes() for p in [*files(FIXTURES, "*.html"), *files(VBPL_HTML, "*.html")]]
    results.append(
        measure(
            "HTML",
            "`lxml.html` + `text_content()`",
            pages,
            bare_html,
            html_loader.load_bytes,
            unit="docs",
            repeat=repeat,
            clock=clock,
        )
    )
    return results


def print_speed(results: list[Speed], repeat: int, clock_name: str) -> None:
    print(
        f"{repeat} repetitions, {clock_name} time; ratios: median (min–max) over the "
        "repetitions of our time / the bare library's time on the same files\n"
    )
    print(
        "| format | bare library | files | pages or docs | bare /s | `vanban.parse` /s "
        "| loader / bare | parse / bare | target |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for r in results:
        print(r.row())


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
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--repeat", type=int, default=5, help="repetitions of the speed runs")
    ap.add_argument("--clock", choices=("cpu", "wall"), default="cpu")
    ap.add_argument("--speed-only", action="store_true", help="skip the sweep and accuracy")
    ap.add_argument("--plumber", action="store_true", help="also time the pdfplumber backend")
    ap.add_argument("--json", type=Path, help="write the speed numbers to this file")
    args = ap.parse_args()
    if not LAMDONG.is_dir():
        print(f"corpus not found at {LAMDONG} (set VANBAN_SHARED): nothing measured")
        return
    clock = time.process_time if args.clock == "cpu" else time.perf_counter
    print("## Loader speed against the bare libraries\n")
    results = bench_speed(args.repeat, clock, args.plumber)
    print_speed(results, args.repeat, "CPU" if args.clock == "cpu" else "wall-clock")
    if args.json:
        args.json.write_text(json.dumps([r.as_json() for r in results], indent=2), "utf-8")
    if args.speed_only:
        return
    print("\n## Every file of lamdong/\n")
    docs = sweep()
    print("\n## Per-field accuracy against lamdong/labels.jsonl\n")
    accuracy(docs)


if __name__ == "__main__":
    main()
