"""Per-field accuracy of the parser against the labelled corpus, with pinned floors.

Datasets (under ``../shared/corpus`` beside the repository, or ``$VANBAN_SHARED/corpus``):

* ``vbpl``: ``documents.jsonl`` texts (``parse_text``) against ``labels.jsonl``
  (type, số hiệu, trích yếu, taken from the vbpl.vn page header, not the body);
* ``vbpl_hand``: the same texts against ``labels_hand.jsonl`` (every field, read by hand);
* ``tvpl``: the portal ``.txt`` files (``parse``) against ``labels.jsonl`` (every field, by hand);
* ``lamdong``: the labelled DOCX/PDF files (``parse``) against ``labels.jsonl`` (hand labels),
  without the scans (rows whose notes say "Scanned PDF");
* ``lamdong_scans``: those scans (not in the default run: they need OCR, and
  ``benchmarks/ocr.py`` reports them);
* ``duties_citations``: duties and citations of 20 documents (see :mod:`accuracy_structured`).

Only rows that carry a label count for that field (``n``). In the hand labels an explicit
``null`` / ``[]`` / ``0`` means "the document states none": it is not counted in
``n``, but a value the parser reports there counts as *spurious*. A document that
cannot be read (a ``VanbanError``) or crashes counts as wrong on all its fields.
Every hand label carries a quality tag (``clean``, ``flattened``, ``damaged``, ``draft``,
``broken_text``); the report adds a per-tag table.

Fields are compared as :mod:`accuracy_fields` documents (strict, and a lenient column).

Usage::

    python benchmarks/accuracy.py                      # tables for the three datasets
    python benchmarks/accuracy.py --check              # exit 1 under the floors of baseline.json
    python benchmarks/accuracy.py --update-baseline    # raise floors (--allow-lower to lower)
    python benchmarks/accuracy.py --show-errors number --dataset vbpl --limit 30
    python benchmarks/accuracy.py --show-errors citations --dataset duties_citations
    python benchmarks/accuracy.py --show-errors subject --kind missing --kind wrong
    python benchmarks/accuracy.py --json out.json --max-docs 50

Exits 0 with a note when the corpus is absent.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import time
import traceback
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from dataclasses import field as dc_field
from pathlib import Path
from typing import Any

import accuracy_floors  # siblings: run this file as a script (tests add its folder)
import accuracy_structured as structured
from accuracy_errors import KINDS, show_errors
from accuracy_fields import FIELDS, actual, compare

BASELINE = Path(__file__).resolve().parent / "baseline.json"
DATASETS = ("vbpl", "vbpl_hand", "tvpl", "lamdong", "lamdong_scans", "duties_citations")
DEFAULT_DATASETS = ("vbpl", "vbpl_hand", "tvpl", "lamdong", "duties_citations")
HAND_LABELS = {
    "vbpl_hand": "vbpl/labels_hand.jsonl",
    "tvpl": "tvpl/labels.jsonl",
    "lamdong": "lamdong/labels.jsonl",
    "lamdong_scans": "lamdong/labels.jsonl",
}
SCANNED = "Scanned PDF"


def shared_dir() -> Path:
    """The ``shared`` directory beside the repository root (``VANBAN_SHARED`` overrides)."""
    env = os.environ.get("VANBAN_SHARED")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[1] / ".." / "shared"


# --------------------------------------------------------------------------- corpus

_VBPL = {"doc_type": "loai_van_ban", "number": "so_hieu", "subject": "trich_yeu"}


@dataclass
class Case:
    """One labelled document: ``labels`` maps field → expected (None: stated absent)."""

    dataset: str
    ident: str
    labels: dict[str, Any]
    text: str | None = None
    path: Path | None = None
    quality: str | None = None
    structured: dict[str, Any] | None = None


def _jsonl(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def _hand_labels(row: dict[str, Any]) -> dict[str, Any]:
    signer = row.get("signer") or {}
    flat = {k: row.get(k) for k in FIELDS if k in row}
    flat |= {f"signer.{k}": signer.get(k) for k in ("authority", "on_behalf_of", "position")}
    flat["signer.name"] = signer.get("name")
    flat["distribution_count"] = row.get("distribution_count")
    return {k: (v if v not in ("", [], 0) else None) for k, v in flat.items()}


def load_cases(corpus: Path, dataset: str) -> list[Case]:
    """The labelled documents of one dataset (rows without a file or a label are left out)."""
    cases: list[Case] = []
    if dataset in ("vbpl", "vbpl_hand"):
        texts = {r["file"]: r.get("text") for r in _jsonl(corpus / "vbpl/documents.jsonl")}
    if dataset == "vbpl":
        for row in _jsonl(corpus / "vbpl/labels.jsonl"):
            labels = {f: row[k] for f, k in _VBPL.items() if row.get(k)}
            if labels and texts.get(row["file"]):
                cases.append(Case(dataset, row["file"], labels, text=texts[row["file"]]))
    elif dataset == "vbpl_hand":
        for row in _jsonl(corpus / HAND_LABELS[dataset]):
            if texts.get(row["file"]):
                cases.append(
                    Case(
                        dataset,
                        row["file"],
                        _hand_labels(row),
                        text=texts[row["file"]],
                        quality=row.get("quality"),
                    )
                )
    elif dataset in ("tvpl", "lamdong", "lamdong_scans"):
        folder = corpus / dataset.split("_")[0]
        for row in _jsonl(corpus / HAND_LABELS[dataset]):
            scanned = SCANNED in (row.get("notes") or "")
            if scanned != (dataset == "lamdong_scans") and dataset != "tvpl":
                continue
            path = folder / row["file"]
            if path.is_file():
                cases.append(
                    Case(
                        dataset,
                        row["file"],
                        _hand_labels(row),
                        path=path,
                        quality=row.get("quality"),
                    )
                )
    elif dataset == "duties_citations":
        for row in _jsonl(corpus / "duties_citations.jsonl"):
            path = structured.file_of(row, corpus)
            if path.is_file():
                cases.append(Case(dataset, row["file"], {}, path=path, structured=row))
    else:
        raise ValueError(f"unknown dataset {dataset!r}")
    return cases


def corpus_digest(corpus: Path, dataset: str, cases: list[Case]) -> str:
    """SHA-256 over the dataset's label files and the texts/files of its labelled rows."""
    h = hashlib.sha256()
    label_files = {
        "vbpl": ["vbpl/labels.jsonl", "vbpl/documents.jsonl"],
        "vbpl_hand": ["vbpl/labels_hand.jsonl", "vbpl/documents.jsonl"],
        "duties_citations": ["duties_citations.jsonl"],
    }.get(dataset) or [HAND_LABELS[dataset]]
    paths = [corpus / p for p in label_files] + sorted(c.path for c in cases if c.path)
    for path in paths:
        h.update(str(path.relative_to(corpus)).encode() + b"\0")
        with path.open("rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
    return h.hexdigest()


# --------------------------------------------------------------------------- evaluation


@dataclass
class Outcome:
    """One labelled field of one document."""

    case: Case
    field: str
    expected: Any
    got: Any
    strict: bool
    lenient: bool
    issues: list[str] = dc_field(default_factory=list)


@dataclass
class DatasetResult:
    """Everything measured on one dataset."""

    name: str
    docs: int = 0
    parsed: int = 0
    unreadable: Counter[str] = dc_field(default_factory=Counter)
    crashes: list[tuple[str, str]] = dc_field(default_factory=list)
    outcomes: list[Outcome] = dc_field(default_factory=list)
    digest: str | None = None
    seconds: float = 0.0
    tallies: dict[str, structured.Tally] = dc_field(default_factory=dict)
    structured_docs: list[tuple[dict[str, Any], Any]] = dc_field(default_factory=list)

    def stats(self, quality: str | None = None) -> dict[str, dict[str, Any]]:
        """Per field: n, correct, lenient_correct, accuracy, lenient, absent, spurious.

        With ``quality``, only the documents of that quality tag count.
        """
        out: dict[str, dict[str, Any]] = {}
        if self.tallies:
            return {name: t.stats() for name, t in self.tallies.items()}
        outcomes = [o for o in self.outcomes if quality is None or o.case.quality == quality]
        for name in FIELDS:
            rows = [o for o in outcomes if o.field == name]
            if not rows:
                continue
            labelled = [o for o in rows if o.expected is not None]
            absent = [o for o in rows if o.expected is None]
            n = len(labelled)
            correct = sum(o.strict for o in labelled)
            lenient = sum(o.lenient for o in labelled)
            out[name] = {
                "n": n,
                "correct": correct,
                "lenient_correct": lenient,
                "accuracy": round(correct / n, 4) if n else None,
                "lenient": round(lenient / n, 4) if n else None,
                "absent": len(absent),
                "spurious": sum(o.got is not None for o in absent),
            }
        return out


def _format_of(case: Case) -> str:
    return case.path.suffix.lower().lstrip(".") if case.path else "text"


def evaluate(case: Case, result: DatasetResult) -> None:
    """Parse one case and append an :class:`Outcome` per labelled field to ``result``."""
    import vanban

    result.docs += 1
    doc = None
    try:
        doc = (
            vanban.parse_text(case.text) if case.text is not None else vanban.parse(case.path or "")
        )
        result.parsed += 1
    except vanban.VanbanError:
        result.unreadable[_format_of(case)] += 1
    except Exception as exc:  # a crash: counted and printed, never fatal to the run
        last = traceback.extract_tb(exc.__traceback__)[-1]
        where = f"{Path(last.filename).name}:{last.lineno}"
        result.crashes.append((case.ident, f"{type(exc).__name__}: {exc} ({where})"))
    if case.structured is not None:
        if not result.tallies:
            result.tallies = structured.new_tallies()
        rows = case.structured
        result.structured_docs.append((rows, doc))
        structured.score_duties(rows["duties"], doc.duties if doc else [], result.tallies)
        structured.score_citations(rows["citations"], doc.citations if doc else [], result.tallies)
        return
    for name, expected in case.labels.items():
        got = actual(doc, name) if doc is not None else None
        strict, lenient = compare(name, expected, got) if expected is not None else (False, False)
        issues = [
            f"{i.code}: {i.message}"
            for i in (doc.issues if doc is not None else [])
            if i.field and _same_field(i.field, name)
        ]
        result.outcomes.append(Outcome(case, name, expected, got, strict, lenient, issues))


def _same_field(issue_field: str, name: str) -> bool:
    """Whether an Issue about ``issue_field`` concerns field ``name`` ("signer" ~ "signer.name")."""
    return (
        issue_field == name
        or f"{name}.".startswith(f"{issue_field}.")
        or (issue_field.startswith(f"{name}."))
    )


def run_dataset(corpus: Path, name: str, max_docs: int | None = None) -> DatasetResult:
    """Evaluate every labelled document of one dataset (the first ``max_docs`` if given)."""
    cases = load_cases(corpus, name)
    result = DatasetResult(name, digest=corpus_digest(corpus, name, cases))
    start = time.perf_counter()
    for case in cases[:max_docs] if max_docs else cases:
        evaluate(case, result)
    result.seconds = time.perf_counter() - start
    return result


# --------------------------------------------------------------------------- reports

_SUBJECT_NOTE = (
    "vbpl labels come from the page header, not the body: its trích yếu is sometimes "
    "lower-cased or shortened, so read **lenient** (token F1 ≥ 0.9) as the headline for subject."
)


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def structured_table(result: DatasetResult) -> str:
    """The duties/citations report: F1 (strict, lenient), precision and recall per score."""
    lines = [
        f"## {result.name}",
        "",
        f"{result.docs} docs, {result.parsed} parsed, crashes: {len(result.crashes)}, "
        f"{result.seconds:.1f} s",
        "",
        "| score | n | hits | F1 | lenient F1 | precision | recall |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, s in result.stats().items():
        lines.append(
            f"| {name} | {s['n']} | {s['correct']} | {_pct(s['accuracy'])} | "
            f"{_pct(s['lenient'])} | {_pct(s['precision'])} | {_pct(s['recall'])} |"
        )
    lines += ["", "(citation_mentions is an accuracy over the matched citations, not an F1.)"]
    return "\n".join(lines)


def table(result: DatasetResult) -> str:
    """A Markdown report of one dataset: a summary line and field | n | correct | … rows."""
    if result.tallies:
        return structured_table(result)
    stats = result.stats()
    spurious = any(s["absent"] for s in stats.values())
    crashes = len(result.crashes)
    unread = ", ".join(f"{k} {v}" for k, v in sorted(result.unreadable.items())) or "none"
    lines = [
        f"## {result.name}",
        "",
        f"{result.docs} docs, {result.parsed} parsed, unreadable: {unread}, crashes: {crashes}, "
        f"{result.seconds:.1f} s",
        "",
        "| field | n | correct | accuracy | lenient |"
        + (" absent | spurious |" if spurious else ""),
        "|---|---:|---:|---:|---:|" + ("---:|---:|" if spurious else ""),
    ]
    for name, s in stats.items():
        row = (
            f"| {name} | {s['n']} | {s['correct']} | {_pct(s['accuracy'])} | {_pct(s['lenient'])} |"
        )
        lines.append(row + (f" {s['absent']} | {s['spurious']} |" if spurious else ""))
    n = sum(s["n"] for s in stats.values())
    correct = sum(s["correct"] for s in stats.values())
    lenient = sum(s["lenient_correct"] for s in stats.values())
    total = f"| **total** | {n} | {correct} | {_pct(correct / n if n else None)} | "
    total += _pct(lenient / n if n else None) + " |"
    lines.append(total + (" | |" if spurious else ""))
    if result.name == "vbpl" and "subject" in stats:
        lines += ["", _SUBJECT_NOTE]
    tags = sorted({o.case.quality for o in result.outcomes if o.case.quality})
    if len(tags) > 1:
        lines += ["", quality_table(result, tags)]
    for ident, message in result.crashes:
        lines.append(f"- crash: `{ident}`: {message}")
    return "\n".join(lines)


def quality_table(result: DatasetResult, tags: list[str]) -> str:
    """Strict accuracy per field and quality tag (``n`` in brackets)."""
    per_tag = {t: result.stats(t) for t in tags}
    docs = {t: len({o.case.ident for o in result.outcomes if o.case.quality == t}) for t in tags}
    head = "| field (by quality) | " + " | ".join(f"{t} ({docs[t]} docs)" for t in tags) + " |"
    lines = [head, "|---|" + "---:|" * len(tags)]
    for name in result.stats():
        cells = []
        for t in tags:
            s = per_tag[t].get(name)
            cells.append(f"{_pct(s['accuracy'])} ({s['n']})" if s and s["n"] else "–")
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def measured(results: list[DatasetResult]) -> accuracy_floors.Measured:
    """The numbers of a run, as ``--json`` writes them and the floors compare them."""
    return {
        r.name: {
            "digest": r.digest,
            "docs": r.docs,
            "parsed": r.parsed,
            "unreadable": dict(r.unreadable),
            "crashes": [list(c) for c in r.crashes],
            "seconds": round(r.seconds, 2),
            "fields": r.stats(),
        }
        for r in results
    }


# --------------------------------------------------------------------------- command line


def _args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    p.add_argument("--dataset", action="append", choices=DATASETS, help="repeatable; default all")
    p.add_argument("--max-docs", type=int, help="evaluate only the first N docs of each dataset")
    p.add_argument("--json", type=Path, metavar="OUT", help="write the numbers as JSON")
    p.add_argument("--baseline", type=Path, default=BASELINE)
    p.add_argument("--check", action="store_true", help="exit 1 under the pinned floors")
    p.add_argument("--update-baseline", action="store_true", help="pin the measured floors")
    p.add_argument("--allow-lower", action="store_true", help="let --update-baseline lower")
    p.add_argument(
        "--show-errors",
        metavar="FIELD",
        choices=FIELDS + structured.STRUCTURED_FIELDS,
        help="list mismatches",
    )
    p.add_argument("--limit", type=int, default=20, help="mismatches shown (default 20)")
    p.add_argument("--kind", action="append", choices=KINDS, help="with --show-errors; repeatable")
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; see the module docstring for the options."""
    args = _args(argv)
    corpus = shared_dir() / "corpus"
    if not corpus.is_dir():
        print(f"corpus not found at {corpus} (set VANBAN_SHARED): nothing to measure")
        return 0
    if args.max_docs and (args.check or args.update_baseline):
        print("--check/--update-baseline need the whole corpus: drop --max-docs", file=sys.stderr)
        return 2
    results = []
    for name in args.dataset or DEFAULT_DATASETS:
        print(f"{name}: parsing…", file=sys.stderr, flush=True)
        results.append(run_dataset(corpus, name, args.max_docs))
    if args.show_errors in structured.STRUCTURED_FIELDS:
        docs = [d for r in results for d in r.structured_docs]
        print(structured.show(docs, args.show_errors, args.limit))
        return 0
    if args.show_errors:
        print(
            show_errors(results, args.show_errors, args.limit, kinds_shown=tuple(args.kind or ()))
        )
        return 0
    print("\n\n".join(table(r) for r in results))
    numbers = measured(results)
    if args.json:
        args.json.write_text(json.dumps(numbers, ensure_ascii=False, indent=2) + "\n", "utf-8")
    baseline = json.loads(args.baseline.read_text("utf-8")) if args.baseline.is_file() else {}
    if args.update_baseline:
        return _update(args, baseline, numbers)
    if args.check:
        problems = accuracy_floors.check(baseline, numbers)
        print("\n" + ("\n".join(f"REGRESSION {p}" for p in problems) or "check: all floors hold"))
        return 1 if problems else 0
    return 0


def _update(args: argparse.Namespace, baseline: dict[str, Any], numbers: Any) -> int:
    new, changes, lowered = accuracy_floors.update(baseline, numbers)
    if lowered and not args.allow_lower:
        print("\nrefused: these floors would go down (rerun with --allow-lower and say so):")
        print("\n".join(f"  LOWER {line}" for line in lowered))
        return 1
    args.baseline.write_text(json.dumps(new, ensure_ascii=False, indent=2) + "\n", "utf-8")
    print(f"\n{args.baseline.name}: {len(changes)} change(s)")
    for line in changes:
        print(("  LOWERED " if line in lowered else "  ") + line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
