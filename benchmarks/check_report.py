"""`vanban check` over a real office's files: counts of diagnostics by rule.

Usage: ``python benchmarks/check_report.py [CORPUS] [--diagnostics OUT.jsonl]``
(CORPUS defaults to ../shared/corpus/lamdong). Prints a Markdown table (rule,
severity, diagnostics, documents) for the README; ``--diagnostics`` writes every
diagnostic with its file, for hand-checking (benchmarks/check_precision.md).
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
from pathlib import Path

from vanban.checker import catalog, check
from vanban.errors import VanbanError

REPO = Path(__file__).resolve().parents[1]
DEFAULT = REPO.parent / "shared" / "corpus" / "lamdong"
SUFFIXES = {".doc", ".docx", ".pdf", ".rtf", ".txt", ".md", ".html"}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--diagnostics", type=Path, help="write every diagnostic here (JSONL)")
    args = ap.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"no corpus at {args.corpus}", file=sys.stderr)
        return 2
    files = sorted(p for p in args.corpus.rglob("*") if p.suffix.lower() in SUFFIXES)
    by_rule: collections.Counter[str] = collections.Counter()
    docs_by_rule: dict[str, set[str]] = collections.defaultdict(set)
    clean = unreadable = with_error = 0
    out = args.diagnostics.open("w", encoding="utf-8") if args.diagnostics else None
    for path in files:
        name = str(path.relative_to(args.corpus))
        try:
            found = check(path)
        except VanbanError:
            unreadable += 1
            continue
        if not found:
            clean += 1
        if any(d.severity == "error" for d in found):
            with_error += 1
        for d in found:
            by_rule[d.code] += 1
            docs_by_rule[d.code].add(name)
            if out is not None:
                row = {"file": name, **d.model_dump(mode="json", exclude={"path"})}
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
    if out is not None:
        out.close()
    print(
        f"{len(files)} files: {len(files) - unreadable} checked, {unreadable} unreadable, "
        f"{with_error} with an error, {clean} with no diagnostic\n"
    )
    print("| rule | severity | diagnostics | documents |")
    print("|---|---|---:|---:|")
    for rule in catalog().rule:
        if by_rule[rule.code]:
            n, d = by_rule[rule.code], len(docs_by_rule[rule.code])
            print(f"| `{rule.code}` | {rule.severity} | {n} | {d} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
