"""Throughput of ``vanban.parse_text`` against a floor of trivial text work.

Loads every vbpl ``documents.jsonl`` text and every tvpl ``.txt`` into memory first
(not timed), then times on the same texts:

* **floor**: per text, UTF-8 encode → decode, ``unicodedata`` NFC and a handful of
  regex passes (the "Số:" line, dates, "Điều N", "Nơi nhận", citation numbers): the
  least any parser must do. Repeated ``--repeat`` times; the best run counts.
* **parse_text**: ``vanban.parse_text`` on each text, once (after one warm-up call
  that loads the rule data).

Prints docs/s and MB/s (of UTF-8 input) for both, their ratio (target: parse_text
within 3× of the floor) and the peak RSS of the process.

Usage::

    python benchmarks/speed.py                 # all texts (~600 docs, ~24 M characters)
    python benchmarks/speed.py --limit 100 --json out.json

The corpus is found at ``../shared`` beside the repository, or ``$VANBAN_SHARED``.
Exits 0 with a note when it is absent.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
import unicodedata
from pathlib import Path
from typing import Any

import regex

FLOOR_PATTERNS = [
    regex.compile(r"^\W*Số\s*:?\s*\S+", regex.MULTILINE),
    regex.compile(r"ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}"),
    regex.compile(r"^\W*Điều\s+\d+", regex.MULTILINE),
    regex.compile(r"^\W*Nơi\s+nhận", regex.MULTILINE),
    regex.compile(r"\b\d+(?:/\d{4})?/[A-ZĐ][A-ZĐ0-9-]*\b"),
]
TARGET_RATIO = 3.0


def shared_dir() -> Path:
    """The ``shared`` directory beside the repository root (``VANBAN_SHARED`` overrides)."""
    env = os.environ.get("VANBAN_SHARED")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[1] / ".." / "shared"


def load_texts(corpus: Path, limit: int | None = None) -> list[str]:
    """The vbpl texts then the tvpl ``.txt`` files, at most ``limit`` of them."""
    texts: list[str] = []
    with (corpus / "vbpl/documents.jsonl").open(encoding="utf-8") as fh:
        texts += [t for line in fh if line.strip() and (t := json.loads(line).get("text"))]
    for path in sorted((corpus / "tvpl").rglob("*.txt")):
        texts.append(path.read_text("utf-8", errors="replace"))
    return texts[:limit] if limit else texts


def floor_pass(texts: list[str]) -> int:
    """The floor's work on every text; returns the number of matches (so nothing is skipped)."""
    hits = 0
    for text in texts:
        text = unicodedata.normalize("NFC", text.encode("utf-8").decode("utf-8"))
        for pattern in FLOOR_PATTERNS:
            hits += sum(1 for _ in pattern.finditer(text))
    return hits


def parse_pass(texts: list[str]) -> int:
    """``vanban.parse_text`` on every text; returns how many came back with a number."""
    import vanban

    return sum(vanban.parse_text(text).number is not None for text in texts)


def timed(fn: Any, texts: list[str], repeat: int) -> float:
    """The best wall time of ``repeat`` runs of ``fn(texts)``."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn(texts)
        best = min(best, time.perf_counter() - start)
    return best


def peak_rss_mb() -> float:
    """Peak resident set size of this process in MB (``ru_maxrss`` is KiB on Linux)."""
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024


def measure(texts: list[str], repeat: int = 3) -> dict[str, Any]:
    """Time the floor and ``parse_text`` on ``texts``; return the numbers."""
    import vanban

    vanban.parse_text("Số: 1/QĐ-UBND\nHà Nội, ngày 1 tháng 1 năm 2025")  # loads the rule data
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    floor_s = timed(floor_pass, texts, repeat)
    parse_s = timed(parse_pass, texts, 1)
    return {
        "docs": len(texts),
        "megabytes": round(megabytes, 2),
        "floor": {"seconds": round(floor_s, 3), "docs_s": len(texts) / floor_s},
        "parse_text": {"seconds": round(parse_s, 3), "docs_s": len(texts) / parse_s},
        "floor_mb_s": megabytes / floor_s,
        "parse_mb_s": megabytes / parse_s,
        "ratio": parse_s / floor_s,
        "target_ratio": TARGET_RATIO,
        "peak_rss_mb": round(peak_rss_mb(), 1),
    }


def report(m: dict[str, Any]) -> str:
    """A Markdown table of :func:`measure`'s numbers."""
    verdict = "within" if m["ratio"] <= TARGET_RATIO else "over"
    return "\n".join(
        [
            f"{m['docs']} docs, {m['megabytes']:.1f} MB of UTF-8 text",
            "",
            "| run | seconds | docs/s | MB/s |",
            "|---|---:|---:|---:|",
            f"| floor (decode + NFC + {len(FLOOR_PATTERNS)} regex passes, best) "
            f"| {m['floor']['seconds']:.3f} | {m['floor']['docs_s']:.0f} | {m['floor_mb_s']:.1f} |",
            f"| parse_text | {m['parse_text']['seconds']:.3f} | {m['parse_text']['docs_s']:.1f} "
            f"| {m['parse_mb_s']:.2f} |",
            "",
            f"ratio parse_text / floor: {m['ratio']:.1f}× "
            f"({verdict} the {TARGET_RATIO:.0f}× target)",
            f"peak RSS: {m['peak_rss_mb']:.0f} MB",
        ]
    )


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; see the module docstring for the options."""
    p = argparse.ArgumentParser(description="Throughput of vanban.parse_text vs a text floor.")
    p.add_argument("--limit", type=int, help="use only the first N texts")
    p.add_argument("--repeat", type=int, default=3, help="floor repetitions (best counts)")
    p.add_argument("--json", type=Path, metavar="OUT", help="write the numbers as JSON")
    args = p.parse_args(argv)
    corpus = shared_dir() / "corpus"
    if not (corpus / "vbpl/documents.jsonl").is_file():
        print(f"corpus not found at {corpus} (set VANBAN_SHARED): nothing to measure")
        return 0
    numbers = measure(load_texts(corpus, args.limit), max(1, args.repeat))
    print(report(numbers))
    if args.json:
        args.json.write_text(json.dumps(numbers, indent=2) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
