"""Speed of ``vanban.parse_text`` against floors of trivial text work, in one run.

Loads every vbpl ``documents.jsonl`` text and every tvpl ``.txt`` into memory first
(not timed), then, ``--repeat`` interleaved rounds (medians count):

* **floors**: per text, UTF-8 encode → decode, ``unicodedata`` NFC and nine regex
  passes (the "Số:" line, dates, "Điều N", "Nơi nhận", citation numbers, Kính gửi,
  signing prefixes, blank runs), once with ``re`` and once with ``regex``;
* **parse_text** on each text, timed per document (after one warm-up call that
  loads the rule data).

Prints the ratio of parse_text to each floor (target ≤ 2.5× the ``re`` floor), docs/s
on one core for texts of at most 8 KB (target ≥ 1,000), the least-squares slope of
cost against size (fixed ms + ms per KB), and the cold start: a one-shot
``python -m vanban parse FILE`` against interpreter start-up plus a warm parse of
the same file (target ≤ 2×). Peak RSS too.

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
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from pathlib import Path
from typing import Any

import regex

# The floor's passes: what any parser of these documents must at least find. The same
# sources are compiled twice, with the standard library's ``re`` and with ``regex``
# (which vanban uses for ``\p{..}`` classes and fuzzy-free Unicode folding).
FLOOR_SOURCES = [
    (r"^\W*Số\s*:?\s*\S+", True),
    (r"ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}", False),
    (r"^\W*Điều\s+\d+", True),
    (r"^\W*Nơi\s+nhận", True),
    (r"\b\d+(?:/\d{4})?/[A-ZĐ][A-ZĐ0-9-]*\b", False),
    (r"^\W*Kính\s+gửi", True),
    (r"^\W*(?:KT\.|TM\.|TL\.|Q\.)", True),
    (r"[ \t]{2,}", False),
    (r"\n{3,}", False),
]
RE_FLOOR = [re.compile(s, re.MULTILINE if ml else 0) for s, ml in FLOOR_SOURCES]
REGEX_FLOOR = [regex.compile(s, regex.MULTILINE if ml else 0) for s, ml in FLOOR_SOURCES]
FLOOR_PATTERNS = REGEX_FLOOR
TARGET_RATIO = 2.5  # parse_text / re floor
TARGET_SMALL_DOCS_S = 1000.0  # per core, texts of at most SMALL_BYTES
TARGET_COLD = 2.0  # one-shot CLI / (warm parse + interpreter start-up)
SMALL_BYTES = 8 * 1024


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


def _floor(patterns: list[Any], texts: list[str]) -> int:
    hits = 0
    for text in texts:
        text = unicodedata.normalize("NFC", text.encode("utf-8").decode("utf-8"))
        for pattern in patterns:
            hits += sum(1 for _ in pattern.finditer(text))
    return hits


def floor_pass(texts: list[str]) -> int:
    """The ``regex`` floor on every text; returns the number of matches (nothing is skipped)."""
    return _floor(REGEX_FLOOR, texts)


def re_floor_pass(texts: list[str]) -> int:
    """The same floor with the standard library's ``re``."""
    return _floor(RE_FLOOR, texts)


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


def per_doc_seconds(texts: list[str]) -> list[float]:
    """``parse_text`` wall time of each text (one call each)."""
    import vanban

    out = []
    for text in texts:
        start = time.perf_counter()
        vanban.parse_text(text)
        out.append(time.perf_counter() - start)
    return out


def slope(sizes: list[int], seconds: list[float]) -> tuple[float, float]:
    """Least-squares fit ``seconds = fixed + per_kb * KB``: (fixed ms, ms per KB)."""
    kb = [s / 1024 for s in sizes]
    if len(set(kb)) < 2:  # one size only: no slope to fit
        return statistics.mean(seconds) * 1000, 0.0
    fit = statistics.linear_regression(kb, seconds)
    return fit.intercept * 1000, fit.slope * 1000


def cold_start(text: str, repeat: int) -> dict[str, float]:
    """A one-shot ``vanban parse FILE`` against interpreter start-up + a warm parse.

    Each is the median of ``repeat`` runs, interleaved so that load hits both alike.
    """
    import vanban

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "doc.txt"
        path.write_text(text, "utf-8")
        cli = [sys.executable, "-m", "vanban", "parse", str(path)]
        bare = [sys.executable, "-c", "pass"]
        one, start_up, warm = [], [], []
        for _ in range(repeat):
            for cmd, acc in ((cli, one), (bare, start_up)):
                t0 = time.perf_counter()
                subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
                acc.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            vanban.parse(path)
            warm.append(time.perf_counter() - t0)
    m = {k: statistics.median(v) for k, v in (("cli", one), ("start_up", start_up), ("warm", warm))}
    m["ratio"] = m["cli"] / (m["warm"] + m["start_up"])
    return m


