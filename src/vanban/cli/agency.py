"""``vanban agency``: resolve one agency name and print the result as JSON."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from typing import Any


def register(sub: Any) -> None:
    """Add the ``agency`` subcommand."""
    p = sub.add_parser(
        "agency",
        help='resolve an agency name (e.g. "Sở TT&TT") to its canonical body',
        description="Resolve an agency name; prints the agency, its rule, successors and issues.",
    )
    p.add_argument("name", help='the name as written, e.g. "Sở TT&TT"')
    p.add_argument("--province", help='the document\'s province, e.g. "Đắk Nông"')
    p.add_argument("--on", type=_date, help="the document's date, YYYY-MM-DD")
    p.add_argument("--rules", action="append", default=[], metavar="FILE", help="user rule file")
    p.set_defaults(func=run)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from exc


def run(args: argparse.Namespace) -> int:
    """Resolve ``args.name`` and print it as JSON."""
    from vanban.errors import RuleDataError
    from vanban.rules import load_rules, resolve_agency
    from vanban.rules.provinces import find_province

    try:
        rules = load_rules(args.rules)
    except RuleDataError as exc:
        print(f"vanban agency: {exc}", file=sys.stderr)
        return 2
    if args.province and find_province(rules, args.province, args.on) is None:
        names = ", ".join(sorted({p.name for p in rules.provinces.values()}))
        print(
            f"vanban agency: unknown province {args.province!r}; known provinces: {names}",
            file=sys.stderr,
        )
        return 2
    agency, issues = resolve_agency(args.name, province=args.province, on=args.on, rules=rules)
    out = agency.model_dump(mode="json")
    out["issues"] = [i.model_dump(mode="json") for i in issues]
    json.dump(out, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0
