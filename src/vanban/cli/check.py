"""``vanban check``: check documents against Nghị định 30/2020 and print diagnostics.

Exit status: 0 no error (warnings and notes allowed), 1 some diagnostic is an
error, 2 a file cannot be read (or a bad option).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any


def register(sub: Any) -> None:
    """Add the ``check`` subcommand."""
    p = sub.add_parser(
        "check",
        help="check documents against Nghị định 30/2020 (thể thức văn bản)",
        description="Check administrative documents against Nghị định 30/2020/NĐ-CP and "
        "print one diagnostic per line (file:line:column: code message). Exit 0 when no "
        "error, 1 when some error, 2 when a file cannot be read.",
    )
    p.add_argument("files", nargs="*", metavar="FILE", help="documents to check")
    p.add_argument("--json", action="store_true", help="print a JSON list of diagnostics")
    p.add_argument(
        "--select",
        default="",
        metavar="CODES",
        help="only these codes or prefixes, comma-separated",
    )
    p.add_argument(
        "--ignore",
        default="",
        metavar="CODES",
        help="drop these codes or prefixes, comma-separated",
    )
    p.add_argument("--list-rules", action="store_true", help="list the rules and exit")
    p.set_defaults(func=run)


def _codes(text: str) -> list[str]:
    return [c.strip() for c in text.split(",") if c.strip()]


def run(args: argparse.Namespace) -> int:
    """Check each file; print the diagnostics; return the exit status."""
    from vanban.checker import catalog, check
    from vanban.checker.report import human_line, json_text, rules_table
    from vanban.cli.parse import error_message
    from vanban.errors import VanbanError

    table = catalog()
    if args.list_rules:
        print(rules_table(table))
        return 0
    if not args.files:
        print("vanban check: no FILE given", file=sys.stderr)
        return 2
    select, ignore = _codes(args.select), _codes(args.ignore)
    unknown = [c for c in (*select, *ignore) if not any(r.startswith(c) for r in table.codes)]
    if unknown:
        print(f"vanban check: unknown rule code: {', '.join(unknown)}", file=sys.stderr)
        return 2
    everything = []
    unreadable = False
    errors = False
    for path in args.files:
        try:
            found = check(path, select=select, ignore=ignore)
        except VanbanError as exc:
            print(f"vanban check: {error_message(str(path), exc)}", file=sys.stderr)
            unreadable = True
            continue
        errors = errors or any(d.severity == "error" for d in found)
        if args.json:
            everything.extend(found)
        else:
            for d in found:
                print(human_line(d, path))
    if args.json:
        print(json_text(everything))
    if unreadable:
        return 2
    return 1 if errors else 0