def measure(texts: list[str], repeat: int = 3) -> dict[str, Any]:
    """Time both floors and ``parse_text`` on ``texts``; return the numbers.

    The three runs are interleaved ``repeat`` times and each ratio is the median of
    the per-round ratios, so that a machine loaded by other work affects both sides.
    """
    import vanban

    vanban.parse_text("Số: 1/QĐ-UBND\nHà Nội, ngày 1 tháng 1 năm 2025")  # loads the rule data
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    rounds = []
    for _ in range(repeat):
        re_s = timed(re_floor_pass, texts, 1)
        regex_s = timed(floor_pass, texts, 1)
        per_doc = per_doc_seconds(texts)
        rounds.append((re_s, regex_s, sum(per_doc), per_doc))
    med = statistics.median
    re_s = med(r[0] for r in rounds)
    regex_s = med(r[1] for r in rounds)
    parse_s = med(r[2] for r in rounds)
    sizes = [len(t.encode("utf-8")) for t in texts]
    per_doc = [med(r[3][i] for r in rounds) for i in range(len(texts))]
    small = [s for s, b in zip(per_doc, sizes, strict=True) if b <= SMALL_BYTES]
    fixed_ms, per_kb_ms = slope(sizes, per_doc)
    small_docs_s = len(small) / sum(small) if small else 0.0
    sample = min((t for t in texts if len(t.encode("utf-8")) <= SMALL_BYTES), key=len, default="")
    cold = cold_start(sample or texts[0], max(3, repeat))
    return {
        "docs": len(texts),
        "megabytes": round(megabytes, 2),
        "re_floor": {"seconds": round(re_s, 3), "docs_s": len(texts) / re_s},
        "floor": {"seconds": round(regex_s, 3), "docs_s": len(texts) / regex_s},
        "parse_text": {"seconds": round(parse_s, 3), "docs_s": len(texts) / parse_s},
        "floor_mb_s": megabytes / regex_s,
        "parse_mb_s": megabytes / parse_s,
        "ratio_re": med(r[2] / r[0] for r in rounds),
        "ratio": med(r[2] / r[1] for r in rounds),
        "target_ratio": TARGET_RATIO,
        "small": {"docs": len(small), "max_bytes": SMALL_BYTES, "docs_s": small_docs_s},
        "slope": {"fixed_ms": fixed_ms, "ms_per_kb": per_kb_ms},
        "cold": cold,
        "peak_rss_mb": round(peak_rss_mb(), 1),
    }


def report(m: dict[str, Any]) -> str:
    """A Markdown table of :func:`measure`'s numbers, with each target's verdict."""

    def verdict(ok: bool) -> str:
        return "within" if ok else "over"

    small, fit, cold = m["small"], m["slope"], m["cold"]
    return "\n".join(
        [
            f"{m['docs']} docs, {m['megabytes']:.1f} MB of UTF-8 text",
            "",
            "| run | seconds | docs/s |",
            "|---|---:|---:|",
            f"| floor, `re` (decode + NFC + {len(FLOOR_SOURCES)} passes) "
            f"| {m['re_floor']['seconds']:.3f} | {m['re_floor']['docs_s']:.0f} |",
            f"| floor, `regex` (same passes) "
            f"| {m['floor']['seconds']:.3f} | {m['floor']['docs_s']:.0f} |",
            f"| parse_text | {m['parse_text']['seconds']:.3f} | {m['parse_text']['docs_s']:.1f} |",
            "",
            f"parse_text / `re` floor: {m['ratio_re']:.1f}× "
            f"({verdict(m['ratio_re'] <= TARGET_RATIO)} the {TARGET_RATIO}× target); "
            f"/ `regex` floor: {m['ratio']:.1f}×",
            f"texts ≤ {small['max_bytes'] // 1024} KB ({small['docs']}): "
            f"{small['docs_s']:.0f} docs/s "
            f"on one core ({verdict(small['docs_s'] >= TARGET_SMALL_DOCS_S)} the "
            f"{TARGET_SMALL_DOCS_S:.0f} target)",
            f"cost vs size (least squares): {fit['fixed_ms']:.2f} ms "
            f"+ {fit['ms_per_kb']:.3f} ms/KB",
            f"cold start: `vanban parse FILE` {cold['cli'] * 1000:.0f} ms; interpreter "
            f"{cold['start_up'] * 1000:.0f} ms + warm parse {cold['warm'] * 1000:.1f} ms; "
            f"ratio {cold['ratio']:.2f}× ({verdict(cold['ratio'] <= TARGET_COLD)} the "
            f"{TARGET_COLD:.0f}× target)",
            f"peak RSS: {m['peak_rss_mb']:.0f} MB",
        ]
    )


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; see the module docstring for the options."""
    p = argparse.ArgumentParser(description="Throughput of vanban.parse_text vs a text floor.")
    p.add_argument("--limit", type=int, help="use only the first N texts")
    p.add_argument("--repeat", type=int, default=3, help="interleaved rounds (the median counts)")
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
